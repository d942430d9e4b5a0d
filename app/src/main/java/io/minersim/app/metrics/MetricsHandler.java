package io.minersim.app.metrics;

import io.minersim.app.http.RequestBodies;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code /debug/metrics}: one scrape of {@link MinerMetrics} per request, whatever the method (as promhttp). The
 * metrics (the Prometheus client's registry and its configuration) are made by the first scrape, not at start: a
 * run that is never scraped never loads the client.
 */
public final class MetricsHandler extends Handler.Abstract {
    /** lotus-miner's path. */
    public static final String PATH = "/debug/metrics";

    private final Supplier<MinerMetrics> make;
    private MinerMetrics metrics;

    /** @param make makes the node's metrics, once, on the first scrape */
    public MetricsHandler(Supplier<MinerMetrics> make) {
        this.make = make;
    }

    private synchronized MinerMetrics metrics() {
        if (metrics == null) {
            metrics = make.get();
        }
        return metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestBodies.discard(request, response);
        MinerMetrics m = metrics();
        byte[] body = m.scrape();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, m.contentType());
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
