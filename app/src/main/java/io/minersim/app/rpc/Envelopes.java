package io.minersim.app.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Response and notification bytes exactly as go-jsonrpc writes them. A response is a Go map, so its keys come out
 * sorted ({@code error}/{@code id}/{@code jsonrpc}/{@code result}); the error object is a struct ({@code code},
 * {@code message}); a notification is the {@code request} struct ({@code jsonrpc}, {@code method},
 * {@code params}). Go's {@code json.Encoder} ends each with a newline.
 */
final class Envelopes {
    private Envelopes() {
    }

    static byte[] error(Object id, int code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = GoJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("error");
            g.writeStartObject();
            g.writeNumberField("code", code);
            g.writeStringField("message", message);
            g.writeEndObject();
            g.writeFieldName("id");
            GoJson.writeGoValue(g, id);
            g.writeStringField("jsonrpc", "2.0");
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** A success response; the result is written with {@code mapper} (Go's escaping is forced on). */
    static byte[] result(ObjectMapper mapper, Object id, Object result) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.setCharacterEscapes(GoEscapes.INSTANCE);
            g.writeStartObject();
            g.writeFieldName("id");
            GoJson.writeGoValue(g, id);
            g.writeStringField("jsonrpc", "2.0");
            g.writeFieldName("result");
            if (result == null) {
                g.writeNull();
            } else {
                mapper.writeValue(g, result);
            }
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    /**
     * A success response around a result already encoded ({@code result}: the bytes {@link #result} would write
     * for it), byte for byte what {@link #result} gives for the decoded value.
     */
    static byte[] encodedResult(Object id, byte[] result) throws IOException {
        GoJsonWriter out = new GoJsonWriter(result.length + 64);
        startEncodedResult(out, id);
        out.raw(result);
        return endEncodedResult(out);
    }

    /** Writes a success response's bytes up to its result: what the result's JSON is then appended to. */
    static void startEncodedResult(GoJsonWriter out, Object id) throws IOException {
        out.raw(ID_PREFIX).raw(idJson(id)).raw(RESULT_PREFIX);
    }

    /** Closes a response begun with {@link #startEncodedResult} whose result has been written; its bytes. */
    static byte[] endEncodedResult(GoJsonWriter out) {
        return out.raw('}').raw('\n').toByteArray();
    }

    /** An id as {@link GoJson#writeGoValue} writes it; the usual ones (small integers, strings) without Jackson. */
    private static byte[] idJson(Object id) throws IOException {
        if (id instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15 && d != 0) {
            return Long.toString(d.longValue()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        if (id instanceof String s) {
            return new GoJsonWriter(s.length() + 8).string(s).toByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(32);
        try (JsonGenerator g = GoJson.FACTORY.createGenerator(out)) {
            GoJson.writeGoValue(g, id);
        }
        return out.toByteArray();
    }

    private static final byte[] ID_PREFIX = "{\"id\":".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] RESULT_PREFIX = ",\"jsonrpc\":\"2.0\",\"result\":"
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The answer to a channel-returning call: its result is the channel id (a uint64). */
    static byte[] channelOpened(Object id, long channelId) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = GoJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("id");
            GoJson.writeGoValue(g, id);
            g.writeStringField("jsonrpc", "2.0");
            g.writeNumberField("result", channelId);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** {@code {"jsonrpc":"2.0","method":"xrpc.ch.val","params":[chId, value]}}: a value on an open channel. */
    static byte[] channelValue(ObjectMapper mapper, long channelId, Object value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = GoJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("jsonrpc", "2.0");
            g.writeStringField("method", "xrpc.ch.val");
            g.writeFieldName("params");
            g.writeStartArray();
            g.writeNumber(channelId);
            g.writeRawValue(new String(mapper.writeValueAsBytes(value), java.nio.charset.StandardCharsets.UTF_8));
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** A server-to-client notification such as {@code xrpc.ch.close} with numeric params. */
    static byte[] notification(String method, long... params) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = GoJson.FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("jsonrpc", "2.0");
            g.writeStringField("method", method);
            g.writeFieldName("params");
            g.writeStartArray();
            for (long p : params) {
                g.writeNumber(p);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.write('\n');
        return out.toByteArray();
    }
}
