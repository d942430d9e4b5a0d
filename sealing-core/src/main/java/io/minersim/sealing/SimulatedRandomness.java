package io.minersim.sealing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
        // the domain (an ASCII literal) then the four numbers, in one array: the digest is of their concatenation
        int d = domain.length();
        byte[] input = new byte[d + 32];
        for (int i = 0; i < d; i++) {
            input[i] = (byte) domain.charAt(i);
        }
        BIG_ENDIAN.set(input, d, seed);
        BIG_ENDIAN.set(input, d + 8, actorId);
        BIG_ENDIAN.set(input, d + 16, a);
        BIG_ENDIAN.set(input, d + 24, b);
        sha.update(input);
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
    /**
     * One digest per thread, reset for each use: a provider lookup per use showed in status profiles, and so did
     * cloning one (a clone allocates the digest's state, block buffer and message schedule).
     */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(
            SimulatedRandomness::newSha256);

    /** This thread's SHA-256, reset; to be used up (digested) before the next call on the same thread. */
    static MessageDigest sha256() {
        MessageDigest sha = SHA256.get();
        sha.reset();
        return sha;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
