package io.minersim.rpc.types;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Constructor checks shared by the wire records; every failure is an {@link IllegalArgumentException}. */
final class Checks {
    private Checks() {}

    /** A Go {@code uint64} held in a Java {@code long}: must not be negative. */
    static long uint64(long value, String record, String field) {
        if (value < 0) {
            throw new IllegalArgumentException(
                    record + "." + field + " must be a non-negative uint64, got " + value);
        }
        return value;
    }

    /** A Go {@code string}: never null on the wire, so Java null becomes {@code ""}. */
    static String string(String value) {
        return value == null ? "" : value;
    }

    /** A Go {@code big.Int} value: a nil one marshals as {@code "0"}. */
    static BigInteger bigOrZero(BigInteger value) {
        return value == null ? BigInteger.ZERO : value;
    }

    /** A field Lotus always fills: rejects null. */
    static <T> T required(T value, String record, String field) {
        if (value == null) {
            throw new IllegalArgumentException(record + "." + field + " is required");
        }
        return value;
    }

    /** A slice Lotus always sends as {@code []} when empty: null becomes an empty list. */
    static <T> List<T> listOrEmpty(List<T> list, String record, String field) {
        return list == null ? List.of() : copy(list, record, field);
    }

    /** A Go nil-able slice: null stays null (Lotus sends {@code null}). */
    static <T> List<T> listOrNull(List<T> list, String record, String field) {
        return list == null ? null : copy(list, record, field);
    }

    /** A list of Go {@code uint64}s (sector numbers, deal IDs): null becomes empty. */
    static List<Long> uint64ListOrEmpty(List<Long> list, String record, String field) {
        return list == null ? List.of() : uint64Copy(list, record, field);
    }

    /** A nil-able list of Go {@code uint64}s: null stays null. */
    static List<Long> uint64ListOrNull(List<Long> list, String record, String field) {
        return list == null ? null : uint64Copy(list, record, field);
    }

    /** A Go map that Lotus creates with {@code make}: null becomes empty; keys sorted. */
    static <V> Map<Long, V> uint64KeyedMapOrEmpty(Map<Long, V> map, String record, String field) {
        if (map == null) {
            return Map.of();
        }
        TreeMap<Long, V> sorted = new TreeMap<>();
        map.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException(record + "." + field + " must not hold null keys or values");
            }
            sorted.put(uint64(k, record, field + " key"), v);
        });
        return Collections.unmodifiableMap(sorted);
    }

    static byte[] copy(byte[] bytes) {
        return bytes == null ? null : bytes.clone();
    }

    private static List<Long> uint64Copy(List<Long> list, String record, String field) {
        List<Long> out = copy(list, record, field);
        for (Long v : out) {
            uint64(v, record, field + "[]");
        }
        return out;
    }

    private static <T> List<T> copy(List<T> list, String record, String field) {
        List<T> out = new ArrayList<>(list.size());
        for (T item : list) {
            if (item == null) {
                throw new IllegalArgumentException(record + "." + field + " must not contain null elements");
            }
            out.add(item);
        }
        return Collections.unmodifiableList(out);
    }
}
