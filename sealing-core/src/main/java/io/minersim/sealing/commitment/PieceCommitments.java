package io.minersim.sealing.commitment;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Piece and sector data commitments over the sha256-trunc254 binary tree (32-byte nodes, parent =
 * SHA-256 of both children with the top two bits of the last byte cleared).
 *
 * <p>All methods are static, thread-safe and return fresh arrays.
 */
public final class PieceCommitments {

    /** The smallest padded piece size: one Fr32 chunk. */
    public static final long MIN_PADDED_PIECE_SIZE = 128;
    /** The largest padded size representable here (the largest power of two in a long). */
    public static final long MAX_PADDED_PIECE_SIZE = 1L << 62;

    private static final int LEAF_LEVEL_SHIFT = 5;
    private static final int READ_CHUNKS = 1024;

    /** ZERO_NODES[level] is the root of an all-zero subtree with 2^level leaves. */
    private static final byte[][] ZERO_NODES = buildZeroNodes();

    private PieceCommitments() {
    }

    private static byte[][] buildZeroNodes() {
        int levels = Long.numberOfTrailingZeros(MAX_PADDED_PIECE_SIZE) - LEAF_LEVEL_SHIFT + 1;
        byte[][] nodes = new byte[levels][];
        nodes[0] = new byte[Sha254.NODE_BYTES];
        MessageDigest sha256 = Sha254.newDigest();
        for (int level = 1; level < levels; level++) {
            nodes[level] = Sha254.parent(sha256, nodes[level - 1], nodes[level - 1]);
        }
        return nodes;
    }

    /**
     * The commitment of an all-zero padded piece.
     *
     * @param paddedPieceSize a power of two, at least 128
     */
    public static byte[] zeroCommitment(long paddedPieceSize) {
        checkPaddedSize(paddedPieceSize, "padded piece size");
        return zeroNode(paddedPieceSize).clone();
    }

    private static byte[] zeroNode(long paddedSize) {
        return ZERO_NODES[Long.numberOfTrailingZeros(paddedSize) - LEAF_LEVEL_SHIFT];
    }

    /**
     * A sector's unsealed data commitment (CommD) from its pieces, as Lotus computes it: pieces in
     * order, each preceded by the zero pieces needed to align it to a multiple of its own size, the
     * rest of the sector filled with zero pieces, and all of it combined pairwise up the tree.
     *
     * @param sectorSize the sector size in bytes (a power of two, at least 128)
     * @param pieces the pieces in sector order; empty gives the zero commitment of the sector
     * @throws IllegalArgumentException if a size is invalid or the pieces do not fit the sector
     */
    public static byte[] unsealedSectorCommitment(long sectorSize, List<PieceCommitment> pieces) {
        checkPaddedSize(sectorSize, "sector size");
        Objects.requireNonNull(pieces, "pieces");
        if (pieces.isEmpty()) {
            return zeroCommitment(sectorSize);
        }
        MessageDigest sha256 = Sha254.newDigest();
        List<Subtree> stack = new ArrayList<>();
        long used = 0;
        for (int i = 0; i < pieces.size(); i++) {
            PieceCommitment piece = Objects.requireNonNull(pieces.get(i), "pieces[" + i + "]");
            long size = piece.paddedSize();
            if (size > sectorSize) {
                throw new IllegalArgumentException("piece " + i + " has padded size " + size
                        + ", larger than the sector size " + sectorSize);
            }
            long start = (used + size - 1) & -size;
            if (start + size > sectorSize) {
                throw new IllegalArgumentException("pieces do not fit in the sector: piece " + i
                        + " (padded size " + size + ") would end at byte " + (start + size)
                        + " after alignment padding, but the sector holds " + sectorSize);
            }
            while (!stack.isEmpty() && top(stack).size < size) {
                pushAndReduce(stack, Subtree.zero(top(stack).size), sha256);
            }
            pushAndReduce(stack, new Subtree(size, piece.commitmentUnsafe()), sha256);
            used = start + size;
        }
        while (stack.size() > 1 || top(stack).size < sectorSize) {
            pushAndReduce(stack, Subtree.zero(top(stack).size), sha256);
        }
        return top(stack).root.clone();
    }

    private static Subtree top(List<Subtree> stack) {
        return stack.get(stack.size() - 1);
    }

    private static void pushAndReduce(List<Subtree> stack, Subtree next, MessageDigest sha256) {
        Subtree node = next;
        while (!stack.isEmpty() && top(stack).size == node.size) {
            Subtree left = stack.remove(stack.size() - 1);
            node = new Subtree(2 * node.size, Sha254.parent(sha256, left.root, node.root));
        }
        stack.add(node);
    }

    private record Subtree(long size, byte[] root) {
        static Subtree zero(long size) {
            return new Subtree(size, zeroNode(size));
        }
    }

    /**
     * The piece commitment (commP) of raw piece data, Fr32-padded and hashed into the tree.
     *
     * @param unpaddedData exactly 127*2^k bytes
     * @throws IllegalArgumentException if the length is not a valid unpadded piece size
     */
    public static byte[] pieceCommitment(byte[] unpaddedData) {
        Objects.requireNonNull(unpaddedData, "unpaddedData");
        checkUnpaddedSize(unpaddedData.length);
        PieceTreeBuilder tree = new PieceTreeBuilder();
        for (int off = 0; off < unpaddedData.length; off += Fr32.UNPADDED_CHUNK) {
            tree.addChunk(unpaddedData, off);
        }
        return tree.root();
    }

    /**
     * The piece commitment of {@code unpaddedSize} bytes read from a stream, in constant memory.
     * The stream is not closed.
     *
     * @param unpaddedSize 127*2^k bytes; the stream must hold exactly that many
     * @throws IllegalArgumentException if the size is not a valid unpadded piece size
     * @throws EOFException if the stream ends early
     * @throws IOException if reading fails or the stream holds more bytes than announced
     */
    public static byte[] pieceCommitment(InputStream in, long unpaddedSize) throws IOException {
        Objects.requireNonNull(in, "in");
        checkUnpaddedSize(unpaddedSize);
        PieceTreeBuilder tree = new PieceTreeBuilder();
        byte[] buffer = new byte[Fr32.UNPADDED_CHUNK * READ_CHUNKS];
        long done = 0;
        while (done < unpaddedSize) {
            int want = (int) Math.min(buffer.length, unpaddedSize - done);
            int got = 0;
            while (got < want) {
                int n = in.read(buffer, got, want - got);
                if (n < 0) {
                    throw new EOFException("piece stream ended after " + (done + got)
                            + " of " + unpaddedSize + " bytes");
                }
                got += n;
            }
            for (int off = 0; off < want; off += Fr32.UNPADDED_CHUNK) {
                tree.addChunk(buffer, off);
            }
            done += want;
        }
        if (in.read() >= 0) {
            throw new IOException("piece stream holds more than the announced "
                    + unpaddedSize + " bytes");
        }
        return tree.root();
    }

    /**
     * The padded size of an unpadded piece size: {@code unpadded + unpadded / 127}.
     *
     * @throws IllegalArgumentException unless the size is 127*2^k
     */
    public static long paddedSize(long unpaddedSize) {
        checkUnpaddedSize(unpaddedSize);
        return unpaddedSize + unpaddedSize / Fr32.UNPADDED_CHUNK;
    }

    /**
     * The unpadded size of a padded piece size: {@code padded - padded / 128}.
     *
     * @throws IllegalArgumentException unless the size is a power of two of at least 128
     */
    public static long unpaddedSize(long paddedSize) {
        checkPaddedSize(paddedSize, "padded piece size");
        return paddedSize - paddedSize / Fr32.PADDED_CHUNK;
    }

    static void checkPaddedSize(long size, String what) {
        if (size < MIN_PADDED_PIECE_SIZE || Long.bitCount(size) != 1) {
            throw new IllegalArgumentException(
                    what + " must be a power of two of at least 128 bytes, got " + size);
        }
    }

    private static void checkUnpaddedSize(long size) {
        long chunks = size / Fr32.UNPADDED_CHUNK;
        if (size <= 0 || size % Fr32.UNPADDED_CHUNK != 0 || Long.bitCount(chunks) != 1
                || chunks > MAX_PADDED_PIECE_SIZE / Fr32.PADDED_CHUNK) {
            throw new IllegalArgumentException(
                    "unpadded piece size must be 127*2^k bytes (127, 254, 508, ...), got " + size);
        }
    }
}
