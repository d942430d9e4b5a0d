package io.minersim.sealing;

import java.util.PriorityQueue;

/**
 * The miner's timers, ordered by epoch and then by the order they were set, so that the same calls
 * give the same order of events.
 */
final class EpochScheduler {

    /** What a timer does when it fires. */
    enum Action {
        /** The sector's current state has finished its work (or its retry cooldown). */
        SECTOR,
        /** The pre-commit batcher's wait or cutoff. */
        PRECOMMIT_BATCH,
        /** The commit aggregator's wait or cutoff. */
        COMMIT_BATCH,
        /** The terminate batcher's wait. */
        TERMINATE_BATCH,
        /** A sent message has been on chain for the message confidence. */
        MESSAGE,
        /** A proving event: a Window PoSt, a recovery declaration or a deadline's close ({@link WindowPoSt}). */
        PROVING
    }

    static final class Timer implements Comparable<Timer> {
        final long epoch;
        final long seq;
        final Action action;
        final Sector sector;
        final long version;

        Timer(long epoch, long seq, Action action, Sector sector, long version) {
            this.epoch = epoch;
            this.seq = seq;
            this.action = action;
            this.sector = sector;
            this.version = version;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(epoch, o.epoch);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    private final PriorityQueue<Timer> queue = new PriorityQueue<>();
    private long seq;

    void schedule(long epoch, Action action, Sector sector, long version) {
        queue.add(new Timer(epoch, seq++, action, sector, version));
    }

    /** The next timer due at or before {@code epoch}, removed, or {@code null}. */
    Timer pollDue(long epoch) {
        Timer t = queue.peek();
        if (t == null || t.epoch > epoch) {
            return null;
        }
        return queue.poll();
    }

    /** The pending timers in firing order (a copy). */
    Timer[] pending() {
        Timer[] out = queue.toArray(new Timer[0]);
        java.util.Arrays.sort(out);
        return out;
    }

    /** The order number the next timer will get. */
    long nextSeq() {
        return seq;
    }

    /** Puts back a timer taken by {@link #pending()}, keeping its order number: for restoring a snapshot. */
    void restore(long epoch, long timerSeq, Action action, Sector sector, long version) {
        queue.add(new Timer(epoch, timerSeq, action, sector, version));
    }

    void nextSeq(long next) {
        seq = next;
    }
}
