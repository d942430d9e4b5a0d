package io.minersim.app.metrics;

import io.minersim.app.http.RequestBodies;
import java.nio.ByteBuffer;
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

    private final MinerMetrics metrics;

    /** @param metrics the node's metrics */
    public MetricsHandler(MinerMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        RequestBodies.discard(request, response);
        byte[] body = metrics.scrape();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, metrics.contentType());
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
