package io.minersim.sealing.commitment;

import java.security.MessageDigest;

/**
 * Builds a sha256-trunc254 tree over raw piece data fed in 127-byte chunks, keeping only one
 * pending subtree root per level. Not thread-safe; one instance per computation.
 */
final class PieceTreeBuilder {

    private static final int LEVELS = 64;

    private final MessageDigest sha256 = Sha254.newDigest();
    private final byte[][] pending = new byte[LEVELS][];
    private final byte[] padded = new byte[Fr32.PADDED_CHUNK];
    private long leaves;

    void addChunk(byte[] data, int offset) {
        Fr32.padChunk(data, offset, padded, 0);
        for (int node = 0; node < Fr32.PADDED_CHUNK; node += Sha254.NODE_BYTES) {
            byte[] leaf = new byte[Sha254.NODE_BYTES];
            System.arraycopy(padded, node, leaf, 0, Sha254.NODE_BYTES);
            push(leaf);
        }
    }

    private void push(byte[] leaf) {
        byte[] node = leaf;
        int level = 0;
        while (pending[level] != null) {
            node = Sha254.parent(sha256, pending[level], node);
            pending[level] = null;
            level++;
        }
        pending[level] = node;
        leaves++;
    }

    /** The root; valid once a power-of-two number of leaves has been added. */
    byte[] root() {
        if (leaves == 0 || Long.bitCount(leaves) != 1) {
            throw new IllegalStateException("tree has " + leaves + " leaves, not a power of two");
        }
        return pending[Long.numberOfTrailingZeros(leaves)].clone();
    }
}
