package io.minersim.app.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON-RPC request as go-jsonrpc decodes it into its {@code request} struct: keys matched case-insensitively,
 * the last duplicate wins, unknown keys ignored, {@code null} leaves a field unset, and a type mismatch is
 * remembered (Go's {@code json} keeps decoding the other fields and returns the first such error at the end).
 */
public final class WireRequest {
    /** The id as Go decoded it (a {@link GoValues} value), before normalisation; null when absent or {@code null}. */
    Object rawId;
    /** The normalised id: null, a String or a Double. Set by {@link #normalizeId()}. */
    Object id;
    String method = "";
    /** The raw {@code params} value, or null when absent. */
    byte[] params;
    Map<String, String> meta;
    /** Whether a field had the wrong JSON type (Go's decode error). */
    boolean typeError;

    WireRequest() {
    }

    /** A request built in code (e.g. in tests): {@code params} is raw JSON, or null for none. */
    public static WireRequest of(Object id, String method, String params) {
        WireRequest r = new WireRequest();
        if (id != null && !(id instanceof String) && !(id instanceof Number)) {
            throw new IllegalArgumentException("id must be a string or a number");
        }
        r.id = id instanceof Number n ? (Object) n.doubleValue() : id;
        r.method = method;
        r.params = params == null ? null : params.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return r;
    }

    /**
     * go-jsonrpc's {@code normalizeID}: strings and numbers pass, anything else is an error whose text is
     * {@code invalid id type: <Go type>}; the id is then null.
     */
    String normalizeId() {
        Object n = rawId;
        id = null;
        if (n == null || n instanceof String || n instanceof Double) {
            id = n;
            return null;
        }
        return "invalid id type: " + GoValues.goType(n);
    }

    /**
     * Reads one value at the parser's current token into a request. {@code frame} also accepts the response fields
     * of go-jsonrpc's WebSocket {@code frame} struct ({@code result}, {@code error}).
     */
    static WireRequest read(JsonParser p, byte[] buf, boolean frame) throws IOException {
        WireRequest r = new WireRequest();
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_NULL) {
            return r;
        }
        if (t != JsonToken.START_OBJECT) {
            GoJson.skipValue(p);
            r.typeError = true;
            return r;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (key.equalsIgnoreCase("id")) {
                if (v == JsonToken.VALUE_NULL) {
                    r.rawId = null;
                } else {
                    GoValues.Decoded d = GoValues.read(p, buf);
                    if (d.rangeError()) {
                        r.typeError = true; // Go's UnmarshalTypeError: a number out of float64 range
                    }
                    if (!(d.rangeError() && v.isNumeric())) {
                        r.rawId = d.value(); // a bare number out of range leaves the id as it was
                    }
                }
            } else if (key.equalsIgnoreCase("jsonrpc")) {
                readString(p, r);
            } else if (key.equalsIgnoreCase("method")) {
                String m = readString(p, r);
                if (m != null) {
                    r.method = m;
                }
            } else if (key.equalsIgnoreCase("params")) {
                int start = GoJson.tokenStart(p);
                int end = GoJson.skipValue(p);
                r.params = GoJson.trimmedCopy(buf, start, end);
            } else if (key.equalsIgnoreCase("meta")) {
                readMeta(p, r);
            } else if (frame && key.equalsIgnoreCase("error")) {
                readError(p, r);
            } else {
                GoJson.skipValue(p);
            }
        }
        if (r.params != null && r.params.length == 0) {
            r.params = null;
        }
        return r;
    }

    private static String readString(JsonParser p, WireRequest r) throws IOException {
        JsonToken v = p.currentToken();
        if (v == JsonToken.VALUE_STRING) {
            return p.getText();
        }
        if (v != JsonToken.VALUE_NULL) {
            r.typeError = true;
            GoJson.skipValue(p);
        }
        return null;
    }

    private static void readMeta(JsonParser p, WireRequest r) throws IOException {
        JsonToken v = p.currentToken();
        if (v == JsonToken.VALUE_NULL) {
            r.meta = null;
            return;
        }
        if (v != JsonToken.START_OBJECT) {
            r.typeError = true;
            GoJson.skipValue(p);
            return;
        }
        if (r.meta == null) {
            r.meta = new LinkedHashMap<>();
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            String s = readString(p, r);
            r.meta.put(k, s == null ? "" : s);
        }
    }

    private static void readError(JsonParser p, WireRequest r) throws IOException {
        JsonToken v = p.currentToken();
        if (v == JsonToken.VALUE_NULL) {
            return;
        }
        if (v != JsonToken.START_OBJECT) {
            r.typeError = true;
            GoJson.skipValue(p);
            return;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken f = p.nextToken();
            if (k.equalsIgnoreCase("code")) {
                if (f != JsonToken.VALUE_NULL && f != JsonToken.VALUE_NUMBER_INT) {
                    r.typeError = true;
                }
                GoJson.skipValue(p);
            } else if (k.equalsIgnoreCase("message")) {
                readString(p, r);
            } else {
                GoJson.skipValue(p);
            }
        }
    }

    @Override
    public String toString() {
        return "WireRequest[id=" + id + ", method=" + method + ", params="
                + (params == null ? "-" : new String(params, java.nio.charset.StandardCharsets.UTF_8))
                + (meta == null ? "" : ", meta=" + meta) + (typeError ? ", typeError" : "") + "]";
    }
}
