package io.minersim.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.stats.StatsLauncher;
import io.minersim.app.testing.MinerSimulator;
import io.minersim.app.testing.MinerSimulatorExtension;
import io.minersim.sealing.SectorSize;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The web page's server side over plain HTTP: its files, the JSON-RPC pass-through and the events. */
class WebPageHttpTest {
    private static final String KEY = "mss_webpagehttptest";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @RegisterExtension
    final MinerSimulatorExtension sim = MinerSimulatorExtension.configure(b -> b.sectorSize(SectorSize.SIZE_2KiB));

    @TempDir
    Path repo;
    private StatsLauncher.Started stats;
    private URI base;

    @BeforeEach
    void start() throws Exception {
        stats = StatsLauncher.start(List.of(sim.get().node()), repo, List.of(KEY), "127.0.0.1:0", 0);
        base = stats.server().uri();
    }

    @AfterEach
    void stop() {
        stats.server().close();
    }

    @Test
    void thePageAndItsFilesComeFromTheJarUnderAStrictPolicy() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'")
                .contains("script-src 'self'").contains("connect-src 'self'");
        assertThat(page.body()).contains("web/app.js").contains("web/uPlot.js").doesNotContain("http://", "https://");
        for (String file : List.of("/web/app.js", "/web/charts.js", "/web/app.css", "/web/uPlot.js", "/web/uPlot.css")) {
            HttpResponse<String> r = get(file);
            assertThat(r.statusCode()).as(file).isEqualTo(200);
            assertThat(r.body()).as(file).isNotEmpty();
        }
        assertThat(get("/web/uPlot.js").body()).contains("uPlot");
        assertThat(get("/web/nothing.js").statusCode()).isEqualTo(401); // on to the statistics API, which wants a key
    }

    @Test
    void thePassThroughAnswersWhatTheMinerAnswers() throws Exception {
        MinerSimulator s = sim.get();
        String summary = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorsSummary\",\"params\":[]}";
        String advance = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"Sim.Advance\",\"params\":[3]}";
        String badAdvance = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"Sim.Advance\",\"params\":[\"x\"]}";
        for (String call : List.of(summary, advance, badAdvance)) {
            for (String token : new String[] {s.readToken(), "not-a-token", null}) {
                HttpResponse<String> direct = post(s.url(), call, token);
                HttpResponse<String> passed = post(base.resolve("/rpc/v0?miner=f01000"), call, token);
                assertThat(passed.statusCode()).as(call + " " + token).isEqualTo(direct.statusCode());
                assertThat(passed.body()).as(call + " " + token).isEqualTo(direct.body());
            }
        }
        assertThat(s.head()).isZero();
        HttpResponse<String> admin = post(base.resolve("/rpc/v0"), advance, s.adminToken());
        assertThat(admin.body()).contains("\"Epoch\":3");
        assertThat(s.head()).isEqualTo(3);
    }

    @Test
    void anUnknownMinerOrMethodIsAPlainJsonError() throws Exception {
        HttpResponse<String> r = post(base.resolve("/rpc/v0?miner=f09999"), "{}", sim.get().readToken());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("{\"error\":\"no miner 'f09999' here; the miners are f01000\"}");
        HttpResponse<String> g = get("/rpc/v0");
        assertThat(g.statusCode()).isEqualTo(405);
        assertThat(g.body()).startsWith("{\"error\":").doesNotContain("Exception", "io.minersim", "<");
    }

    @Test
    void theEventsWantTheKeyThenSayWhereTheMinerIsAndWhenItMoves() throws Exception {
        HttpResponse<String> refused = get("/web/events?key=mss_notourkey");
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("invalid API key");

        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(base.resolve("/web/events?key=" + KEY))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            assertThat(nextEvent(in)).contains("\"actor\":\"f01000\"").contains("\"size\":\"2KiB\"")
                    .contains("\"epoch\":0").contains("\"sectors\":0");
            sim.get().advance(7);
            assertThat(nextEvent(in)).contains("\"epoch\":7");
            sim.get().miner().pledgeSector();
            assertThat(nextEvent(in)).contains("\"epoch\":7").contains("\"sectors\":1");
        }
    }

    private static String nextEvent(BufferedReader in) throws java.io.IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        throw new AssertionError("the stream ended");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(URI uri, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
