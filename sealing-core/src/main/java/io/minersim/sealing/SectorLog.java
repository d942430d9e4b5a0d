package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A sector's event log, packed: two longs an entry (what and when, and one argument the message is
 * rendered from), plus the texts of error entries. A sealed CC sector's dozen entries cost about
 * 200 bytes. Truncated as Lotus truncates it: past 8000 entries, entries 2000 to 6000 give way to one
 * {@code truncate} entry.
 */
final class SectorLog {
    /** Entry kinds beyond the events: a planner error and the truncation marker. */
    static final int PLANNER_ERROR = SectorEvent.values().length;
    static final int TRUNCATE = PLANNER_ERROR + 1;

    static final int MAX_ENTRIES = 8000;
    /** The entries of a CC sector sealed without a hitch: the first allocation holds exactly those. */
    static final int SEALED_CC_ENTRIES = 12;

    private long[] words = new long[0];
    private int size;
    private List<String> texts;

    void append(int kind, long epoch, long arg, String text) {
        if (size > MAX_ENTRIES) {
            truncate(epoch);
        }
        if (2 * size + 2 > words.length) {
            long[] grown = new long[words.length == 0 ? 2 * SEALED_CC_ENTRIES : words.length * 3 / 2 + 2];
            System.arraycopy(words, 0, grown, 0, 2 * size);
            words = grown;
        }
        long textIndex = 0;
        if (text != null) {
            if (texts == null) {
                texts = new ArrayList<>(2);
            }
            texts.add(text);
            textIndex = texts.size();
        }
        words[2 * size] = ((long) kind << 56) | (textIndex << 40) | (epoch & 0xFF_FFFF_FFFFL);
        words[2 * size + 1] = arg;
        size++;
    }

    private void truncate(long epoch) {
        long[] kept = new long[words.length];
        List<String> keptTexts = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (i == 2000) {
                kept[2 * n] = ((long) TRUNCATE << 56) | (epoch & 0xFF_FFFF_FFFFL);
                kept[2 * n + 1] = 0;
                n++;
            }
            if (i >= 2000 && i < 6000) {
                continue;
            }
            String t = text(i);
            long textIndex = 0;
            if (t != null) {
                keptTexts.add(t);
                textIndex = keptTexts.size();
            }
            kept[2 * n] = (words[2 * i] & ~(0xFFFFL << 40)) | (textIndex << 40);
            kept[2 * n + 1] = words[2 * i + 1];
            n++;
        }
        words = kept;
        texts = keptTexts.isEmpty() ? null : keptTexts;
        size = n;
    }

    int size() {
        return size;
    }

    int kind(int i) {
        return (int) (words[2 * i] >>> 56);
    }

    long epoch(int i) {
        return words[2 * i] & 0xFF_FFFF_FFFFL;
    }

    long arg(int i) {
        return words[2 * i + 1];
    }

    /** The text of entry {@code i}, or {@code null}. */
    String text(int i) {
        int index = (int) ((words[2 * i] >>> 40) & 0xFFFF);
        return index == 0 ? null : texts.get(index - 1);
    }
}
