package io.minersim.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.node.MinerNode;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /debug/metrics} on the miner's listener, scraped as Prometheus does, against the API at the same head. */
class MetricsEndpointTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATE = Pattern.compile(
            "^lotus_sealing_states\\{network=\"devnet\",sector_state=\"([A-Za-z0-9]+)\"} ([0-9.eE+]+)$",
            Pattern.MULTILINE);

    private MinerNode node;

    @BeforeEach
    void start() throws Exception {
        node = MinerNode.builder().config(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB))
                .manualClock(true).listen("127.0.0.1", 0).start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void sealingStatesAgreeWithSectorsSummaryAndAStateLeftEmptyStaysAtZero() throws Exception {
        for (int i = 0; i < 3; i++) {
            rpc("Filecoin.PledgeSector", "[]");
        }
        rpc("Sim.Advance", "[3]");
        Map<String, Long> summary = summary();
        assertThat(summary).isNotEmpty();
        String body = scrape().body();
        assertThat(states(body)).as(body).isEqualTo(summary);

        rpc("Sim.Advance", "[400]");
        Map<String, Long> later = summary();
        Map<String, Long> scraped = states(scrape().body());
        assertThat(later).isNotEqualTo(summary);
        for (Map.Entry<String, Long> e : scraped.entrySet()) {
            assertThat(e.getValue()).as(e.getKey()).isEqualTo(later.getOrDefault(e.getKey(), 0L));
        }
        assertThat(scraped.keySet()).containsAll(later.keySet()).containsAll(summary.keySet());
        assertThat(scraped.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(3);
    }

    @Test
    void theEndpointIsPrometheusTextWithLotusInfoAndNeedsNoToken() throws Exception {
        HttpResponse<String> r = scrape();
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        assertThat(r.body()).contains("# TYPE lotus_info gauge\n")
                .contains("lotus_info{commit=\"+minersim\",network=\"devnet\",node_type=\"miner\",version=\"1.36.1\"} 1")
                .as("no sector has been in any state yet: no series").doesNotContain("lotus_sealing_states");
        rpc("Filecoin.PledgeSector", "[]");
        assertThat(scrape().body()).contains("# TYPE lotus_sealing_states gauge\n");
    }

    private HttpResponse<String> scrape() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/debug/metrics"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Long> states(String body) {
        Map<String, Long> out = new TreeMap<>();
        Matcher m = STATE.matcher(body);
        while (m.find()) {
            out.put(m.group(1), (long) Double.parseDouble(m.group(2)));
        }
        return out;
    }

    private Map<String, Long> summary() throws Exception {
        Map<String, Long> out = new TreeMap<>();
        rpc("Filecoin.SectorsSummary", "[]").properties().forEach(e -> out.put(e.getKey(), e.getValue().asLong()));
        return out;
    }

    private JsonNode rpc(String method, String params) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(node.httpUri())
                .header("Authorization", "Bearer " + node.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                        + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode env = JSON.readTree(r.body());
        assertThat(env.has("error")).as("%s: %s", method, r.body()).isFalse();
        return env.get("result");
    }
}
