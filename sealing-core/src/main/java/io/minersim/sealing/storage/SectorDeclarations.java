package io.minersim.sealing.storage;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The {@link StorageIndex}'s sector declarations as Lotus's index answers them: {@code StorageList} and
 * {@code StorageFindSector}, from the derived placement ({@link StorageIndex#place}) with the declarations and drops
 * made by hand on top, and the sector locks ({@code StorageGetLocks}, {@code StorageTryLock}). Reads the index's
 * state under the miner's lock; holds none of its own.
 */
final class SectorDeclarations {
    private final StorageIndex index;

    SectorDeclarations(StorageIndex index) {
        this.index = index;
    }

    /** {@code StorageList}: every attached path, each with its sectors' declared types. */
    Map<String, List<Decl>> list() {
        StorageIndex.Entry[] all = index.entries.values().toArray(new StorageIndex.Entry[0]);
        List<List<Decl>> out = new ArrayList<>();
        for (int i = 0; i < all.length; i++) {
            out.add(new ArrayList<>());
        }
        long actor = index.files().actorId();
        Map<Long, long[]> overlay = overlayOfOwnSectors(all);
        long[] masks = new long[all.length];
        index.files().forEach((number, created, sealing, stored) -> {
            java.util.Arrays.fill(masks, 0);
            for (SectorFileType t : SectorFileType.values()) {
                boolean seal = t.in(sealing);
                if (seal || t.in(stored)) {
                    int i = index.place(all, number, created, t, seal);
                    if (i >= 0) {
                        masks[i] |= t.bit();
                    }
                }
            }
            long[] o = overlay.remove(number);
            for (int i = 0; i < all.length; i++) {
                long m = o == null ? masks[i] : (masks[i] & ~o[2 * i + 1]) | o[2 * i];
                if (m != 0 && all[i].attached) {
                    out.get(i).add(new Decl(actor, number, m));
                }
            }
        });
        // declarations by hand of sectors without files of their own (other miners' too)
        for (Map.Entry<StorageIndex.DeclKey, Map<String, Boolean>> d : index.declared.entrySet()) {
            StorageIndex.DeclKey k = d.getKey();
            if (k.miner() == actor && index.files().of(k.number()) != null) {
                continue; // merged above
            }
            for (String id : d.getValue().keySet()) {
                int i = indexOf(all, id);
                if (i >= 0 && all[i].attached) {
                    addType(out.get(i), k.miner(), k.number(), k.bit());
                }
            }
        }
        Map<String, List<Decl>> result = new LinkedHashMap<>();
        for (int i = 0; i < all.length; i++) {
            if (all[i].attached) {
                result.put(all[i].meta.id(), out.get(i));
            }
        }
        return result;
    }

    private static void addType(List<Decl> decls, long miner, long number, long bit) {
        for (int j = decls.size() - 1; j >= 0 && j >= decls.size() - 8; j--) {
            Decl d = decls.get(j);
            if (d.miner() == miner && d.number() == number) {
                decls.set(j, new Decl(miner, number, d.types() | bit));
                return;
            }
        }
        decls.add(new Decl(miner, number, bit));
    }

    /** Per own sector with hand-made changes: per path, {added types, dropped types}. */
    private Map<Long, long[]> overlayOfOwnSectors(StorageIndex.Entry[] all) {
        Map<Long, long[]> out = new HashMap<>();
        long actor = index.files().actorId();
        index.declared.forEach((k, paths) -> {
            if (k.miner() == actor && index.files().of(k.number()) != null) {
                long[] o = out.computeIfAbsent(k.number(), n -> new long[2 * all.length]);
                for (String id : paths.keySet()) {
                    int i = indexOf(all, id);
                    if (i >= 0) {
                        o[2 * i] |= k.bit();
                    }
                }
            }
        });
        index.dropped.forEach((k, paths) -> {
            if (k.miner() == actor) {
                long[] o = out.computeIfAbsent(k.number(), n -> new long[2 * all.length]);
                for (String id : paths) {
                    int i = indexOf(all, id);
                    if (i >= 0) {
                        o[2 * i + 1] |= k.bit();
                    }
                }
            }
        });
        return out;
    }

    private static int indexOf(StorageIndex.Entry[] all, String id) {
        for (int i = 0; i < all.length; i++) {
            if (all[i].meta.id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Per path ID, per type bit of {@code types}: whether sector (miner, number) is declared there, and primary. */
    private Map<String, boolean[]> declarations(long miner, long number, long types) {
        StorageIndex.Entry[] all = index.entries.values().toArray(new StorageIndex.Entry[0]);
        Map<String, boolean[]> out = new LinkedHashMap<>(); // {count>0 marker per type..., primary}
        SectorFiles.Files f = miner == index.files().actorId() ? index.files().of(number) : null;
        for (SectorFileType t : SectorFileType.values()) {
            if (!t.in(types)) {
                continue;
            }
            StorageIndex.DeclKey key = new StorageIndex.DeclKey(miner, number, t.bit());
            if (f != null && (t.in(f.sealing()) || t.in(f.stored()))) {
                int i = index.place(all, number, f.createdEpoch(), t, t.in(f.sealing()));
                TreeSet<String> drops = index.dropped.get(key);
                if (i >= 0 && (drops == null || !drops.contains(all[i].meta.id()))) {
                    mark(out, all[i].meta.id(), t, true);
                }
            }
            Map<String, Boolean> byHand = index.declared.get(key);
            if (byHand != null) {
                byHand.forEach((id, primary) -> mark(out, id, t, primary));
            }
        }
        return out;
    }

    private static void mark(Map<String, boolean[]> out, String id, SectorFileType t, boolean primary) {
        boolean[] b = out.computeIfAbsent(id, k -> new boolean[SectorFileType.values().length + 1]);
        b[t.ordinal()] = true;
        b[b.length - 1] |= primary;
    }

    /** {@code StorageFindSector}. */
    List<FoundPath> find(long miner, long number, long types, long sectorSize, boolean allowFetch,
            long nowSeconds) {
        Map<String, boolean[]> found = declarations(miner, number, types);
        String suffix = "/" + escapePath(SectorFileType.toString(types)) + "/s-t0" + Long.toUnsignedString(miner) + "-"
                + Long.toUnsignedString(number);
        List<FoundPath> out = new ArrayList<>();
        java.util.Set<String> allowTo = new java.util.HashSet<>();
        boolean anyGroup = true;
        for (Map.Entry<String, boolean[]> f : found.entrySet()) {
            StorageIndex.Entry e = index.entries.get(f.getKey());
            if (e == null || !e.attached) {
                continue;
            }
            int n = 0;
            for (int k = 0; k < f.getValue().length - 1; k++) {
                n += f.getValue()[k] ? 1 : 0;
            }
            if (anyGroup && e.meta.allowTo() != null && !e.meta.allowTo().isEmpty()) {
                allowTo.addAll(e.meta.allowTo());
            } else {
                anyGroup = false;
            }
            out.add(new FoundPath(e.meta, fileUrls(e.meta, suffix), e.meta.weight() * n,
                    f.getValue()[f.getValue().length - 1]));
        }
        if (allowFetch) {
            long need = SectorFileType.sealSpaceUse(types, sectorSize);
            Map<String, Long> usage = index.usage();
            for (StorageIndex.Entry e : index.entries.values()) {
                if (!e.attached || !e.meta.canSeal() || !e.meta.allowsMiner(miner)
                        || Long.compareUnsigned(need, Math.max(0, index.indexStat(e, usage).available())) > 0
                        || !index.healthy(e, nowSeconds) || found.containsKey(e.meta.id())
                        || !SectorFileType.anyAllowed(types, e.meta.allowTypes(), e.meta.denyTypes())) {
                    continue;
                }
                if (anyGroup && (e.meta.groups() == null || e.meta.groups().stream().noneMatch(allowTo::contains))) {
                    continue;
                }
                out.add(new FoundPath(e.meta, fileUrls(e.meta, suffix), 0, false));
            }
        }
        return out;
    }

    private static List<String> fileUrls(PathMeta meta, String suffix) {
        List<String> out = new ArrayList<>();
        if (meta.urls() != null) {
            for (String u : meta.urls()) {
                String base = u;
                while (base.endsWith("/")) {
                    base = base.substring(0, base.length() - 1);
                }
                out.add(base + suffix);
            }
        }
        return out;
    }

    /** Go's URL path escaping of what {@code SectorFileType.String()} can hold. */
    private static String escapePath(String s) {
        return s.replace("%", "%25").replace(" ", "%20").replace("<", "%3C").replace(">", "%3E").replace("[", "%5B")
                .replace("]", "%5D");
    }

    /** {@code StorageGetLocks}: the locks running tasks hold, by sector number. */
    List<SectorLock> locks() {
        List<SectorLock> out = new ArrayList<>();
        long actor = index.files().actorId();
        index.files().forEachLocked((number, read, write) -> out.add(lockOf(actor, number, read, write)));
        return out;
    }

    private static SectorLock lockOf(long actor, long number, int read, int write) {
        int n = SectorFileType.values().length;
        int[] w = new int[n];
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            w[i] = (write >> i) & 1;
            r[i] = (read >> i) & 1;
        }
        return new SectorLock(actor, number, w, r);
    }

    /**
     * {@code StorageTryLock} (and {@code StorageLock}, which fails where this answers false): whether the locks could
     * be taken now. The lock is released when the call ends, so nothing stays held.
     */
    boolean tryLock(long miner, long number, long read, long write) {
        if ((read | write) == 0) {
            return false;
        }
        if ((read | write) > SectorFileType.ALL) {
            throw new StorageException("unknown file types specified");
        }
        if (miner != index.files().actorId()) {
            return true;
        }
        SectorFiles.Locks held = index.files().locksOf(number);
        return (write & held.read()) == 0 && (held.write() & read) == 0 && (held.write() & write) == 0;
    }
}
