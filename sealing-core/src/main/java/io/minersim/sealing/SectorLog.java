package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A sector's event log, packed in bytes: an entry is its kind (with a bit for a text), the epoch as a varint delta
 * from the entry before (whole for the first of each stride of 16), and its argument as a varint (none when zero, or
 * relative to the entry's epoch when that is shorter, as for a ticket or seed epoch), plus the texts of error entries
 * kept aside. A sealed CC sector's dozen entries take 30 to 40 bytes. The first entry of a stride has its position
 * noted in a checkpoint table (which only logs longer than a stride have), so reading or appending an entry walks at
 * most 15 before it; the last entry's epoch, which every append and the planner read, is kept whole. (Deltas from
 * the stride's first entry instead would spare the walk but cost a CC sector about 16 bytes more.) Truncated as Lotus truncates it: past 8000 entries, entries 2000 to 6000 give way to
 * one {@code truncate} entry.
 *
 * <p>Written by the miner's writer only; read under the miner's read lock. Not final: {@link Sector} extends it so
 * that a sector and its log are one object (one header, no reference between them).
 */
class SectorLog {
    /** Entry kinds beyond the events: a planner error and the truncation marker. */
    static final int PLANNER_ERROR = SectorEvent.values().length;
    static final int TRUNCATE = PLANNER_ERROR + 1;

    static final int MAX_ENTRIES = 8000;
    /** Bytes a sealed CC sector's log takes, or a little more: the first allocation holds those. */
    static final int SEALED_CC_BYTES = 32;

    private static final long EPOCH_MASK = 0xFF_FFFF_FFFFL;
    private static final int HAS_TEXT = 0x80;
    private static final int ARG_ZERO = 0;
    private static final int ARG_WHOLE = 1;
    private static final int ARG_FROM_EPOCH = 2;
    /** Entries between checkpoints: entry {@code k * STRIDE} starts afresh. */
    private static final int STRIDE_BITS = 4;
    private static final int STRIDE = 1 << STRIDE_BITS;

    private static final byte[] EMPTY = new byte[0];

    /**
     * The entries' bytes ({@code null} while there are none), or, for the logs that have texts or checkpoints, an
     * {@link Extra} that holds them with the bytes: one reference either way.
     */
    private Object payload;
    /** Bytes used in the entries' bytes (the low {@link #LENGTH_BITS} bits) and the entry count above them. */
    private int sizeAndLength;
    /**
     * The last entry's epoch when it fits an int (as it does on any chain up to 2^31 epochs), -1 otherwise: the
     * planner reads it and every append needs it, and the bytes would have it walked from the stride's start.
     */
    private int lastEpoch = -1;

    private static final int LENGTH_BITS = 19;
    private static final int LENGTH_MASK = (1 << LENGTH_BITS) - 1;

    /** What few logs have, with their bytes: error texts in entry order and, past one stride, where each starts. */
    private static final class Extra {
        byte[] data;
        List<String> texts;
        /** For stride k (from 1): its byte offset at [2k-2] and the texts before it at [2k-1]. */
        int[] checkpoints = new int[0];
    }

    void append(int kind, long epoch, long arg, String text) {
        if (size() > MAX_ENTRIES) {
            truncate(epoch);
        }
        put(kind, epoch & EPOCH_MASK, arg, text);
    }

    private void put(int kind, long epoch, long arg, String text) {
        int size = size();
        int length = length();
        long previous = size % STRIDE == 0 ? 0 : epoch(size - 1);
        byte[] data = data();
        if (size % STRIDE == 0 && size > 0) {
            Extra x = extra();
            int k = size >>> STRIDE_BITS;
            if (2 * k > x.checkpoints.length) {
                x.checkpoints = Arrays.copyOf(x.checkpoints, Math.max(4, x.checkpoints.length * 2));
            }
            x.checkpoints[2 * k - 2] = length;
            x.checkpoints[2 * k - 1] = x.texts == null ? 0 : x.texts.size();
        }
        long fromEpoch = arg - epoch;
        int mode;
        long argValue;
        if (arg == 0) {
            mode = ARG_ZERO;
            argValue = 0;
        } else if (varintLength(zigzag(fromEpoch)) < varintLength(zigzag(arg))
                && ((arg ^ epoch) & (arg ^ fromEpoch)) >= 0) {
            mode = ARG_FROM_EPOCH;
            argValue = zigzag(fromEpoch);
        } else {
            mode = ARG_WHOLE;
            argValue = zigzag(arg);
        }
        long head = (zigzag(epoch - previous) << 2) | mode;
        int need = 1 + varintLength(head) + (mode == ARG_ZERO ? 0 : varintLength(argValue));
        if (length + need > data.length) {
            // a short log grows by a word at a time (a sealed CC sector's log is 30 to 40 bytes), a long one by half
            int grown = data.length == 0 ? Math.max(SEALED_CC_BYTES, need)
                    : data.length < 64 ? length + Math.max(8, need) : data.length + (data.length >> 1) + need;
            data = Arrays.copyOf(data, grown);
            setData(data);
        }
        int at = length;
        data[at++] = (byte) (kind | (text == null ? 0 : HAS_TEXT));
        at = writeVarint(data, at, head);
        if (mode != ARG_ZERO) {
            at = writeVarint(data, at, argValue);
        }
        if (text != null) {
            Extra x = extra();
            if (x.texts == null) {
                x.texts = new ArrayList<>(2);
            }
            x.texts.add(text);
        }
        sizeAndLength = ((size + 1) << LENGTH_BITS) | at;
        lastEpoch = epoch <= Integer.MAX_VALUE ? (int) epoch : -1;
    }

    private byte[] data() {
        Object p = payload;
        return p instanceof byte[] b ? b : p == null ? EMPTY : ((Extra) p).data;
    }

    private void setData(byte[] data) {
        if (payload instanceof Extra x) {
            x.data = data;
        } else {
            payload = data;
        }
    }

    private Extra extra() {
        if (payload instanceof Extra x) {
            return x;
        }
        Extra x = new Extra();
        x.data = data();
        payload = x;
        return x;
    }

    /** Entry {@code stride}'s checkpoint (offset, or texts before it at {@code + 1}); {@code stride > 0}. */
    private int checkpoint(int stride, int plus) {
        return ((Extra) payload).checkpoints[2 * (stride >>> STRIDE_BITS) - 2 + plus];
    }

    private void truncate(long epoch) {
        int n = size();
        int[] kinds = new int[n];
        long[] epochs = new long[n];
        long[] args = new long[n];
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            kinds[i] = kind(i);
            epochs[i] = epoch(i);
            args[i] = arg(i);
            texts[i] = text(i);
        }
        payload = null;
        sizeAndLength = 0;
        lastEpoch = -1;
        for (int i = 0; i < n; i++) {
            if (i == 2000) {
                put(TRUNCATE, epoch & EPOCH_MASK, 0, null);
            }
            if (i >= 2000 && i < 6000) {
                continue;
            }
            put(kinds[i], epochs[i], args[i], texts[i]);
        }
    }

    int size() {
        return sizeAndLength >>> LENGTH_BITS;
    }

    private int length() {
        return sizeAndLength & LENGTH_MASK;
    }

    int kind(int i) {
        return data()[offset(i)] & (HAS_TEXT - 1);
    }

    long epoch(int i) {
        if (lastEpoch >= 0 && i == size() - 1) {
            return lastEpoch;
        }
        byte[] data = data();
        int stride = i & ~(STRIDE - 1);
        int at = offset(stride);
        long epoch = 0;
        for (int j = stride; ; j++) {
            at++;
            long head = readVarint(data, at);
            at += varintLength(head);
            epoch += unzigzag(head >>> 2);
            if (j == i) {
                return epoch;
            }
            if ((head & 3) != ARG_ZERO) {
                at += varintLength(readVarint(data, at));
            }
        }
    }

    long arg(int i) {
        byte[] data = data();
        int at = offset(i) + 1;
        long head = readVarint(data, at);
        int mode = (int) (head & 3);
        if (mode == ARG_ZERO) {
            return 0;
        }
        long value = unzigzag(readVarint(data, at + varintLength(head)));
        return mode == ARG_WHOLE ? value : value + epoch(i);
    }

    /** The text of entry {@code i}, or {@code null}. */
    String text(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("log entry " + i + " of " + size());
        }
        byte[] data = data();
        int stride = i & ~(STRIDE - 1);
        int at = stride == 0 ? 0 : checkpoint(stride, 0);
        int before = stride == 0 ? 0 : checkpoint(stride, 1);
        for (int j = stride; j < i; j++) {
            before += (data[at] & HAS_TEXT) != 0 ? 1 : 0;
            at = skip(data, at);
        }
        return (data[at] & HAS_TEXT) == 0 ? null : ((Extra) payload).texts.get(before);
    }

    /** The byte offset of entry {@code i}. */
    private int offset(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("log entry " + i + " of " + size());
        }
        byte[] data = data();
        int stride = i & ~(STRIDE - 1);
        int at = stride == 0 ? 0 : checkpoint(stride, 0);
        for (int j = stride; j < i; j++) {
            at = skip(data, at);
        }
        return at;
    }

    /** The offset of the entry after the one at {@code at}. */
    private static int skip(byte[] data, int at) {
        int p = at + 1;
        long head = readVarint(data, p);
        p += varintLength(head);
        if ((head & 3) != ARG_ZERO) {
            while (data[p++] < 0) {
                // the argument's continuation bytes
            }
        }
        return p;
    }

    private static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    private static long unzigzag(long z) {
        return (z >>> 1) ^ -(z & 1);
    }

    private static int varintLength(long v) {
        return v == 0 ? 1 : (63 - Long.numberOfLeadingZeros(v)) / 7 + 1;
    }

    private static int writeVarint(byte[] out, int at, long v) {
        while ((v & ~0x7FL) != 0) {
            out[at++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[at++] = (byte) v;
        return at;
    }

    private static long readVarint(byte[] in, int at) {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in[at++];
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
    }
}
