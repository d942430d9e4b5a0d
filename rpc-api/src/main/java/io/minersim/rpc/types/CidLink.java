package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.regex.Pattern;

/**
 * A CID as go-cid writes it in JSON: {@code {"/":"bafy..."}}. An absent (undefined) CID is {@code null} on the wire,
 * so fields of this type are nullable and a {@code CidLink} itself always holds a string.
 *
 * <p>The string must look like a CIDv1 in multibase base32 ({@code b} followed by {@code [a-z2-7]}) or a CIDv0
 * ({@code Qm} followed by 44 base58btc characters). Only the text form is checked, not the multihash inside.
 *
 * @param value the CID's string form
 */
public record CidLink(@JsonProperty("/") String value) {
    private static final Pattern V0_BASE58 = Pattern.compile("Qm[1-9A-HJ-NP-Za-km-z]{44}");

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public CidLink {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("CID must be given as {\"/\":\"<cid>\"}, got no \"/\" value");
        }
        if (!isV1Base32(value) && !V0_BASE58.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "not a CID (want base32 CIDv1 'b[a-z2-7]+' or base58 CIDv0 'Qm...'): " + value);
        }
    }

    /** {@code b[a-z2-7]+}, checked by hand: every status answer builds several of these. */
    private static boolean isV1Base32(String value) {
        int n = value.length();
        if (n < 2 || value.charAt(0) != 'b') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '2' && c <= '7')) {
                return false;
            }
        }
        return true;
    }

    /** The CID of that string form; same as the constructor. */
    public static CidLink of(String value) {
        return new CidLink(value);
    }

    /** Whether this is a CIDv0 ({@code Qm...}). */
    @JsonIgnore
    public boolean isV0() {
        return value.startsWith("Qm");
    }

    @Override
    public String toString() {
        return value;
    }
}
