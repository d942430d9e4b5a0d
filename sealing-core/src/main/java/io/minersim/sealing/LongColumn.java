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
        ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(64, compressed.length * 4));
        try {
            inflater.setInput(compressed);
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalArgumentException("truncated deflate data");
                }
                raw.write(buf, 0, n);
                if (raw.size() > maxBytes) {
                    throw new IllegalArgumentException("more data than " + expected + " values can take");
                }
            }
        } catch (DataFormatException e) {
            throw new IllegalArgumentException("bad deflate data: " + e.getMessage());
        } finally {
            inflater.end();
        }
        byte[] bytes = raw.toByteArray();
        long[] out = new long[expected < 0 ? 16 : expected];
        int count = 0;
        long prev = 0;
        int i = 0;
        while (i < bytes.length) {
            long z = 0;
            int shift = 0;
            while (true) {
                if (i >= bytes.length || shift > 63) {
                    throw new IllegalArgumentException("truncated varint");
                }
                int b = bytes[i++] & 0xFF;
                z |= (long) (b & 0x7F) << shift;
                shift += 7;
                if ((b & 0x80) == 0) {
                    break;
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
