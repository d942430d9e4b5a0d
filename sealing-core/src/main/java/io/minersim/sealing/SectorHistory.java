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
        codes.get(chunk)[i] = code(from, to, event);
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

    /**
     * The history as it is now, readable once the miner's lock is released: moves are only ever appended, so the
     * first {@code size} entries of the chunks never change.
     */
    View view() {
        return new View(size, epochs.toArray(new long[0][]), sectors.toArray(new long[0][]),
                codes.toArray(new int[0][]), weights.toArray(new long[0][][]));
    }

    /** See {@link #view()}. */
    record View(long size, long[][] epochs, long[][] sectors, int[][] codes, long[][][] weights) {
        /**
         * One column of the moves, as a snapshot writes them: 0 epoch, 1 sector, 2 from (-1 for none), 3 to,
         * 4 event (ordinals), 5 deal bytes, 6 deal weight, 7 verified deal weight.
         */
        long[] column(int field) {
            int n = Math.toIntExact(size);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                int chunk = i >>> CHUNK_BITS;
                int j = i & (CHUNK - 1);
                out[i] = switch (field) {
                    case 0 -> epochs[chunk][j];
                    case 1 -> sectors[chunk][j];
                    case 2 -> {
                        int from = codes[chunk][j] >>> 16;
                        yield from == NO_STATE ? -1 : from;
                    }
                    case 3 -> (codes[chunk][j] >>> 8) & 0xFF;
                    case 4 -> codes[chunk][j] & 0xFF;
                    default -> weights[chunk] == null ? 0 : weights[chunk][field - 5][j];
                };
            }
            return out;
        }
    }

    /** Fills a history move by move, as {@link #record} does, with the code already made and the chunk at hand. */
    static final class Builder {
        private final SectorHistory h;
        private long[] epoch;
        private long[] sector;
        private int[] code;
        private long[][] weight;
        private int at = CHUNK;

        Builder(long sectorSize) {
            h = new SectorHistory(sectorSize);
        }

        void add(long e, long s, int c, long dealBytes, long dealWeight, long verified) {
            if (at == CHUNK) {
                epoch = new long[CHUNK];
                sector = new long[CHUNK];
                code = new int[CHUNK];
                weight = null;
                h.epochs.add(epoch);
                h.sectors.add(sector);
                h.codes.add(code);
                h.weights.add(null);
                at = 0;
            }
            epoch[at] = e;
            sector[at] = s;
            code[at] = c;
            if (dealBytes != 0 || dealWeight != 0 || verified != 0) {
                if (weight == null) {
                    weight = new long[][] {new long[CHUNK], new long[CHUNK], new long[CHUNK]};
                    h.weights.set(h.weights.size() - 1, weight);
                }
                weight[0][at] = dealBytes;
                weight[1][at] = dealWeight;
                weight[2][at] = verified;
            }
            at++;
            h.size++;
        }

        SectorHistory build() {
            return h;
        }
    }

    /** A move's from, to and event in one int, as the chunks keep them. */
    static int code(SectorState from, SectorState to, SectorEvent event) {
        return ((from == null ? NO_STATE : from.ordinal()) << 16) | (to.ordinal() << 8) | event.ordinal();
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
