package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;

/**
 * One move of one sector, as the history keeps it: enough to recompute statistics or replay a run.
 *
 * @param seq position in the miner's history, from 0
 * @param epoch the epoch of the move
 * @param sector the sector number
 * @param from the state before, or {@code null} for a sector's first move
 * @param to the state after
 * @param event the event that moved it
 * @param sectorSize the sector size in bytes
 * @param dealBytes padded bytes of deal pieces in the sector after the move
 * @param dealWeight the sector's deal weight (bytes × epochs) after the move
 * @param verifiedDealWeight the sector's verified deal weight after the move
 */
public record HistoryEvent(
        long seq,
        long epoch,
        long sector,
        SectorState from,
        SectorState to,
        SectorEvent event,
        long sectorSize,
        long dealBytes,
        long dealWeight,
        long verifiedDealWeight) {
}
