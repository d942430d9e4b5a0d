package io.minersim.app.web;

import io.minersim.app.http.RequestBodies;
import io.minersim.app.stats.StatsKeys;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The web page's part of the statistics port: {@code GET /} and {@code /web/*} (the page's files),
 * {@code GET /web/events?key=…} (server-sent events, for a statistics key: an {@code EventSource} cannot send a
 * header) and {@code POST /rpc/v0?miner=f0…} (a miner's JSON-RPC, token and all). Anything else goes on to the
 * statistics API.
 */
public final class WebHandler extends Handler.Abstract {
    /** The pass-through's path, the miner endpoint's own. */
    public static final String RPC_PATH = "/rpc/v0";
    static final String EVENTS_PATH = "/web/events";
    /**
     * The page runs only its own files: scripts and styles from this origin, no inline script, no frames, calls only
     * back to this origin. (uPlot sizes its elements through their style attributes.)
     */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final WebAssets assets = new WebAssets();
    private final Map<String, WebMiner> miners = new LinkedHashMap<>();
    private final StatsKeys keys;
    private final HeadEvents events;
    private final RpcPassThrough rpc = new RpcPassThrough();

    public WebHandler(List<WebMiner> miners, StatsKeys keys) {
        miners.forEach(m -> this.miners.put(m.actor(), m));
        this.keys = keys;
        this.events = new HeadEvents(miners);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        WebAssets.Asset asset = assets.get(path);
        if (asset != null && (HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod()))) {
            RequestBodies.discard(request, response);
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
            response.getHeaders().put("Content-Security-Policy", POLICY);
            response.getHeaders().put("X-Content-Type-Options", "nosniff");
            if (HttpMethod.HEAD.is(request.getMethod())) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, asset.type());
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, asset.bytes().length);
                callback.succeeded();
            } else {
                WebReplies.bytes(response, callback, 200, asset.type(), asset.bytes());
            }
            return true;
        }
        if (EVENTS_PATH.equals(path)) {
            RequestBodies.discard(request, response);
            if (!HttpMethod.GET.is(request.getMethod())) {
                WebReplies.error(response, callback, 405, "the events answer GET");
            } else if (!keys.accepts(param(request, "key"))) {
                WebReplies.error(response, callback, 401, "invalid API key: the events need ?key=<statistics key>");
            } else {
                events.open(response, callback);
            }
            return true;
        }
        if (RPC_PATH.equals(path)) {
            String actor = param(request, "miner");
            WebMiner miner = actor == null && miners.size() == 1 ? miners.values().iterator().next()
                    : actor == null ? null : miners.get(actor);
            if (!HttpMethod.POST.is(request.getMethod())) {
                RequestBodies.discard(request, response);
                WebReplies.error(response, callback, 405, "JSON-RPC calls are POSTed");
            } else if (miner == null) {
                RequestBodies.discard(request, response);
                WebReplies.error(response, callback, 404, "no miner " + (actor == null ? "named: add ?miner=f0…"
                        : "'" + actor + "' here; the miners are " + String.join(", ", miners.keySet())));
            } else {
                rpc.forward(miner, request, response, callback);
            }
            return true;
        }
        return false;
    }

    private static String param(Request request, String name) {
        try {
            Fields f = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
            return f.getValue(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Ends the event streams (the pages reconnect to the next server) and stops watching the miners. */
    public void endStreams() {
        events.close();
    }

    @Override
    protected void doStop() throws Exception {
        events.close();
        super.doStop();
    }
}
