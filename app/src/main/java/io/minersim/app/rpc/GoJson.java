package io.minersim.app.rpc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON as go-jsonrpc writes and reads it: Go's {@code encoding/json} escaping (through {@link GoEscapes}, the
 * escape table of {@link GoJsonWriter}), Go's float64 formatting of ids, Go's whitespace trimming,
 * and a Jackson {@link ObjectMapper} configured to be about as strict as Go when decoding parameters.
 */
public final class GoJson {
    /** go-jsonrpc's {@code DEFAULT_MAX_REQUEST_SIZE}: 100 MiB. */
    public static final long DEFAULT_MAX_REQUEST_SIZE = 100L << 20;

    /** Parsing limits close to Go's (no string or number length limit, nesting up to 10000). */
    static final StreamReadConstraints READ_CONSTRAINTS = StreamReadConstraints.builder()
            .maxStringLength(Integer.MAX_VALUE).maxNumberLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE)
            .maxNestingDepth(10_000).build();

    /** Factory for the envelope parser and writer. */
    static final JsonFactory FACTORY = goFactory();

    private GoJson() {
    }

    private static JsonFactory goFactory() {
        JsonFactory f = new JsonFactoryBuilder().streamReadConstraints(READ_CONSTRAINTS)
                .characterEscapes(GoEscapes.INSTANCE).build();
        return f;
    }

    /**
     * The mapper for parameters and results that this package recommends: unknown properties ignored, property
     * names matched case-insensitively (as Go does), map keys sorted (as Go does), Go's escaping, and no lenient
     * coercions Go would refuse (a string for a number, a float for an integer, a number for a string or a bool).
     */
    public static ObjectMapper newObjectMapper() {
        JsonMapper m = JsonMapper.builder(goFactory())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .build();
        for (LogicalType t : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m;
    }

    // ---------------------------------------------------------------- Go number and id formatting

    /** Whether {@code json} is one or more ASCII digits and nothing else. */
    static boolean isDigits(byte[] json) {
        if (json.length == 0) {
            return false;
        }
        for (byte b : json) {
            if (b < '0' || b > '9') {
                return false;
            }
        }
        return true;
    }

    /** A float64 as Go's encoding/json writes it: shortest form, exponent only below 1e-6 or from 1e21. */
    static String goFloat(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("unsupported value");
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        if (Math.abs(d) < 1e15 && d == Math.rint(d)) {
            return Long.toString((long) d); // the common id, an integer: Go writes its digits
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        double abs = Math.abs(d);
        if (abs >= 1e-6 && abs < 1e21) {
            return bd.toPlainString();
        }
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        sb.append(digits.charAt(0));
        if (digits.length() > 1) {
            sb.append('.').append(digits, 1, digits.length());
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int e = Math.abs(exp);
        if (e < 10 && exp >= 0) {
            sb.append('0');
        }
        sb.append(e);
        return sb.toString();
    }

    /**
     * Writes a normalised id (null, String or Double) or any value {@link GoValues} decoded, the way Go re-encodes
     * it.
     */
    static void writeGoValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Double d) {
            g.writeRawValue(goFloat(d));
        } else {
            g.writeRawValue(new String(GoValues.toJson(v), java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /** Go compares strings bytewise (UTF-8); UTF-16 order differs only for supplementary characters. */
    static int compareGoStrings(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- Go's bytes.TrimSpace

    /** Go's {@code bytes.TrimSpace}: strips Unicode white space (UTF-8) at both ends; returns {from, to}. */
    static int[] trimSpace(byte[] b, int len) {
        int from = 0;
        int to = len;
        while (from < to) {
            int n = spaceLengthAt(b, from, to);
            if (n == 0) {
                break;
            }
            from += n;
        }
        while (to > from) {
            int n = spaceLengthBefore(b, from, to);
            if (n == 0) {
                break;
            }
            to -= n;
        }
        return new int[] {from, to};
    }

    private static int spaceLengthAt(byte[] b, int i, int end) {
        int c = b[i] & 0xff;
        if (c < 0x80) {
            return isAsciiSpace(c) ? 1 : 0;
        }
        for (int n = 2; n <= 3 && i + n <= end; n++) {
            int cp = decode(b, i, n);
            if (cp >= 0 && isUnicodeSpace(cp)) {
                return n;
            }
        }
        return 0;
    }

    private static int spaceLengthBefore(byte[] b, int start, int to) {
        int c = b[to - 1] & 0xff;
        if (c < 0x80) {
            return isAsciiSpace(c) ? 1 : 0;
        }
        for (int n = 2; n <= 3 && to - n >= start; n++) {
            int cp = decode(b, to - n, n);
            if (cp >= 0 && isUnicodeSpace(cp)) {
                return n;
            }
        }
        return 0;
    }

    private static int decode(byte[] b, int i, int n) {
        int c0 = b[i] & 0xff;
        if (n == 2 && (c0 & 0xe0) == 0xc0 && (b[i + 1] & 0xc0) == 0x80) {
            return ((c0 & 0x1f) << 6) | (b[i + 1] & 0x3f);
        }
        if (n == 3 && (c0 & 0xf0) == 0xe0 && (b[i + 1] & 0xc0) == 0x80 && (b[i + 2] & 0xc0) == 0x80) {
            return ((c0 & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f);
        }
        return -1;
    }

    private static boolean isAsciiSpace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0b || c == '\f' || c == '\r';
    }

    private static boolean isUnicodeSpace(int cp) {
        return cp == 0x85 || cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028
                || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
    }

    // ---------------------------------------------------------------- raw values

    /** The kind Go names in "cannot unmarshal X into ...": object, array, string, number, bool (null for null). */
    static String goKind(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "bool";
            default -> null;
        };
    }

    /**
     * With {@code p} on the first token of a value, skips the value and returns the byte offset just past it.
     * The parser must read from a byte array starting at offset 0 of the document.
     */
    static int skipValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
            p.skipChildren();
        } else if (t == JsonToken.VALUE_STRING) {
            p.finishToken();
        }
        return (int) p.currentLocation().getByteOffset();
    }

    /** The byte offset of the current token's first byte. */
    static int tokenStart(JsonParser p) {
        return (int) p.currentTokenLocation().getByteOffset();
    }

    /**
     * Splits a params value as go-jsonrpc does ({@code json.Unmarshal} into {@code []param}): an array gives its
     * elements' raw bytes, {@code null} gives none, anything else is the Go type error returned as a string via
     * {@link ParamsError}.
     */
    static List<byte[]> splitParams(byte[] raw) throws ParamsError {
        List<byte[]> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(raw)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                return out;
            }
            if (t != JsonToken.START_ARRAY) {
                throw new ParamsError("json: cannot unmarshal " + goKind(t)
                        + " into Go value of type []jsonrpc.param");
            }
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                int start = tokenStart(p);
                int end = skipValue(p);
                out.add(trimmedCopy(raw, start, end));
            }
            return out;
        } catch (IOException e) {
            // cannot happen: the whole request was parsed before
            throw new ParamsError("unexpected end of JSON input");
        }
    }

    /** A copy of raw[from, to) without surrounding JSON white space, commas or a closing bracket left by the parser. */
    static byte[] trimmedCopy(byte[] raw, int from, int to) {
        while (from < to && isJsonSpace(raw[from])) {
            from++;
        }
        while (to > from) {
            byte c = raw[to - 1];
            if (isJsonSpace(c)) {
                to--;
            } else {
                break;
            }
        }
        return java.util.Arrays.copyOfRange(raw, from, to);
    }

    static boolean isJsonSpace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** A params value that is not an array or null. */
    static final class ParamsError extends Exception {
        private static final long serialVersionUID = 1L;

        ParamsError(String message) {
            super(message, null, false, false);
        }
    }
}
