package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorState;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The miner's sectors by number, with an index by state: per state a count and a paged bitmap of
 * sector numbers, so that a summary costs the number of states and a listing of a state costs the
 * size of the answer and comes out sorted. Sector numbers are dense in practice, so sectors sit in
 * pages of 4096 slots and each state's bitmap costs about a bit per sector.
 */
final class SectorTable {
    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final int WORDS = PAGE_SIZE / 64;

    private final TreeMap<Long, Sector[]> pages = new TreeMap<>();
    private final long[] counts = new long[SectorState.values().length];
    private final StateBitmap[] byState = new StateBitmap[SectorState.values().length];
    private long size;

    SectorTable() {
        for (int i = 0; i < byState.length; i++) {
            byState[i] = new StateBitmap();
        }
    }

    Sector get(long number) {
        if (number < 0) {
            return null;
        }
        Sector[] page = pages.get(number >>> PAGE_BITS);
        return page == null ? null : page[(int) (number & (PAGE_SIZE - 1))];
    }

    /** Adds a sector in its current state; the number must be free. */
    void add(Sector s) {
        Sector[] page = pages.computeIfAbsent(s.number >>> PAGE_BITS, k -> new Sector[PAGE_SIZE]);
        int slot = (int) (s.number & (PAGE_SIZE - 1));
        if (page[slot] != null) {
            throw new IllegalStateException("sector " + s.number + " already exists");
        }
        page[slot] = s;
        size++;
        byState[s.state.ordinal()].add(s.number);
        counts[s.state.ordinal()]++;
    }

    /** Moves a sector between state indexes; call with the state already changed from {@code from}. */
    void moved(Sector s, SectorState from) {
        if (from == s.state) {
            return;
        }
        byState[from.ordinal()].remove(s.number);
        counts[from.ordinal()]--;
        byState[s.state.ordinal()].add(s.number);
        counts[s.state.ordinal()]++;
    }

    long size() {
        return size;
    }

    long count(SectorState state) {
        return counts[state.ordinal()];
    }

    /** Numbers of the sectors in any of {@code states}, ascending. */
    long[] numbersIn(Collection<SectorState> states) {
        long total = 0;
        for (SectorState st : states) {
            total += counts[st.ordinal()];
        }
        long[] out = new long[Math.toIntExact(total)];
        int i = 0;
        for (SectorState st : states) {
            i = byState[st.ordinal()].copyTo(out, i);
        }
        if (states.size() > 1) {
            Arrays.sort(out);
        }
        return out;
    }

    /** Every sector number, ascending. */
    long[] allNumbers() {
        long[] out = new long[Math.toIntExact(size)];
        int i = 0;
        for (Sector[] page : pages.values()) {
            for (Sector s : page) {
                if (s != null) {
                    out[i++] = s.number;
                }
            }
        }
        return out;
    }

    /** Visits every sector, ascending; the visitor must not add or remove sectors. */
    void forEach(Consumer<Sector> visitor) {
        for (Sector[] page : pages.values()) {
            for (Sector s : page) {
                if (s != null) {
                    visitor.accept(s);
                }
            }
        }
    }

    /** Visits the sectors in one state, ascending; the visitor may change their states. */
    void forEachIn(SectorState state, Consumer<Sector> visitor) {
        long[] numbers = new long[Math.toIntExact(counts[state.ordinal()])];
        byState[state.ordinal()].copyTo(numbers, 0);
        for (long n : numbers) {
            visitor.accept(get(n));
        }
    }

    /** One state's sector numbers: 4096-bit pages, only the pages that hold some. */
    private static final class StateBitmap {
        private final TreeMap<Long, long[]> pages = new TreeMap<>();

        void add(long n) {
            long[] page = pages.computeIfAbsent(n >>> PAGE_BITS, k -> new long[WORDS]);
            int bit = (int) (n & (PAGE_SIZE - 1));
            page[bit >>> 6] |= 1L << bit;
        }

        void remove(long n) {
            Long key = n >>> PAGE_BITS;
            long[] page = pages.get(key);
            int bit = (int) (n & (PAGE_SIZE - 1));
            page[bit >>> 6] &= ~(1L << bit);
            if (page[bit >>> 6] == 0 && isEmpty(page)) {
                pages.remove(key);
            }
        }

        int copyTo(long[] out, int at) {
            int i = at;
            for (Iterator<Map.Entry<Long, long[]>> it = pages.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Long, long[]> e = it.next();
                long base = e.getKey() << PAGE_BITS;
                long[] page = e.getValue();
                for (int w = 0; w < WORDS; w++) {
                    long word = page[w];
                    while (word != 0) {
                        out[i++] = base + (w << 6) + Long.numberOfTrailingZeros(word);
                        word &= word - 1;
                    }
                }
            }
            return i;
        }

        private static boolean isEmpty(long[] page) {
            for (long w : page) {
                if (w != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
