package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import java.util.ArrayList;
import java.util.List;

/**
 * The miner's append-only history of sector moves, in columns of chunks: an entry costs 20 bytes,
 * and the weight columns of a chunk exist only once a move in it carries deal bytes or weights.
 */
final class SectorHistory {
    private static final int CHUNK_BITS = 13;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int NO_STATE = 0xFF;

    private static final SectorState[] STATES = SectorState.values();
    private static final SectorEvent[] EVENTS = SectorEvent.values();

    private final long sectorSize;
    private final List<long[]> epochs = new ArrayList<>();
    private final List<long[]> sectors = new ArrayList<>();
    private final List<int[]> codes = new ArrayList<>();
    private final List<long[][]> weights = new ArrayList<>();
    private long size;

    SectorHistory(long sectorSize) {
        this.sectorSize = sectorSize;
    }

    void record(long epoch, long sector, SectorState from, SectorState to, SectorEvent event, long dealBytes,
            long dealWeight, long verifiedDealWeight) {
        int chunk = (int) (size >>> CHUNK_BITS);
        int i = (int) (size & (CHUNK - 1));
        if (i == 0) {
            epochs.add(new long[CHUNK]);
            sectors.add(new long[CHUNK]);
            codes.add(new int[CHUNK]);
            weights.add(null);
        }
        epochs.get(chunk)[i] = epoch;
        sectors.get(chunk)[i] = sector;
        codes.get(chunk)[i] = ((from == null ? NO_STATE : from.ordinal()) << 16) | (to.ordinal() << 8)
                | event.ordinal();
        if (dealBytes != 0 || dealWeight != 0 || verifiedDealWeight != 0) {
            long[][] w = weights.get(chunk);
            if (w == null) {
                w = new long[][] {new long[CHUNK], new long[CHUNK], new long[CHUNK]};
                weights.set(chunk, w);
            }
            w[0][i] = dealBytes;
            w[1][i] = dealWeight;
            w[2][i] = verifiedDealWeight;
        }
        size++;
    }

    long size() {
        return size;
    }

    HistoryEvent get(long seq) {
        int chunk = (int) (seq >>> CHUNK_BITS);
        int i = (int) (seq & (CHUNK - 1));
        int code = codes.get(chunk)[i];
        int from = code >>> 16;
        long[][] w = weights.get(chunk);
        return new HistoryEvent(seq, epochs.get(chunk)[i], sectors.get(chunk)[i],
                from == NO_STATE ? null : STATES[from], STATES[(code >>> 8) & 0xFF], EVENTS[code & 0xFF], sectorSize,
                w == null ? 0 : w[0][i], w == null ? 0 : w[1][i], w == null ? 0 : w[2][i]);
    }
}
