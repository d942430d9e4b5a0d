package io.minersim.sealing.commitment;

/**
 * Fr32 padding: each 127 input bytes (1016 bits, read least significant bit first) become four
 * 32-byte field elements holding 254 data bits each, with the two top bits left zero.
 */
final class Fr32 {

    static final int UNPADDED_CHUNK = 127;
    static final int PADDED_CHUNK = 128;

    private static final int NODE_BITS = 254;
    private static final int NODES_PER_CHUNK = 4;

    private Fr32() {
    }

    /** Pads {@code in[inOff..inOff+127)} into {@code out[outOff..outOff+128)}. */
    static void padChunk(byte[] in, int inOff, byte[] out, int outOff) {
        int inEnd = inOff + UNPADDED_CHUNK;
        for (int node = 0; node < NODES_PER_CHUNK; node++) {
            int firstBit = node * NODE_BITS;
            int src = inOff + firstBit / 8;
            int shift = firstBit % 8;
            int dst = outOff + node * Sha254.NODE_BYTES;
            for (int i = 0; i < Sha254.NODE_BYTES; i++) {
                int lo = src + i < inEnd ? (in[src + i] & 0xff) >>> shift : 0;
                int hi = shift != 0 && src + i + 1 < inEnd ? (in[src + i + 1] & 0xff) << (8 - shift) : 0;
                out[dst + i] = (byte) (lo | hi);
            }
            out[dst + Sha254.NODE_BYTES - 1] &= 0x3f;
        }
    }
}
