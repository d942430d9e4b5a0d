package io.minersim.app.cli;

import io.minersim.rpc.types.BitFieldRuns;
import java.io.ByteArrayOutputStream;

/**
 * go-bitfield's RLE+ encoding of a bitfield, for {@code proving deadline -b}, which prints a bitfield's runs and the
 * size of its CBOR form: two version bits (0), the first run's value, then each run: {@code 1} for a length of 1,
 * {@code 01} and four bits for a length below 16, {@code 00} and a uvarint otherwise; bits are packed from the least
 * significant bit of each byte, and trailing zero bytes are dropped.
 */
final class RlePlus {
    private RlePlus() {
    }

    /** A bitfield's runs without zero-length ones: values alternate, the first one's value is {@code firstSet}. */
    record Runs(boolean firstSet, long[] lengths) {
        long count(boolean set) {
            long n = 0;
            for (int i = 0; i < lengths.length; i++) {
                if (((i % 2 == 0) == firstSet) == set) {
                    n++;
                }
            }
            return n;
        }

        long bits(boolean set) {
            long n = 0;
            for (int i = 0; i < lengths.length; i++) {
                if (((i % 2 == 0) == firstSet) == set) {
                    n += lengths[i];
                }
            }
            return n;
        }
    }

    /** The runs as go-bitfield's run iterator gives them (a leading empty run of unset bits dropped). */
    static Runs runs(BitFieldRuns bf) {
        long[] r = bf.runs();
        if (r.length > 0 && r[0] == 0) {
            long[] rest = new long[r.length - 1];
            System.arraycopy(r, 1, rest, 0, rest.length);
            return new Runs(true, rest);
        }
        return new Runs(false, r);
    }

    /** The RLE+ bytes. */
    static byte[] encode(BitFieldRuns bf) {
        Runs runs = runs(bf);
        Bits out = new Bits();
        out.put(0, 2);
        out.put(runs.lengths().length > 0 && runs.firstSet() ? 1 : 0, 1);
        for (long len : runs.lengths()) {
            if (len == 1) {
                out.put(1, 1);
            } else if (len < 16) {
                out.put(2, 2);
                out.put((int) len, 4);
            } else {
                out.put(0, 2);
                long v = len;
                while (v >= 0x80) {
                    out.put((int) (v & 0x7f) | 0x80, 8);
                    v >>>= 7;
                }
                out.put((int) v, 8);
            }
        }
        return out.bytes();
    }

    /** The size of the bitfield's CBOR form: a byte string header and the RLE+ bytes. */
    static int cborSize(BitFieldRuns bf) {
        int n = encode(bf).length;
        int header = n < 24 ? 1 : n < 256 ? 2 : n < 65536 ? 3 : 5;
        return header + n;
    }

    private static final class Bits {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private int bits;
        private int count;

        void put(int value, int n) {
            bits |= value << count;
            count += n;
            while (count >= 8) {
                buf.write(bits & 0xff);
                bits >>>= 8;
                count -= 8;
            }
        }

        byte[] bytes() {
            if (count > 0) {
                buf.write(bits & 0xff);
            }
            byte[] b = buf.toByteArray();
            int len = b.length;
            while (len > 0 && b[len - 1] == 0) {
                len--;
            }
            return java.util.Arrays.copyOf(b, len);
        }
    }
}
