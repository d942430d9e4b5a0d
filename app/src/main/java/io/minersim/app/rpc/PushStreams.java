package io.minersim.app.rpc;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.minersim.app.http.RequestBodies;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Lotus's {@code io.Reader} parameters ({@code lib/rpcenc}): the param is {@code {"Type":..,"Info":..}} and is
 * decoded into an {@link InputStream}. {@code "null"} gives that many zero bytes, {@code "http"} a stream that GETs
 * the URL on first read, anything else is a push: the data arrives on
 * {@code /rpc/streams/v0/push/{uuid}}, paired with the call through a per-UUID rendezvous. A HEAD first (the Go
 * client) is answered 200 on the stream's first read, then the POST carrying the data is answered 200 once the
 * stream hit EOF or was closed (204 to the HEAD if it was closed before any read); a bare POST (simple clients) is
 * streamed directly. Each side waits at most the timeout (30 s by default) for the other.
 */
public final class PushStreams {
    /** The push endpoint's path without the UUID. */
    public static final String PATH_PREFIX = "/rpc/streams/v0/push/";
    /** Lotus's {@code rpcenc.Timeout}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger(PushStreams.class.getName());

    /**
     * How many calls may wait at once for an upload that has not arrived. Lotus's decoder waits on a goroutine;
     * here a wait holds the calling thread (a Jetty thread for HTTP) for up to the timeout, and since parameters
     * are decoded before permissions are checked, anyone could hold every thread for 30 s with calls naming
     * uploads that never come (250 such calls kept another client waiting 29 s). Past the bound a call fails at
     * once; a call whose upload is already there never waits and is never refused.
     */
    static final int MAX_WAITING = 64;

    private final Duration timeout;
    private final Map<UUID, Slot> slots = new ConcurrentHashMap<>();
    private final java.util.concurrent.Semaphore waiting = new java.util.concurrent.Semaphore(MAX_WAITING);
    /** Made on the first {@code http} reader: building an HttpClient sets up TLS, about 0.2 s of start-up. */
    private volatile HttpClient http;

    public PushStreams(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /**
     * Checks a reader parameter without opening it: a {@code null} reader's byte count and a push
     * reader's UUID, with Lotus's error texts (anything but {@code null} and {@code http} is a push).
     */
    public void check(String type, String info) throws DecodeFailure {
        String t = type == null ? "" : type;
        String i = info == null ? "" : info;
        if (t.equals("null")) {
            parseInt64(i);
        } else if (!t.equals("http")) {
            pushUuid(i);
        }
    }

    /** A push reader's UUID, refused with Lotus's text. */
    private static UUID pushUuid(String info) throws DecodeFailure {
        try {
            return parseGoUuid(info);
        } catch (IllegalArgumentException e) {
            throw new DecodeFailure("parsing reader UUDD: " + e.getMessage());
        }
    }

    /**
     * Checks a reader parameter as {@link #check} does and, for a push, waits (at most the timeout) until
     * its upload has arrived, without taking it: what Lotus's param decoder waits for, so that an upload that
     * never comes fails the decoding ({@code context deadline exceeded}, or {@code handler timed out} when the
     * upload's own wait ran out), as a -32700 error, before the method runs. {@link #open} then takes it.
     */
    public void await(String type, String info) throws DecodeFailure {
        String t = type == null ? "" : type;
        if (t.equals("null") || t.equals("http")) {
            check(t, info);
            return;
        }
        UUID u = pushUuid(info == null ? "" : info);
        waitOn(u, slots.computeIfAbsent(u, k -> new Slot()), s -> {
            s.awaitOffer(timeout.toNanos());
            return null;
        });
    }

    /** A reader's wait on a slot: for the upload to be offered, or to take it. */
    private interface SlotWait<T> {
        T on(Slot slot) throws DecodeFailure, InterruptedException;
    }

    /**
     * Waits on {@code u}'s {@code slot} as the reader; when the wait fails with no upload offered, the slot is dropped so
     * that UUIDs nobody pushes to do not pile up.
     */
    private <T> T waitOn(UUID u, Slot slot, SlotWait<T> wait) throws DecodeFailure {
        boolean counted = !slot.offered();
        if (counted && !waiting.tryAcquire()) {
            forgetIfUnused(u, slot);
            throw new DecodeFailure("too many calls are waiting for their pushed data (" + MAX_WAITING
                    + "); try again");
        }
        try {
            return wait.on(slot);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forgetIfUnused(u, slot);
            throw new DecodeFailure("context canceled");
        } catch (DecodeFailure e) {
            forgetIfUnused(u, slot);
            throw e;
        } finally {
            if (counted) {
                waiting.release();
            }
        }
    }

    /**
     * Drops a slot a reader gave up on when no upload ever came, so that UUIDs nobody pushes to do not pile
     * up. A slot whose upload timed out stays: its reader is still owed "handler timed out".
     */
    private void forgetIfUnused(UUID u, Slot slot) {
        slots.computeIfPresent(u, (k, s) -> s == slot && s.unused() ? null : s);
    }

    /** How many push UUIDs are waiting for their reader or upload. */
    int pendingSlots() {
        return slots.size();
    }

    private HttpClient httpClient() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                c = http;
                if (c == null) {
                    c = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build();
                    http = c;
                }
            }
        }
        return c;
    }

    public ParamDecoder decoder() {
        return this::decode;
    }

    /** The Jetty handler for {@code /rpc/streams/v0/push/{uuid}}. */
    public Handler handler() {
        return new PushHandler();
    }

    // ------------------------------------------------------------------------------------------ decoding

    /** A reader parameter that cannot be opened, with the text Lotus would give. */
    public static final class DecodeFailure extends IOException {
        private static final long serialVersionUID = 1L;

        DecodeFailure(String message) {
            super(message);
        }
    }

    private Object decode(byte[] json, CallContext ctx) throws IOException {
        ReaderParam rs = readerParam(json);
        return open(rs.type(), rs.info());
    }

    /** A reader parameter's two fields, as Lotus's decoder reads them ({@code ""} when absent or null). */
    public record ReaderParam(String type, String info) {
    }

    /**
     * Opens a reader parameter already decoded into its {@code Type} and {@code Info} (for an API whose parameter
     * is a record rather than an {@code InputStream}): what the decoder does after JSON decoding, with the same
     * waiting and the same error texts ({@code parsing reader UUDD: ...}, {@code parsing null byte count: ...},
     * {@code context deadline exceeded}, {@code handler timed out}).
     */
    public InputStream open(String type, String info) throws IOException {
        type = type == null ? "" : type;
        info = info == null ? "" : info;
        if (type.equals("null")) {
            return new ZeroStream(parseInt64(info));
        }
        if (type.equals("http")) {
            return new HttpStream(httpClient(), info);
        }
        UUID u = pushUuid(info);
        Slot slot = slots.computeIfAbsent(u, k -> new Slot());
        PushRequest pr = waitOn(u, slot, s -> s.take(timeout.toNanos()));
        return new PushStream(u, pr, slot);
    }

    /**
     * Go's {@code json.Unmarshal} into {@code ReaderStream{Type StreamType; Info string}}, with Lotus's error texts
     * ({@code unmarshaling reader id: ...}). Numbers are skipped, never converted.
     */
    public static ReaderParam readerParam(byte[] json) throws DecodeFailure {
        String type = "";
        String info = "";
        try (JsonParser p = GoJson.FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                return new ReaderParam(type, info);
            }
            if (t != JsonToken.START_OBJECT) {
                throw new DecodeFailure("unmarshaling reader id: json: cannot unmarshal " + GoJson.goKind(t)
                        + " into Go value of type rpcenc.ReaderStream");
            }
            String firstError = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken v = p.nextToken();
                boolean isType = k.equalsIgnoreCase("Type");
                boolean isInfo = k.equalsIgnoreCase("Info");
                if (isType || isInfo) {
                    if (v == JsonToken.VALUE_STRING) {
                        if (isType) {
                            type = p.getText();
                        } else {
                            info = p.getText();
                        }
                    } else if (v != JsonToken.VALUE_NULL && firstError == null) {
                        firstError = "unmarshaling reader id: json: cannot unmarshal " + GoJson.goKind(v)
                                + " into Go struct field ReaderStream." + (isType ? "Type of type rpcenc.StreamType"
                                        : "Info of type string");
                    }
                }
                p.skipChildren();
            }
            if (firstError != null) {
                throw new DecodeFailure(firstError);
            }
            return new ReaderParam(type, info);
        } catch (DecodeFailure e) {
            throw e;
        } catch (IOException e) {
            throw new DecodeFailure("unmarshaling reader id: unexpected end of JSON input");
        }
    }

    /** Go's {@code strconv.ParseInt(s, 10, 64)} with its error texts. */
    static long parseInt64(String s) throws DecodeFailure {
        String prefix = "parsing null byte count: strconv.ParseInt: parsing " + goQuote(s) + ": ";
        int i = 0;
        boolean neg = false;
        if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        if (i == s.length()) {
            throw new DecodeFailure(prefix + "invalid syntax");
        }
        java.math.BigInteger v = java.math.BigInteger.ZERO;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new DecodeFailure(prefix + "invalid syntax");
            }
            v = v.multiply(java.math.BigInteger.TEN).add(java.math.BigInteger.valueOf(c - '0'));
        }
        if (neg) {
            v = v.negate();
        }
        if (v.bitLength() > 63) {
            throw new DecodeFailure(prefix + "value out of range");
        }
        return v.longValue();
    }

    private static String goQuote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    /** google/uuid's {@code Parse}: canonical, {@code urn:uuid:} prefixed, braced or 32 hex digits. */
    static UUID parseGoUuid(String s) {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String str = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        switch (b.length) {
            case 36:
                break;
            case 45:
                if (!str.substring(0, 9).equalsIgnoreCase("urn:uuid:")) {
                    throw new IllegalArgumentException("invalid urn prefix: " + goQuote(s.substring(0, 9)));
                }
                str = str.substring(9);
                break;
            case 38:
                str = str.substring(1);
                break;
            case 32:
                return uuidFromHex(str, PLAIN_HEX);
            default:
                throw new IllegalArgumentException("invalid UUID length: " + b.length);
        }
        if (str.charAt(8) != '-' || str.charAt(13) != '-' || str.charAt(18) != '-' || str.charAt(23) != '-') {
            throw new IllegalArgumentException("invalid UUID format");
        }
        return uuidFromHex(str, HYPHENATED_HEX);
    }

    /** Where the 16 hex byte pairs start, in the 8-4-4-4-12 form and in the bare 32-digit form. */
    private static final int[] HYPHENATED_HEX = {0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34};
    private static final int[] PLAIN_HEX = {0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30};

    private static UUID uuidFromHex(String str, int[] at) {
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 16; i++) {
            int v = hexByte(str, at[i]);
            if (v < 0) {
                throw new IllegalArgumentException("invalid UUID format");
            }
            if (i < 8) {
                hi = hi << 8 | v;
            } else {
                lo = lo << 8 | v;
            }
        }
        return new UUID(hi, lo);
    }

    private static int hexByte(String s, int i) {
        int a = Character.digit(s.charAt(i), 16);
        int b = Character.digit(s.charAt(i + 1), 16);
        if (a < 0 || b < 0 || s.charAt(i) > 0x7f || s.charAt(i + 1) > 0x7f) {
            return -1;
        }
        return a << 4 | b;
    }

    // ------------------------------------------------------------------------------------------ rendezvous

    /** Go's unbuffered {@code chan *RpcReader} for one UUID, which the push handler closes when it times out. */
    private static final class Slot {
        private final Deque<PushRequest> offers = new ArrayDeque<>();
        private boolean closed;

        /** An upload is offered and waits for its reader. */
        synchronized boolean offered() {
            return !offers.isEmpty();
        }

        /** No upload is offered and none timed out. */
        synchronized boolean unused() {
            return offers.isEmpty() && !closed;
        }

        /** The handler side: offers {@code r} to a reader; false when the slot was closed by a timeout. */
        synchronized boolean offer(PushRequest r) {
            if (closed) {
                return false;
            }
            offers.addLast(r);
            notifyAll();
            return true;
        }

        /**
         * The handler side's timeout: when no reader took {@code r}, it is withdrawn and the slot closed (its
         * reader, if one comes, is told "handler timed out"); true then.
         */
        synchronized boolean expire(PushRequest r) {
            if (r.taken) {
                return false;
            }
            offers.remove(r);
            closed = true;
            notifyAll();
            return true;
        }

        /** The reader side: waits until a request is offered, leaving it there; Lotus's errors as {@link #take}. */
        synchronized void awaitOffer(long nanos) throws DecodeFailure, InterruptedException {
            long deadline = System.nanoTime() + nanos;
            while (offers.isEmpty()) {
                if (closed) {
                    throw new DecodeFailure("handler timed out");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new DecodeFailure("context deadline exceeded");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /** The reader side: the next request, or Lotus's errors on timeout or a closed slot. */
        synchronized PushRequest take(long nanos) throws DecodeFailure, InterruptedException {
            awaitOffer(nanos);
            PushRequest r = offers.removeFirst();
            r.taken = true;
            notifyAll();
            return r;
        }
    }

    private enum Outcome {
        START,
        ERROR,
        CLOSED,
        /** No call took the stream in time. */
        TIMEOUT
    }

    /** One HEAD or POST on the push endpoint: its body (POST) and how it is to be answered. */
    private static final class PushRequest {
        final InputStream body;
        final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        boolean taken;

        PushRequest(InputStream body) {
            this.body = body;
        }
    }

    /** Lotus's {@code RpcReader}: the stream a method reads. */
    private final class PushStream extends InputStream {
        private final UUID uuid;
        private final Slot slot;
        private PushRequest current;
        private final AtomicBoolean begun = new AtomicBoolean();
        private boolean eof;

        PushStream(UUID uuid, PushRequest first, Slot slot) {
            this.uuid = uuid;
            this.current = first;
            this.slot = slot;
        }

        private void begin() throws IOException {
            if (!begun.compareAndSet(false, true)) {
                return;
            }
            if (current.body == null) {
                // a HEAD: answer it 200, then wait for the POST with the data
                current.outcome.complete(Outcome.START);
                try {
                    current = slot.take(timeout.toNanos());
                } catch (DecodeFailure e) {
                    current = null;
                    throw new IOException("waiting for the pushed data: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    current = null;
                    throw new IOException("context canceled");
                }
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) throws IOException {
            begin();
            if (eof) {
                return -1;
            }
            if (current == null || current.body == null || current.outcome.isDone()) {
                throw new IOException("reader already closed, redirected or cancelled");
            }
            try {
                int n = current.body.read(b, off, len);
                if (n < 0) {
                    eof = true;
                    finish();
                }
                return n;
            } catch (IOException e) {
                finish();
                throw e;
            }
        }

        private void finish() {
            if (current != null) {
                current.outcome.complete(Outcome.CLOSED);
            }
            slots.remove(uuid, slot);
        }

        @Override
        public synchronized void close() throws IOException {
            begun.set(true);
            PushRequest c = current;
            finish();
            if (c != null && c.body != null) {
                c.body.close();
            }
        }
    }

    /** The push endpoint. */
    private final class PushHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            String id = path.substring(path.lastIndexOf('/') + 1);
            UUID u;
            try {
                u = parseGoUuid(id);
            } catch (IllegalArgumentException e) {
                RequestBodies.discard(request, response);
                HttpReplies.text(response, callback, 400, "parsing reader uuid: " + e.getMessage());
                return true;
            }
            PushRequest pr;
            switch (request.getMethod()) {
                case "HEAD" -> pr = new PushRequest(null);
                case "POST" -> pr = new PushRequest(Request.asInputStream(request));
                default -> {
                    RequestBodies.discard(request, response);
                    HttpReplies.text(response, callback, 405, "unsupported method");
                    return true;
                }
            }
            Slot slot = slots.computeIfAbsent(u, k -> new Slot());
            if (!slot.offer(pr)) {
                HttpReplies.empty(response, callback, 500);
                return true;
            }
            // no thread waits: the answer is written when the reader starts or ends, or when the wait runs out
            CompletableFuture.delayedExecutor(timeout.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
                if (slot.expire(pr)) {
                    pr.outcome.complete(Outcome.TIMEOUT);
                }
            });
            pr.outcome.whenComplete((o, failure) -> {
                switch (o == null ? Outcome.ERROR : o) {
                    case START -> HttpReplies.empty(response, callback, 200);
                    case CLOSED -> HttpReplies.empty(response, callback, pr.body == null ? 204 : 200);
                    case TIMEOUT -> {
                        LOG.log(System.Logger.Level.WARNING, "push " + u + ": no call took the stream in time");
                        HttpReplies.empty(response, callback, 500);
                    }
                    default -> HttpReplies.empty(response, callback, 500);
                }
            });
            return true;
        }
    }

    // ------------------------------------------------------------------------------------------ other readers

    /** Lotus's {@code NullReader}: {@code n} zero bytes (none for a negative count). */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long n) {
            this.left = Math.max(0, n);
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            Objects.checkFromIndexSize(off, len, b.length);
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }

        @Override
        public long skip(long n) {
            long k = Math.max(0, Math.min(n, left));
            left -= k;
            return k;
        }

        @Override
        public int available() {
            return (int) Math.min(Integer.MAX_VALUE, left);
        }
    }

    /** Lotus's {@code HttpReader}: a GET on first read; a status other than 200 fails the read. */
    private static final class HttpStream extends InputStream {
        private final HttpClient client;
        private final String url;
        private InputStream body;
        private boolean closed;

        HttpStream(HttpClient client, String url) {
            this.client = client;
            this.url = url;
        }

        private InputStream open() throws IOException {
            if (closed) {
                throw new IOException("http reader closed");
            }
            if (body == null) {
                HttpResponse<InputStream> r;
                try {
                    r = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                            HttpResponse.BodyHandlers.ofInputStream());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("context canceled");
                } catch (IllegalArgumentException e) {
                    throw new IOException("Get \"" + url + "\": invalid URL");
                }
                if (r.statusCode() != 200) {
                    r.body().close();
                    throw new IOException("unexpected http status " + r.statusCode());
                }
                body = r.body();
            }
            return body;
        }

        @Override
        public int read() throws IOException {
            return open().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return open().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            closed = true;
            if (body != null) {
                body.close();
            }
        }
    }
}
