package io.minersim.sealing.storage;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One miner's storage: the disks of the simulated machine, the paths it has open ({@code storage.json}), and Lotus's
 * sector index over them ({@code storage/paths/index.go}, {@code MemIndex}). Guarded by the miner's lock.
 *
 * <p>Where a sector's files are is derived, not stored: {@link SectorFiles} says which types a sector has on a
 * sealing path and on a storage path now, and {@link #place} picks the path as a pure function of the sector number
 * and the paths (weighted rendezvous hashing over the paths that could take the type when the sector was made:
 * open before the epoch the sector was made in, weight above 0, sealing or storing as the phase needs, allowed for the type and the miner; weight ×
 * capacity as the weight, as Lotus prefers weight × free space). Only what a caller declared or dropped by hand
 * ({@code StorageDeclareSector}, {@code StorageDropSector}) is kept, sparsely, on top. So the heap per sector is
 * flat; a path detached from the index stays known (its placement does not move other sectors' files) until it is
 * opened again.
 */
public final class StorageIndex {
    /** {@code attachedEpoch} of paths there from the start: every sector may be on them. */
    static final long FROM_START = Long.MIN_VALUE;
    /** Lotus's {@code SkippedHeartbeatThresh}. */
    static final long SKIPPED_HEARTBEAT_SECONDS = 50;
    /** What {@code ~} expands to on the simulated machine. */
    public static final String HOME = "/root";
    /** The miner's remote URL: {@code http://<API.RemoteListenAddress>/remote}, Lotus's default. */
    public static final String DEFAULT_URL = "http://127.0.0.1:2345/remote";
    /** The size of the default disk's file system: 1 PiB. */
    public static final long DEFAULT_CAPACITY = 1L << 50;
    /** The weight {@code lotus-miner init} gives the repo path. */
    public static final long DEFAULT_WEIGHT = 10;

    /** One path the index or the local store knows. */
    static final class Entry {
        PathMeta meta;
        /** The directory when the miner has it open (or had: placement needs it). */
        String localPath;
        boolean open;
        boolean attached;
        FsStat reported = FsStat.ZERO;
        String heartbeatErr;
        long lastHeartbeat;
        long attachedEpoch;
        long detachedEpoch = Long.MAX_VALUE;

        Entry(PathMeta meta) {
            this.meta = meta;
        }
    }

    record DeclKey(long miner, long number, long bit) implements Comparable<DeclKey> {
        @Override
        public int compareTo(DeclKey o) {
            int c = Long.compareUnsigned(miner, o.miner);
            if (c == 0) {
                c = Long.compareUnsigned(number, o.number);
            }
            return c != 0 ? c : Long.compare(bit, o.bit);
        }
    }

    private final SectorFiles files;
    private final long seed;
    final List<String> urls = new ArrayList<>(List.of(DEFAULT_URL));
    final Map<String, SimulatedDisk> disks = new LinkedHashMap<>();
    final Map<String, Entry> entries = new LinkedHashMap<>();
    final List<String> storageJson = new ArrayList<>();
    /** Declarations made by hand: per (sector, type), path → primary. */
    final TreeMap<DeclKey, Map<String, Boolean>> declared = new TreeMap<>();
    /** Derived declarations dropped by hand: per (sector, type), the paths. */
    final TreeMap<DeclKey, TreeSet<String>> dropped = new TreeMap<>();
    /** Whether anything changed since the default layout (the snapshot leaves an untouched index out). */
    boolean changed;

    /** Bytes per path as of a miner state, named by the miner's write count. */
    private record Usage(long stamp, Map<String, Long> bytes) {
    }

    /** The declarations' and locks' views ({@code StorageList}, {@code StorageFindSector}, locks). */
    private final SectorDeclarations declarations = new SectorDeclarations(this);

    /** The miner's write count now (set by each read, under the miner's read lock; readers agree on it). */
    private volatile long stamp = -1;
    /** The last usage computed, reused while the miner has not changed; readers racing compute the same value. */
    private volatile Usage usage;

    /** The default: one disk, the repo path, sealing and storing, opened (as {@code lotus-miner init} leaves it). */
    public StorageIndex(SectorFiles files, long seed) {
        this.files = files;
        this.seed = seed;
        SimulatedDisk d = defaultDisk(files.actorId(), seed);
        disks.put(d.localPath(), d);
        open(d, FROM_START, 0);
        storageJson.add(d.localPath());
    }

    /** The repo path's disk of a miner made with {@code seed}: its ID is a UUID drawn from the seed. */
    public static SimulatedDisk defaultDisk(long actorId, long seed) {
        return new SimulatedDisk(defaultPath(actorId), DEFAULT_CAPACITY, new PathMeta(uuid(seed, actorId), null,
                DEFAULT_WEIGHT, 0, true, true, null, null, null, null, null, null));
    }

    /** The repo directory of the simulated machine. */
    public static String defaultPath(long actorId) {
        return "/var/lib/minersim/f0" + actorId;
    }

    /** The ID of a miner's path number {@code index} when none is given: a UUID drawn from the seed (0: the repo's). */
    public static String pathId(long seed, long actorId, int index) {
        return uuid(seed + 0x5DEECE66DL * index, actorId);
    }

    /** A version-4-shaped UUID from the seed and actor. */
    static String uuid(long seed, long actorId) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed * 0x9E3779B97F4A7C15L + actorId);
        long hi = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
    }

    public SectorFiles files() {
        return files;
    }

    // ---------------------------------------------------------------------------------------------
    // reads

    /** The IDs of the paths in the index, in the order they were attached. */
    public List<String> ids() {
        List<String> out = new ArrayList<>();
        entries.forEach((id, e) -> {
            if (e.attached) {
                out.add(id);
            }
        });
        return out;
    }

    /** {@code StorageLocal}: the paths this miner has open, ID → directory. */
    public Map<String, String> local() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Entry e : entries.values()) {
            if (e.open) {
                if (!e.attached) {
                    throw new StorageException("get storage info for " + e.meta.id() + ": sector store not found");
                }
                out.put(e.meta.id(), e.localPath);
            }
        }
        return out;
    }

    /** {@code StorageInfo}. */
    public PathMeta info(String id) {
        return attached(id).meta;
    }

    private Entry attached(String id) {
        Entry e = entries.get(id);
        if (e == null || !e.attached) {
            throw new StorageException("sector store not found");
        }
        return e;
    }

    /** {@code StorageStat}: a local path's from its files, another's as last reported. */
    public FsStat stat(String id, long nowSeconds) {
        Entry e = entries.get(id);
        if (e != null && e.open) {
            return localStat(e, usage());
        }
        if (e == null || !e.attached) {
            throw new StorageException("getting remote storage info: sector store not found");
        }
        if (e.meta.urls() == null || e.meta.urls().isEmpty()) {
            throw new StorageException("no known URLs for remote storage " + id);
        }
        return e.reported;
    }

    private FsStat localStat(Entry e, Map<String, Long> usage) {
        SimulatedDisk d = disks.get(e.localPath);
        long capacity = d == null ? 0 : d.capacity();
        long used = usage.getOrDefault(e.meta.id(), 0L);
        long fsAvailable = Math.max(0, capacity - used);
        long available = fsAvailable;
        long max = e.meta.maxStorage();
        if (max > 0) {
            available = Math.max(0, Math.min(available, max - used));
            return new FsStat(capacity, available, fsAvailable, 0, max, used);
        }
        return new FsStat(capacity, available, fsAvailable, 0, 0, 0);
    }

    /** The stat the index holds for an attached path: computed for local ones. */
    FsStat indexStat(Entry e, Map<String, Long> usage) {
        return e.open ? localStat(e, usage) : e.reported;
    }

    /** Tells the index which state of the miner it is read in: its write count, which every change moves on. */
    public void at(long writeCount) {
        stamp = writeCount;
    }

    /**
     * Bytes of sector files on each path (ever opened), by ID: seal budgets while sealing, finalized ones after;
     * computed once per state of the miner (a pass over every sector).
     */
    public Map<String, Long> usage() {
        long now = stamp;
        Usage u = usage;
        if (u != null && now >= 0 && u.stamp() == now) {
            return u.bytes();
        }
        Map<String, Long> bytes = computeUsage();
        if (now >= 0) {
            usage = new Usage(now, bytes);
        }
        return bytes;
    }

    private Map<String, Long> computeUsage() {
        Entry[] all = entries.values().toArray(new Entry[0]);
        long[] used = new long[all.length];
        long size = files.sectorSize();
        files.forEach((number, created, sealing, stored) -> {
            for (SectorFileType t : SectorFileType.values()) {
                if (t.in(sealing)) {
                    int i = place(all, number, created, t, true);
                    if (i >= 0) {
                        used[i] += t.sealBytes(size);
                    }
                } else if (t.in(stored)) {
                    int i = place(all, number, created, t, false);
                    if (i >= 0) {
                        used[i] += t.finalizedBytes(size);
                    }
                }
            }
        });
        Map<String, Long> out = new HashMap<>();
        for (int i = 0; i < all.length; i++) {
            out.put(all[i].meta.id(), used[i]);
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    /** {@code StorageList}: every attached path, each with its sectors' declared types. */
    public Map<String, List<Decl>> list() {
        return declarations.list();
    }

    /** {@code StorageFindSector}. */
    public List<FoundPath> find(long miner, long number, long types, long sectorSize, boolean allowFetch,
            long nowSeconds) {
        return declarations.find(miner, number, types, sectorSize, allowFetch, nowSeconds);
    }

    /** Local paths beat every ten seconds; another is skipped when silent past Lotus's threshold or failing. */
    boolean healthy(Entry e, long nowSeconds) {
        if (e.open) {
            return true;
        }
        return nowSeconds - e.lastHeartbeat <= SKIPPED_HEARTBEAT_SECONDS && e.heartbeatErr == null;
    }

    /** {@code StorageBestAlloc}; {@code sealing} false for {@code "storage"}. */
    public List<PathMeta> bestAlloc(long types, long sectorSize, boolean sealing, long miner, long nowSeconds) {
        long need = sealing ? SectorFileType.sealSpaceUse(types, sectorSize)
                : SectorFileType.storeSpaceUse(types, sectorSize);
        Map<String, Long> usage = usage();
        List<Entry> candidates = new ArrayList<>();
        Map<Entry, BigInteger> rank = new HashMap<>();
        for (Entry e : entries.values()) {
            if (!e.attached || (sealing && !e.meta.canSeal()) || (!sealing && !e.meta.canStore())
                    || !e.meta.allowsMiner(miner)) {
                continue;
            }
            FsStat st = indexStat(e, usage);
            if (Long.compareUnsigned(need, Math.max(0, st.available())) > 0 || !healthy(e, nowSeconds)) {
                continue;
            }
            candidates.add(e);
            rank.put(e, BigInteger.valueOf(st.available()).multiply(BigInteger.valueOf(e.meta.weight())));
        }
        if (candidates.isEmpty()) {
            throw new StorageException("no good path found");
        }
        candidates.sort((a, b) -> rank.get(b).compareTo(rank.get(a)));
        return candidates.stream().map(e -> e.meta).toList();
    }

    /** {@code StorageGetLocks}: the locks running tasks hold, by sector number. */
    public List<SectorLock> locks() {
        return declarations.locks();
    }

    /**
     * {@code StorageTryLock} (and {@code StorageLock}, which fails where this answers false): whether the locks could
     * be taken now. The lock is released when the call ends, so nothing stays held.
     */
    public boolean tryLock(long miner, long number, long read, long write) {
        return declarations.tryLock(miner, number, read, write);
    }

    // ---------------------------------------------------------------------------------------------
    // placement

    /** The index in {@code all} of the path sector {@code number}'s file of type {@code t} is on, or -1. */
    int place(Entry[] all, long number, long created, SectorFileType t, boolean sealing) {
        int best = -1;
        double bestScore = 0;
        for (int i = 0; i < all.length; i++) {
            Entry e = all[i];
            PathMeta m = e.meta;
            boolean there = e.attachedEpoch == FROM_START || created > e.attachedEpoch;
            if (e.localPath == null || !there || created >= e.detachedEpoch || m.weight() <= 0
                    || (sealing ? !m.canSeal() : !m.canStore()) || !t.allowed(m.allowTypes(), m.denyTypes())
                    || !m.allowsMiner(files.actorId())) {
                continue;
            }
            SimulatedDisk d = disks.get(e.localPath);
            double weight = (double) m.weight() * (d == null ? 1 : Math.max(1, d.capacity()));
            long h = mix(seed ^ mix(number) ^ mix(m.id().hashCode() + (sealing ? 1L : 2L)));
            double u = ((h >>> 11) + 1) * 0x1.0p-53; // (0, 1]
            double score = weight / -StrictMath.log(u == 1.0 ? 0x1.fffffffffffffp-1 : u);
            if (best < 0 || score > bestScore) {
                best = i;
                bestScore = score;
            }
        }
        return best;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---------------------------------------------------------------------------------------------
    // writes

    /** Runs a change at head {@code epoch} ({@code nowSeconds} its time); a refused one changes nothing. */
    public void apply(StorageOp op, long epoch, long nowSeconds) {
        if (op instanceof StorageOp.Attach a) {
            attach(a.meta(), a.stat(), epoch, nowSeconds);
        } else if (op instanceof StorageOp.Detach d) {
            detach(d.id(), d.url(), epoch);
        } else if (op instanceof StorageOp.AddLocal a) {
            addLocal(a.path(), epoch, nowSeconds);
        } else if (op instanceof StorageOp.DetachLocal d) {
            detachLocal(d.path(), epoch);
        } else if (op instanceof StorageOp.Redeclare r) {
            redeclare(r.id(), r.dropMissing(), nowSeconds);
        } else if (op instanceof StorageOp.Declare d) {
            declare(d.id(), d.miner(), d.number(), d.types(), d.primary());
        } else if (op instanceof StorageOp.Drop d) {
            drop(d.id(), d.miner(), d.number(), d.types());
        } else if (op instanceof StorageOp.ReportHealth r) {
            reportHealth(r.id(), r.stat(), r.err(), nowSeconds);
        } else if (op instanceof StorageOp.Configure c) {
            configure(c.disks(), c.open());
        }
        changed = true;
    }

    private void attach(PathMeta meta, FsStat stat, long epoch, long nowSeconds) {
        PathMeta m = meta.withKnownTypes();
        Entry e = entries.get(m.id());
        if (e != null && e.attached) {
            List<String> merged = new ArrayList<>(e.meta.urls() == null ? List.of() : e.meta.urls());
            if (m.urls() != null) {
                for (String u : m.urls()) {
                    if (!merged.contains(u)) {
                        merged.add(u);
                    }
                }
            }
            e.meta = m.withUrls(merged);
            return;
        }
        if (e == null) {
            e = new Entry(m);
            e.attachedEpoch = epoch;
            entries.put(m.id(), e);
        } else {
            e.meta = m;
            e.detachedEpoch = Long.MAX_VALUE;
        }
        e.attached = true;
        e.reported = stat == null ? FsStat.ZERO : stat;
        e.heartbeatErr = null;
        e.lastHeartbeat = nowSeconds;
    }

    private void detach(String id, String url, long epoch) {
        Entry e = entries.get(id);
        if (e == null || !e.attached) {
            throw new StorageException("storage '" + id + "' isn't registered");
        }
        List<String> u = e.meta.urls() == null ? List.of() : e.meta.urls();
        boolean drop = true;
        if (!u.isEmpty()) {
            drop = u.size() == 1;
            if (drop && !u.get(0).equals(url)) {
                throw new StorageException("not dropping path, requested and index urls don't match ('" + url
                        + "' != '" + u.get(0) + "')");
            }
        }
        if (drop) {
            e.attached = false;
            e.detachedEpoch = Math.min(e.detachedEpoch, epoch);
            declared.values().forEach(paths -> paths.remove(id));
            declared.values().removeIf(Map::isEmpty);
            dropped.values().forEach(paths -> paths.remove(id));
            dropped.values().removeIf(java.util.Set::isEmpty);
        } else {
            List<String> rest = new ArrayList<>(u);
            rest.remove(url);
            e.meta = e.meta.withUrls(rest);
        }
    }

    /** {@code ~} expanded as Lotus's homedir.Expand does. */
    static String expand(String path) {
        if (path.equals("~") || path.startsWith("~/")) {
            return HOME + path.substring(1);
        }
        return path;
    }

    /** Go's filepath.Clean for what matters here: no trailing or doubled slashes. */
    static String clean(String path) {
        String p = path.replaceAll("/+", "/");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    private void addLocal(String rawPath, long epoch, long nowSeconds) {
        String path = expand(rawPath);
        SimulatedDisk d = disks.get(clean(path));
        if (d == null) {
            String file = clean(path) + "/sectorstore.json";
            throw new StorageException("opening local path: reading storage metadata for " + path + ": open " + file
                    + ": no such file or directory");
        }
        Entry e = entries.get(d.meta().id());
        if (e != null && e.open) {
            throw new StorageException("opening local path: path with ID " + d.meta().id() + " already opened: '"
                    + e.localPath + "'");
        }
        open(d, epoch, nowSeconds);
        storageJson.add(path);
    }

    /** Opens a disk's path and attaches it with the miner's URLs. */
    private void open(SimulatedDisk d, long epoch, long nowSeconds) {
        attach(d.meta().withUrls(urls), FsStat.ZERO, epoch, nowSeconds);
        Entry e = entries.get(d.meta().id());
        if (e.localPath == null || !e.localPath.equals(d.localPath())) {
            e.localPath = d.localPath();
        }
        e.open = true;
    }

    private void detachLocal(String rawPath, long epoch) {
        String path = expand(rawPath);
        Entry match = null;
        for (Entry e : entries.values()) {
            if (e.open && e.localPath.equals(path)) {
                match = e;
                break;
            }
        }
        if (match == null) {
            throw new StorageException("no local paths match '" + path + "'");
        }
        if (!storageJson.remove(path)) {
            throw new StorageException("path not found in storage.json");
        }
        while (storageJson.remove(path)) {
            // every entry of it goes
        }
        for (String u : urls) {
            if (match.attached) {
                detach(match.meta.id(), u, epoch);
            }
        }
        match.open = false;
    }

    private void redeclare(String id, boolean dropMissing, long nowSeconds) {
        for (Entry e : entries.values()) {
            if (!e.open || (id != null && !id.equals(e.meta.id()))) {
                continue;
            }
            SimulatedDisk d = disks.get(e.localPath);
            if (d != null) {
                attach(d.meta().withUrls(urls), FsStat.ZERO, e.attachedEpoch, nowSeconds);
            }
            String pid = e.meta.id();
            dropped.values().forEach(paths -> paths.remove(pid));
            dropped.values().removeIf(java.util.Set::isEmpty);
            if (dropMissing) {
                declared.values().forEach(paths -> paths.remove(pid));
                declared.values().removeIf(Map::isEmpty);
            }
        }
    }

    /**
     * Whether the sector's file of type {@code t} is where the state puts it ({@code place}) on path {@code id}:
     * the file exists in the sector's current state ({@code f}, null for another miner's sector) and is placed there.
     */
    private boolean derivedAt(Entry[] all, SectorFiles.Files f, long number, SectorFileType t, String id) {
        if (f == null || !(t.in(f.sealing()) || t.in(f.stored()))) {
            return false;
        }
        int i = place(all, number, f.createdEpoch(), t, t.in(f.sealing()));
        return i >= 0 && all[i].meta.id().equals(id);
    }

    private void declare(String id, long miner, long number, long types, boolean primary) {
        SectorFiles.Files f = miner == files.actorId() ? files.of(number) : null;
        Entry[] all = entries.values().toArray(new Entry[0]);
        for (SectorFileType t : SectorFileType.values()) {
            if (!t.in(types)) {
                continue;
            }
            DeclKey key = new DeclKey(miner, number, t.bit());
            TreeSet<String> drops = dropped.get(key);
            if (drops != null && drops.remove(id)) {
                if (drops.isEmpty()) {
                    dropped.remove(key);
                }
                continue;
            }
            if (derivedAt(all, f, number, t, id)) {
                continue; // already declared, primary
            }
            declared.computeIfAbsent(key, k -> new LinkedHashMap<>()).merge(id, primary, Boolean::logicalOr);
        }
    }

    private void drop(String id, long miner, long number, long types) {
        SectorFiles.Files f = miner == files.actorId() ? files.of(number) : null;
        Entry[] all = entries.values().toArray(new Entry[0]);
        for (SectorFileType t : SectorFileType.values()) {
            if (!t.in(types)) {
                continue;
            }
            DeclKey key = new DeclKey(miner, number, t.bit());
            Map<String, Boolean> byHand = declared.get(key);
            if (byHand != null && byHand.remove(id) != null && byHand.isEmpty()) {
                declared.remove(key);
            }
            if (derivedAt(all, f, number, t, id)) {
                dropped.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
            }
        }
    }

    private void reportHealth(String id, FsStat stat, String err, long nowSeconds) {
        Entry e = entries.get(id);
        if (e == null || !e.attached) {
            throw new StorageException("health report for unknown storage: " + id);
        }
        e.reported = stat == null ? FsStat.ZERO : stat;
        e.heartbeatErr = err == null || err.isEmpty() ? null : err;
        e.lastHeartbeat = nowSeconds;
    }

    private void configure(List<SimulatedDisk> newDisks, List<String> open) {
        Map<String, SimulatedDisk> byPath = new LinkedHashMap<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (SimulatedDisk d : newDisks) {
            String p = clean(d.localPath());
            if (byPath.put(p, new SimulatedDisk(p, d.capacity(), d.meta())) != null) {
                throw new StorageException("two disks at " + p);
            }
            if (!ids.add(d.meta().id())) {
                throw new StorageException("two disks with ID " + d.meta().id());
            }
        }
        java.util.Set<String> opened = new java.util.HashSet<>();
        for (String p : open) {
            if (!byPath.containsKey(clean(expand(p)))) {
                throw new StorageException("no disk at " + p + " to open");
            }
            if (!opened.add(clean(expand(p)))) {
                throw new StorageException("path " + p + " opened twice");
            }
        }
        disks.clear();
        entries.clear();
        storageJson.clear();
        declared.clear();
        dropped.clear();
        byPath.forEach(disks::put);
        for (String p : open) {
            SimulatedDisk d = byPath.get(clean(expand(p)));
            open(d, FROM_START, 0);
            storageJson.add(d.localPath());
        }
    }
}
