package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorState;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The miner's sectors by number, with an index by state: per state a count and an intrusive list, so
 * that a summary costs the number of states and a listing of some states costs the size of the answer
 * (plus sorting it). Sector numbers are dense in practice, so sectors sit in pages of 4096 slots.
 */
final class SectorTable {
    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;

    private final TreeMap<Long, Sector[]> pages = new TreeMap<>();
    private final long[] counts = new long[SectorState.values().length];
    private final Sector[] heads = new Sector[SectorState.values().length];
    private long size;

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
        link(s);
    }

    /** Moves a sector between state lists; call with the state already changed from {@code from}. */
    void moved(Sector s, SectorState from) {
        if (from == s.state) {
            return;
        }
        unlink(s, from);
        link(s);
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
            for (Sector s = heads[st.ordinal()]; s != null; s = s.nextInState) {
                out[i++] = s.number;
            }
        }
        Arrays.sort(out);
        return out;
    }

    /** Every sector number, ascending. */
    long[] allNumbers() {
        long[] out = new long[Math.toIntExact(size)];
        int i = 0;
        for (Map.Entry<Long, Sector[]> e : pages.entrySet()) {
            for (Sector s : e.getValue()) {
                if (s != null) {
                    out[i++] = s.number;
                }
            }
        }
        return out;
    }

    /** Visits every sector in ascending number order. */
    void forEach(Consumer<Sector> visitor) {
        for (Sector[] page : pages.values()) {
            for (Sector s : page) {
                if (s != null) {
                    visitor.accept(s);
                }
            }
        }
    }

    /** Visits the sectors in one state, in no particular order. */
    void forEachIn(SectorState state, Consumer<Sector> visitor) {
        for (Sector s = heads[state.ordinal()]; s != null; ) {
            Sector next = s.nextInState;
            visitor.accept(s);
            s = next;
        }
    }

    private void link(Sector s) {
        int i = s.state.ordinal();
        s.prevInState = null;
        s.nextInState = heads[i];
        if (heads[i] != null) {
            heads[i].prevInState = s;
        }
        heads[i] = s;
        counts[i]++;
    }

    private void unlink(Sector s, SectorState from) {
        int i = from.ordinal();
        if (s.prevInState != null) {
            s.prevInState.nextInState = s.nextInState;
        } else {
            heads[i] = s.nextInState;
        }
        if (s.nextInState != null) {
            s.nextInState.prevInState = s.prevInState;
        }
        s.prevInState = null;
        s.nextInState = null;
        counts[i]--;
    }
}
