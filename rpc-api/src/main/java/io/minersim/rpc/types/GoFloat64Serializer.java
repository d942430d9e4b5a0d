package io.minersim.rpc.types;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Writes a Go {@code float64} as encoding/json does: the shortest form that reads back, with no {@code .0} on an
 * integral value and an exponent only below 1e-6 or from 1e21.
 */
public final class GoFloat64Serializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    public GoFloat64Serializer() {
        super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator g, SerializerProvider provider) throws IOException {
        g.writeRawValue(format(value));
    }

    /** Go's text of {@code d} (finite). */
    static String format(double d) {
        if (d == 0) {
            return "0";
        }
        double abs = Math.abs(d);
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        if (abs >= 1e-6 && abs < 1e21) {
            return bd.toPlainString();
        }
        // BigDecimal writes 1E-7 and 1E+21; Go writes 1e-07 and 1e+21 (at least two exponent digits)
        String s = bd.toString().replace('E', 'e');
        return s.replaceFirst("e([+-])(\\d)$", "e$10$2");
    }
}
