package io.minersim.app.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The web page's own answers that are not files: JSON, and errors as {@code {"error":"…"}}. */
final class WebReplies {
    static final String JSON = "application/json; charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private WebReplies() {
    }

    static void error(Response response, Callback callback, int status, String message) {
        ObjectNode body = MAPPER.createObjectNode().put("error", message);
        bytes(response, callback, status, JSON, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void bytes(Response response, Callback callback, int status, String type, byte[] body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
