package io.minersim.app.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Proof bytes of the simulated prover: SHA-256 in counter mode over a label, the seed and the proof's inputs, so the
 * same inputs give the same bytes (and different challenges different ones). A SNARK of Filecoin's PoSts is 192
 * bytes.
 */
final class SimulatedProofs {
    /** Bytes of one Groth16 proof (a winning PoSt, or one partition of a Window PoSt). */
    static final int SNARK_BYTES = 192;

    private SimulatedProofs() {
    }

    /** {@code snarks} proofs' bytes for the inputs. */
    static byte[] proofBytes(String label, long seed, byte[] inputs, int snarks) {
        byte[] out = new byte[SNARK_BYTES * snarks];
        MessageDigest sha = sha256();
        for (int block = 0, off = 0; off < out.length; block++) {
            sha.reset();
            sha.update(label.getBytes(StandardCharsets.US_ASCII));
            sha.update(ByteBuffer.allocate(12).putLong(seed).putInt(block).array());
            sha.update(inputs);
            byte[] h = sha.digest();
            int take = Math.min(h.length, out.length - off);
            System.arraycopy(h, 0, out, off, take);
            off += take;
        }
        return out;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
