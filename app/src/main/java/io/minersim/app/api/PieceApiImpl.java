package io.minersim.app.api;

import io.minersim.rpc.PieceApi;
import io.minersim.rpc.types.PieceInfo;
import io.minersim.rpc.types.ReaderStream;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import java.io.IOException;
import java.io.InputStream;

/**
 * {@link PieceApi}: the engine's CommP over the uploaded (or null) reader, read as Lotus's sealer reads it for
 * {@code DataCid}: at most {@code size} bytes, zeros past the data's end. Nothing in the miner changes.
 */
public final class PieceApiImpl implements PieceApi {
    private final PieceData pieceData;

    public PieceApiImpl(PieceData pieceData) {
        this.pieceData = pieceData;
    }

    @Override
    public PieceInfo computeDataCid(long size, ReaderStream data) {
        if (size < 127) {
            throw new InvalidInputException("size", "minimum piece size is 127 bytes");
        }
        if (Long.numberOfTrailingZeros(size) > 62 || (size >>> Long.numberOfTrailingZeros(size)) != 127) {
            throw new InvalidInputException("size", "unpadded piece size must be a power of 2 multiple of 127");
        }
        long padded = PieceCommitments.paddedSize(size);
        byte[] commP;
        if (data == null || ReaderStream.NULL.equals(data.type())) {
            commP = PieceCommitments.zeroCommitment(padded);
        } else {
            try (InputStream in = pieceData.open(data)) {
                commP = PieceCommitments.pieceCommitment(new ZeroFilled(in, size), size);
            } catch (IOException e) {
                throw new InvalidInputException("data", "pr read error: " + e.getMessage());
            }
        }
        return new PieceInfo(padded, WireMapping.cid(Cid.unsealedCommitment(commP)));
    }

    /**
     * Exactly {@code size} bytes: the stream's first ones, then zeros if it ends early (Lotus's
     * {@code io.LimitReader(io.MultiReader(data, nullreader.Reader{}), size)}).
     */
    private static final class ZeroFilled extends InputStream {
        private final InputStream in;
        private long left;
        private boolean ended;

        ZeroFilled(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                return -1;
            }
            int want = (int) Math.min(len, left);
            if (want == 0) {
                return 0;
            }
            int n = 0;
            if (!ended) {
                n = in.read(b, off, want);
                if (n < 0) {
                    ended = true;
                    n = 0;
                }
            }
            if (ended) {
                java.util.Arrays.fill(b, off, off + want, (byte) 0);
                n = want;
            }
            left -= n;
            return n;
        }
    }
}
