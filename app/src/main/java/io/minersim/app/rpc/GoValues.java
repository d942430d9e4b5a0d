package io.minersim.app.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON decoded into a Go {@code interface{}} as {@code encoding/json} does it, for ids (go-jsonrpc's
 * {@code request.ID} and {@code xrpc.cancel}'s param): {@code null}, a {@link String}, a {@link Double} (every number
 * is a float64, converted by {@link GoNumbers}), a {@link Boolean}, a {@link List} or a {@link Map} (the last of
 * duplicate keys wins; written with sorted keys). A number out of float64's range leaves a nil in its place and
 * makes the decoding fail ({@link Decoded#rangeError()}), as Go's {@code UnmarshalTypeError} does.
 *
 * <p>Reading and writing are iterative, so a value nested as deep as the parser allows (10,000) takes no
 * stack, and time linear in its length.
 */
final class GoValues {
    private GoValues() {
    }

    /** A decoded value, and whether Go's decoding of it reported a number out of range. */
    record Decoded(Object value, boolean rangeError) {
    }

    /**
     * Decodes the value at the parser's current token, leaving the parser on its last token. The parser reads
     * {@code buf} from offset 0 (numbers are converted from their bytes).
     */
    static Decoded read(JsonParser p, byte[] buf) throws IOException {
        boolean rangeError = false;
        Deque<Object> open = new ArrayDeque<>();
        Deque<String> keys = new ArrayDeque<>();
        Object root = null;
        JsonToken t = p.currentToken();
        while (true) {
            Object v;
            boolean container = false;
            switch (t) {
                case START_ARRAY -> {
                    v = new ArrayList<>();
                    container = true;
                }
                case START_OBJECT -> {
                    v = new LinkedHashMap<String, Object>();
                    container = true;
                }
                case VALUE_STRING -> v = p.getText();
                case VALUE_TRUE -> v = Boolean.TRUE;
                case VALUE_FALSE -> v = Boolean.FALSE;
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    int start = GoJson.tokenStart(p);
                    double d = GoNumbers.parseFloat64(buf, start, numberEnd(buf, start));
                    if (Double.isInfinite(d)) {
                        rangeError = true;
                        v = null;
                    } else {
                        v = d;
                    }
                }
                case VALUE_NULL -> v = null;
                default -> throw new IOException("unexpected token " + t);
            }
            if (open.isEmpty()) {
                root = v;
            } else {
                add(open.peek(), keys, v);
            }
            if (container) {
                open.push(v);
                if (v instanceof Map) {
                    keys.push("");
                }
            }
            // step to the next value, closing the containers that end
            while (true) {
                if (open.isEmpty()) {
                    return new Decoded(root, rangeError);
                }
                t = p.nextToken();
                if (t == JsonToken.END_ARRAY || t == JsonToken.END_OBJECT) {
                    if (open.pop() instanceof Map) {
                        keys.pop();
                    }
                    continue;
                }
                if (t == JsonToken.FIELD_NAME) {
                    keys.pop();
                    keys.push(p.currentName());
                    t = p.nextToken();
                }
                break;
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void add(Object container, Deque<String> keys, Object v) {
        if (container instanceof List<?> l) {
            ((List<Object>) l).add(v);
        } else {
            Map<String, Object> m = (Map<String, Object>) container;
            String k = keys.peek();
            m.remove(k); // Go's map: the last duplicate wins
            m.put(k, v);
        }
    }

    /** Where the number literal starting at {@code start} ends. */
    private static int numberEnd(byte[] b, int start) {
        int i = start;
        while (i < b.length) {
            byte c = b[i];
            if ((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    /** The Go type {@code %T} prints for a decoded value (go-jsonrpc's "invalid id type: ..."). */
    static String goType(Object v) {
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Map) {
            return "map[string]interface {}";
        }
        if (v instanceof List) {
            return "[]interface {}";
        }
        return v instanceof String ? "string" : v == null ? "<nil>" : "float64";
    }

    /** An open array or object being written: its remaining elements, and whether one was written yet. */
    private static final class Open {
        final Iterator<?> elements;
        final boolean map;
        boolean any;

        Open(Iterator<?> elements, boolean map) {
            this.elements = elements;
            this.map = map;
        }
    }

    /** The value as Go's encoder writes it: float64s in Go's format, map keys sorted bytewise. */
    static void write(GoJsonWriter out, Object value) {
        Deque<Open> open = new ArrayDeque<>();
        Object v = value;
        while (true) {
            if (v instanceof List<?> l) {
                out.raw('[');
                open.push(new Open(l.iterator(), false));
            } else if (v instanceof Map<?, ?> m) {
                out.raw('{');
                TreeMap<String, Object> sorted = new TreeMap<>(GoJson::compareGoStrings);
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sorted.put((String) e.getKey(), e.getValue());
                }
                open.push(new Open(sorted.entrySet().iterator(), true));
            } else if (v instanceof String s) {
                out.string(s);
            } else if (v instanceof Double d) {
                out.raw(GoJson.goFloat(d));
            } else if (v instanceof Boolean b) {
                out.bool(b);
            } else {
                out.nullValue();
            }
            // the next element of the innermost open container, closing those that are done
            while (true) {
                Open o = open.peek();
                if (o == null) {
                    return;
                }
                if (!o.elements.hasNext()) {
                    open.pop();
                    out.raw(o.map ? '}' : ']');
                    continue;
                }
                if (o.any) {
                    out.raw(',');
                }
                o.any = true;
                Object next = o.elements.next();
                if (o.map) {
                    Map.Entry<?, ?> e = (Map.Entry<?, ?>) next;
                    out.string((String) e.getKey()).raw(':');
                    v = e.getValue();
                } else {
                    v = next;
                }
                break;
            }
        }
    }

    /** {@link #write} into a new array. */
    static byte[] toJson(Object value) {
        GoJsonWriter out = new GoJsonWriter(32);
        write(out, value);
        return out.toByteArray();
    }
}
