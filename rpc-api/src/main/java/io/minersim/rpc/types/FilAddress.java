package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A Filecoin address as a parameter ({@code address.Address}): its string form, checked as go-address's
 * {@code NewFromString} checks it, with go-address's error texts ({@code unknown address network},
 * {@code unknown address protocol}, {@code invalid address length}, {@code invalid address payload}). Key addresses
 * ({@code f1}, {@code f2}, {@code f3}) are checked for their base32 payload's length, not their checksum.
 *
 * @param value the address, e.g. {@code f01000}
 */
public record FilAddress(String value) {
    /** go-address's {@code MaxAddressStringLength}. */
    private static final int MAX_LENGTH = 2 + 84;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public FilAddress {
        if (value == null) {
            throw new IllegalArgumentException("invalid address length");
        }
        int n = value.length();
        if (n < 3 || n > MAX_LENGTH) {
            throw new IllegalArgumentException("invalid address length");
        }
        if (value.charAt(0) != 'f' && value.charAt(0) != 't') {
            throw new IllegalArgumentException("unknown address network");
        }
        String raw = value.substring(2);
        switch (value.charAt(1)) {
            case '0' -> {
                if (raw.length() > 20) {
                    throw new IllegalArgumentException("invalid address length");
                }
                for (int i = 0; i < raw.length(); i++) {
                    if (raw.charAt(i) < '0' || raw.charAt(i) > '9') {
                        throw new IllegalArgumentException("invalid address payload");
                    }
                }
                if (raw.length() == 20 || (raw.length() == 19 && raw.compareTo("9223372036854775807") > 0)) {
                    throw new IllegalArgumentException("invalid address payload");
                }
            }
            case '1', '2' -> base32(raw, 20 + 4);
            case '3' -> base32(raw, 48 + 4);
            case '4' -> {
                if (raw.indexOf('f') <= 0) {
                    throw new IllegalArgumentException("invalid address payload");
                }
            }
            default -> throw new IllegalArgumentException("unknown address protocol");
        }
    }

    /** A lower-case, unpadded base32 payload of exactly {@code bytes} bytes. */
    private static void base32(String raw, int bytes) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '2' && c <= '7')) {
                throw new IllegalArgumentException("invalid address payload");
            }
        }
        if (raw.length() * 5 / 8 != bytes) {
            throw new IllegalArgumentException("invalid address length");
        }
    }

    /** The address with the mainnet prefix {@code f}, as Lotus prints addresses. */
    public String canonical() {
        return value.charAt(0) == 'f' ? value : "f" + value.substring(1);
    }

    /** Whether this is an ID address ({@code f0…}). */
    public boolean isId() {
        return value.charAt(1) == '0';
    }

    /** The actor ID of an ID address. */
    public long id() {
        if (!isId()) {
            throw new IllegalStateException(value + " is not an ID address");
        }
        return Long.parseLong(value.substring(2));
    }

    @Override
    @JsonValue
    public String toString() {
        return value;
    }
}
