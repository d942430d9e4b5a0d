package io.minersim.app.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * go-jsonrpc's HTTP side of {@code /rpc/v0}: any method and any Content-Type; the body (at most
 * {@code maxRequestSize}) is one request or a batch; the answer is {@code application/json} with go-jsonrpc's
 * status (200, 400 for -32600, 500 for other protocol errors). A request that asked for a WebSocket upgrade and
 * reaches this handler could not be upgraded: it gets the error gorilla/websocket would give.
 */
public final class RpcHttpHandler extends Handler.Abstract {
    private final RpcDispatcher dispatcher;
    private final long maxRequestSize;

    public RpcHttpHandler(RpcDispatcher dispatcher, long maxRequestSize) {
        if (maxRequestSize <= 0 || maxRequestSize >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxRequestSize must be positive and below 2 GiB");
        }
        this.dispatcher = dispatcher;
        this.maxRequestSize = maxRequestSize;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String connection = request.getHeaders().get(HttpHeader.CONNECTION);
        if (connection != null && connection.toLowerCase(Locale.ROOT).contains("upgrade")) {
            // go-jsonrpc hands it to gorilla/websocket, whose checks failed: Upgrade, then the method
            response.getHeaders().put("Sec-WebSocket-Version", "13");
            String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
            boolean websocket = upgrade != null && java.util.Arrays.stream(upgrade.split(","))
                    .anyMatch(v -> v.strip().equalsIgnoreCase("websocket"));
            HttpReplies.drain(request);
            if (websocket && !"GET".equals(request.getMethod())) {
                HttpReplies.text(response, callback, 405, "Method Not Allowed");
            } else {
                HttpReplies.text(response, callback, 400, "Bad Request");
            }
            return true;
        }
        byte[] body;
        try (InputStream in = Request.asInputStream(request)) {
            body = in.readNBytes((int) maxRequestSize + 1);
        } catch (IOException e) {
            HttpReplies.json(response, callback, 500, Envelopes.error(null, RpcError.PARSE_ERROR,
                    "reading request: " + Messages.errorText(e)));
            return true;
        }
        CallContext ctx = CallContext.http(RpcAuthHandler.permissions(request));
        RpcDispatcher.HttpReply reply = dispatcher.handleHttpBody(body, body.length, maxRequestSize, ctx);
        HttpReplies.json(response, callback, reply.status(), reply.body());
        return true;
    }
}
