package io.minersim.sealing.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A storage index and its changes as plain values (maps, lists, strings, longs, booleans, null), for the miner's
 * snapshot and journal; the core knows no JSON library. A malformed value is refused with an
 * {@link IllegalArgumentException} naming where.
 */
public final class StorageCodec {
    private StorageCodec() {
    }

    // ---------------------------------------------------------------------------------------------
    // the index

    /** The index's whole state, or null when it is the untouched default (the snapshot then has no field). */
    public static Map<String, Object> encode(StorageIndex x) {
        if (!x.changed) {
            return null;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("URLs", new ArrayList<>(x.urls));
        List<Object> disks = new ArrayList<>();
        x.disks.values().forEach(d -> disks.add(disk(d)));
        o.put("Disks", disks);
        List<Object> paths = new ArrayList<>();
        for (StorageIndex.Entry e : x.entries.values()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("Meta", meta(e.meta));
            p.put("LocalPath", e.localPath);
            p.put("Open", e.open);
            p.put("Attached", e.attached);
            p.put("Reported", stat(e.reported));
            p.put("HeartbeatErr", e.heartbeatErr);
            p.put("LastHeartbeat", e.lastHeartbeat);
            p.put("AttachedEpoch", e.attachedEpoch);
            p.put("DetachedEpoch", e.detachedEpoch);
            paths.add(p);
        }
        o.put("Paths", paths);
        o.put("StorageJSON", new ArrayList<>(x.storageJson));
        List<Object> declared = new ArrayList<>();
        x.declared.forEach((k, byPath) -> byPath.forEach((id, primary) -> declared.add(List.of(k.miner(), k.number(),
                k.bit(), id, primary))));
        o.put("Declared", declared);
        List<Object> dropped = new ArrayList<>();
        x.dropped.forEach((k, ids) -> ids.forEach(id -> dropped.add(List.of(k.miner(), k.number(), k.bit(), id))));
        o.put("Dropped", dropped);
        return o;
    }

    /** Restores what {@link #encode} wrote into {@code x} (a fresh default index); null leaves the default. */
    public static void decode(StorageIndex x, Object value) {
        if (value == null) {
            return;
        }
        Map<String, Object> o = obj(value, "Storage");
        x.urls.clear();
        x.urls.addAll(strings(o.get("URLs"), "Storage.URLs"));
        x.disks.clear();
        for (Object d : list(o.get("Disks"), "Storage.Disks")) {
            SimulatedDisk disk = disk(d, "Storage.Disks");
            x.disks.put(disk.localPath(), disk);
        }
        x.entries.clear();
        for (Object raw : list(o.get("Paths"), "Storage.Paths")) {
            Map<String, Object> p = obj(raw, "Storage.Paths");
            StorageIndex.Entry e = new StorageIndex.Entry(meta(p.get("Meta"), "Storage.Paths.Meta"));
            e.localPath = (String) p.get("LocalPath");
            e.open = bool(p, "Open");
            e.attached = bool(p, "Attached");
            e.reported = stat(p.get("Reported"), "Storage.Paths.Reported");
            e.heartbeatErr = (String) p.get("HeartbeatErr");
            e.lastHeartbeat = lng(p, "LastHeartbeat");
            e.attachedEpoch = lng(p, "AttachedEpoch");
            e.detachedEpoch = lng(p, "DetachedEpoch");
            x.entries.put(e.meta.id(), e);
        }
        x.storageJson.clear();
        x.storageJson.addAll(strings(o.get("StorageJSON"), "Storage.StorageJSON"));
        x.declared.clear();
        for (Object raw : list(o.get("Declared"), "Storage.Declared")) {
            List<Object> d = list(raw, "Storage.Declared");
            x.declared.computeIfAbsent(new StorageIndex.DeclKey(num(d.get(0)), num(d.get(1)), num(d.get(2))),
                    k -> new LinkedHashMap<>()).put((String) d.get(3), (Boolean) d.get(4));
        }
        x.dropped.clear();
        for (Object raw : list(o.get("Dropped"), "Storage.Dropped")) {
            List<Object> d = list(raw, "Storage.Dropped");
            x.dropped.computeIfAbsent(new StorageIndex.DeclKey(num(d.get(0)), num(d.get(1)), num(d.get(2))),
                    k -> new TreeSet<>()).add((String) d.get(3));
        }
        x.changed = true;
    }

    // ---------------------------------------------------------------------------------------------
    // changes

    /** A change as a plain map with its kind in {@code Op}. */
    public static Map<String, Object> encode(StorageOp op) {
        Map<String, Object> o = new LinkedHashMap<>();
        if (op instanceof StorageOp.Attach a) {
            o.put("Op", "Attach");
            o.put("Meta", meta(a.meta()));
            o.put("Stat", stat(a.stat()));
        } else if (op instanceof StorageOp.Detach d) {
            o.put("Op", "Detach");
            o.put("ID", d.id());
            o.put("URL", d.url());
        } else if (op instanceof StorageOp.AddLocal a) {
            o.put("Op", "AddLocal");
            o.put("Path", a.path());
        } else if (op instanceof StorageOp.DetachLocal d) {
            o.put("Op", "DetachLocal");
            o.put("Path", d.path());
        } else if (op instanceof StorageOp.Redeclare r) {
            o.put("Op", "Redeclare");
            o.put("ID", r.id());
            o.put("DropMissing", r.dropMissing());
        } else if (op instanceof StorageOp.Declare d) {
            o.put("Op", "Declare");
            o.put("ID", d.id());
            o.put("Miner", d.miner());
            o.put("Number", d.number());
            o.put("Types", d.types());
            o.put("Primary", d.primary());
        } else if (op instanceof StorageOp.Drop d) {
            o.put("Op", "Drop");
            o.put("ID", d.id());
            o.put("Miner", d.miner());
            o.put("Number", d.number());
            o.put("Types", d.types());
        } else if (op instanceof StorageOp.ReportHealth r) {
            o.put("Op", "ReportHealth");
            o.put("ID", r.id());
            o.put("Stat", stat(r.stat()));
            o.put("Err", r.err());
        } else if (op instanceof StorageOp.Configure c) {
            o.put("Op", "Configure");
            List<Object> disks = new ArrayList<>();
            c.disks().forEach(d -> disks.add(disk(d)));
            o.put("Disks", disks);
            o.put("Open", new ArrayList<>(c.open()));
        }
        return o;
    }

    /** The change {@link #encode(StorageOp)} wrote. */
    public static StorageOp decodeOp(Object value) {
        Map<String, Object> o = obj(value, "Storage");
        Object kind = o.get("Op");
        if (!(kind instanceof String k)) {
            throw new IllegalArgumentException("Storage.Op: missing");
        }
        return switch (k) {
            case "Attach" -> new StorageOp.Attach(meta(o.get("Meta"), "Storage.Meta"), stat(o.get("Stat"),
                    "Storage.Stat"));
            case "Detach" -> new StorageOp.Detach((String) o.get("ID"), (String) o.get("URL"));
            case "AddLocal" -> new StorageOp.AddLocal((String) o.get("Path"));
            case "DetachLocal" -> new StorageOp.DetachLocal((String) o.get("Path"));
            case "Redeclare" -> new StorageOp.Redeclare((String) o.get("ID"), bool(o, "DropMissing"));
            case "Declare" -> new StorageOp.Declare((String) o.get("ID"), lng(o, "Miner"), lng(o, "Number"),
                    lng(o, "Types"), bool(o, "Primary"));
            case "Drop" -> new StorageOp.Drop((String) o.get("ID"), lng(o, "Miner"), lng(o, "Number"),
                    lng(o, "Types"));
            case "ReportHealth" -> new StorageOp.ReportHealth((String) o.get("ID"), stat(o.get("Stat"),
                    "Storage.Stat"), (String) o.get("Err"));
            case "Configure" -> {
                List<SimulatedDisk> disks = new ArrayList<>();
                for (Object d : list(o.get("Disks"), "Storage.Disks")) {
                    disks.add(disk(d, "Storage.Disks"));
                }
                yield new StorageOp.Configure(disks, strings(o.get("Open"), "Storage.Open"));
            }
            default -> throw new IllegalArgumentException("Storage.Op: unknown change " + k);
        };
    }

    // ---------------------------------------------------------------------------------------------
    // parts

    /** A path's metadata with Lotus's field names. */
    public static Map<String, Object> meta(PathMeta m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("ID", m.id());
        o.put("URLs", m.urls());
        o.put("Weight", m.weight());
        o.put("MaxStorage", m.maxStorage());
        o.put("CanSeal", m.canSeal());
        o.put("CanStore", m.canStore());
        o.put("Groups", m.groups());
        o.put("AllowTo", m.allowTo());
        o.put("AllowTypes", m.allowTypes());
        o.put("DenyTypes", m.denyTypes());
        o.put("AllowMiners", m.allowMiners());
        o.put("DenyMiners", m.denyMiners());
        return o;
    }

    /** The metadata {@link #meta(PathMeta)} wrote (also a scenario's {@code sectorstore.json}). */
    public static PathMeta meta(Object value, String where) {
        Map<String, Object> o = obj(value, where);
        Object id = o.get("ID");
        if (!(id instanceof String s)) {
            throw new IllegalArgumentException(where + ".ID: missing or not a string");
        }
        return new PathMeta(s, stringsOrNull(o.get("URLs"), where + ".URLs"), optLng(o, "Weight"),
                optLng(o, "MaxStorage"), Boolean.TRUE.equals(o.get("CanSeal")), Boolean.TRUE.equals(o.get("CanStore")),
                stringsOrNull(o.get("Groups"), where + ".Groups"), stringsOrNull(o.get("AllowTo"), where + ".AllowTo"),
                stringsOrNull(o.get("AllowTypes"), where + ".AllowTypes"),
                stringsOrNull(o.get("DenyTypes"), where + ".DenyTypes"),
                stringsOrNull(o.get("AllowMiners"), where + ".AllowMiners"),
                stringsOrNull(o.get("DenyMiners"), where + ".DenyMiners"));
    }

    static Map<String, Object> stat(FsStat s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Capacity", s.capacity());
        o.put("Available", s.available());
        o.put("FSAvailable", s.fsAvailable());
        o.put("Reserved", s.reserved());
        o.put("Max", s.max());
        o.put("Used", s.used());
        return o;
    }

    static FsStat stat(Object value, String where) {
        Map<String, Object> o = obj(value, where);
        return new FsStat(optLng(o, "Capacity"), optLng(o, "Available"), optLng(o, "FSAvailable"),
                optLng(o, "Reserved"), optLng(o, "Max"), optLng(o, "Used"));
    }

    static Map<String, Object> disk(SimulatedDisk d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Path", d.localPath());
        o.put("Capacity", d.capacity());
        o.put("Meta", meta(d.meta()));
        return o;
    }

    static SimulatedDisk disk(Object value, String where) {
        Map<String, Object> o = obj(value, where);
        if (!(o.get("Path") instanceof String p)) {
            throw new IllegalArgumentException(where + ".Path: missing or not a string");
        }
        return new SimulatedDisk(p, lng(o, "Capacity"), meta(o.get("Meta"), where + ".Meta"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object v, String where) {
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new IllegalArgumentException(where + ": not an object");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object v, String where) {
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        throw new IllegalArgumentException(where + ": not a list");
    }

    private static List<String> strings(Object v, String where) {
        List<String> out = new ArrayList<>();
        for (Object s : list(v, where)) {
            if (!(s instanceof String str)) {
                throw new IllegalArgumentException(where + ": not a list of strings");
            }
            out.add(str);
        }
        return out;
    }

    private static List<String> stringsOrNull(Object v, String where) {
        return v == null ? null : strings(v, where);
    }

    private static long num(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("not a number: " + v);
    }

    private static long lng(Map<String, Object> o, String key) {
        return num(o.get(key));
    }

    private static long optLng(Map<String, Object> o, String key) {
        Object v = o.get(key);
        return v == null ? 0 : num(v);
    }

    private static boolean bool(Map<String, Object> o, String key) {
        return Boolean.TRUE.equals(o.get(key));
    }
}
