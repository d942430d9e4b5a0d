package io.minersim.sealing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
        byte[] numbers = new byte[32];
        BIG_ENDIAN.set(numbers, 0, seed);
        BIG_ENDIAN.set(numbers, 8, actorId);
        BIG_ENDIAN.set(numbers, 16, a);
        BIG_ENDIAN.set(numbers, 24, b);
        sha.update(numbers);
        if (extra != null) {
            sha.update(extra);
        }
        byte[] digest = sha.digest();
        byte[] out = new byte[length];
        System.arraycopy(digest, 0, out, 0, Math.min(32, length));
        if (length > 32) {
            long state = (long) BIG_ENDIAN.get(digest, 0) ^ (long) BIG_ENDIAN.get(digest, 8)
                    ^ (long) BIG_ENDIAN.get(digest, 16) ^ (long) BIG_ENDIAN.get(digest, 24);
            for (int off = 32; off < length; off += 8) {
                state += 0x9E3779B97F4A7C15L;
                long z = state;
                z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
                z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
                z ^= z >>> 31;
                if (off + 8 <= length) {
                    LITTLE_ENDIAN.set(out, off, z);
                } else {
                    for (int i = 0; off + i < length; i++) {
                        out[off + i] = (byte) (z >>> (8 * i));
                    }
                }
            }
        }
        return out;
    }

    /**
     * The miner's proving period offset in [0, 2880), drawn from the seed and actor (a real actor hashes
     * its address and creation epoch).
     */
    long provingPeriodOffset() {
        byte[] b = bytes("proving-period-offset", 0, 0, 8);
        return Math.floorMod((long) BIG_ENDIAN.get(b, 0), io.minersim.sealing.proving.DeadlineInfo.PROVING_PERIOD);
    }

    /** 32 bytes that are a valid Fr32 field element (top two bits of the last byte clear). */
    byte[] commitment(String domain, long a, long b, byte[] extra) {
        byte[] out = bytes(domain, a, b, extra, 32);
        out[31] &= 0x3f;
        return out;
    }

    private static final VarHandle BIG_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);
    private static final VarHandle LITTLE_ENDIAN = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    /** Cloned for each use: cheaper than a provider lookup, which showed in status profiles. */
    private static final MessageDigest SHA256 = newSha256();

    static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
