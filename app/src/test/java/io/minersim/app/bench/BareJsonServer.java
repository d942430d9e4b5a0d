package io.minersim.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The baseline: a Jetty 12 server set up as minersim's {@code RpcServer} sets up its own (same thread pool,
 * HTTP configuration and idle timeout) with one plain {@link Handler.Abstract} that reads the request body and
 * answers every request with the same canned bytes. No routing, auth, JSON parsing or dispatch: what is left
 * is the cost of Jetty and the loopback itself.
 */
final class BareJsonServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;
    private volatile byte[] reply = "{}".getBytes();

    BareJsonServer(String host) throws Exception {
        QueuedThreadPool pool = new QueuedThreadPool(200, 4); // as RpcServer
        pool.setName("bare-rpc");
        server = new Server(pool);
        HttpConfiguration hc = new HttpConfiguration();
        hc.setSendServerVersion(false);
        hc.setSendXPoweredBy(false);
        hc.setSendDateHeader(true);
        hc.setRequestHeaderSize(1 << 20);
        connector = new ServerConnector(server, new HttpConnectionFactory(hc));
        connector.setHost(host);
        connector.setPort(0);
        connector.setIdleTimeout(10 * 60_000L);
        server.addConnector(connector);
        server.setHandler(new Canned());
        server.start();
    }

    /** The bytes every later request gets (a response captured from the real endpoint). */
    void reply(byte[] body) {
        this.reply = body.clone();
    }

    int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("stopping the bare server", e);
        }
    }

    private final class Canned extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            // read the body as the real handler does (it is tiny), so that both servers do the same I/O
            try (InputStream in = Request.asInputStream(request)) {
                in.readAllBytes();
            } catch (IOException e) {
                callback.failed(e);
                return true;
            }
            byte[] body = reply;
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
            return true;
        }
    }
}
