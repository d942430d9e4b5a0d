package io.minersim.app.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * JSON numbers converted as Go converts them, in time linear in the literal's length whatever its length:
 * Go's {@code strconv.ParseFloat(s, 64)} (what {@code encoding/json} does for an {@code interface{}}, so for every
 * JSON-RPC id) and {@code strconv.ParseUint(s, 10, 64)} (for a {@code uint64} parameter).
 *
 * <p>Hand-written rather than left to Jackson: Jackson's tree model and {@code getBigIntegerValue()} turn a long
 * integer literal into a {@link java.math.BigInteger}, whose decimal parsing is quadratic (a 1,000,000-digit id
 * cost seconds of CPU), and into a {@link java.math.BigDecimal} that refuses an exponent such as
 * {@code 1e99999999999} with a {@link NumberFormatException}. Go never builds a big number here: it keeps 800
 * significant digits and a "more digits follow" flag, stops reading exponent digits once the exponent reaches
 * 10000 (so {@code 0.<5,000,000 zeros>3e5000100} is 0 in Go, and here), and fails a {@code uint64} at its 20th
 * digit.
 */
final class GoNumbers {
    /**
     * Significant digits kept: more than the 767 that can matter when rounding a decimal to a float64, so that
     * the kept digits, plus one non-zero digit standing for whatever non-zero digits were dropped, round exactly
     * as the whole literal does (Go's decimal keeps 800 for the same reason).
     */
    private static final int KEPT_DIGITS = 800;
    /** Integers of at most this many digits are below 2^53: a double holds them exactly. */
    static final int EXACT_INTEGER_DIGITS = 15;
    /** Go's {@code readFloat} and {@code decimal.set} stop adding exponent digits once the exponent reaches this. */
    private static final long GO_EXPONENT_CAP = 10_000;
    /** Beyond this decimal exponent every non-zero literal is ±Inf or ±0 (Go's own limits are 310 and -330). */
    private static final long EXPONENT_LIMIT = 100_000;

    private GoNumbers() {
    }

    /**
     * A JSON number literal ({@code b[from, to)}, valid JSON number syntax) as Go's {@code ParseFloat(s, 64)}
     * gives it: correctly rounded, signed zeros kept; an infinity where Go reports a range error (the caller then
     * fails as Go's {@code encoding/json} does: {@code cannot unmarshal number ... into Go value of type float64}).
     */
    static double parseFloat64(byte[] b, int from, int to) {
        int i = from;
        boolean negative = i < to && b[i] == '-';
        if (negative) {
            i++;
        }
        if (to - i > 0 && to - i <= EXACT_INTEGER_DIGITS) {
            // the common id: a short integer, exact in a double, parsed without the general path's text
            long v = 0;
            int k = i;
            while (k < to && b[k] >= '0' && b[k] <= '9') {
                v = v * 10 + (b[k++] - '0');
            }
            if (k == to) {
                return negative ? -(double) v : (double) v; // -0 stays negative zero
            }
        }
        StringBuilder kept = new StringBuilder(64);
        boolean dropped = false;     // a non-zero digit was dropped beyond KEPT_DIGITS
        long pointShift = 0;         // the value is 0.<kept digits> × 10^pointShift (before the exponent)
        boolean seenPoint = false;
        for (; i < to; i++) {
            byte c = b[i];
            if (c == '.') {
                seenPoint = true;
                continue;
            }
            if (c < '0' || c > '9') {
                break; // 'e' or 'E'
            }
            if (kept.length() == 0 && c == '0') {
                if (seenPoint) {
                    pointShift--; // a leading zero after the point
                }
                continue;
            }
            if (!seenPoint) {
                pointShift++;
            }
            if (kept.length() < KEPT_DIGITS) {
                kept.append((char) c);
            } else if (c != '0') {
                dropped = true;
            }
        }
        long exponent = 0;
        if (i < to && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (b[i] == '+' || b[i] == '-')) {
                negativeExponent = b[i] == '-';
                i++;
            }
            for (; i < to; i++) {
                if (exponent < GO_EXPONENT_CAP) {
                    exponent = exponent * 10 + (b[i] - '0');
                }
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (kept.length() == 0) {
            return negative ? -0.0 : 0.0;
        }
        long decimalExponent = pointShift + exponent;
        if (decimalExponent > EXPONENT_LIMIT) {
            return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (decimalExponent < -EXPONENT_LIMIT) {
            return negative ? -0.0 : 0.0;
        }
        StringBuilder s = new StringBuilder(kept.length() + 16);
        if (negative) {
            s.append('-');
        }
        s.append("0.").append(kept);
        if (dropped) {
            s.append('1');
        }
        s.append('E').append(decimalExponent);
        return Double.parseDouble(s.toString());
    }

    /** {@link #parseFloat64(byte[], int, int)} of a whole array. */
    static double parseFloat64(byte[] literal) {
        return parseFloat64(literal, 0, literal.length);
    }

    /**
     * A JSON integer literal decoded into a Go {@code uint64} (returned in a long's 64 bits, two's complement above
     * 2⁶³−1), or {@code null} when Go refuses it: a sign, more than 20 digits, or more than 2⁶⁴−1. Like Go's
     * {@code ParseUint}, it stops at the first digit past the range.
     */
    static Long parseUint64(byte[] literal) {
        int n = literal.length;
        if (n == 0 || n > 20) {
            return null;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            int d = literal[i] - '0';
            if (d < 0 || d > 9) {
                return null;
            }
            // v * 10 + d overflows 64 unsigned bits exactly when v > (2^64 - 1 - d) / 10
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) {
                return null;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Go's {@code UnmarshalTypeError} text for a number that does not fit {@code goType}. */
    static String cannotUnmarshal(byte[] literal, String goType) {
        return "json: cannot unmarshal number " + new String(literal, StandardCharsets.ISO_8859_1)
                + " into Go value of type " + goType;
    }

    /**
     * Number literals longer than this are never turned into a {@link BigInteger} or {@link BigDecimal} (quadratic
     * in their length). No Go number type holds such an integer (float64 stops at 309 digits), so refusing it is
     * what Go does; a float this long still converts to a double, in linear time.
     */
    static final int MAX_BIG_NUMBER_LENGTH = 1000;

    /**
     * A parser for Jackson's databinding of parameters that refuses to build a big number from a literal longer than
     * {@link #MAX_BIG_NUMBER_LENGTH}: an out-of-range error, which the dispatcher reports in Go's words
     * ({@code json: cannot unmarshal number ... into Go value of type ...}).
     */
    static final class BoundedParser extends JsonParserDelegate {
        BoundedParser(JsonParser d) {
            super(d);
        }

        private boolean huge(boolean integersOnly) throws IOException {
            JsonToken t = delegate.currentToken();
            return (t == JsonToken.VALUE_NUMBER_INT || (!integersOnly && t == JsonToken.VALUE_NUMBER_FLOAT))
                    && delegate.getTextLength() > MAX_BIG_NUMBER_LENGTH;
        }

        private InputCoercionException outOfRange(Class<?> target) throws IOException {
            return new InputCoercionException(this, "Numeric value out of range", delegate.currentToken(), target);
        }

        @Override
        public BigInteger getBigIntegerValue() throws IOException {
            if (huge(false)) {
                throw outOfRange(BigInteger.class);
            }
            return delegate.getBigIntegerValue();
        }

        @Override
        public BigDecimal getDecimalValue() throws IOException {
            if (huge(false)) {
                throw outOfRange(BigDecimal.class);
            }
            return delegate.getDecimalValue();
        }

        @Override
        public Number getNumberValue() throws IOException {
            if (huge(true)) {
                throw outOfRange(Number.class);
            }
            return delegate.getNumberValue();
        }

        @Override
        public Number getNumberValueExact() throws IOException {
            if (huge(false)) {
                throw outOfRange(Number.class);
            }
            return delegate.getNumberValueExact();
        }

        @Override
        public Object getNumberValueDeferred() throws IOException {
            if (huge(false)) {
                throw outOfRange(Number.class);
            }
            return delegate.getNumberValueDeferred();
        }
    }
}
