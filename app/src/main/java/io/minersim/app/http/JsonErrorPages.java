package io.minersim.app.http;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The server's error handler ({@code Server.setErrorHandler}) in place of Jetty's HTML pages: every failure Jetty
 * answers itself (a request line or header its parser refuses, 400, 414, 431, 505, a WebSocket upgrade it cannot
 * make, a handler that threw) is answered with the status Jetty chose and a JSON body in the API's own envelope.
 * The message is the status's phrase and, for a client's error, Jetty's reason for it ("Bad Request: Illegal
 * character CNTL=0x1"); never a Java class name, exception text or stack trace. The answer closes the connection.
 */
public final class JsonErrorPages implements Request.Handler {
    /** Writes an API's error envelope. */
    @FunctionalInterface
    public interface Envelope {
        /** The body for a failure with this status and message (already free of Java text). */
        byte[] body(Request request, int status, String message);
    }

    /** What a reason must not carry to be shown. */
    private static final Pattern JAVA_TEXT = Pattern.compile(
            "Exception|Error:|\\b(?:java|javax|jakarta|sun|jdk|org\\.eclipse|com\\.fasterxml|io\\.minersim)\\.");

    private final String contentType;
    private final Envelope envelope;

    public JsonErrorPages(String contentType, Envelope envelope) {
        this.contentType = Objects.requireNonNull(contentType, "contentType");
        this.envelope = Objects.requireNonNull(envelope, "envelope");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String reason = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        Throwable cause = (Throwable) request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        if (cause instanceof HttpException h) {
            status = h.getCode();
            if (reason == null) {
                reason = h.getReason();
            }
        } else if (cause != null) {
            reason = null; // an unexpected failure: its text is for the log, not for the client
        }
        if (status < 400) {
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
        }
        response.setStatus(status);
        // Jetty may close the connection after a message it refused without saying so: say it, so that a client
        // does not send its next request on it
        RequestBodies.closeAfter(response);
        if (HttpMethod.HEAD.is(request.getMethod()) || HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        byte[] body = envelope.body(request, status, message(status, reason));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    /** The status's phrase, then Jetty's reason when it is the client's error and says something more. */
    static String message(int status, String reason) {
        String phrase = HttpStatus.getMessage(status);
        boolean clients = status < 500 || status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED_505;
        if (!clients || reason == null || reason.isBlank() || reason.equals(phrase)
                || reason.equals(Integer.toString(status)) || JAVA_TEXT.matcher(reason).find()) {
            return phrase;
        }
        return phrase + ": " + reason.strip();
    }
}
