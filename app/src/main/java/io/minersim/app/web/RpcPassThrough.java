package io.minersim.app.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

/**
 * {@code POST /rpc/v0?miner=f0…}: the page's JSON-RPC call, passed as it is (body and {@code Authorization}) to
 * that miner's endpoint, and its answer passed back as it is (status, content type, body). The miner's endpoint
 * checks the token and the permissions, so the page gets exactly what a tool gets, refusals included; the page
 * stays on one origin and the miner's endpoint needs no CORS.
 *
 * <p>The JDK's HTTP client does the forwarding, asynchronously: no Jetty thread waits on a long call such as a
 * {@code Sim.Advance}.
 */
final class RpcPassThrough {
    /** The largest call the page sends through (a sector list to declare faulty, say): far above what it needs. */
    static final int MAX_BODY = 4 << 20;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    void forward(WebMiner miner, Request request, Response response, Callback callback) {
        String auth = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        Content.Source.asByteArrayAsync(request, MAX_BODY, Promise.Invocable.from(InvocationType.NON_BLOCKING,
                (byte[] bytes, Throwable failure) -> {
            if (failure != null) {
                WebReplies.error(response, callback, 413, "the call is over " + MAX_BODY + " bytes or did not arrive");
                return;
            }
            HttpRequest.Builder out = HttpRequest.newBuilder(miner.rpc())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
            if (auth != null) {
                out.header("Authorization", auth);
            }
            http.sendAsync(out.build(), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((answer, error) -> {
                if (error != null) {
                    WebReplies.error(response, callback, 502, "miner " + miner.actor() + " did not answer");
                    return;
                }
                response.setStatus(answer.statusCode());
                answer.headers().firstValue("Content-Type")
                        .ifPresent(type -> response.getHeaders().put(HttpHeader.CONTENT_TYPE, type));
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, answer.body().length);
                response.write(true, ByteBuffer.wrap(answer.body()), callback);
            });
        }));
    }
}
