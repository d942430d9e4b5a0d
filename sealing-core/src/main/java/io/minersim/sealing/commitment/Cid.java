package io.minersim.sealing.commitment;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.codec.binary.Base32;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * An immutable CIDv1: a multicodec content type and a multihash (function code and digest).
 *
 * <p>Binary form: {@code varint(1) varint(codec) varint(multihash code) varint(digest length)
 * digest}, with unsigned LEB128 varints. String form: multibase {@code 'b'}, RFC 4648 base32 in
 * lower case without padding.
 */
public final class Cid {

    /** Multicodec fil-commitment-unsealed (piece and unsealed sector commitments). */
    public static final long FIL_COMMITMENT_UNSEALED = 0xf101;
    /** Multicodec fil-commitment-sealed (replica commitments). */
    public static final long FIL_COMMITMENT_SEALED = 0xf102;
    /** Multicodec dag-cbor. */
    public static final long DAG_CBOR = 0x71;
    /** Multicodec raw. */
    public static final long RAW = 0x55;

    /** Multihash sha2-256-trunc254-padded. */
    public static final long SHA2_256_TRUNC254_PADDED = 0x1012;
    /** Multihash poseidon-bls12_381-a2-fc1. */
    public static final long POSEIDON_BLS12_381_A2_FC1 = 0xb401;
    /** Multihash blake2b-256. */
    public static final long BLAKE2B_256 = 0xb220;
    /** Multihash sha2-256. */
    public static final long SHA2_256 = 0x12;

    private static final int COMMITMENT_BYTES = 32;
    private static final int MAX_VARINT_BYTES = 9;
    private static final char MULTIBASE_BASE32 = 'b';
    private static final Base32 BASE32 = new Base32();

    private final long codec;
    private final long multihashCode;
    private final byte[] digest;
    /** The string form, computed once: base32 encoding is the dearest part of rendering a sector. */
    private volatile String text;

    private Cid(long codec, long multihashCode, byte[] digest) {
        this.codec = codec;
        this.multihashCode = multihashCode;
        this.digest = digest;
    }

    /**
     * A CIDv1 from its parts.
     *
     * @throws IllegalArgumentException if a code is negative (codes are unsigned 63-bit varints)
     */
    public static Cid of(long codec, long multihashCode, byte[] digest) {
        requireCode(codec, "codec");
        requireCode(multihashCode, "multihash code");
        Objects.requireNonNull(digest, "digest");
        return new Cid(codec, multihashCode, digest.clone());
    }

    /** The piece / unsealed sector commitment CID (CommP, CommD) of 32 raw bytes. */
    public static Cid unsealedCommitment(byte[] commD32) {
        return of(FIL_COMMITMENT_UNSEALED, SHA2_256_TRUNC254_PADDED, requireCommitment(commD32));
    }

    /** The sealed sector (replica) commitment CID (CommR) of 32 raw bytes. */
    public static Cid sealedCommitment(byte[] commR32) {
        return of(FIL_COMMITMENT_SEALED, POSEIDON_BLS12_381_A2_FC1, requireCommitment(commR32));
    }

    /** The dag-cbor CID of an encoded block, hashed with blake2b-256 (Filecoin message CIDs). */
    public static Cid dagCborBlake2b256(byte[] block) {
        Objects.requireNonNull(block, "block");
        Blake2bDigest blake = new Blake2bDigest(256);
        blake.update(block, 0, block.length);
        byte[] hash = new byte[blake.getDigestSize()];
        blake.doFinal(hash, 0);
        return new Cid(DAG_CBOR, BLAKE2B_256, hash);
    }

    /**
     * Parses a CIDv1 string in multibase base32 lower case ({@code b...}).
     *
     * @throws IllegalArgumentException naming the problem if the string is not such a CID
     */
    public static Cid parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            throw new IllegalArgumentException("invalid CID: empty string");
        }
        char prefix = text.charAt(0);
        if (prefix != MULTIBASE_BASE32) {
            String hint = text.startsWith("Qm") ? " (CIDv0 is not supported)" : "";
            throw invalid(text, "unsupported multibase prefix '" + prefix
                    + "': only 'b' (base32 lower case) is supported" + hint);
        }
        byte[] bytes = decodeBase32(text);
        Reader reader = new Reader(bytes, text);
        long version = reader.varint("version");
        if (version != 1) {
            throw invalid(text, "unsupported CID version " + version + ": only CIDv1 is supported");
        }
        long codec = reader.varint("codec");
        long mhCode = reader.varint("multihash code");
        long length = reader.varint("multihash length");
        int remaining = bytes.length - reader.pos;
        if (length != remaining) {
            throw invalid(text, "multihash length field says " + length
                    + " digest bytes but " + remaining + " follow");
        }
        return new Cid(codec, mhCode, Arrays.copyOfRange(bytes, reader.pos, bytes.length));
    }

    /** The multicodec content type. */
    public long codec() {
        return codec;
    }

    /** The multihash function code. */
    public long multihashCode() {
        return multihashCode;
    }

    /** A copy of the multihash digest. */
    public byte[] digest() {
        return digest.clone();
    }

    /** True for fil-commitment-unsealed / sha2-256-trunc254-padded with a 32-byte digest. */
    public boolean isUnsealedCommitment() {
        return codec == FIL_COMMITMENT_UNSEALED && multihashCode == SHA2_256_TRUNC254_PADDED
                && digest.length == COMMITMENT_BYTES;
    }

    /** True for fil-commitment-sealed / poseidon-bls12_381-a2-fc1 with a 32-byte digest. */
    public boolean isSealedCommitment() {
        return codec == FIL_COMMITMENT_SEALED && multihashCode == POSEIDON_BLS12_381_A2_FC1
                && digest.length == COMMITMENT_BYTES;
    }

    /** The binary CID. */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(digest.length + 4 * MAX_VARINT_BYTES);
        writeVarint(out, 1);
        writeVarint(out, codec);
        writeVarint(out, multihashCode);
        writeVarint(out, digest.length);
        out.writeBytes(digest);
        return out.toByteArray();
    }

    /** The multibase base32 string, e.g. {@code baga6ea4sea...}. */
    @Override
    public String toString() {
        String t = text;
        if (t == null) {
            t = base32Lower(toBytes());
            text = t;
        }
        return t;
    }

    private static final byte[] BASE32_LOWER = "abcdefghijklmnopqrstuvwxyz234567"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Multibase 'b' and RFC 4648 base32 in lower case without padding (hand-written: about 5x commons-codec's). */
    private static String base32Lower(byte[] bytes) {
        byte[] out = new byte[1 + (bytes.length * 8 + 4) / 5];
        out[0] = MULTIBASE_BASE32;
        int o = 1;
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[o++] = BASE32_LOWER[(buffer >>> bits) & 31];
            }
        }
        if (bits > 0) {
            out[o++] = BASE32_LOWER[(buffer << (5 - bits)) & 31];
        }
        return new String(out, 0, o, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid other
                && codec == other.codec
                && multihashCode == other.multihashCode
                && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return (31 * Long.hashCode(codec) + Long.hashCode(multihashCode)) * 31
                + Arrays.hashCode(digest);
    }

    private static byte[] requireCommitment(byte[] commitment) {
        Objects.requireNonNull(commitment, "commitment");
        if (commitment.length != COMMITMENT_BYTES) {
            throw new IllegalArgumentException(
                    "a commitment has 32 bytes, got " + commitment.length);
        }
        return commitment;
    }

    private static void requireCode(long code, String what) {
        if (code < 0) {
            throw new IllegalArgumentException(what + " must be a non-negative 63-bit value");
        }
    }

    private static void writeVarint(ByteArrayOutputStream out, long value) {
        long v = value;
        while ((v & ~0x7fL) != 0) {
            out.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] decodeBase32(String text) {
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '2' && c <= '7')) {
                throw invalid(text, "invalid base32 character '" + c + "' at index " + i);
            }
        }
        int chars = text.length() - 1;
        int tail = chars % 8;
        if (chars == 0 || tail == 1 || tail == 3 || tail == 6) {
            throw invalid(text, "base32 payload has an impossible length " + chars);
        }
        String padded = text.substring(1).toUpperCase(Locale.ROOT)
                + "=".repeat(tail == 0 ? 0 : 8 - tail);
        byte[] bytes = BASE32.decode(padded);
        if (!base32Lower(bytes).equals(text)) {
            throw invalid(text, "base32 payload is not canonical (non-zero trailing bits)");
        }
        return bytes;
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        return new IllegalArgumentException("invalid CID \"" + shown + "\": " + reason);
    }

    private static final class Reader {
        private final byte[] bytes;
        private final String text;
        private int pos;

        Reader(byte[] bytes, String text) {
            this.bytes = bytes;
            this.text = text;
        }

        long varint(String field) {
            long value = 0;
            for (int i = 0; i < MAX_VARINT_BYTES; i++) {
                if (pos >= bytes.length) {
                    throw invalid(text, "truncated varint for the " + field);
                }
                int b = bytes[pos++] & 0xff;
                value |= (long) (b & 0x7f) << (7 * i);
                if ((b & 0x80) == 0) {
                    if (b == 0 && i > 0) {
                        throw invalid(text, "varint for the " + field + " is not minimally encoded");
                    }
                    return value;
                }
            }
            throw invalid(text, "varint for the " + field + " is longer than 9 bytes");
        }
    }
}
