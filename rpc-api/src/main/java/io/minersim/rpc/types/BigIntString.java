package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * A Lotus {@code types.BigInt} as a whole result ({@code WalletBalance}, {@code StateMinerAvailableBalance}): a
 * decimal JSON string such as {@code "1000"}.
 *
 * @param value the number
 */
public record BigIntString(BigInteger value) {
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

    public BigIntString {
        value = Checks.bigOrZero(value);
    }

    /** Reads Lotus's decimal string. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static BigIntString parse(String text) {
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException("not a decimal integer (a Lotus big.Int): " + text);
        }
        return new BigIntString(new BigInteger(text));
    }

    @JsonValue
    @Override
    public String toString() {
        return value.toString();
    }
}
