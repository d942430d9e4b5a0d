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

    /** {@code length} bytes for {@code domain}, two numbers and some further input. */
    byte[] bytes(String domain, long a, long b, byte[] extra, int length) {
        MessageDigest sha = sha256();
        byte[] out = new byte[length];
        byte[] domainBytes = domain.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer header = ByteBuffer.allocate(36);
        for (int block = 0, off = 0; off < length; block++, off += 32) {
            header.clear();
            header.putLong(seed).putLong(actorId).putLong(a).putLong(b).putInt(block);
            sha.update(domainBytes);
            sha.update(header.array());
            if (extra != null) {
                sha.update(extra);
            }
            byte[] digest = sha.digest();
            System.arraycopy(digest, 0, out, off, Math.min(32, length - off));
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
