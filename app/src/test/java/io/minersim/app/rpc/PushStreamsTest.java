package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** wire-facts d: io.Reader params and the push endpoint. */
class PushStreamsTest {
    @RegisterExtension
    static final RpcFixture f = new RpcFixture(Duration.ofSeconds(5), GoJson.DEFAULT_MAX_REQUEST_SIZE, Duration.ofSeconds(2));
    private static final String DEAL = "{\"DealID\":0}";

    private static String addPiece(String reader) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorAddPieceToAny\",\"params\":[1016,"
                + reader + "," + DEAL + "]}";
    }

    private CompletableFuture<HttpResponse<String>> callAsync(String body) {
        return f.http.sendAsync(HttpRequest.newBuilder(f.uri("/rpc/v0"))
                .header("Authorization", "Bearer " + f.token(RpcFixture.ALL))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> pushAsync(String method, UUID u, byte[] data) {
        return f.http.sendAsync(HttpRequest.newBuilder(f.uri(PushStreams.PATH_PREFIX + u))
                .header("Content-Type", "application/octet-stream")
                .method(method, data == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void theGoClientFlowHeadThenPost() throws Exception {
        UUID u = UUID.randomUUID();
        byte[] bytes = data(300_000);
        CompletableFuture<HttpResponse<String>> head = pushAsync("HEAD", u, null);
        CompletableFuture<HttpResponse<String>> call = callAsync(addPiece("{\"Type\":\"push\",\"Info\":\"" + u + "\"}"));
        // the HEAD is answered 200 on the stream's first read, then the data is POSTed
        assertThat(head.get().statusCode()).isEqualTo(200);
        HttpResponse<String> post = pushAsync("POST", u, bytes).get();
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(post.body()).isEmpty();
        HttpResponse<String> r = call.get();
        assertThat(r.body()).isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{\"Sector\":1,\"Offset\":0,"
                + "\"Read\":300000,\"Sha256\":\"" + sha256(bytes) + "\"}}\n");
    }

    @Test
    void aBarePostIsStreamedDirectly() throws Exception {
        UUID u = UUID.randomUUID();
        byte[] bytes = data(5000);
        CompletableFuture<HttpResponse<String>> post = pushAsync("POST", u, bytes);
        Thread.sleep(100);
        HttpResponse<String> r = callAsync(addPiece("{\"Type\":\"push\",\"Info\":\"" + u + "\"}")).get();
        assertThat(r.body()).contains("\"Read\":5000").contains(sha256(bytes));
        assertThat(post.get().statusCode()).isEqualTo(200);
    }

    @Test
    void nullReadersAreZeroBytes() throws Exception {
        HttpResponse<String> r = callAsync(addPiece("{\"Type\":\"null\",\"Info\":\"1016\"}")).get();
        assertThat(r.body()).contains("\"Read\":1016").contains(sha256(new byte[1016]));
    }

    @Test
    void httpReadersFetchTheUrl() throws Exception {
        // the fixture's own 404 page is a non-200 answer: the read fails
        HttpResponse<String> r = callAsync(addPiece("{\"Type\":\"http\",\"Info\":\"" + f.uri("/nothing") + "\"}"))
                .get();
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":1,\"message\":\"unexpected http status 404\"},\"id\":1,"
                + "\"jsonrpc\":\"2.0\"}\n");
    }

    @Test
    void aStreamClosedBeforeReadingAnswersTheHead204() throws Exception {
        f.impl.closeWithoutReading = true;
        try {
            UUID u = UUID.randomUUID();
            CompletableFuture<HttpResponse<String>> head = pushAsync("HEAD", u, null);
            HttpResponse<String> r = callAsync(addPiece("{\"Type\":\"push\",\"Info\":\"" + u + "\"}")).get();
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(head.get().statusCode()).isEqualTo(204);
        } finally {
            f.impl.closeWithoutReading = false;
        }
    }

    @Test
    void nobodyPushingIsContextDeadlineExceeded() throws Exception {
        int pendingBefore = f.push.pendingSlots();
        UUID u = UUID.randomUUID();
        HttpResponse<String> r = callAsync(addPiece("{\"Type\":\"push\",\"Info\":\"" + u + "\"}")).get();
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":-32700,\"message\":\"decoding params for "
                + "'Filecoin.SectorAddPieceToAny' (param: 1; custom decoder): context deadline exceeded\"},\"id\":1,"
                + "\"jsonrpc\":\"2.0\"}\n");
        assertThat(f.push.pendingSlots()).as("a UUID nobody pushed to is forgotten").isEqualTo(pendingBefore);
    }

    @Test
    void aPushNobodyTakesTimesOut() throws Exception {
        UUID u = UUID.randomUUID();
        assertThat(pushAsync("HEAD", u, null).get().statusCode()).isEqualTo(500);
        HttpResponse<String> r = callAsync(addPiece("{\"Type\":\"push\",\"Info\":\"" + u + "\"}")).get();
        assertThat(r.body()).contains("(param: 1; custom decoder): handler timed out");
    }

    @Test
    void badUuidsAndMethods() throws Exception {
        HttpResponse<String> r = f.send("POST", PushStreams.PATH_PREFIX + "abc", "x");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).isEqualTo("parsing reader uuid: invalid UUID length: 3\n");
        r = f.send("POST", PushStreams.PATH_PREFIX + "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", "x");
        assertThat(r.body()).isEqualTo("parsing reader uuid: invalid UUID format\n");
        r = f.send("PUT", PushStreams.PATH_PREFIX + UUID.randomUUID(), "x");
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.body()).isEqualTo("unsupported method\n");
        HttpResponse<String> bad = callAsync(addPiece("{\"Type\":\"push\",\"Info\":\"nope\"}")).get();
        assertThat(bad.body()).contains("parsing reader UUDD: invalid UUID length: 4");
        bad = callAsync(addPiece("{\"Type\":5}")).get();
        assertThat(bad.body()).contains("(param: 1; custom decoder): unmarshaling reader id: json: cannot "
                + "unmarshal number into Go struct field ReaderStream.Type of type rpcenc.StreamType");
    }

    @Test
    void openWorksWithoutTheDecoder() throws Exception {
        try (var in = f.push.open("null", "5")) {
            assertThat(in.readAllBytes()).containsExactly(0, 0, 0, 0, 0);
        }
        try (var in = f.push.open("null", "-5")) {
            assertThat(in.readAllBytes()).isEmpty();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.push.open("", ""))
                .hasMessage("parsing reader UUDD: invalid UUID length: 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.push.open("null", "99999999999999999999"))
                .hasMessage("parsing null byte count: strconv.ParseInt: parsing \"99999999999999999999\": value out "
                        + "of range");
    }

    @Test
    void goUuidForms() {
        UUID u = UUID.fromString("07070707-0707-0707-0707-070707070707");
        assertThat(PushStreams.parseGoUuid("07070707-0707-0707-0707-070707070707")).isEqualTo(u);
        assertThat(PushStreams.parseGoUuid("urn:uuid:07070707-0707-0707-0707-070707070707")).isEqualTo(u);
        assertThat(PushStreams.parseGoUuid("{07070707-0707-0707-0707-070707070707}")).isEqualTo(u);
        assertThat(PushStreams.parseGoUuid("07070707070707070707070707070707")).isEqualTo(u);
    }
}
