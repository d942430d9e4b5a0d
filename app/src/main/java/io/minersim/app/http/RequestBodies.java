package io.minersim.app.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/** What a handler that answers without reading the request body does with it. */
public final class RequestBodies {
    /** Go's server discards at most this much of a body its handler did not read, to reuse the connection. */
    private static final long DISCARDED = 256 * 1024;

    private RequestBodies() {
    }

    /**
     * Discards what has already arrived of the body (at most 256 KiB, as Go's server does), never waiting for more,
     * so that no thread is held by a client that dribbles its body. When the body has not all arrived, the answer
     * carries {@code Connection: close} (call this before writing it): the connection cannot be reused, and a
     * client must not send its next request on it.
     */
    public static void discard(Request request, Response response) {
        long left = DISCARDED;
        while (left > 0) {
            Content.Chunk c = request.read();
            if (c == null) {
                break;
            }
            left -= c.remaining();
            boolean done = c.isLast() || Content.Chunk.isFailure(c);
            c.release();
            if (done) {
                return;
            }
        }
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }

    /** For an answer that refuses a body it read only part of: the connection cannot be reused. */
    public static void closeAfter(Response response) {
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
    }
}
