package io.minersim.app.rpc;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.rpc.Permission;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * go-jsonrpc's request handling for annotated Java interfaces. Built once from (interface, implementation) pairs,
 * whose annotations are read then, once, into a {@link MethodTable} (wire names, aliases, permissions, channel
 * methods, {@link ResultWriter}s).
 *
 * <p>For each request it runs go-jsonrpc's checks in go-jsonrpc's order: method lookup (then aliases), the
 * out-channel check, the param array, the param count, each param's decoding (custom decoder or Jackson), the
 * permission check (Lotus's permissioned proxy, so a code-1 error), then the call: the method's value encoded
 * with the mapper, or, for a method with a {@link ResultWriter}, the writer writing into the response.
 */
public final class RpcDispatcher {
    private static final System.Logger LOG = System.getLogger(RpcDispatcher.class.getName());

    private final MethodTable methods;
    private final ObjectMapper mapper;
    private final ErrorMapper errors;

    private RpcDispatcher(Builder b) {
        this.mapper = b.mapper != null ? b.mapper : GoJson.newObjectMapper();
        this.errors = b.errors != null ? b.errors : ErrorMapper.defaults();
        this.methods = new MethodTable(b.registrations, mapper, b.decoders, b.timer);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the API and the hooks; {@link #build()} reads the annotations and fails on a bad method. */
    public static final class Builder {
        private final List<MethodTable.Registration> registrations = new ArrayList<>();
        private final Map<Type, ParamDecoder> decoders = new LinkedHashMap<>();
        private ObjectMapper mapper;
        private ErrorMapper errors;
        private CallTimer timer;

        private Builder() {
        }

        /** Serves every method of {@code api} (an interface) by calling {@code implementation}. */
        public <T> Builder register(Class<T> api, T implementation) {
            return add(api, implementation, false);
        }

        /**
         * Serves every method of {@code api} by calling {@code implementation}, in place of the methods of the same
         * wire names registered before (as a second go-jsonrpc {@code Register} overwrites them): how a path serves
         * another version of an API, e.g. the full node's v0 over its v1.
         */
        public <T> Builder registerOver(Class<T> api, T implementation) {
            return add(api, implementation, true);
        }

        private <T> Builder add(Class<T> api, T implementation, boolean replaces) {
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(implementation, "implementation");
            if (!api.isInterface()) {
                throw new IllegalArgumentException(api.getSimpleName() + " is not an interface");
            }
            if (!api.isInstance(implementation)) {
                throw new IllegalArgumentException("the implementation does not implement " + api.getSimpleName());
            }
            registrations.add(new MethodTable.Registration(api, implementation, replaces));
            return this;
        }

        /** The mapper for params and results (default: {@link GoJson#newObjectMapper()}). */
        public Builder objectMapper(ObjectMapper mapper) {
            this.mapper = Objects.requireNonNull(mapper, "mapper");
            return this;
        }

        public Builder errorMapper(ErrorMapper errors) {
            this.errors = Objects.requireNonNull(errors, "errors");
            return this;
        }

        /**
         * Decodes every parameter of exactly this Java type (e.g. {@code InputStream.class}) with {@code decoder}
         * (go-jsonrpc's {@code WithParamDecoder}).
         */
        public Builder paramDecoder(Type type, ParamDecoder decoder) {
            decoders.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(decoder, "decoder"));
            return this;
        }

        /** Times the handlers of the methods {@code timer} asks for (default: none is timed). */
        public Builder callTimer(CallTimer timer) {
            this.timer = Objects.requireNonNull(timer, "timer");
            return this;
        }

        public RpcDispatcher build() {
            return new RpcDispatcher(this);
        }
    }

    /** The mapper results are encoded with (channel values too). */
    ObjectMapper mapper() {
        return mapper;
    }

    /** Every wire name served, aliases included, sorted. */
    public Set<String> methodNames() {
        return methods.names();
    }

    /** The permission {@code wireName} (or an alias) needs, or null for an unknown name. */
    public Permission permissionOf(String wireName) {
        RpcMethod h = methods.lookup(wireName);
        return h == null ? null : h.permission;
    }

    /** Whether {@code wireName} is a channel method. */
    public boolean isChannelMethod(String wireName) {
        RpcMethod h = methods.lookup(wireName);
        return h != null && h.channel;
    }

    // ------------------------------------------------------------------------------------------ one request

    /** What handling one request produced. */
    public static final class Reply {
        private static final Reply NONE = new Reply(200, null, false, null);

        private final int httpStatus;
        private final byte[] body;
        private final boolean channel;
        private final Object channelValue;

        private Reply(int httpStatus, byte[] body, boolean channel, Object channelValue) {
            this.httpStatus = httpStatus;
            this.body = body;
            this.channel = channel;
            this.channelValue = channelValue;
        }

        static Reply none() {
            return NONE;
        }

        static Reply of(int status, byte[] body) {
            return new Reply(status, body, false, null);
        }

        static Reply protocolError(Object id, int code, String message) {
            return of(RpcError.httpStatusOfProtocolError(code), Envelopes.error(id, code, message));
        }

        static Reply channel(Object value) {
            return new Reply(200, null, true, value);
        }

        /** Whether something is to be written. */
        public boolean hasBody() {
            return body != null;
        }

        /** The response bytes (ending in a newline), or null when nothing is written. */
        public byte[] body() {
            return body == null ? null : body.clone();
        }

        byte[] bodyRef() {
            return body;
        }

        /** The HTTP status go-jsonrpc would use: 200, or 400/500 for protocol errors. */
        public int httpStatus() {
            return httpStatus;
        }

        /** Whether a channel method succeeded: the transport must open a channel and answer with its id. */
        public boolean isChannel() {
            return channel;
        }

        /** For a channel reply, what the implementation returned. */
        public Object channelValue() {
            return channelValue;
        }

        @Override
        public String toString() {
            return channel ? "Reply[channel]" : body == null ? "Reply[none]"
                    : "Reply[" + httpStatus + " " + new String(body, java.nio.charset.StandardCharsets.UTF_8).strip()
                            + "]";
        }
    }

    /** Handles one decoded request (its id already normalised) for a caller. */
    public Reply dispatch(WireRequest req, CallContext ctx) {
        Object id = req.id;
        RpcMethod h = methods.lookup(req.method);
        if (h == null) {
            return Reply.protocolError(id, RpcError.METHOD_NOT_FOUND, "method '" + req.method + "' not found");
        }
        if (h.channel && !ctx.supportsChannels()) {
            return Reply.protocolError(id, RpcError.METHOD_NOT_FOUND,
                    "method '" + req.method + "' not supported in this mode (no out channel support)");
        }
        List<byte[]> ps;
        if (req.params == null) {
            ps = List.of();
        } else {
            try {
                ps = GoJson.splitParams(req.params);
            } catch (GoJson.ParamsError e) {
                return Reply.protocolError(id, RpcError.PARSE_ERROR, "unmarshaling param array: " + e.getMessage());
            }
        }
        if (ps.size() != h.arity) {
            return Reply.protocolError(id, RpcError.INVALID_PARAMS, "wrong param count (method '" + req.method
                    + "'): " + ps.size() + " != " + h.arity);
        }
        Object[] args = new Object[h.arity];
        RpcMethod.Param[] params = h.params();
        for (int i = 0; i < args.length; i++) {
            RpcMethod.Param p = params[i];
            if (p.decoder() != null) {
                try {
                    args[i] = p.decoder().decode(ps.get(i), ctx);
                } catch (Exception e) {
                    return Reply.protocolError(id, RpcError.PARSE_ERROR, "decoding params for '" + req.method
                            + "' (param: " + i + "; custom decoder): " + Messages.errorText(e));
                }
            } else {
                try {
                    args[i] = decode(p, ps.get(i));
                } catch (Exception e) {
                    return Reply.protocolError(id, RpcError.PARSE_ERROR, "unmarshaling params for '"
                            + req.method + "' (param: " + p.goName() + "): " + (e instanceof GoDecodeException
                                    ? e.getMessage() : p.goTypes().decodeError(e, ps.get(i), p.type(),
                                            p.goName().substring(1))));
                }
            }
        }
        if (!ctx.hasPermission(h.permission)) {
            return handlerError(id, "missing permission to invoke '" + h.goName + "' (need '"
                    + h.permission.wire() + "')");
        }
        if (h.writer != null) {
            return written(h, id, req.method, args);
        }
        Object result;
        long start = h.timer == null ? 0 : System.nanoTime();
        try {
            result = h.method.invoke(h.target, args);
        } catch (InvocationTargetException ite) {
            timed(h, start);
            Throwable failure = ite.getCause() != null ? ite.getCause() : ite;
            RpcError err = mapError(req.method, failure);
            if (err == null) {
                return panic(id, req.method, failure);
            }
            return id == null ? Reply.none() : Reply.of(200, Envelopes.error(id, err.code(), err.message()));
        } catch (IllegalAccessException | IllegalArgumentException e) {
            return panic(id, req.method, e);
        }
        timed(h, start);
        if (id == null) {
            return Reply.none(); // notification
        }
        if (h.channel) {
            return Reply.channel(result);
        }
        try {
            return Reply.of(200, Envelopes.result(mapper, id, result));
        } catch (IOException | RuntimeException e) {
            // go-jsonrpc: the encoder fails before writing anything; the error is only logged
            LOG.log(System.Logger.Level.ERROR, "encoding the result of " + req.method + " failed", e);
            return Reply.none();
        }
    }

    /** Answers through the implementation's {@link ResultWriter}, inside the envelope, in one buffer. */
    private Reply written(RpcMethod h, Object id, String method, Object[] args) {
        GoJsonWriter out = new GoJsonWriter(64);
        Exception envelopeFailure = null;
        if (id != null) {
            try {
                Envelopes.startEncodedResult(out, id);
            } catch (IOException | RuntimeException e) {
                envelopeFailure = e; // the method still runs, as when its result cannot be encoded
            }
        }
        long start = h.timer == null ? 0 : System.nanoTime();
        try {
            h.writer.invokeExact(out, args);
        } catch (Throwable failure) { // as the reflective call reports whatever the method throws
            timed(h, start);
            RpcError err = mapError(method, failure);
            if (err == null) {
                return panic(id, method, failure);
            }
            return id == null ? Reply.none() : Reply.of(200, Envelopes.error(id, err.code(), err.message()));
        }
        timed(h, start); // a writer encodes as it goes: its time includes writing the result
        if (id == null) {
            return Reply.none(); // notification
        }
        if (envelopeFailure != null) {
            LOG.log(System.Logger.Level.ERROR, "encoding the result of " + method + " failed", envelopeFailure);
            return Reply.none();
        }
        return Reply.of(200, Envelopes.endEncodedResult(out));
    }

    private static void timed(RpcMethod h, long start) {
        if (h.timer != null) {
            h.timer.took(System.nanoTime() - start);
        }
    }

    private Object decode(RpcMethod.Param p, byte[] json) throws IOException {
        // the usual literals of the usual parameters (a sector number, a flag) without a parser: a plain unsigned
        // integer Go accepts, or exactly true/false; anything else, errors included, takes the general path
        if (p.unsigned() && GoJson.isDigits(json) && (json[0] != '0' || json.length == 1)) {
            Long v = GoNumbers.parseUint64(json);
            if (v != null) {
                return v;
            }
        } else if (p.type().getRawClass() == boolean.class || p.type().getRawClass() == Boolean.class) {
            if (Arrays.equals(json, TRUE)) {
                return Boolean.TRUE;
            }
            if (Arrays.equals(json, FALSE)) {
                return Boolean.FALSE;
            }
        }
        try (JsonParser parser = p.reader().createParser(json)) {
            parser.nextToken();
            if (p.unsigned() && parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
                // Go's ParseUint: fails at the 20th digit, without building a big number
                Long v = GoNumbers.parseUint64(json);
                if (v == null) {
                    throw new GoDecodeException(GoNumbers.cannotUnmarshal(json, p.goName().substring(1)));
                }
                return v;
            }
            // null gives null, or zero for a primitive, as in Go
            return p.reader().readValue(new GoNumbers.BoundedParser(parser));
        }
    }

    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** A decode failure whose message is already Go's. */
    static final class GoDecodeException extends IOException {
        private static final long serialVersionUID = 1L;

        GoDecodeException(String message) {
            super(message);
        }
    }

    private RpcError mapError(String method, Throwable failure) {
        try {
            RpcError e = errors.toError(method, failure);
            if (e != null && e.code() == RpcError.HANDLER_ERROR) {
                return new RpcError(e.code(), Messages.sanitize(e.message()));
            }
            return e;
        } catch (RuntimeException ex) {
            return new RpcError(RpcError.HANDLER_ERROR, Messages.errorText(failure));
        }
    }

    private Reply panic(Object id, String method, Throwable failure) {
        LOG.log(System.Logger.Level.ERROR, "panic in rpc method '" + method + "'", failure);
        String text;
        try {
            text = Messages.sanitize(errors.panicText(failure));
        } catch (RuntimeException e) {
            text = Messages.panicText(failure);
        }
        return Reply.protocolError(id, RpcError.PANIC,
                "fatal error calling '" + method + "': panic in rpc method '" + method + "': " + text);
    }

    private static Reply handlerError(Object id, String message) {
        return id == null ? Reply.none() : Reply.of(200, Envelopes.error(id, RpcError.HANDLER_ERROR, message));
    }

    // ------------------------------------------------------------------------------------------ HTTP bodies

    /** An HTTP answer: status and body (possibly empty). */
    public record HttpReply(int status, byte[] body) {
        public HttpReply {
            Objects.requireNonNull(body, "body");
        }

        public String bodyText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * go-jsonrpc's {@code handleReader} for an HTTP body: the size limit, Go's white-space trimming, a batch when
     * the trimmed body starts with '[' and ends with ']', else one request (trailing bytes after it are ignored).
     *
     * @param body the bytes read, at most {@code maxRequestSize + 1} of them
     * @param length how many bytes of {@code body} are valid
     */
    public HttpReply handleHttpBody(byte[] body, int length, long maxRequestSize, CallContext ctx) {
        Objects.checkFromIndexSize(0, length, body.length);
        if (length > maxRequestSize) {
            return requestTooBig(maxRequestSize);
        }
        int[] span = GoJson.trimSpace(body, length);
        if (span[0] == span[1]) {
            return protocolHttp(null, RpcError.INVALID_REQUEST, "Invalid request");
        }
        byte[] buf = span[0] == 0 && span[1] == body.length ? body : java.util.Arrays.copyOfRange(body, span[0],
                span[1]);
        if (buf[0] == '[' && buf[buf.length - 1] == ']') {
            return handleBatch(buf, ctx);
        }
        if (!mayDecodeIntoRequest(buf[0])) {
            // Go: a number, string, bool or array is a type error, anything else a syntax error; both are a
            // parse error without an id. Said without tokenizing what may be 100 MiB of digits.
            return protocolHttp(null, RpcError.PARSE_ERROR, "Parse error");
        }
        WireRequest req;
        try (JsonParser p = GoJson.FACTORY.createParser(buf)) {
            p.nextToken();
            req = WireRequest.read(p, buf, false);
        } catch (JacksonException e) {
            return protocolHttp(null, RpcError.PARSE_ERROR, "Parse error");
        } catch (IOException e) {
            return protocolHttp(null, RpcError.PARSE_ERROR, "reading request: " + Messages.errorText(e));
        }
        if (req.typeError) {
            return protocolHttp(req.rawId, RpcError.PARSE_ERROR, "Parse error");
        }
        String idError = req.normalizeId();
        if (idError != null) {
            return protocolHttp(null, RpcError.PARSE_ERROR, "failed to parse ID: " + idError);
        }
        Reply r = dispatch(req, ctx);
        return r.hasBody() ? new HttpReply(r.httpStatus(), r.bodyRef()) : new HttpReply(200, new byte[0]);
    }

    /** go-jsonrpc's answer to a body over the limit. */
    public HttpReply requestTooBig(long maxRequestSize) {
        return protocolHttp(null, RpcError.PARSE_ERROR, "request bigger than maximum " + maxRequestSize + " allowed");
    }

    /** go-jsonrpc's answer to a body that could not be read ({@code why}: free of Java text). */
    public HttpReply readFailure(String why) {
        return protocolHttp(null, RpcError.PARSE_ERROR, "reading request: " + why);
    }

    private HttpReply handleBatch(byte[] buf, CallContext ctx) {
        List<WireRequest> reqs = new ArrayList<>();
        try (JsonParser p = GoJson.FACTORY.createParser(buf)) {
            p.nextToken();
            boolean typeError = false;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                WireRequest r = WireRequest.read(p, buf, false);
                typeError |= r.typeError;
                reqs.add(r);
            }
            if (typeError) {
                return protocolHttp(null, RpcError.PARSE_ERROR, "Parse error");
            }
        } catch (IOException e) {
            return protocolHttp(null, RpcError.PARSE_ERROR, "Parse error");
        }
        if (reqs.isEmpty()) {
            return protocolHttp(null, RpcError.INVALID_REQUEST, "Invalid request");
        }
        // "[" is written first, so the status is 200 whatever follows
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write('[');
        for (int i = 0; i < reqs.size(); i++) {
            WireRequest r = reqs.get(i);
            String idError = r.normalizeId();
            if (idError != null) {
                out.writeBytes(Envelopes.error(null, RpcError.PARSE_ERROR, "failed to parse ID: " + idError));
                return new HttpReply(200, out.toByteArray()); // go-jsonrpc stops here, without the closing ']'
            }
            Reply reply = dispatch(r, ctx);
            if (reply.hasBody()) {
                out.writeBytes(reply.bodyRef());
            }
            if (i != reqs.size() - 1) {
                out.write(',');
            }
        }
        out.write(']');
        return new HttpReply(200, out.toByteArray());
    }

    private static HttpReply protocolHttp(Object id, int code, String message) {
        return new HttpReply(RpcError.httpStatusOfProtocolError(code), Envelopes.error(id, code, message));
    }

    /**
     * Decodes one WebSocket frame as go-jsonrpc's {@code frameExecutor} does ({@code json.Unmarshal} into its
     * {@code frame} struct, then {@code normalizeID}); null when go-jsonrpc would drop it silently.
     */
    static WireRequest parseFrame(byte[] frame) {
        int first = 0;
        while (first < frame.length && GoJson.isJsonSpace(frame[first])) {
            first++;
        }
        if (first < frame.length && !mayDecodeIntoRequest(frame[first])) {
            return null; // json.Unmarshal fails (a type or syntax error): the frame is dropped
        }
        try (JsonParser p = GoJson.FACTORY.createParser(frame)) {
            if (p.nextToken() == null) {
                return null;
            }
            WireRequest r = WireRequest.read(p, frame, true);
            if (p.nextToken() != null) {
                return null; // json.Unmarshal: data after the top-level value
            }
            if (r.typeError || r.normalizeId() != null) {
                return null;
            }
            return r;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Whether a JSON text starting with this byte can decode into go-jsonrpc's request struct without error: an
     * object, or {@code null} (which leaves the request empty).
     */
    private static boolean mayDecodeIntoRequest(byte first) {
        return first == '{' || first == 'n';
    }
}
