package io.minersim.sealing;

/**
 * A fixed-capacity column of longs kept as offsets from its first value in the narrowest of 1, 2, 4 or 8 bytes that
 * holds every offset so far. Appending an offset that does not fit gives a wider copy ({@link #add} returns it); the
 * old instance is left as it was, so a reader that took it keeps reading the values it held.
 */
final class PackedLongs {
    private final long base;
    private final byte[] bytes;
    private final short[] shorts;
    private final int[] ints;
    private final long[] longs;

    private PackedLongs(long base, byte[] bytes, short[] shorts, int[] ints, long[] longs) {
        this.base = base;
        this.bytes = bytes;
        this.shorts = shorts;
        this.ints = ints;
        this.longs = longs;
    }

    /** A column of {@code capacity} values whose first value is {@code first} (stored at index 0). */
    static PackedLongs starting(long first, int capacity) {
        return new PackedLongs(first, new byte[capacity], null, null, null);
    }

    long get(int i) {
        if (bytes != null) {
            return base + bytes[i];
        }
        if (shorts != null) {
            return base + shorts[i];
        }
        if (ints != null) {
            return base + ints[i];
        }
        return longs[i];
    }

    /**
     * Sets value {@code i}, the values before it being set already; returns this column, or a wider copy of its
     * first {@code i} values with the value set.
     */
    PackedLongs add(int i, long value) {
        if (longs != null) {
            longs[i] = value;
            return this;
        }
        long offset = value - base;
        // an offset that overflowed (value and base far apart) is not what it seems: go to plain longs
        boolean exact = ((value ^ base) & (value ^ offset)) >= 0;
        if (exact && bytes != null && offset == (byte) offset) {
            bytes[i] = (byte) offset;
            return this;
        }
        if (exact && shorts != null && offset == (short) offset) {
            shorts[i] = (short) offset;
            return this;
        }
        if (exact && ints != null && offset == (int) offset) {
            ints[i] = (int) offset;
            return this;
        }
        return widened(i, value, exact ? offset : Long.MAX_VALUE);
    }

    private PackedLongs widened(int i, long value, long offset) {
        int capacity = bytes != null ? bytes.length : shorts != null ? shorts.length : ints.length;
        PackedLongs w;
        if (offset == (short) offset) {
            w = new PackedLongs(base, null, new short[capacity], null, null);
        } else if (offset == (int) offset) {
            w = new PackedLongs(base, null, null, new int[capacity], null);
        } else {
            w = new PackedLongs(base, null, null, null, new long[capacity]);
        }
        for (int k = 0; k < i; k++) {
            w.put(k, get(k));
        }
        w.put(i, value);
        return w;
    }

    private void put(int i, long value) {
        long offset = value - base;
        if (shorts != null) {
            shorts[i] = (short) offset;
        } else if (ints != null) {
            ints[i] = (int) offset;
        } else {
            longs[i] = value;
        }
    }
}
