package io.minersim.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code GET /web/events}: server-sent events telling the page where every miner is. An event is
 * {@code {"miners":[{"actor","size","epoch","time","writes","events","sectors"}]}}: the head and its Unix time, the
 * count of the miner's changes (the page reads its sectors again when it moves), the length of its history (where
 * {@code Sim.Events} ends) and its number of sectors (the fleet's table). A watcher looks five times a second and sends only when something moved; a page that
 * reads slower than that gets the newest state, never a queue. A comment every ten seconds keeps idle
 * connections open and finds the closed ones.
 */
final class HeadEvents implements AutoCloseable {
    private static final long TICK_MILLIS = 200;
    private static final long PING_MILLIS = 10_000;
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    private final List<WebMiner> miners;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "minersim-web-events");
        t.setDaemon(true);
        return t;
    });
    private final long[] writes;
    private final long[] history;
    private final long[] sectors;
    private volatile String current;
    private long lastPing = System.nanoTime();

    HeadEvents(List<WebMiner> miners) {
        this.miners = List.copyOf(miners);
        this.writes = new long[miners.size()];
        this.history = new long[miners.size()];
        this.sectors = new long[miners.size()];
        java.util.Arrays.fill(writes, -1);
        this.current = state();
        timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Opens the stream: the current state at once, then every change. */
    void open(Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Client c = new Client(response, callback);
        clients.add(c);
        c.send(event(current));
    }

    private void tick() {
        try {
            String now = state();
            boolean changed = !now.equals(current);
            current = now;
            boolean ping = System.nanoTime() - lastPing > TimeUnit.MILLISECONDS.toNanos(PING_MILLIS);
            if (ping) {
                lastPing = System.nanoTime();
            }
            if (changed || ping) {
                byte[] bytes = changed ? event(now) : PING;
                clients.forEach(c -> c.send(bytes));
            }
        } catch (RuntimeException e) {
            // a miner closing under the watcher: the next tick reads again
        }
    }

    /** Every miner's head, time, change count and history length, as the event's JSON. */
    private String state() {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode list = root.putArray("miners");
        for (int i = 0; i < miners.size(); i++) {
            WebMiner m = miners.get(i);
            long head = m.miner().head();
            long w = m.miner().writeCount();
            if (w != writes[i]) {
                history[i] = m.miner().historySize();
                sectors[i] = m.miner().sectorCount();
                writes[i] = w;
            }
            list.addObject().put("actor", m.actor()).put("size", m.sectorSize()).put("epoch", head)
                    .put("time", m.miner().timestampOf(head)).put("writes", w).put("events", history[i]).put("sectors", sectors[i]);
        }
        return root.toString();
    }

    private static byte[] event(String json) {
        return ("data: " + json + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Ends every stream; the page's EventSource reconnects to the next server. */
    @Override
    public void close() {
        timer.shutdownNow();
        clients.forEach(Client::end);
        clients.clear();
    }

    /** One open stream: at most one write in flight, and the newest bytes waiting behind it. */
    private final class Client {
        private final Response response;
        private final Callback done;
        private boolean writing;
        private byte[] waiting;
        private boolean ended;

        Client(Response response, Callback done) {
            this.response = response;
            this.done = done;
        }

        synchronized void send(byte[] bytes) {
            if (ended) {
                return;
            }
            if (writing) {
                waiting = bytes;
                return;
            }
            writing = true;
            response.write(false, ByteBuffer.wrap(bytes), Callback.from(this::written, this::failed));
        }

        private void written() {
            byte[] next;
            synchronized (this) {
                writing = false;
                next = waiting;
                waiting = null;
            }
            if (next != null) {
                send(next);
            }
        }

        private void failed(Throwable x) {
            synchronized (this) {
                ended = true;
            }
            clients.remove(this);
            done.failed(x);
        }

        void end() {
            synchronized (this) {
                if (ended) {
                    return;
                }
                ended = true;
            }
            done.succeeded();
        }
    }
}
