package io.minersim.sealing;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A column of longs as a compact string for snapshots: each value minus the one before (zigzag, as
 * an unsigned LEB128 varint), deflated, in base64. A column of epochs or sector numbers of a million
 * sealed sectors takes a few kilobytes.
 */
final class LongColumn {
    /** No column holds more values than this (a guard against a hostile document). */
    static final int MAX_VALUES = 200_000_000;

    private LongColumn() {
    }

    /**
     * A value of a snapshot's document that is worked out after the miner's lock is released: the document is taken
     * under the read lock with these in place of the bulky strings, and {@link MinerSnapshot#finish} turns them into
     * what {@link #encode} gives (deflating is most of a snapshot's time), outside the lock and on every core.
     */
    interface Later {
        Object finish();
    }

    /** {@link #encode} of {@code values}, later: the array must not change any more. */
    static Later later(long[] values) {
        return () -> encode(values);
    }

    static String encode(long[] values) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(values.length * 2 + 8);
        long prev = 0;
        for (long v : values) {
            long d = v - prev;
            prev = v;
            long z = (d << 1) ^ (d >> 63);
            while ((z & ~0x7FL) != 0) {
                raw.write((int) ((z & 0x7F) | 0x80));
                z >>>= 7;
            }
            raw.write((int) z);
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try {
            deflater.setInput(raw.toByteArray());
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.size() / 4 + 16);
            byte[] buf = new byte[8192];
            while (!deflater.finished()) {
                out.write(buf, 0, deflater.deflate(buf));
            }
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    /**
     * A column read value by value, inflating as it goes: no array of the whole column is made (the history of a
     * million sectors has tens of millions of moves). {@link #next()} exactly {@code expected} times, then
     * {@link #close()}, which checks that nothing is left.
     */
    static final class Reader implements AutoCloseable {
        private final Inflater inflater = new Inflater();
        private final byte[] buf = new byte[64 << 10];
        private final int expected;
        private int length;
        private int pos;
        private int count;
        private long prev;

        Reader(String text, int expected) {
            byte[] compressed;
            try {
                compressed = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("not base64: " + e.getMessage());
            }
            this.expected = expected;
            inflater.setInput(compressed);
        }

        /** The next value; an {@link IllegalArgumentException} when there is none. */
        long next() {
            if (count == expected) {
                throw new IllegalArgumentException("more than " + expected + " values");
            }
            long z = 0;
            int shift = 0;
            while (true) {
                if (pos == length && !fill()) {
                    throw new IllegalArgumentException(pos == 0 && shift == 0
                            ? count + " values where " + expected + " were expected" : "truncated varint");
                }
                if (shift > 63) {
                    throw new IllegalArgumentException("truncated varint");
                }
                int b = buf[pos++];
                z |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    break;
                }
                shift += 7;
            }
            count++;
            prev += (z >>> 1) ^ -(z & 1);
            return prev;
        }

        private boolean fill() {
            pos = 0;
            length = 0;
            try {
                while (length == 0) {
                    if (inflater.finished()) {
                        return false;
                    }
                    length = inflater.inflate(buf);
                    if (length == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                        throw new IllegalArgumentException("truncated deflate data");
                    }
                }
                return true;
            } catch (DataFormatException e) {
                throw new IllegalArgumentException("bad deflate data: " + e.getMessage());
            }
        }

        /** Checks that the column held exactly the values read. */
        @Override
        public void close() {
            try {
                if (count != expected) {
                    throw new IllegalArgumentException(count + " values where " + expected + " were expected");
                }
                if (pos < length || fill()) {
                    throw new IllegalArgumentException("more than " + expected + " values");
                }
            } finally {
                inflater.end();
            }
        }
    }

    /**
     * Decodes a column of exactly {@code expected} values ({@code -1}: any number).
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static long[] decode(String text, int expected) {
        byte[] compressed;
        try {
            compressed = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64: " + e.getMessage());
        }
        long maxBytes = 10L * (expected < 0 ? MAX_VALUES : expected) + 16;
        Inflater inflater = new Inflater();
        // most columns take one to two bytes a value: start there and grow by half
        byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE - 16,
                Math.max(64, Math.max(compressed.length * 4L, expected < 0 ? 0 : expected * 2L)))];
        int length = 0;
        try {
            inflater.setInput(compressed);
            while (!inflater.finished()) {
                if (length == bytes.length) {
                    if (length > maxBytes) {
                        throw new IllegalArgumentException("more data than " + expected + " values can take");
                    }
                    bytes = Arrays.copyOf(bytes, Math.min(Integer.MAX_VALUE - 16, bytes.length + (bytes.length >> 1)
                            + 64));
                }
                int n = inflater.inflate(bytes, length, bytes.length - length);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("truncated deflate data");
                }
                length += n;
                if (length > maxBytes) {
                    throw new IllegalArgumentException("more data than " + expected + " values can take");
                }
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("bad deflate data: " + e.getMessage());
        } finally {
            inflater.end();
        }
        long[] out = new long[expected < 0 ? 16 : expected];
        int count = 0;
        long prev = 0;
        int i = 0;
        while (i < length) {
            int first = bytes[i++];
            long z;
            if (first >= 0) {
                z = first; // one byte: most deltas are small
            } else {
                z = first & 0x7F;
                int shift = 7;
                while (true) {
                    if (i >= length || shift > 63) {
                        throw new IllegalArgumentException("truncated varint");
                    }
                    int b = bytes[i++];
                    z |= (long) (b & 0x7F) << shift;
                    if (b >= 0) {
                        break;
                    }
                    shift += 7;
                }
            }
            long d = (z >>> 1) ^ -(z & 1);
            prev += d;
            if (count == out.length) {
                if (expected >= 0 || count >= MAX_VALUES) {
                    throw new IllegalArgumentException("more than " + out.length + " values");
                }
                out = Arrays.copyOf(out, Math.min(MAX_VALUES, count * 2));
            }
            out[count++] = prev;
        }
        if (expected >= 0 && count != expected) {
            throw new IllegalArgumentException(count + " values where " + expected + " were expected");
        }
        return count == out.length ? out : Arrays.copyOf(out, count);
    }
}
