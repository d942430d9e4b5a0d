package io.minersim.app.state;

import io.minersim.app.world.MinerHost;
import io.minersim.app.world.World;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.chain.SimulatedChainClock;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A repo's state directory, {@code REPO/state/}, held for one run: {@link #open} takes the repo's lock
 * ({@code REPO/repo.lock}, an OS file lock, so a second run on the repo is refused and a {@code kill -9} leaves no
 * stale lock), then the world is restored from it ({@link #recover}) or a new one saved in it ({@link #create}).
 */
public final class StateStore implements AutoCloseable {
    public static final String DIR = "state";
    public static final String LOCK = "repo.lock";

    /**
     * The lock files this process holds. A second channel on a held lock file must never be opened: closing it
     * would drop the process's lock (POSIX locks belong to the process, not the channel).
     */
    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Path repo;
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private Journal.Sync sync = Journal.Sync.OS;

    private StateStore(Path repo, FileChannel lockChannel, FileLock lock) {
        this.repo = repo;
        this.dir = repo.resolve(DIR);
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes the repo's lock; refused while another run holds it. */
    public static StateStore open(Path repo) {
        Path root = repo.toAbsolutePath().normalize();
        Path lockFile = root.resolve(LOCK);
        if (!HELD.add(lockFile)) {
            throw new StateException("another minersim run holds the repo " + root + " (its lock " + lockFile
                    + " is taken): stop it first, or use another --repo");
        }
        FileChannel ch = null;
        try {
            Files.createDirectories(root);
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // this very process holds it
            }
            if (l == null) {
                ch.close();
                HELD.remove(lockFile);
                throw new StateException("another minersim run holds the repo " + root + " (its lock " + lockFile
                        + " is taken): stop it first, or use another --repo");
            }
            ch.truncate(0);
            ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
            return new StateStore(root, ch, l);
        } catch (IOException e) {
            try {
                if (ch != null) {
                    ch.close();
                }
            } catch (IOException ignored) {
                // already failing
            }
            HELD.remove(lockFile);
            throw new StateException("cannot lock the repo " + root + " (" + lockFile + "): " + e.getMessage(), e);
        }
    }

    /** Whether a run on the repo holds its lock now (for the command line: is the {@code api} file live?). */
    public static boolean locked(Path repo) {
        Path lockFile = repo.toAbsolutePath().normalize().resolve(LOCK);
        if (HELD.contains(lockFile)) {
            return true;
        }
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (RandomAccessFile f = new RandomAccessFile(lockFile.toFile(), "rw"); FileChannel ch = f.getChannel()) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public Path repo() {
        return repo;
    }

    /**
     * When a changing call may answer, from now on: {@code os} (the default: once its change is written to the
     * operating system, so it survives any end of the process, kill -9 included; the journal is fsynced every 5 ms)
     * or {@code fsync} (once its change is fsynced, so it survives a power cut too).
     */
    public StateStore sync(String mode) {
        this.sync = switch (mode.toLowerCase(java.util.Locale.ROOT)) {
            case "fsync" -> Journal.Sync.FSYNC;
            case "os" -> Journal.Sync.OS;
            default -> throw new IllegalArgumentException("--sync must be fsync or os, not '" + mode + "'");
        };
        return this;
    }

    public Path dir() {
        return dir;
    }

    /** Whether the repo holds a saved world (any snapshot or journal). */
    public boolean hasState() {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (StateFiles.seqOf(n, "snapshot-", ".json") >= 0 || StateFiles.seqOf(n, "journal-", ".log") >= 0) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new StateException("cannot read the state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Moves the saved world out of the way, whole and untouched, to {@code REPO/state.<UTC time>} (returned), so
     * the run starts empty; null when there was nothing to move.
     */
    public Path setAside() {
        if (!Files.exists(dir)) {
            return null;
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        Path aside = repo.resolve(DIR + "." + stamp);
        for (int i = 2; Files.exists(aside); i++) {
            aside = repo.resolve(DIR + "." + stamp + "-" + i);
        }
        try {
            Files.move(dir, aside);
            StateFiles.fsyncDir(repo);
            return aside;
        } catch (IOException e) {
            throw new StateException("cannot move the state directory " + dir + " aside to " + aside + ": "
                    + e.getMessage(), e);
        }
    }

    /** What {@link #recover} restored. */
    public record Recovered(World world, DiskState state, long snapshotSeq, int replayed, String tornNote,
            List<String> divergences, long nanos) {
    }

    /**
     * Restores the world from the newest snapshot and the journal after it, then records from there on. The world
     * hears its clock and records to the returned state; start it once its endpoints are up. A damaged file or one
     * of another version is refused ({@link StateException}) and nothing is changed.
     */
    public Recovered recover() {
        long t0 = System.nanoTime();
        TreeMap<Long, Path> snapshots = new TreeMap<>();
        TreeMap<Long, Path> segments = new TreeMap<>();
        list(snapshots, segments);
        if (snapshots.isEmpty()) {
            throw new StateException("the state directory " + dir + " is damaged: it holds "
                    + (segments.isEmpty() ? "no snapshot" : "journal files but no snapshot")
                    + "; run with --fresh to keep it aside and start empty");
        }
        Map.Entry<Long, Path> newest = snapshots.lastEntry();
        Path snapFile = newest.getValue();
        WorldCodec.Doc doc = WorldCodec.decode(snapFile, StateFiles.readSnapshot(snapFile));
        List<JournalReader.Segment> read = new ArrayList<>();
        List<Map.Entry<Long, Path>> tail = new ArrayList<>(segments.tailMap(doc.cut(), true).entrySet());
        long expected = doc.cut();
        for (int i = 0; i < tail.size(); i++) {
            Map.Entry<Long, Path> e = tail.get(i);
            if (e.getKey() > expected) {
                throw new StateException("the journal file " + e.getValue() + " starts at record " + e.getKey()
                        + " but the records before it end at " + (expected - 1) + ": a journal file is missing");
            }
            JournalReader.Segment seg = JournalReader.read(e.getValue(), e.getKey(), i == tail.size() - 1);
            read.add(seg);
            if (!seg.entries().isEmpty()) {
                expected = Math.max(expected, seg.entries().get(seg.entries().size() - 1).seq() + 1);
            }
        }
        World world;
        try {
            world = World.resume(doc.profile(), doc.clock(), doc.miners(), doc.clockSeq());
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new StateException("the state file " + snapFile + " is damaged: "
                    + StateFiles.oneLine(e.getMessage()), e);
        }
        int replayed = 0;
        long replayStart = System.nanoTime();
        long nextSeq = doc.nextSeq();
        List<String> divergences = new ArrayList<>();
        String torn = null;
        JournalEntry.Clock clock = null;
        try {
            world.hosts().forEach(h -> h.quiet(true));
            for (JournalReader.Segment seg : read) {
                for (JournalEntry e : seg.entries()) {
                    nextSeq = Math.max(nextSeq, e.seq() + 1);
                    if (e instanceof JournalEntry.Clock k) {
                        if (k.seq() > doc.clockSeq()) {
                            clock = k;
                        }
                        continue;
                    }
                    int m = e instanceof JournalEntry.Call c ? c.miner() : ((JournalEntry.Head) e).miner();
                    if (m < 0 || m >= world.hosts().size()) {
                        throw new StateException("the journal file " + seg.file() + " is damaged: record " + e.seq()
                                + " names miner " + m + " of " + world.hosts().size());
                    }
                    MinerHost host = world.hosts().get(m);
                    if (e.seq() <= host.lastSeq()) {
                        continue; // the snapshot holds it
                    }
                    replayed++;
                    if (e instanceof JournalEntry.Head h) {
                        try {
                            host.replayHead(h.epoch(), h.wall(), h.seq());
                        } catch (RuntimeException ex) {
                            // it failed when it ran too (a manual clock's caller saw it); the state is as then
                        }
                    } else {
                        JournalEntry.Call c = (JournalEntry.Call) e;
                        boolean failed = host.replayCall(c.call(), c.seq());
                        if (failed != c.failed()) {
                            divergences.add("record " + c.seq() + " (" + c.call().getClass().getSimpleName() + " on "
                                    + host.config().actorAddress() + ") " + (failed ? "failed" : "succeeded")
                                    + " on replay but " + (c.failed() ? "failed" : "succeeded") + " when it ran");
                        }
                    }
                }
                if (seg.torn()) {
                    torn = "dropped an unfinished record at the end of " + seg.file() + " (" + seg.tornWhy()
                            + "): a write cut by the stop, never acknowledged";
                }
            }
        } catch (RuntimeException e) {
            world.close();
            throw e;
        } finally {
            world.hosts().forEach(h -> h.quiet(false));
        }
        if (clock != null) {
            world.restoreClockSettings(clock.settings(), clock.seq());
        }
        // from here on the files change: cut torn tails back, drop what the snapshot made useless
        DiskState state;
        try {
            for (JournalReader.Segment seg : read) {
                if (seg.cut()) {
                    try (FileChannel ch = FileChannel.open(seg.file(), StandardOpenOption.WRITE)) {
                        ch.truncate(seg.goodLength());
                        ch.force(true);
                    }
                }
            }
            DiskState.dropBefore(dir, newest.getKey());
            world.listen();
            state = DiskState.attach(dir, world, nextSeq, sync, replayed == 0 ? 0 : System.nanoTime() - replayStart);
        } catch (IOException e) {
            world.close();
            throw new StateException("cannot write in the state directory " + dir + ": " + e.getMessage(), e);
        }
        world.replayed();
        return new Recovered(world, state, newest.getKey(), replayed, torn, divergences, System.nanoTime() - t0);
    }

    /**
     * Saves a new world: its first snapshot (the state the run starts from), then a journal. The world then hears
     * its clock and records its changes.
     */
    public DiskState create(World world) {
        try {
            Files.createDirectories(dir);
            long cut = 1;
            List<MinerHost.State> states = new ArrayList<>();
            for (MinerHost h : world.hosts()) {
                states.add(h.state());
            }
            byte[] body = StateFiles.json(WorldCodec.encode(world.profile(), world.clockSnapshot(), states, cut));
            StateFiles.writeSnapshot(dir.resolve(StateFiles.snapshotName(cut)), body);
            return DiskState.attach(dir, world, cut, sync, 0);
        } catch (IOException e) {
            throw new StateException("cannot write in the state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes a backup ({@code CreateBackup}'s or {@code minersim backup}'s file) the state to start from: it is
     * checked whole first (a damaged one, or one of another version, is refused and nothing changes), then copied
     * in. The repo must hold no state (set it aside first).
     */
    public void importBackup(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StateException("the backup " + file + " does not exist or is not a file");
        }
        WorldCodec.Doc doc = WorldCodec.decode(file, StateFiles.readSnapshot(file));
        World world;
        try {
            world = World.resume(doc.profile(), doc.clock(), doc.miners(), doc.clockSeq());
        } catch (InvalidInputException | IllegalArgumentException e) {
            throw new StateException("the backup " + file + " is damaged: " + StateFiles.oneLine(e.getMessage()), e);
        }
        world.close();
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(StateFiles.snapshotName(doc.cut()));
            Files.copy(file, target.resolveSibling(target.getFileName() + ".tmp"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (FileChannel ch = FileChannel.open(target.resolveSibling(target.getFileName() + ".tmp"),
                    StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(target.resolveSibling(target.getFileName() + ".tmp"), target,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            StateFiles.fsyncDir(dir);
        } catch (IOException e) {
            throw new StateException("cannot copy the backup " + file + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a backup of the saved world without running it (for {@code minersim backup --offline}): the world is
     * restored from the state, replayed, and written whole to {@code file}.
     */
    public void backupOffline(Path file) {
        Recovered r = recover();
        try {
            r.state().backup(file);
        } catch (IOException e) {
            throw new StateException("cannot write the backup " + file + ": " + e.getMessage(), e);
        } finally {
            r.world().close();
            r.state().close();
        }
    }

    private void list(TreeMap<Long, Path> snapshots, TreeMap<Long, Path> segments) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                long s = StateFiles.seqOf(n, "snapshot-", ".json");
                if (s >= 0) {
                    snapshots.put(s, f);
                }
                long j = StateFiles.seqOf(n, "journal-", ".log");
                if (j >= 0) {
                    segments.put(j, f);
                }
            }
        } catch (IOException e) {
            throw new StateException("cannot read the state directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Releases the repo's lock. */
    @Override
    public synchronized void close() {
        if (!lockChannel.isOpen()) {
            return;
        }
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            // the process ends soon; the OS drops the lock with it
        } finally {
            HELD.remove(repo.resolve(LOCK));
        }
    }

    /** For messages: a clock's settings in words. */
    static String describe(SimulatedChainClock.Settings s) {
        return s.mode().name().toLowerCase(java.util.Locale.ROOT) + (s.paused() ? " (paused)" : "");
    }
}
