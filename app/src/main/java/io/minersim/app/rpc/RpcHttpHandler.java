package io.minersim.app.rpc;

import io.minersim.app.http.RequestBodies;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * go-jsonrpc's HTTP side of {@code /rpc/v0}: any method and any Content-Type; the body (at most
 * {@code maxRequestSize}) is one request or a batch; the answer is {@code application/json} with go-jsonrpc's
 * status (200, 400 for -32600, 500 for other protocol errors). A request that asked for a WebSocket upgrade and
 * reaches this handler could not be upgraded: it gets the error gorilla/websocket would give.
 *
 * <p>The body is read by demand ({@link Content.Source#demand}), not by a thread blocked in a read: a client that
 * sends its headers and then dribbles its body holds a connection and the bytes it sent, never a thread; the call
 * runs on a pool thread once the last chunk is in. A body is refused as soon as it is known to be too big: at once
 * when its {@code Content-Length} says so, else when its bytes pass the limit, without reading further (go-jsonrpc
 * reads the limit plus one byte, then answers the same error). The buffers grow with what arrives, never past what
 * has arrived by more than a segment whatever a header announces, and all bodies being read share one budget of buffered bytes, so that many slow or large bodies at
 * once cannot exhaust the heap: a body that would pass it is refused ({@code reading request: ...}, as go-jsonrpc
 * reports a failed read).
 */
public final class RpcHttpHandler extends Handler.Abstract {
    /** The first segment's size when the body's length is unknown. */
    private static final int FIRST_SEGMENT = 16 * 1024;
    /** The largest segment. */
    private static final int SEGMENT = 1 << 20;
    /** What is left of an announced length up to this is read into one segment of exactly that size. */
    private static final int EXACT_UP_TO = 64 * 1024;

    /** The dispatcher of each path; the first for any other. */
    private final Map<String, RpcDispatcher> byPath;
    private final RpcDispatcher dispatcher;
    private final long maxRequestSize;
    private final long bufferBudget;
    private final AtomicLong buffered = new AtomicLong();

    /**
     * @param maxRequestSize the body limit (go-jsonrpc's {@code maxRequestSize})
     * @param bufferBudget how many body bytes all requests being read may hold together (at least one whole
     *        body of the maximum size)
     */
    public RpcHttpHandler(RpcDispatcher dispatcher, long maxRequestSize, long bufferBudget) {
        this(Map.of("", dispatcher), maxRequestSize, bufferBudget);
    }

    /**
     * A handler serving each path of {@code byPath} (exact request paths, in order) with its own dispatcher; a
     * request to any other path gets the first one's.
     */
    public RpcHttpHandler(Map<String, RpcDispatcher> byPath, long maxRequestSize, long bufferBudget) {
        if (maxRequestSize <= 0 || maxRequestSize >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxRequestSize must be positive and below 2 GiB");
        }
        if (byPath.isEmpty()) {
            throw new IllegalArgumentException("no dispatcher");
        }
        this.byPath = Map.copyOf(byPath);
        this.dispatcher = byPath.values().iterator().next();
        this.maxRequestSize = maxRequestSize;
        this.bufferBudget = Math.max(bufferBudget, maxRequestSize + 1);
    }

    /** How many body bytes the requests being read hold now. */
    public long bufferedBytes() {
        return buffered.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String connection = request.getHeaders().get(HttpHeader.CONNECTION);
        if (connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
            // go-jsonrpc hands it to gorilla/websocket, whose checks failed: Upgrade, then the method
            response.getHeaders().put("Sec-WebSocket-Version", "13");
            String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
            boolean websocket = upgrade != null && java.util.Arrays.stream(upgrade.split(","))
                    .anyMatch(v -> v.strip().equalsIgnoreCase("websocket"));
            RequestBodies.discard(request, response);
            if (websocket && !"GET".equals(request.getMethod())) {
                HttpReplies.text(response, callback, 405, "Method Not Allowed");
            } else {
                HttpReplies.text(response, callback, 400, "Bad Request");
            }
            return true;
        }
        long declared = request.getLength();
        RpcDispatcher d = byPath.getOrDefault(request.getHttpURI().getPath(), dispatcher);
        if (declared > maxRequestSize) {
            RequestBodies.closeAfter(response); // refused before any byte of it is read
            reply(response, callback, d.requestTooBig(maxRequestSize));
            return true;
        }
        new BodyReader(d, request, response, callback, declared).start();
        return true;
    }

    private static void reply(Response response, Callback callback, RpcDispatcher.HttpReply r) {
        HttpReplies.json(response, callback, r.status(), r.body());
    }

    /**
     * Reads one request's body chunk by chunk as it arrives, then answers it. Reading a chunk never blocks, so Jetty
     * may call it on its selector thread (non-blocking): a byte from a slow client costs no thread hand-off. The
     * bytes go into segments of at most {@link #SEGMENT} (a large body is never copied whole on the selector, only
     * chunk by chunk); the call runs on a pool thread, after the segments are joined (a body that fits the
     * first segment, as every usual request does, is not copied again).
     */
    private final class BodyReader implements Runnable, Invocable {
        private final RpcDispatcher dispatcher;
        private final Request request;
        private final Response response;
        private final Callback callback;
        private final long declared;
        private final List<byte[]> segments = new ArrayList<>();
        /** Bytes in the last segment. */
        private int fill;
        private int size;
        /** Bytes of segments (and of the joined body) counted in the budget. */
        private long held;

        BodyReader(RpcDispatcher dispatcher, Request request, Response response, Callback callback, long declared) {
            this.dispatcher = dispatcher;
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.declared = declared;
        }

        @Override
        public InvocationType getInvocationType() {
            return InvocationType.NON_BLOCKING;
        }

        /** Reads what has arrived, answering on this (a handler's) thread if it is the whole body. */
        void start() {
            if (read()) {
                call();
            }
        }

        /** Jetty's demand callback: reads what has arrived; the call goes to a pool thread. */
        @Override
        public void run() {
            if (read()) {
                request.getComponents().getExecutor().execute(this::call);
            }
        }

        /** Reads what has arrived; demands more, or answers a refusal; true when the whole body is in. */
        private boolean read() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return false;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    finish(dispatcher.readFailure(Messages.errorText(chunk.getFailure())));
                    return false;
                }
                boolean last = chunk.isLast();
                RpcDispatcher.HttpReply refusal = append(chunk.getByteBuffer());
                chunk.release();
                if (refusal != null) {
                    finish(refusal);
                    return false;
                }
                if (last) {
                    return true;
                }
            }
        }

        /** Handles the whole body and answers it. */
        private void call() {
            RpcDispatcher.HttpReply r;
            CallerGone gone = new CallerGone(Thread.currentThread(), request);
            RUNNING.add(gone);
            try {
                CallContext ctx = CallContext.http(RpcAuthHandler.permissions(request));
                r = dispatcher.handleHttpBody(body(), size, maxRequestSize, ctx);
            } finally {
                RUNNING.remove(gone);
                gone.done();
                release();
            }
            if (gone.tookBytes()) {
                RequestBodies.closeAfter(response); // what the client sent next was read by the probe: no more
            }
            reply(response, callback, r);
        }

        /** The body in one array: the only segment when it holds it all, else the segments joined. */
        private byte[] body() {
            if (segments.size() == 1 && fill == segments.get(0).length) {
                return segments.get(0);
            }
            byte[] whole = new byte[size];
            buffered.addAndGet(size); // held with the segments until the call ends
            held += size;
            int at = 0;
            for (int i = 0; i < segments.size(); i++) {
                byte[] seg = segments.get(i);
                int n = i == segments.size() - 1 ? fill : seg.length;
                System.arraycopy(seg, 0, whole, at, n);
                at += n;
            }
            return whole;
        }

        /** Appends a chunk's bytes; null, or the answer refusing the body (too big, or past the budget). */
        private RpcDispatcher.HttpReply append(ByteBuffer b) {
            if ((long) size + b.remaining() > maxRequestSize) {
                return dispatcher.requestTooBig(maxRequestSize);
            }
            while (b.hasRemaining()) {
                byte[] seg = segments.isEmpty() ? null : segments.get(segments.size() - 1);
                if (seg == null || fill == seg.length) {
                    // the next segment: by doubling up to SEGMENT, and what is left of the announced length when
                    // that is small (a usual request is one exact segment; a big announcement reserves nothing)
                    long next = seg == null ? FIRST_SEGMENT : Math.min(SEGMENT, 2L * seg.length);
                    if (declared >= 0 && declared - size <= Math.max(next, EXACT_UP_TO)) {
                        next = declared - size;
                    }
                    next = Math.max(next, 1);
                    if (buffered.addAndGet(next) > bufferBudget) {
                        buffered.addAndGet(-next);
                        return dispatcher.readFailure("the server is reading " + bufferBudget
                                + " bytes of requests already; try again");
                    }
                    held += next;
                    seg = new byte[(int) next];
                    segments.add(seg);
                    fill = 0;
                }
                int n = Math.min(b.remaining(), seg.length - fill);
                b.get(seg, fill, n);
                fill += n;
                size += n;
            }
            return null;
        }

        private void release() {
            buffered.addAndGet(-held);
            held = 0;
            segments.clear();
            fill = 0;
            size = 0;
        }

        /** Answers a body refused or failed before its end: the rest of it is not read. */
        private void finish(RpcDispatcher.HttpReply r) {
            release();
            RequestBodies.closeAfter(response);
            reply(response, callback, r);
        }
    }

    /** How often, and after how long, a running call's connection is looked at for a client that went away. */
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);
    /** The HTTP calls running now, of every server. */
    private static final Set<CallerGone> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        // one daemon thread for every server: each second, it probes the calls running for a second or more (a
        // non-blocking read of at most one byte each); a call costs only its entry in RUNNING
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "minersim-rpc-caller-watch");
            t.setDaemon(true);
            return t;
        });
        sweeper.scheduleWithFixedDelay(() -> {
            long due = System.nanoTime() - PROBE_EVERY.toNanos();
            for (CallerGone c : RUNNING) {
                if (c.started - due < 0) {
                    c.probe();
                }
            }
        }, PROBE_EVERY.toMillis(), PROBE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Go cancels a request's context when its client goes away; here the thread running an HTTP call is interrupted
     * then, which a waiting method (StateWaitMsg) ends as {@code context canceled}. Jetty does not read a connection
     * while its request is handled, so it does not see a client leave before it writes the answer: once a call has
     * run a second, the sweeper reads its connection each second without blocking; end of stream (or a failure)
     * means the client is gone. A byte read instead (a client sending its next request before this answer, which no
     * JSON-RPC client does) closes the connection after the answer. Jetty's own failure of the request is not used:
     * it fires on a graceful stop too, when a call in flight must still answer. Once the call is over its thread is
     * never interrupted, and an interrupt that came too late is cleared.
     */
    private static final class CallerGone {
        private final Request request;
        private final long started = System.nanoTime();
        private Thread running;
        private boolean took;

        CallerGone(Thread running, Request request) {
            this.running = running;
            this.request = request;
        }

        /** Reads at most one byte of the connection, without blocking: gone on end of stream or failure. */
        synchronized void probe() {
            if (running == null || took) {
                return;
            }
            Object transport = request.getConnectionMetaData().getConnection().getEndPoint().getTransport();
            if (!(transport instanceof SocketChannel channel) || channel.isBlocking()) {
                return;
            }
            try {
                int n = channel.read(ByteBuffer.allocate(1));
                if (n < 0) {
                    running.interrupt();
                } else if (n > 0) {
                    took = true;
                }
            } catch (IOException e) {
                running.interrupt();
            }
        }

        synchronized boolean tookBytes() {
            return took;
        }

        synchronized void done() {
            running = null;
            Thread.interrupted(); // a pool thread goes back clean
        }
    }
}
