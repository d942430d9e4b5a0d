package io.minersim.sealing.chain;

import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.SealingException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The simulator's chain clock, whose mode can change at run time: {@link Mode#MANUAL} (the head moves
 * only through {@link #advance} / {@link #advanceTo}, which return once every listener has handled
 * the new head) or {@link Mode#REAL} (one epoch per block time of wall time, moved by a ticker thread
 * once {@link #start()}ed), and a real clock can be paused and resumed. It is separate from any
 * miner, so several miners may share one clock.
 *
 * <p>Switching never moves the head backwards and never skips an epoch that was due: leaving real
 * time (for manual, a pause, or another block time) first reports the head wall time has reached,
 * and entering real time counts wall time from the current head. Every head move and every switch
 * runs under one lock, so listeners are told in epoch order, from one thread at a time.
 */
public final class SimulatedChainClock extends ChainClockBase implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(SimulatedChainClock.class.getName());

    /** How the head moves. */
    public enum Mode {
        /** Only when told ({@link #advance}, {@link #advanceTo}). */
        MANUAL,
        /** With wall time, one epoch per block time, unless paused. */
        REAL
    }

    /** The clock's settings: mode, wall time per epoch of real time, whether real time is paused. */
    public record Settings(Mode mode, Duration blockTime, boolean paused) {
    }

    private final Object lock = new Object();
    private final LongSupplier nanoTime;
    private volatile long head;
    private Mode mode;
    private long blockTimeNanos;
    private boolean paused;
    private boolean started;
    private boolean closed;
    /** Real time: the head at {@link #anchorNanos}; wall time counts from there. */
    private long anchorEpoch;
    private long anchorNanos;
    private ScheduledExecutorService ticker;

    /**
     * A clock at {@code startEpoch}. A real clock does not move before {@link #start()}.
     *
     * @param blockTime wall time per epoch when real (kept while manual, for a later switch)
     * @param nanoTime the wall clock ({@code System::nanoTime}, or a fake one in tests)
     */
    public SimulatedChainClock(long startEpoch, long genesisTimestamp, long blockDelaySeconds, Mode mode,
            Duration blockTime, LongSupplier nanoTime) {
        super(startEpoch, genesisTimestamp, blockDelaySeconds);
        this.head = startEpoch;
        this.mode = java.util.Objects.requireNonNull(mode, "mode");
        this.blockTimeNanos = checkBlockTime(blockTime);
        this.nanoTime = nanoTime;
    }

    @Override
    public long head() {
        return head;
    }

    public Settings settings() {
        synchronized (lock) {
            return new Settings(mode, Duration.ofNanos(blockTimeNanos), paused);
        }
    }

    public Mode mode() {
        synchronized (lock) {
            return mode;
        }
    }

    /** Moves a manual head forward by {@code epochs} (≥ 0); returns the new head. Refused on real time. */
    public long advance(long epochs) {
        if (epochs < 0) {
            throw new InvalidInputException("epochs", "cannot advance by a negative number of epochs: " + epochs);
        }
        synchronized (lock) {
            requireManual();
            return moveTo(Math.addExact(head, epochs));
        }
    }

    /** Moves a manual head to {@code epoch} (not behind it); returns the new head. Refused on real time. */
    public long advanceTo(long epoch) {
        synchronized (lock) {
            requireManual();
            if (epoch < head) {
                throw new InvalidInputException("epoch",
                        "cannot advance to epoch " + epoch + ": the head is already at " + head);
            }
            return moveTo(epoch);
        }
    }

    /**
     * Switches mode and/or block time ({@code null} keeps the current one). Leaving real time first
     * reports the head wall time has reached; entering it counts from the current head, unpaused.
     */
    public Settings set(Mode newMode, Duration newBlockTime) {
        long nanos = newBlockTime == null ? -1 : checkBlockTime(newBlockTime);
        synchronized (lock) {
            catchUp();
            Mode from = mode;
            mode = newMode == null ? mode : newMode;
            if (nanos > 0) {
                blockTimeNanos = nanos;
            }
            stopTicker();
            if (mode == Mode.MANUAL || from == Mode.MANUAL) {
                paused = false;
            }
            if (mode == Mode.REAL) {
                anchor();
                if (!paused) {
                    startTicker();
                }
            }
            return settings();
        }
    }

    /** Stops a real clock where wall time has brought it; a no-op when already paused. */
    public Settings pause() {
        synchronized (lock) {
            requireReal("paused");
            catchUp();
            paused = true;
            stopTicker();
            return settings();
        }
    }

    /** Lets a paused real clock run again from its head; a no-op when not paused. */
    public Settings resume() {
        synchronized (lock) {
            requireReal("resumed");
            if (paused) {
                paused = false;
                anchor();
                startTicker();
            }
            return settings();
        }
    }

    /** Starts real time (the ticker thread, when real and not paused); idempotent. */
    public SimulatedChainClock start() {
        synchronized (lock) {
            if (!started) {
                started = true;
                anchor();
                if (mode == Mode.REAL && !paused) {
                    startTicker();
                }
            }
            return this;
        }
    }

    /**
     * On real time, tells listeners the head wall time has reached, if it moved; returns the head. The
     * ticker calls it; tests with a fake wall clock call it by hand.
     */
    public long tick() {
        synchronized (lock) {
            catchUp();
            return head;
        }
    }

    /**
     * Puts the head at {@code epoch} without telling listeners, running {@code whileHeld} under the
     * clock's lock first: for restoring a miner's snapshot (the miner is already at that epoch). Real
     * time then counts from there.
     */
    public void resetHead(long epoch, Runnable whileHeld) {
        if (epoch < 0) {
            throw new InvalidInputException("epoch", "epoch must not be negative, got " + epoch);
        }
        synchronized (lock) {
            whileHeld.run();
            head = epoch;
            anchor();
        }
    }

    /** Runs {@code body} with head moves held off (no tick or advance meanwhile). */
    public <T> T holding(java.util.function.Supplier<T> body) {
        synchronized (lock) {
            return body.get();
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            stopTicker();
        }
    }

    // ------------------------------------------------------------------------------------------

    private void requireManual() {
        if (mode != Mode.MANUAL) {
            throw new SealingException("the chain follows a real clock" + (paused ? " (paused)" : "")
                    + ": switch it to manual (Sim.SetClock {\"Mode\":\"manual\"}) to advance it");
        }
    }

    private void requireReal(String what) {
        if (mode != Mode.REAL) {
            throw new SealingException("the clock is manual: only a real clock can be " + what);
        }
    }

    /** Real, running time: reports the head wall time has reached. */
    private void catchUp() {
        if (mode == Mode.REAL && !paused && started) {
            long elapsed = nanoTime.getAsLong() - anchorNanos;
            long due = anchorEpoch + Math.max(0, elapsed) / blockTimeNanos;
            if (due > head) {
                moveTo(due);
            }
        }
    }

    private void anchor() {
        anchorEpoch = head;
        anchorNanos = nanoTime.getAsLong();
    }

    private long moveTo(long epoch) {
        if (epoch != head) {
            head = epoch;
            for (HeadListener l : listeners) {
                if (mode == Mode.MANUAL) {
                    l.onHead(epoch); // the caller of advance sees a listener's failure
                } else {
                    try {
                        l.onHead(epoch);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "head listener failed at epoch " + epoch, e);
                    }
                }
            }
        }
        return epoch;
    }

    private void startTicker() {
        if (ticker != null || !started || closed) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "minersim-chain-clock");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1_000_000L, Math.min(blockTimeNanos / 4, 250_000_000L));
        ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    }

    private void stopTicker() {
        if (ticker != null) {
            ticker.shutdown();
            ticker = null;
        }
    }

    private static long checkBlockTime(Duration blockTime) {
        if (blockTime == null || blockTime.isNegative() || blockTime.isZero()) {
            throw new InvalidInputException("BlockTime", "block time must be positive, got " + blockTime);
        }
        return blockTime.toNanos();
    }
}
