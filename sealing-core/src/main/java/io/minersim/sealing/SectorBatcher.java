package io.minersim.sealing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pending queue all three of Lotus's batchers share: sectors by number (so pending lists and
 * batches come out sorted), their cutoff epochs (kept counted, so the earliest is at hand), the epoch
 * of the batcher's last loop, from which its wait runs, and the epoch its timer is armed for. The
 * miner decides when to send and what sending does.
 */
final class SectorBatcher {
    static final long NOT_ARMED = Long.MAX_VALUE;

    private final TreeMap<Long, Sector> pending = new TreeMap<>();
    private final Map<Long, Long> cutoffOf = new java.util.HashMap<>();
    private final TreeMap<Long, Integer> cutoffCounts = new TreeMap<>();
    private long lastLoopEpoch;
    /** The epoch of the live timer, or {@link #NOT_ARMED}. */
    long armedAt = NOT_ARMED;

    void add(Sector s, long cutoff, long epoch) {
        remove(s);
        pending.put(s.number, s);
        cutoffOf.put(s.number, cutoff);
        cutoffCounts.merge(cutoff, 1, Integer::sum);
        lastLoopEpoch = epoch;
    }

    boolean remove(Sector s) {
        Long cutoff = cutoffOf.remove(s.number);
        if (cutoff != null) {
            cutoffCounts.computeIfPresent(cutoff, (k, n) -> n == 1 ? null : n - 1);
        }
        return pending.remove(s.number) != null;
    }

    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    void looped(long epoch) {
        lastLoopEpoch = epoch;
    }

    /** The earliest cutoff of the pending sectors, or {@link Long#MAX_VALUE}. */
    long earliestCutoff() {
        return cutoffCounts.isEmpty() ? Long.MAX_VALUE : cutoffCounts.firstKey();
    }

    /** Lotus's timer: the wait from the last loop, or the earliest cutoff less the slack if sooner. */
    long deadline(long waitEpochs, long slackEpochs) {
        long byWait = lastLoopEpoch + waitEpochs;
        long cutoff = earliestCutoff();
        return cutoff == Long.MAX_VALUE ? byWait : Math.min(byWait, cutoff - slackEpochs);
    }

    /** Removes and returns up to {@code max} pending sectors, lowest numbers first. */
    List<Sector> take(int max) {
        List<Sector> out = new ArrayList<>(Math.min(max, pending.size()));
        while (out.size() < max && !pending.isEmpty()) {
            Sector s = pending.firstEntry().getValue();
            remove(s);
            out.add(s);
        }
        return out;
    }

    /** The cutoff epoch a pending sector joined with. */
    long cutoffOf(long number) {
        return cutoffOf.get(number);
    }

    /** The epoch of the batcher's last loop, from which its wait runs. */
    long lastLoopEpoch() {
        return lastLoopEpoch;
    }

    /** The pending sector numbers, ascending. */
    List<Long> numbers() {
        return new ArrayList<>(pending.keySet());
    }
}
