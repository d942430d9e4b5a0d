package io.minersim.sealing.chain;

import io.minersim.sealing.InvalidInputException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A clock that follows wall time, one epoch per {@code blockTime} of wall time (which may be shorter
 * than the chain's block delay: a devnet seals in seconds while its timestamps keep 4 s epochs, as
 * Lotus's integration tests do).
 *
 * <p>{@link #start()} runs a daemon ticker that tells listeners each new head; {@link #close()}
 * stops it. {@link #tick()} does one tick by hand, for tests with a fake wall clock.
 */
public final class ScaledRealtimeChainClock extends ChainClockBase implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ScaledRealtimeChainClock.class.getName());

    private final long startEpoch;
    private final long blockTimeNanos;
    private final LongSupplier nanoTime;
    private volatile long startNanos;
    private volatile boolean running;
    private final Object tickLock = new Object();
    private long reported;
    private ScheduledExecutorService ticker;

    public ScaledRealtimeChainClock(long startEpoch, long genesisTimestamp, long blockDelaySeconds,
            Duration blockTime, LongSupplier nanoTime) {
        super(startEpoch, genesisTimestamp, blockDelaySeconds);
        if (blockTime.isNegative() || blockTime.isZero()) {
            throw new InvalidInputException("blockTime", "block time must be positive, got " + blockTime);
        }
        this.startEpoch = startEpoch;
        this.blockTimeNanos = blockTime.toNanos();
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        this.reported = startEpoch;
    }

    public ScaledRealtimeChainClock(long startEpoch, long genesisTimestamp, long blockDelaySeconds,
            Duration blockTime) {
        this(startEpoch, genesisTimestamp, blockDelaySeconds, blockTime, System::nanoTime);
    }

    /** The start epoch until {@link #start()} or {@link #tick()} starts the clock; then it follows wall time. */
    @Override
    public long head() {
        return running ? startEpoch + (nanoTime.getAsLong() - startNanos) / blockTimeNanos : startEpoch;
    }

    /** Wall time per epoch. */
    public Duration blockTime() {
        return Duration.ofNanos(blockTimeNanos);
    }

    /** Tells listeners the head if it moved since the last tick; returns the head. */
    public long tick() {
        synchronized (tickLock) {
            begin();
            long now = head();
            if (now > reported) {
                reported = now;
                for (HeadListener l : listeners) {
                    try {
                        l.onHead(now);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.ERROR, "head listener failed at epoch " + now, e);
                    }
                }
            }
            return now;
        }
    }

    /** Starts the ticker thread; idempotent. */
    public synchronized ScaledRealtimeChainClock start() {
        begin();
        if (ticker == null) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "minersim-chain-clock");
                t.setDaemon(true);
                return t;
            });
            long period = Math.max(1_000_000L, Math.min(blockTimeNanos / 4, 250_000_000L));
            ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
        }
        return this;
    }

    private synchronized void begin() {
        if (!running) {
            startNanos = nanoTime.getAsLong();
            running = true;
        }
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            ticker = null;
        }
    }
}
