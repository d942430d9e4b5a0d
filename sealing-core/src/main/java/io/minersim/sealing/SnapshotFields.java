package io.minersim.sealing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the snapshot codecs share: the typed reads of a document's plain values, each naming the
 * JSON path of the field it reads, so that a failure is a {@link Malformed} that says where the
 * document is bad; and the name tables enums are written through (encoder and decoder side by side).
 */
final class SnapshotFields {
    private SnapshotFields() {
    }

    /** A document that does not have the shape of a snapshot, with the path of the bad field. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String path, String why) {
            super(path + ": " + why);
        }
    }

    // ---- name tables

    /** An enum's values by name: a table the document's indexes point into. */
    static List<String> names(Enum<?>[] values) {
        List<String> out = new ArrayList<>(values.length);
        for (Enum<?> v : values) {
            out.add(v.name());
        }
        return out;
    }

    /** The table {@link #names} wrote, read back into this build's values (unknown names are refused). */
    static <E extends Enum<E>> E[] table(Map<String, ?> o, String key, Class<E> type) {
        List<Object> raw = list(o.get(key), key);
        @SuppressWarnings("unchecked")
        E[] out = (E[]) java.lang.reflect.Array.newInstance(type, raw.size());
        for (int i = 0; i < out.length; i++) {
            out[i] = enumValue(type, String.valueOf(raw.get(i)), key + "[" + i + "]");
        }
        return out;
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String name, String path) {
        try {
            return Enum.valueOf(type, name);
        } catch (IllegalArgumentException e) {
            throw new Malformed(path, "unknown name \"" + name + "\" (a snapshot from another minersim?)");
        }
    }

    // ---- typed access

    static int index(long value, int size, String path) {
        if (value < 0 || value >= size) {
            throw new Malformed(path, "index " + value + " out of range [0, " + size + ")");
        }
        return (int) value;
    }

    /**
     * {@link #index(long, int, String)} in a loop over a million sectors or moves: the path
     * {@code prefix[i]suffix} is only spelt out when the value is bad.
     */
    static int index(long value, int size, String prefix, long i, String suffix) {
        if (value < 0 || value >= size) {
            throw new Malformed(prefix + "[" + i + "]" + suffix, "index " + value + " out of range [0, " + size + ")");
        }
        return (int) value;
    }

    /** A reader of the column under {@code key} (exactly {@code expected} values); see {@link LongColumn.Reader}. */
    static LongColumn.Reader reader(Map<String, ?> o, String key, String path, int expected) {
        Object v = o.get(key);
        String at = path.isEmpty() ? key : path + "." + key;
        if (!(v instanceof String s)) {
            throw new Malformed(at, "missing or not a column");
        }
        try {
            return new LongColumn.Reader(s, expected);
        } catch (IllegalArgumentException e) {
            throw new Malformed(at, e.getMessage());
        }
    }

    /** The next value of a column, a bad one named by the column's path. */
    static long next(LongColumn.Reader r, String path) {
        try {
            return r.next();
        } catch (IllegalArgumentException e) {
            throw new Malformed(path, e.getMessage());
        }
    }

    /** Closes a column's reader, checking it held no more. */
    static void close(LongColumn.Reader r, String path) {
        try {
            r.close();
        } catch (IllegalArgumentException e) {
            throw new Malformed(path, e.getMessage());
        }
    }

    /**
     * The columns under {@code keys}, each of {@code expected} values, decoded side by side on the common pool (a
     * restore of a million sectors inflates tens of them).
     */
    static long[][] columns(Map<String, ?> o, String path, int expected, List<String> keys) {
        long[][] out = new long[keys.size()][];
        java.util.stream.IntStream.range(0, keys.size()).parallel()
                .forEach(k -> out[k] = column(o, keys.get(k), path, expected));
        return out;
    }

    static int count(Map<String, Object> o, String path) {
        long n = lng(o, "Count", path);
        if (n < 0 || n > LongColumn.MAX_VALUES) {
            throw new Malformed(path + ".Count", "out of range: " + n);
        }
        return (int) n;
    }

    static long[] column(Map<String, ?> o, String key, String path, int expected) {
        Object v = o.get(key);
        String at = path.isEmpty() ? key : path + "." + key;
        if (!(v instanceof String s)) {
            throw new Malformed(at, "missing or not a column");
        }
        try {
            return LongColumn.decode(s, expected);
        } catch (IllegalArgumentException e) {
            throw new Malformed(at, e.getMessage());
        }
    }

    /** A list of [index, text] pairs, indexes below {@code size}. */
    static List<Object[]> pairs(Map<String, Object> o, String key, int size) {
        List<Object> raw = list(o.get(key), key);
        List<Object[]> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            List<Object> pair = list(raw.get(i), key + "[" + i + "]");
            if (pair.size() != 2 || !(pair.get(0) instanceof Number idx)
                    || (pair.get(1) != null && !(pair.get(1) instanceof String))) {
                throw new Malformed(key + "[" + i + "]", "not an [index, text] pair");
            }
            out.add(new Object[] {index(idx.longValue(), size, key + "[" + i + "]"), pair.get(1)});
        }
        return out;
    }

    static long nonNegative(long v, String path) {
        if (v < 0) {
            throw new Malformed(path, "must not be negative, got " + v);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> obj(Object o, String path) {
        if (!(o instanceof Map<?, ?>)) {
            throw new Malformed(path, "missing or not an object");
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o, String path) {
        if (!(o instanceof List<?>)) {
            throw new Malformed(path, "missing or not a list");
        }
        return (List<Object>) o;
    }

    static long lng(Map<String, ?> o, String key, String path) {
        Object v = o.get(key);
        String at = path.isEmpty() ? key : path + "." + key;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b && b.bitLength() < 64) {
            return b.longValue();
        }
        throw new Malformed(at, "missing or not a 64-bit integer");
    }

    static String str(Map<String, ?> o, String key, String path) {
        Object v = o.get(key);
        if (!(v instanceof String s)) {
            throw new Malformed(path + "." + key, "missing or not a string");
        }
        return s;
    }

    static boolean bool(Map<String, ?> o, String key, String path) {
        Object v = o.get(key);
        if (!(v instanceof Boolean b)) {
            throw new Malformed(path + "." + key, "missing or not a boolean");
        }
        return b;
    }
}
