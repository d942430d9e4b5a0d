package io.minersim.sealing.commitment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import org.apache.commons.codec.binary.Base32;
import org.junit.jupiter.api.Test;

class CidTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] ramp(int n, int start) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (start + i);
        }
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Independent multibase encoder for building malformed inputs. */
    private static String multibase(byte[] bytes) {
        return "b" + new Base32().encodeAsString(bytes).toLowerCase(Locale.ROOT).replace("=", "");
    }

    @Test
    void unsealedCommitmentLayoutAndPrefix() {
        byte[] comm = ramp(32, 1);
        Cid cid = Cid.unsealedCommitment(comm);

        assertThat(cid.codec()).isEqualTo(0xf101);
        assertThat(cid.multihashCode()).isEqualTo(0x1012);
        assertThat(cid.digest()).isEqualTo(comm);
        assertThat(cid.toBytes()).isEqualTo(concat(HEX.parseHex("0181e20392202" + "0"), comm));
        assertThat(cid.toString()).startsWith("baga6ea4sea");
        assertThat(cid.isUnsealedCommitment()).isTrue();
        assertThat(cid.isSealedCommitment()).isFalse();
    }

    @Test
    void sealedCommitmentLayoutAndPrefix() {
        byte[] comm = ramp(32, 0x80);
        Cid cid = Cid.sealedCommitment(comm);

        assertThat(cid.codec()).isEqualTo(0xf102);
        assertThat(cid.multihashCode()).isEqualTo(0xb401);
        assertThat(cid.toBytes()).isEqualTo(concat(HEX.parseHex("0182e20381e80220"), comm));
        assertThat(cid.toString()).startsWith("bagboea4b5abc");
        assertThat(cid.isSealedCommitment()).isTrue();
    }

    @Test
    void dagCborBlake2b256HashesTheBlock() {
        Cid empty = Cid.dagCborBlake2b256(new byte[0]);
        Cid abc = Cid.dagCborBlake2b256("abc".getBytes(StandardCharsets.US_ASCII));

        // RFC 7693 / reference blake2b-256 digests of "" and "abc"
        assertThat(empty.digest()).isEqualTo(
                HEX.parseHex("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8"));
        assertThat(abc.digest()).isEqualTo(
                HEX.parseHex("bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319"));
        assertThat(abc.codec()).isEqualTo(Cid.DAG_CBOR);
        assertThat(abc.multihashCode()).isEqualTo(Cid.BLAKE2B_256);
        assertThat(abc.toBytes()).isEqualTo(concat(HEX.parseHex("0171a0e40220"), abc.digest()));
        assertThat(abc.toString()).startsWith("bafy2bza");
    }

    @Test
    void parsesAPublishedPieceCid() {
        // forest (ChainSafe) compute_unsealed_sector_cid test: multihash hex and its CID string
        String text = "baga6ea4seaqjyk7pl3orbzxailtwmfjmhc43xgqqp22gde4hdyunupettpjqmai";
        Cid cid = Cid.parse(text);

        assertThat(cid.toBytes()).isEqualTo(HEX.parseHex(
                "0181e203" + "9220209c2bef5edd10e6e042e766152c38b9bb9a107eb46193871e28da3c939bd30601"));
        assertThat(cid.isUnsealedCommitment()).isTrue();
        assertThat(cid.toString()).isEqualTo(text);
    }

    @Test
    void roundTripsThroughStringsAndEquality() {
        Cid[] cids = {
            Cid.unsealedCommitment(ramp(32, 7)),
            Cid.sealedCommitment(ramp(32, 9)),
            Cid.dagCborBlake2b256(ramp(100, 3)),
            Cid.of(Cid.RAW, Cid.SHA2_256, ramp(32, 0)),
            Cid.of(1L << 40, 0, new byte[0]),
        };
        for (Cid cid : cids) {
            Cid back = Cid.parse(cid.toString());
            assertThat(back).isEqualTo(cid).hasSameHashCodeAs(cid);
            assertThat(back.toBytes()).isEqualTo(cid.toBytes());
        }
        assertThat(Cid.unsealedCommitment(ramp(32, 7)))
                .isNotEqualTo(Cid.sealedCommitment(ramp(32, 7)))
                .isNotEqualTo(Cid.unsealedCommitment(ramp(32, 8)));
    }

    @Test
    void copiesDigestsInAndOut() {
        byte[] comm = ramp(32, 1);
        Cid cid = Cid.unsealedCommitment(comm);
        String before = cid.toString();
        comm[0] = 99;
        cid.digest()[1] = 99;
        assertThat(cid.toString()).isEqualTo(before);
        assertThat(cid.digest()).isEqualTo(ramp(32, 1));
    }

    @Test
    void commitmentsMustBe32Bytes() {
        assertThatThrownBy(() -> Cid.unsealedCommitment(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Cid.sealedCommitment(new byte[33]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> Cid.of(-1, 0x12, new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("codec");
    }

    @Test
    void parseRejectsGarbageWithAClearMessage() {
        String good = Cid.unsealedCommitment(ramp(32, 1)).toString();
        byte[] digest = ramp(32, 1);

        assertRejected("", "empty");
        assertRejected("zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA", "multibase prefix 'z'");
        assertRejected("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG", "CIDv0");
        assertRejected(good.toUpperCase(Locale.ROOT), "multibase prefix 'B'");
        assertRejected("baga6ea4sea!q", "invalid base32 character '!' at index 11");
        assertRejected("b" + good.substring(2).toUpperCase(Locale.ROOT), "invalid base32 character");
        assertRejected("b", "impossible length");
        assertRejected("baga", "impossible length 3");
        assertRejected(multibase(concat(HEX.parseHex("0081e20392202" + "0"), digest)),
                "unsupported CID version 0");
        assertRejected(multibase(concat(HEX.parseHex("0281e20392202" + "0"), digest)),
                "unsupported CID version 2");
        assertRejected(multibase(HEX.parseHex("0181e2")), "truncated varint for the codec");
        assertRejected(multibase(HEX.parseHex("0181e203")), "truncated varint for the multihash code");
        assertRejected(multibase(HEX.parseHex("01f180")), "truncated varint for the codec");
        assertRejected(multibase(concat(HEX.parseHex("01f18000922020"), digest)), "not minimally encoded");
        assertRejected(multibase(HEX.parseHex("01ffffffffffffffffff01")), "longer than 9 bytes");
        assertRejected(multibase(concat(HEX.parseHex("0181e20392202" + "0"), Arrays.copyOf(digest, 31))),
                "says 32 digest bytes but 31 follow");
        assertRejected(multibase(concat(HEX.parseHex("0181e20392202" + "0"), Arrays.copyOf(digest, 33))),
                "says 32 digest bytes but 33 follow");
        // 'bah' decodes to one byte with non-zero leftover bits: not a canonical encoding
        assertRejected("bah", "not canonical");
    }

    private static void assertRejected(String text, String messagePart) {
        assertThatThrownBy(() -> Cid.parse(text))
                .as("parse(%s)", text)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void theStringFormMatchesCommonsCodecsBase32ForEveryCodecAndDigestLength() {
        Base32 reference = new Base32();
        Random random = new Random(42);
        long[][] kinds = {{Cid.FIL_COMMITMENT_UNSEALED, Cid.SHA2_256_TRUNC254_PADDED},
            {Cid.FIL_COMMITMENT_SEALED, Cid.POSEIDON_BLS12_381_A2_FC1}, {Cid.DAG_CBOR, Cid.BLAKE2B_256},
            {Cid.RAW, Cid.SHA2_256}};
        for (int i = 0; i < 2000; i++) {
            long[] kind = kinds[i % kinds.length];
            byte[] digest = new byte[1 + random.nextInt(64)];
            random.nextBytes(digest);
            Cid cid = Cid.of(kind[0], kind[1], digest);
            String padded = reference.encodeAsString(cid.toBytes()).toLowerCase(Locale.ROOT);
            assertThat(cid.toString()).isEqualTo("b" + padded.replaceAll("=+$", ""));
            assertThat(Cid.parse(cid.toString())).isEqualTo(cid);
        }
    }
}
