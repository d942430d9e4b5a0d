package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigInteger;
import java.util.regex.Pattern;

/**
 * Marks a {@link BigInteger} as a Lotus {@code big.Int} ({@code abi.TokenAmount}, {@code abi.DealWeight}): written
 * as a decimal JSON string ({@code "1000"}), read from a decimal string or, more leniently than Lotus, from a bare
 * JSON integer. Fractions, exponents and other text are rejected.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@JacksonAnnotationsInside
@JsonSerialize(using = ToStringSerializer.class)
@JsonDeserialize(using = DecimalString.Deserializer.class)
public @interface DecimalString {

    /** Reads a decimal string or an integer token into a {@link BigInteger}. */
    final class Deserializer extends StdScalarDeserializer<BigInteger> {
        private static final long serialVersionUID = 1L;
        private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+");

        public Deserializer() {
            super(BigInteger.class);
        }

        @Override
        public BigInteger deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT) {
                return p.getBigIntegerValue();
            }
            if (t == JsonToken.VALUE_STRING) {
                String s = p.getText();
                if (!DECIMAL.matcher(s).matches()) {
                    return (BigInteger) ctxt.handleWeirdStringValue(
                            BigInteger.class, s, "not a decimal integer (a Lotus big.Int)");
                }
                return new BigInteger(s);
            }
            return (BigInteger) ctxt.handleUnexpectedToken(BigInteger.class, p);
        }
    }
}
