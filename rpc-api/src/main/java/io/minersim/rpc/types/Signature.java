package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code crypto.Signature}: {@code {"Type": 1 (secp256k1) | 2 (BLS), "Data": base64}}.
 *
 * @param type the signature type
 * @param data the signature bytes
 */
public record Signature(@JsonProperty("Type") int type, @JsonProperty("Data") byte[] data) {
    /** {@code SigTypeSecp256k1}. */
    public static final int SECP256K1 = 1;
    /** {@code SigTypeBLS}. */
    public static final int BLS = 2;

    public Signature {
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("Signature.Type must be a byte, got " + type);
        }
        data = Checks.copy(data);
    }

    @Override
    public byte[] data() {
        return Checks.copy(data);
    }
}
