package io.minersim.app.fullnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The full node's libp2p identity: a peer ID in libp2p's printed form for an Ed25519 key. */
class NetAndSyncTest {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    private static byte[] decode58(String s) {
        BigInteger n = BigInteger.ZERO;
        for (char c : s.toCharArray()) {
            n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(ALPHABET.indexOf(c)));
        }
        byte[] b = n.toByteArray();
        int zeros = 0;
        while (zeros < s.length() && s.charAt(zeros) == '1') {
            zeros++;
        }
        byte[] body = b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
        byte[] out = new byte[zeros + body.length];
        System.arraycopy(body, 0, out, zeros, body.length);
        return out;
    }

    @Test
    void peerIdIsTheIdentityMultihashOfTheEd25519KeyInBase58() {
        byte[] key = new byte[32];
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        String id = NetAndSync.peerId(key);
        assertThat(id).startsWith("12D3KooW").hasSize(52);
        byte[] mh = decode58(id);
        assertThat(Arrays.copyOf(mh, 6)).containsExactly(0x00, 0x24, 0x08, 0x01, 0x12, 0x20);
        assertThat(Arrays.copyOfRange(mh, 6, 38)).isEqualTo(key);
        assertThat(NetAndSync.peerId(new byte[32])).startsWith("12D3KooW");
        assertThatThrownBy(() -> NetAndSync.peerId(new byte[31])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void base58KeepsLeadingZerosAsOnes() {
        assertThat(NetAndSync.base58(new byte[] {0, 0, 1})).isEqualTo("112");
        assertThat(NetAndSync.base58(new byte[] {57})).isEqualTo("z");
        assertThat(NetAndSync.base58(new byte[] {58})).isEqualTo("21");
    }
}
