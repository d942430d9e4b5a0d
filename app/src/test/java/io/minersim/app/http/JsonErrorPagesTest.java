package io.minersim.app.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;

/** A handler that fails, as a bug would: the client gets the API's JSON, never the exception's text. */
class JsonErrorPagesTest {
    @Test
    void aHandlerThatThrowsIsAnsweredInTheApisEnvelopeWithoutItsText() throws Exception {
        Server server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                if (request.getHttpURI().getPath().equals("/fail")) {
                    callback.failed(new IllegalStateException("java.lang.IllegalStateException: secret"));
                    return true;
                }
                throw new IllegalArgumentException("at io.minersim.Foo.bar(Foo.java:12)");
            }
        });
        server.setErrorHandler(new JsonErrorPages("application/json", (request, status, message) ->
                ("{\"status\":" + status + ",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8)));
        server.start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            for (String path : new String[] {"/throw", "/fail"}) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + c.getLocalPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(500);
                assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
                assertThat(r.body()).isEqualTo("{\"status\":500,\"message\":\"Server Error\"}");
            }
        } finally {
            server.stop();
        }
    }

    @Test
    void aClientsErrorKeepsJettysReasonUnlessItLooksLikeJava() {
        assertThat(JsonErrorPages.message(400, "Illegal character CNTL=0x1"))
                .isEqualTo("Bad Request: Illegal character CNTL=0x1");
        assertThat(JsonErrorPages.message(505, "Unknown Version")).isEqualTo("HTTP Version Not Supported: Unknown Version");
        assertThat(JsonErrorPages.message(400, "java.lang.NumberFormatException: x")).isEqualTo("Bad Request");
        assertThat(JsonErrorPages.message(431, null)).isEqualTo("Request Header Fields Too Large");
        assertThat(JsonErrorPages.message(500, "NullPointerException")).isEqualTo("Server Error");
    }
}
