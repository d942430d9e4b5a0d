package io.minersim.sealing.stats;

/**
 * A page of longs, each 0 until set, kept in the narrowest of 1, 2 or 4 bytes a value that holds every value set so
 * far as an offset from the page's first non-zero value (a page of CC sectors shares its power, and its activations
 * and lifetimes lie close together), or in plain longs. The narrow widths keep their smallest value for 0.
 */
final class PageColumn {
    private final int capacity;
    private long base;
    private boolean based;
    private byte[] bytes;
    private short[] shorts;
    private int[] ints;
    private long[] longs;

    PageColumn(int capacity) {
        this.capacity = capacity;
        this.bytes = new byte[capacity];
        java.util.Arrays.fill(bytes, Byte.MIN_VALUE);
    }

    long get(int i) {
        if (bytes != null) {
            return bytes[i] == Byte.MIN_VALUE ? 0 : base + bytes[i];
        }
        if (shorts != null) {
            return shorts[i] == Short.MIN_VALUE ? 0 : base + shorts[i];
        }
        if (ints != null) {
            return ints[i] == Integer.MIN_VALUE ? 0 : base + ints[i];
        }
        return longs[i];
    }

    void set(int i, long value) {
        if (longs != null) {
            longs[i] = value;
            return;
        }
        if (value != 0 && !based) {
            base = value;
            based = true;
        }
        long offset = value - base;
        boolean exact = ((value ^ base) & (value ^ offset)) >= 0;
        if (value == 0) {
            clear(i);
        } else if (exact && bytes != null && offset > Byte.MIN_VALUE && offset <= Byte.MAX_VALUE) {
            bytes[i] = (byte) offset;
        } else if (exact && shorts != null && offset > Short.MIN_VALUE && offset <= Short.MAX_VALUE) {
            shorts[i] = (short) offset;
        } else if (exact && ints != null && offset > Integer.MIN_VALUE && offset <= Integer.MAX_VALUE) {
            ints[i] = (int) offset;
        } else {
            widen(exact ? offset : Long.MAX_VALUE);
            set(i, value);
        }
    }

    private void clear(int i) {
        if (bytes != null) {
            bytes[i] = Byte.MIN_VALUE;
        } else if (shorts != null) {
            shorts[i] = Short.MIN_VALUE;
        } else {
            ints[i] = Integer.MIN_VALUE;
        }
    }

    /** Moves every value to a width that holds {@code offset} too. */
    private void widen(long offset) {
        long[] values = new long[capacity];
        for (int k = 0; k < capacity; k++) {
            values[k] = get(k);
        }
        bytes = null;
        shorts = null;
        ints = null;
        if (offset > Short.MIN_VALUE && offset <= Short.MAX_VALUE) {
            shorts = new short[capacity];
        } else if (offset > Integer.MIN_VALUE && offset <= Integer.MAX_VALUE) {
            ints = new int[capacity];
        } else {
            longs = new long[capacity];
        }
        for (int k = 0; k < capacity; k++) {
            if (longs != null) {
                longs[k] = values[k];
            } else if (values[k] == 0) {
                clear(k);
            } else if (shorts != null) {
                shorts[k] = (short) (values[k] - base);
            } else {
                ints[k] = (int) (values[k] - base);
            }
        }
    }
}
