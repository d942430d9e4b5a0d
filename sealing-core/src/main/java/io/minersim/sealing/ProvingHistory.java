package io.minersim.sealing;

import io.minersim.sealing.proving.MinerProving;
import io.minersim.sealing.proving.ProvingSnapshot;
import java.util.Map;
import java.util.TreeMap;

/**
 * The proving state of each epoch of a retained window below the head, as a full node's state store keeps recent
 * states: a {@link ProvingSnapshot} taken each time the head moves (the state an epoch ends with holds until the next
 * move), sharing what did not change with the one before. States older than {@link #RETAINED_EPOCHS} below the head
 * are dropped, as Lotus's splitstore drops them from its hot store; so are states from before the miner was restored
 * from a snapshot (they are derived views, not simulation state: a replayed call log rebuilds them). Guarded by the
 * miner's lock.
 */
final class ProvingHistory {
    /** How far below the head states are kept: Lotus's chain finality, 900 epochs. */
    static final long RETAINED_EPOCHS = 900;

    /** Epoch → the state from that epoch until the next entry's. */
    private final TreeMap<Long, ProvingSnapshot> states = new TreeMap<>();
    private ProvingSnapshot last;

    /**
     * The head moves from {@code from} to {@code to} (on the way to {@code target}): the state now is the state of
     * epochs {@code from .. to-1}. Nothing is kept when those are all out of the window at the target already.
     */
    void headMoving(long from, long to, long target, MinerProving proving) {
        if (to <= target - RETAINED_EPOCHS) {
            return;
        }
        last = ProvingSnapshot.of(proving, last);
        states.put(from, last);
        // drop what the window no longer reaches, keeping the state the window's oldest epoch is in
        Map.Entry<Long, ProvingSnapshot> oldest = states.floorEntry(target - RETAINED_EPOCHS);
        if (oldest != null) {
            states.headMap(oldest.getKey(), false).clear();
        }
    }

    /** The proving state at {@code epoch} (below {@code head}), or null when it is not retained. */
    ProvingSnapshot at(long epoch, long head) {
        if (epoch < head - RETAINED_EPOCHS || epoch >= head) {
            return null;
        }
        Map.Entry<Long, ProvingSnapshot> e = states.floorEntry(epoch);
        return e == null ? null : e.getValue();
    }

    /** Forgets every state (the miner's state was replaced whole). */
    void clear() {
        states.clear();
        last = null;
    }
}
