package io.minersim.sealing;

import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A miner's one read-write lock: reads take the read lock; a write takes the write lock, runs, runs
 * everything it made due ({@link Pipeline#settle}), tells the {@link CallRecorder} of an outermost
 * call (failed or not, with the time it held the lock), and completes the futures of pieces placed
 * meanwhile once the lock is released, so a caller's continuation never runs inside it.
 */
final class MinerLock {

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Pipeline pipeline;
    /** Bumped by every write, inside the write lock. */
    private volatile long writeCount;
    /** How deep the current writer is in nested writes (an exclusive section and the calls in it). */
    private int depth;
    /** When the outermost write took the lock. */
    private long lockedAt;
    /** Told of every outermost call; null: nobody listens. Set under the write lock. */
    private CallRecorder recorder;

    MinerLock(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    long writeCount() {
        return writeCount;
    }

    /** Sets the recorder; called under the write lock. */
    void recorder(CallRecorder r) {
        recorder = r;
    }

    <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    void run(Supplier<MinerCall> call, Runnable body) {
        write(call, () -> {
            body.run();
            return null;
        });
    }

    /** A write; {@code call} (made only for an outermost write, and only when someone records) names it. */
    @SuppressWarnings("NonAtomicVolatileUpdate") // only the write-lock holder updates it
    <T> T write(Supplier<MinerCall> call, Supplier<T> body) {
        List<Runnable> completions = List.of();
        T result;
        boolean failed = true;
        lock.writeLock().lock();
        if (depth++ == 0 && recorder != null) {
            lockedAt = System.nanoTime(); // only a recorder reads it
        }
        try {
            result = body.get();
            pipeline.settle();
            failed = false;
        } finally {
            writeCount++;
            if (--depth == 0) {
                CallRecorder r = recorder;
                if (r != null && call != null) {
                    r.record(call.get(), failed, System.nanoTime() - lockedAt);
                }
                List<Runnable> placed = pipeline.placedPieces;
                completions = placed.isEmpty() ? List.of() : List.copyOf(placed);
                placed.clear();
            }
            lock.writeLock().unlock();
        }
        completions.forEach(Runnable::run);
        return result;
    }
}
