package io.minersim.app.fullnode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * The account behind miner {@code index} of a world: its owner, worker and beneficiary are one account actor with
 * ID {@code f0(100 + index)} (as Lotus's devnet genesis gives miner {@code t01000} the owner {@code t0100}) and a
 * secp256k1 key address {@code f1…}, derived from the seed and the miner's actor, with go-address's checksum.
 *
 * @param index the miner's index in the world
 * @param actorId the miner actor's ID
 * @param accountId the account actor's ID
 * @param keyAddress the account's key address
 */
record MinerAccounts(int index, long actorId, long accountId, String keyAddress) {
    /** The first account ID, as Lotus's devnet genesis numbers them. */
    static final long FIRST_ACCOUNT_ID = 100;

    static MinerAccounts of(int index, long actorId, long seed) {
        byte[] key = ByteBuffer.allocate(16).putLong(seed).putLong(actorId).array();
        Blake2bDigest b = new Blake2bDigest(160);
        b.update("minersim-worker".getBytes(StandardCharsets.US_ASCII), 0, 15);
        b.update(key, 0, key.length);
        byte[] payload = new byte[20];
        b.doFinal(payload, 0);
        return new MinerAccounts(index, actorId, FIRST_ACCOUNT_ID + index, secp256k1Address(payload));
    }

    String actorAddress() {
        return "f0" + actorId;
    }

    String accountAddress() {
        return "f0" + accountId;
    }

    /** go-address's string form of a secp256k1 address with this 20-byte payload: {@code f1} + base32(payload ‖ checksum). */
    static String secp256k1Address(byte[] payload) {
        Blake2bDigest c = new Blake2bDigest(32);
        c.update((byte) 1);
        c.update(payload, 0, payload.length);
        byte[] checksum = new byte[4];
        c.doFinal(checksum, 0);
        byte[] all = new byte[payload.length + checksum.length];
        System.arraycopy(payload, 0, all, 0, payload.length);
        System.arraycopy(checksum, 0, all, payload.length, checksum.length);
        return "f1" + base32(all);
    }

    /** RFC 4648 base32, lower case, unpadded, as go-address encodes. */
    static String base32(byte[] bytes) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        StringBuilder out = new StringBuilder((bytes.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte x : bytes) {
            buffer = (buffer << 8) | (x & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(alphabet.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(alphabet.charAt((buffer << (5 - bits)) & 31));
        }
        return out.toString();
    }
}
