package io.minersim.sealing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The pending queue all three of Lotus's batchers share: sectors by number (so pending lists and
 * batches come out sorted), each with its cutoff epoch, and the epoch of the batcher's last loop,
 * from which its wait timer runs. The miner decides when to send and what sending does.
 */
final class SectorBatcher {
    private final TreeMap<Long, Sector> pending = new TreeMap<>();
    private final TreeMap<Long, Long> cutoffs = new TreeMap<>();
    private long lastLoopEpoch;
    /** Bumped whenever the timer is re-armed; a timer of an older generation is stale. */
    long generation;

    void add(Sector s, long cutoff, long epoch) {
        pending.put(s.number, s);
        cutoffs.put(s.number, cutoff);
        lastLoopEpoch = epoch;
    }

    boolean remove(Sector s) {
        cutoffs.remove(s.number);
        return pending.remove(s.number) != null;
    }

    boolean contains(Sector s) {
        return pending.get(s.number) == s;
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
        long min = Long.MAX_VALUE;
        for (long c : cutoffs.values()) {
            min = Math.min(min, c);
        }
        return min;
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
            Map.Entry<Long, Sector> e = pending.pollFirstEntry();
            cutoffs.remove(e.getKey());
            out.add(e.getValue());
        }
        return out;
    }

    /** The pending sector numbers, ascending. */
    List<Long> numbers() {
        return new ArrayList<>(pending.keySet());
    }
}
