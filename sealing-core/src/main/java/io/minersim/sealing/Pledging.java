package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorEvent;

/** Committed-capacity sectors (Lotus's {@code garbage.go}): {@code PledgeSector} within {@code MaxSealingSectors}. */
final class Pledging {

    private Pledging() {
    }

    /** Starts a CC sector and returns its number; fails when {@code MaxSealingSectors} is reached. */
    static long pledge(Pipeline p) {
        int max = p.sealing.maxSealingSectors();
        long cur = p.curSealing();
        if (max > 0 && cur >= max) {
            throw new SealingException("too many sectors sealing (curSealing: " + cur + ", max: " + max + ")");
        }
        return p.startSector(true, SectorEvent.SectorStartCC).number;
    }
}
