package io.minersim.app.state;

import io.minersim.app.world.Durability;
import io.minersim.app.world.MinerHost;
import io.minersim.app.world.World;
import io.minersim.sealing.MinerCall;
import io.minersim.sealing.chain.SimulatedChainClock;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A world's {@link Durability} on disk: every change goes to the {@link Journal}; a compactor thread writes a new
 * snapshot and drops the journal before it once replaying the journal would take long (by default 250 ms of the
 * miners' lock time, which a cold start replays several times slower; 64 MiB; or 500,000 records; counting what a
 * start replayed), never spending more than a tenth of the time on compaction.
 */
public final class DiskState implements Durability, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DiskState.class.getName());

    /** Compact once the journal holds this much replay (lock) time. */
    static final long COST_LIMIT_NANOS = Long.getLong("minersim.compact.nanos", 250_000_000L);
    static final long BYTE_LIMIT = Long.getLong("minersim.compact.bytes", 64L << 20);
    static final long RECORD_LIMIT = Long.getLong("minersim.compact.records", 500_000L);

    private final Path dir;
    private final World world;
    private final Journal journal;
    /** Held while a compaction runs (one at a time). */
    private final Object compactLock = new Object();
    /** Where the compactor waits for the journal's writer to say it may be due. */
    private final Object wake = new Object();
    private final Thread compactor;
    private volatile boolean closed;
    /** When the last compaction ended, and how long it took (nanoTime). */
    private volatile long lastCompactionEnd = System.nanoTime();
    private volatile long lastCompactionNanos;
    private volatile long compactions;
    /** The replay time of the journal a start replayed (still in the files until the next compaction). */
    private volatile long inherited;

    private DiskState(Path dir, World world, long nextSeq, Journal.Sync sync) throws IOException {
        this.dir = dir;
        this.world = world;
        this.journal = new Journal(dir, nextSeq, this::maybeWake, sync);
        this.compactor = new Thread(this::compactLoop, "minersim-compactor");
        compactor.setDaemon(true);
        compactor.start();
    }

    /** Starts recording {@code world}'s changes in {@code dir}, from sequence number {@code nextSeq} on. */
    static DiskState attach(Path dir, World world, long nextSeq, Journal.Sync sync, long replayedNanos)
            throws IOException {
        DiskState d = new DiskState(dir, world, nextSeq, sync);
        d.inherited = replayedNanos;
        world.durability(d);
        return d;
    }

    // ------------------------------------------------------------------------------------------ Durability

    @Override
    public long recordCall(MinerHost host, MinerCall call, boolean failed, long nanos) {
        int miner = host.index();
        return journal.append(seq -> new JournalEntry.Call(seq, miner, call, failed, nanos));
    }

    @Override
    public long recordHead(MinerHost host, long epoch, long wallMillis, long nanos) {
        int miner = host.index();
        return journal.append(seq -> new JournalEntry.Head(seq, miner, epoch, wallMillis, nanos));
    }

    @Override
    public long recordClock(SimulatedChainClock.Settings settings, long wallMillis) {
        return journal.append(seq -> new JournalEntry.Clock(seq, settings, wallMillis));
    }

    @Override
    public void await() {
        journal.awaitAll();
    }

    @Override
    public void backup(Path file) throws IOException {
        compact(file);
    }

    /**
     * Writes a consistent copy of {@code world} to {@code file}: through its disk state's compaction when it has one
     * (a new snapshot as a side effect), else straight from the miners' states (each under its read lock).
     */
    public static void backup(World world, Path file) throws IOException {
        if (world.durability() instanceof DiskState d) {
            d.backup(file);
            return;
        }
        World.ClockSnapshot clock = world.clockSnapshot();
        List<MinerHost.State> states = new ArrayList<>();
        long cut = 1;
        for (MinerHost h : world.hosts()) {
            MinerHost.State st = h.state();
            states.add(st);
            cut = Math.max(cut, st.lastSeq() + 1);
        }
        checkParent(file);
        StateFiles.writeSnapshot(file, StateFiles.json(WorldCodec.encode(world.profile(), clock, states, cut)));
    }

    private static void checkParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new java.nio.file.NoSuchFileException(parent.toString(), null, "no such directory");
        }
    }

    /** How many compactions ran. */
    public long compactions() {
        return compactions;
    }

    // ------------------------------------------------------------------------------------------ compaction

    /**
     * Writes a snapshot of the whole world and drops the journal before it: the journal is cut (later changes go
     * to a new segment), then each miner's state is taken under its read lock with the sequence number of its
     * last change, the clock's under the clock's lock. Also writes the snapshot to {@code copy} when given.
     */
    void compact(Path copy) throws IOException {
        if (copy != null) {
            checkParent(copy);
        }
        synchronized (compactLock) {
            long start = System.nanoTime();
            long cut = journal.rotate();
            World.ClockSnapshot clock = world.clockSnapshot();
            List<MinerHost.State> states = new ArrayList<>();
            for (MinerHost h : world.hosts()) {
                states.add(h.state());
            }
            byte[] body = StateFiles.json(WorldCodec.encode(world.profile(), clock, states, cut));
            StateFiles.writeSnapshot(dir.resolve(StateFiles.snapshotName(cut)), body);
            if (copy != null) {
                StateFiles.writeSnapshot(copy, body);
            }
            dropBefore(dir, cut);
            inherited = 0;
            lastCompactionNanos = System.nanoTime() - start;
            lastCompactionEnd = System.nanoTime();
            compactions++;
        }
    }

    /** Deletes the snapshots and journal segments a snapshot at {@code cut} makes useless. */
    static void dropBefore(Path dir, long cut) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                long snap = StateFiles.seqOf(name, "snapshot-", ".json");
                long seg = StateFiles.seqOf(name, "journal-", ".log");
                if ((snap >= 0 && snap < cut) || (seg >= 0 && seg < cut)) {
                    Files.deleteIfExists(f);
                }
            }
        }
        StateFiles.fsyncDir(dir);
    }

    private boolean due() {
        boolean big = journal.nanosSinceCut() + inherited >= COST_LIMIT_NANOS || journal.bytesSinceCut() >= BYTE_LIMIT
                || journal.recordsSinceCut() >= RECORD_LIMIT;
        // at most a tenth of the time goes to compaction (a snapshot holds each miner's read lock while taken)
        return big && System.nanoTime() - lastCompactionEnd >= 9 * lastCompactionNanos;
    }

    private void maybeWake() {
        if (due()) {
            synchronized (wake) {
                wake.notifyAll();
            }
        }
    }

    private void compactLoop() {
        while (!closed) {
            synchronized (wake) {
                try {
                    wake.wait(1_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (!closed && due()) {
                try {
                    compact(null);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "compacting the state in " + dir + " failed: " + e);
                    System.err.println("minersim: warning: compacting the state in " + dir + " failed ("
                            + e.getMessage() + "); the journal keeps growing");
                }
            }
        }
    }

    /**
     * Stops compacting and writes what the journal holds; first writes a last snapshot when the journal holds
     * enough to make the next start slower (over 100 ms of replay or 1 MiB), so a clean stop starts fast.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        try {
            compactor.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            if (journal.nanosSinceCut() + inherited >= 100_000_000L || journal.bytesSinceCut() >= (1 << 20)) {
                compact(null);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("minersim: warning: the last compaction failed (" + e.getMessage()
                    + "); the journal is kept and replayed at the next start");
        }
        journal.close();
    }
}
