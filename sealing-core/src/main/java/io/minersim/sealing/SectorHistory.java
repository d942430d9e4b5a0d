package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The miner's append-only history of sector moves, in chunks of 8192 moves packed by column: the epochs as runs
 * (a run a new epoch starts; a pipeline's moves share their epochs by the thousand), the sector numbers as
 * offsets from the chunk's first in the narrowest width that holds them ({@link PackedLongs}), and (from, to,
 * event) as an index into the history's dictionary of the moves it has seen, usually one byte. A sealed CC
 * sector's dozen moves take about three bytes each. The weight columns of a chunk exist only once a move in it
 * carries deal bytes or weights.
 */
final class SectorHistory {
    private static final int CHUNK_BITS = 13;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int NO_STATE = 0xFF;

    private static final SectorState[] STATES = SectorState.values();
    private static final SectorEvent[] EVENTS = SectorEvent.values();

    private final long sectorSize;
    private final List<Chunk> chunks = new ArrayList<>();
    private final CodeDictionary dictionary = new CodeDictionary();
    private long size;

    SectorHistory(long sectorSize) {
        this.sectorSize = sectorSize;
    }

    /** One chunk's columns; entries below the history's size never change, nor do arrays a view took. */
    private static final class Chunk {
        PackedLongs sectors;
        PackedLongs codes;
        /** Index in the chunk where each run of one epoch starts, and its epoch; {@code runs} of them. */
        int[] runStarts = new int[4];
        long[] runEpochs = new long[4];
        int runs;
        long[][] weights;

        long epoch(int i) {
            return runEpochs[run(runStarts, runs, i)];
        }

        /** Trims the run arrays of a full chunk to their runs. */
        void seal() {
            runStarts = Arrays.copyOf(runStarts, runs);
            runEpochs = Arrays.copyOf(runEpochs, runs);
        }
    }

    /** The run holding entry {@code i}: the last of the first {@code runs} starting at or before it. */
    private static int run(int[] starts, int runs, int i) {
        int lo = 0;
        int hi = runs - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (starts[mid] <= i) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    void record(long epoch, long sector, SectorState from, SectorState to, SectorEvent event, long dealBytes,
            long dealWeight, long verifiedDealWeight) {
        append(epoch, sector, code(from, to, event), dealBytes, dealWeight, verifiedDealWeight);
    }

    private void append(long epoch, long sector, int code, long dealBytes, long dealWeight, long verifiedDealWeight) {
        int i = (int) (size & (CHUNK - 1));
        int codeIndex = dictionary.indexOf(code);
        Chunk c;
        if (i == 0) {
            if (!chunks.isEmpty()) {
                chunks.get(chunks.size() - 1).seal();
            }
            c = new Chunk();
            c.sectors = PackedLongs.starting(sector, CHUNK);
            c.codes = PackedLongs.starting(codeIndex, CHUNK);
            chunks.add(c);
        } else {
            c = chunks.get(chunks.size() - 1);
        }
        if (c.runs == 0 || c.runEpochs[c.runs - 1] != epoch) {
            if (c.runs == c.runStarts.length) {
                c.runStarts = Arrays.copyOf(c.runStarts, c.runs * 2);
                c.runEpochs = Arrays.copyOf(c.runEpochs, c.runs * 2);
            }
            c.runStarts[c.runs] = i;
            c.runEpochs[c.runs] = epoch;
            c.runs++;
        }
        c.sectors = c.sectors.add(i, sector);
        c.codes = c.codes.add(i, codeIndex);
        if (dealBytes != 0 || dealWeight != 0 || verifiedDealWeight != 0) {
            if (c.weights == null) {
                c.weights = new long[][] {new long[CHUNK], new long[CHUNK], new long[CHUNK]};
            }
            c.weights[0][i] = dealBytes;
            c.weights[1][i] = dealWeight;
            c.weights[2][i] = verifiedDealWeight;
        }
        size++;
    }

    long size() {
        return size;
    }

    /**
     * The history as it is now, readable once the miner's lock is released: moves are only ever appended, and what a
     * view holds (the chunks' columns and run arrays as they are now, the dictionary) is only ever written past the
     * view's size or replaced by a copy.
     */
    View view() {
        int n = chunks.size();
        PackedLongs[] sectors = new PackedLongs[n];
        PackedLongs[] codes = new PackedLongs[n];
        int[][] runStarts = new int[n][];
        long[][] runEpochs = new long[n][];
        int[] runs = new int[n];
        long[][][] weights = new long[n][][];
        for (int k = 0; k < n; k++) {
            Chunk c = chunks.get(k);
            sectors[k] = c.sectors;
            codes[k] = c.codes;
            runStarts[k] = c.runStarts;
            runEpochs[k] = c.runEpochs;
            runs[k] = c.runs;
            weights[k] = c.weights;
        }
        return new View(size, sectors, codes, runStarts, runEpochs, runs, weights, dictionary.codes());
    }

    /** See {@link #view()}. */
    static final class View {
        private final long size;
        private final PackedLongs[] sectors;
        private final PackedLongs[] codes;
        private final int[][] runStarts;
        private final long[][] runEpochs;
        private final int[] runs;
        private final long[][][] weights;
        private final int[] dictionary;

        private View(long size, PackedLongs[] sectors, PackedLongs[] codes, int[][] runStarts, long[][] runEpochs,
                int[] runs, long[][][] weights, int[] dictionary) {
            this.size = size;
            this.sectors = sectors;
            this.codes = codes;
            this.runStarts = runStarts;
            this.runEpochs = runEpochs;
            this.runs = runs;
            this.weights = weights;
            this.dictionary = dictionary;
        }

        long size() {
            return size;
        }

        /**
         * One column of the moves, as a snapshot writes them: 0 epoch, 1 sector, 2 from (-1 for none), 3 to,
         * 4 event (ordinals), 5 deal bytes, 6 deal weight, 7 verified deal weight.
         */
        long[] column(int field) {
            int n = Math.toIntExact(size);
            long[] out = new long[n];
            int run = 0;
            for (int i = 0; i < n; i++) {
                int chunk = i >>> CHUNK_BITS;
                int j = i & (CHUNK - 1);
                if (field == 0) {
                    // runs are read in order: step to the next while it has started
                    if (j == 0) {
                        run = 0;
                    }
                    while (run + 1 < runs[chunk] && runStarts[chunk][run + 1] <= j) {
                        run++;
                    }
                    out[i] = runEpochs[chunk][run];
                    continue;
                }
                int code = field >= 2 && field <= 4 ? dictionary[(int) codes[chunk].get(j)] : 0;
                out[i] = switch (field) {
                    case 1 -> sectors[chunk].get(j);
                    case 2 -> {
                        int from = code >>> 16;
                        yield from == NO_STATE ? -1 : from;
                    }
                    case 3 -> (code >>> 8) & 0xFF;
                    case 4 -> code & 0xFF;
                    default -> weights[chunk] == null ? 0 : weights[chunk][field - 5][j];
                };
            }
            return out;
        }
    }

    /** Fills a history move by move, as {@link #record} does, with the code already made. */
    static final class Builder {
        private final SectorHistory h;

        Builder(long sectorSize) {
            h = new SectorHistory(sectorSize);
        }

        void add(long e, long s, int c, long dealBytes, long dealWeight, long verified) {
            h.append(e, s, c, dealBytes, dealWeight, verified);
        }

        SectorHistory build() {
            return h;
        }
    }

    /** A move's from, to and event in one int, as the dictionary keeps them. */
    static int code(SectorState from, SectorState to, SectorEvent event) {
        return ((from == null ? NO_STATE : from.ordinal()) << 16) | (to.ordinal() << 8) | event.ordinal();
    }

    HistoryEvent get(long seq) {
        Chunk c = chunks.get((int) (seq >>> CHUNK_BITS));
        int i = (int) (seq & (CHUNK - 1));
        int code = dictionary.code((int) c.codes.get(i));
        int from = code >>> 16;
        long[][] w = c.weights;
        return new HistoryEvent(seq, c.epoch(i), c.sectors.get(i),
                from == NO_STATE ? null : STATES[from], STATES[(code >>> 8) & 0xFF], EVENTS[code & 0xFF], sectorSize,
                w == null ? 0 : w[0][i], w == null ? 0 : w[1][i], w == null ? 0 : w[2][i]);
    }

    /**
     * The distinct move codes in the order first seen, and an open-addressing table from code to index. A code is
     * at most 24 bits; the table stores index + 1 beside each code (0: free).
     */
    private static final class CodeDictionary {
        private int[] codes = new int[64];
        private int count;
        private long[] table = new long[256];

        int indexOf(int code) {
            int mask = table.length - 1;
            for (int slot = mix(code) & mask; ; slot = (slot + 1) & mask) {
                long e = table[slot];
                if (e == 0) {
                    break;
                }
                if ((int) (e >>> 32) == code) {
                    return (int) e - 1;
                }
            }
            if (count == codes.length) {
                codes = Arrays.copyOf(codes, count * 2);
            }
            codes[count] = code;
            int index = count++;
            if (2 * count > table.length) {
                rehash(table.length * 2);
            } else {
                put(table, code, index);
            }
            return index;
        }

        int code(int index) {
            return codes[index];
        }

        /** The codes so far: entries a view reads are never written again (growing copies the array). */
        int[] codes() {
            return codes;
        }

        private void rehash(int capacity) {
            long[] t = new long[capacity];
            for (int k = 0; k < count; k++) {
                put(t, codes[k], k);
            }
            table = t;
        }

        private static void put(long[] t, int code, int index) {
            int mask = t.length - 1;
            int slot = mix(code) & mask;
            while (t[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            t[slot] = ((long) code << 32) | (index + 1L);
        }

        private static int mix(int code) {
            int h = code * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
