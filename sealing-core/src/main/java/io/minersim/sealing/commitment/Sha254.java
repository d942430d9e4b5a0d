package io.minersim.sealing.commitment;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The sha256-trunc254 node hash: SHA-256 of two children with the top two bits cleared. */
final class Sha254 {

    static final int NODE_BYTES = 32;

    private Sha254() {
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static byte[] parent(MessageDigest sha256, byte[] left, byte[] right) {
        sha256.reset();
        sha256.update(left, 0, NODE_BYTES);
        sha256.update(right, 0, NODE_BYTES);
        byte[] digest = sha256.digest();
        digest[NODE_BYTES - 1] &= 0x3f;
        return digest;
    }
}
