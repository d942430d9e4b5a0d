package io.minersim.sealing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Every value a real miner gets from proofs or chain randomness, derived instead from the simulation
 * seed with SHA-256 in counter mode: the same seed and inputs give the same bytes on every run.
 */
final class SimulatedRandomness {
    private final long seed;
    private final long actorId;

    SimulatedRandomness(long seed, long actorId) {
        this.seed = seed;
        this.actorId = actorId;
    }

    /** {@code length} bytes for {@code domain} and two numbers. */
    byte[] bytes(String domain, long a, long b, int length) {
        return bytes(domain, a, b, null, length);
    }

    /**
     * {@code length} bytes for {@code domain}, two numbers and some further input: a SHA-256 digest,
     * and past its 32 bytes a SplitMix64 stream keyed by it (long values like proofs need no more).
     */
    byte[] bytes(String domain, long a, long b, byte[] extra, int length) {
        MessageDigest sha = sha256();
        sha.update(domain.getBytes(StandardCharsets.US_ASCII));
        sha.update(ByteBuffer.allocate(32).putLong(seed).putLong(actorId).putLong(a).putLong(b).array());
        if (extra != null) {
            sha.update(extra);
        }
        byte[] digest = sha.digest();
        byte[] out = new byte[length];
        System.arraycopy(digest, 0, out, 0, Math.min(32, length));
        if (length > 32) {
            ByteBuffer key = ByteBuffer.wrap(digest);
            long state = key.getLong() ^ key.getLong() ^ key.getLong() ^ key.getLong();
            for (int off = 32; off < length; off += 8) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                for (int i = 0; i < 8 && off + i < length; i++) {
                    out[off + i] = (byte) (z >>> (8 * i));
                }
            }
        }
        return out;
    }

    /** 32 bytes that are a valid Fr32 field element (top two bits of the last byte clear). */
    byte[] commitment(String domain, long a, long b, byte[] extra) {
        byte[] out = bytes(domain, a, b, extra, 32);
        out[31] &= 0x3f;
        return out;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
