package io.minersim.app.rpc;

import io.minersim.rpc.Permission;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * One WebSocket connection on {@code /rpc/v0}, as go-jsonrpc's {@code wsConn} serves it: one JSON-RPC object per
 * frame (text or binary); a frame that does not decode, or has a bad id, is dropped silently; calls run
 * concurrently and answer by id; notifications are never answered (not even with protocol errors);
 * {@code xrpc.cancel} interrupts a running call; a ping goes out every ping interval. A channel method answers
 * with a channel id and never sends a value; {@code xrpc.ch.close} goes out when the value it returned (if a
 * {@link CompletionStage}) completes, or when the server closes the connection.
 *
 * <p>What one connection may be owed is bounded: frames are read one at a time, by demand, and while the answers
 * queued for this client and not yet written pass {@code maxOwedBytes} (a client that sends and does not read),
 * the next frame is not read; reading resumes as the client reads its answers. The client's requests then wait
 * in its socket and TCP pushes back on it: the server holds at most the bound plus the answers of the calls
 * already running, whatever the client sends. (An {@code xrpc.cancel} sent meanwhile is read then too.)
 */
public final class RpcWebSocketSession implements Session.Listener {
    private static final System.Logger LOG = System.getLogger(RpcWebSocketSession.class.getName());

    private final RpcDispatcher dispatcher;
    private final CallContext connection;
    private final ExecutorService calls;
    private final ScheduledExecutorService scheduler;
    private final long pingMillis;
    private final Set<RpcWebSocketSession> registry;

    private final long maxOwedBytes;
    /** Bytes of answers handed to Jetty and not yet written. */
    private final AtomicLong owed = new AtomicLong();
    /** Guards {@link #demandWithheld}. */
    private final Object flow = new Object();
    /** A frame was handled and the next one not yet demanded: the connection is past its bound. */
    private boolean demandWithheld;

    private final Map<Object, InFlight> handling = new ConcurrentHashMap<>();
    private final Map<Long, Object> channels = new ConcurrentHashMap<>();
    private final AtomicLong channelCounter = new AtomicLong();
    private final Object writeLock = new Object();
    private volatile Session session;
    private volatile ScheduledFuture<?> pings;

    private record InFlight(CallContext context, Future<?> future) {
    }

    RpcWebSocketSession(RpcDispatcher dispatcher, Set<Permission> permissions, ExecutorService calls,
            ScheduledExecutorService scheduler, long pingMillis, Set<RpcWebSocketSession> registry,
            long maxOwedBytes) {
        this.dispatcher = dispatcher;
        this.maxOwedBytes = maxOwedBytes;
        this.connection = CallContext.webSocket(permissions);
        this.calls = calls;
        this.scheduler = scheduler;
        this.pingMillis = pingMillis;
        this.registry = registry;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        registry.add(this);
        if (pingMillis > 0) {
            pings = scheduler.scheduleAtFixedRate(this::ping, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
        }
        s.demand();
    }

    private void ping() {
        Session s = session;
        if (s != null && s.isOpen() && owed.get() < maxOwedBytes) {
            synchronized (writeLock) {
                s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
            }
        }
    }

    @Override
    public void onWebSocketText(String message) {
        try {
            onFrame(message.getBytes(StandardCharsets.UTF_8));
        } finally {
            handled();
        }
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        byte[] b = new byte[payload.remaining()];
        payload.get(b);
        callback.succeed();
        try {
            onFrame(b);
        } finally {
            handled();
        }
    }

    /** Answers a ping (a listener that demands itself must), then reads on. */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        Session s = session;
        if (s != null && s.isOpen()) {
            synchronized (writeLock) {
                s.sendPong(payload, Callback.NOOP);
            }
        }
        handled();
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        handled();
    }

    /** A frame has been handled: the next one is read now, or once the client is owed less than the bound. */
    private void handled() {
        synchronized (flow) {
            demandWithheld = true;
        }
        demandIfUnderBound();
    }

    private void demandIfUnderBound() {
        boolean demand;
        synchronized (flow) {
            demand = demandWithheld && owed.get() < maxOwedBytes;
            if (demand) {
                demandWithheld = false;
            }
        }
        Session s = session;
        if (demand && s != null && s.isOpen()) {
            s.demand();
        }
    }

    /** Bytes of answers queued for this client and not yet written. */
    long owedBytes() {
        return owed.get();
    }

    private void onFrame(byte[] frame) {
        WireRequest req = RpcDispatcher.parseFrame(frame);
        if (req == null) {
            LOG.log(System.Logger.Level.WARNING, "dropping a frame that does not decode");
            return;
        }
        switch (req.method) {
            case "" -> LOG.log(System.Logger.Level.DEBUG, "dropping a response frame: this server makes no calls");
            case "xrpc.cancel" -> cancel(req);
            case "xrpc.ch.val", "xrpc.ch.close" -> LOG.log(System.Logger.Level.DEBUG,
                    "dropping " + req.method + ": this server opens no client channels");
            default -> call(req);
        }
    }

    private void call(WireRequest req) {
        CallContext ctx = connection.forCall();
        Object id = req.id;
        try {
            if (id == null) {
                calls.submit(() -> run(req, ctx));
            } else {
                synchronized (handling) {
                    handling.put(id, new InFlight(ctx, calls.submit(() -> run(req, ctx))));
                }
            }
        } catch (RejectedExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, "call rejected: the server is stopping");
        }
    }

    private void run(WireRequest req, CallContext ctx) {
        Object id = req.id;
        try {
            RpcDispatcher.Reply reply = dispatcher.dispatch(req, ctx);
            if (id == null) {
                return; // go-jsonrpc discards everything written for a notification
            }
            if (reply.isChannel()) {
                openChannel(id, reply.channelValue());
            } else if (reply.hasBody()) {
                send(reply.bodyRef());
            }
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "call " + req.method + " failed", e);
        } finally {
            if (id != null) {
                synchronized (handling) {
                    InFlight f = handling.get(id);
                    if (f != null && f.context == ctx) {
                        handling.remove(id);
                    }
                }
            }
        }
    }

    private void openChannel(Object id, Object value) {
        long chId = channelCounter.incrementAndGet();
        channels.put(chId, value == null ? Boolean.TRUE : value);
        send(Envelopes.channelOpened(id, chId));
        if (value instanceof CompletionStage<?> stage) {
            stage.whenComplete((v, t) -> closeChannel(chId));
        } else if (value instanceof Flow.Publisher<?> publisher) {
            publisher.subscribe(new ChannelValues(chId));
        }
    }

    private void closeChannel(long chId) {
        Object value = channels.remove(chId);
        if (value != null) {
            if (value instanceof Flow.Subscription sub) {
                sub.cancel();
            }
            send(Envelopes.notification("xrpc.ch.close", chId));
        }
    }

    /**
     * A channel that carries values ({@code ChainNotify}): each value the publisher gives goes out as
     * {@code xrpc.ch.val [chId, value]}, encoded as a result; the channel closes when the publisher completes or fails,
     * and the subscription is cancelled when the connection or the channel closes.
     */
    private final class ChannelValues implements Flow.Subscriber<Object> {
        private final long chId;

        ChannelValues(long chId) {
            this.chId = chId;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            if (channels.replace(chId, subscription) == null) {
                subscription.cancel(); // closed already
                return;
            }
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Object item) {
            if (!channels.containsKey(chId)) {
                return;
            }
            try {
                send(Envelopes.channelValue(dispatcher.mapper(), chId, item));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.ERROR, "encoding a channel value failed", e);
            }
        }

        @Override
        public void onError(Throwable failure) {
            closeChannel(chId);
        }

        @Override
        public void onComplete() {
            closeChannel(chId);
        }
    }

    /** go-jsonrpc's {@code cancelCtx}: params {@code [id]}; an unknown id is ignored. */
    private void cancel(WireRequest req) {
        if (req.params == null) {
            return;
        }
        try {
            List<byte[]> ps = GoJson.splitParams(req.params);
            if (ps.isEmpty()) {
                return;
            }
            byte[] raw = ps.get(0);
            GoValues.Decoded d;
            try (com.fasterxml.jackson.core.JsonParser p = GoJson.FACTORY.createParser(raw)) {
                p.nextToken();
                d = GoValues.read(p, raw);
            }
            Object id = d.value();
            if (d.rangeError() || !(id instanceof String || id instanceof Double)) {
                return;
            }
            InFlight f;
            synchronized (handling) {
                f = handling.get(id);
            }
            if (f != null) {
                f.future.cancel(true);
            }
        } catch (GoJson.ParamsError | java.io.IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "bad xrpc.cancel: " + e.getMessage());
        }
    }

    private void send(byte[] frame) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        String text = new String(frame, StandardCharsets.UTF_8);
        long n = frame.length;
        owed.addAndGet(n);
        Runnable written = () -> {
            owed.addAndGet(-n);
            demandIfUnderBound();
        };
        synchronized (writeLock) {
            s.sendText(text, Callback.from(written, t -> {
                LOG.log(System.Logger.Level.DEBUG, "websocket write failed: " + t.getMessage());
                written.run();
            }));
        }
    }

    /** Closes the connection from the server side: first {@code xrpc.ch.close} for every open channel. */
    void shutdown() {
        for (Long chId : List.copyOf(channels.keySet())) {
            closeChannel(chId);
        }
        Session s = session;
        if (s != null && s.isOpen()) {
            synchronized (writeLock) {
                s.close(StatusCode.NORMAL, null, Callback.NOOP);
            }
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        finish();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "websocket error: " + cause.getMessage());
        finish();
    }

    private void finish() {
        registry.remove(this);
        ScheduledFuture<?> p = pings;
        if (p != null) {
            p.cancel(false);
        }
        // go-jsonrpc's closeInFlight: cancel every call still running
        synchronized (handling) {
            for (InFlight f : handling.values()) {
                f.future.cancel(true);
            }
            handling.clear();
        }
        for (Object v : channels.values()) {
            if (v instanceof Flow.Subscription sub) {
                sub.cancel();
            }
        }
        channels.clear();
    }
}
