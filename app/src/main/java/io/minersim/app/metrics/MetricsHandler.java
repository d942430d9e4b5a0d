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
 * metrics are made with the node, not by the first scrape: the API request durations and the scheduler's cycles are
 * recorded from the start, as Lotus records them.
 */
public final class MetricsHandler extends Handler.Abstract {
    /** lotus-miner's path. */
    public static final String PATH = "/debug/metrics";

    private final Supplier<MinerMetrics> make;
    private MinerMetrics metrics;

    /** @param make gives the node's metrics, asked once, on the first scrape */
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
