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

    @Test
    void storagePathGaugesAgreeWithStorageStatAndStorageInfoAtTheSameHead() throws Exception {
        rpc("Filecoin.StorageAttach", "[{\"ID\":\"limited\",\"URLs\":[\"http://10.0.0.2:3456/remote\"],"
                + "\"Weight\":5,\"MaxStorage\":1099511627776,\"CanSeal\":true,\"CanStore\":false},"
                + "{\"Capacity\":4398046511104,\"Available\":3298534883328,\"FSAvailable\":2199023255552,"
                + "\"Reserved\":1073741824,\"Max\":1099511627776,\"Used\":549755813888}]");
        for (int i = 0; i < 2; i++) {
            rpc("Filecoin.PledgeSector", "[]");
        }
        rpc("Sim.Advance", "[60]");

        String body = scrape().body();
        assertThat(body).contains("# TYPE lotus_storage_path_capacity_bytes gauge\n");
        JsonNode list = rpc("Filecoin.StorageList", "[]");
        assertThat(list.size()).isEqualTo(2);
        Map<String, Double> expected = new TreeMap<>();
        for (String id : (Iterable<String>) list::fieldNames) {
            JsonNode st = rpc("Filecoin.StorageStat", "[\"" + id + "\"]");
            JsonNode info = rpc("Filecoin.StorageInfo", "[\"" + id + "\"]");
            String labels = "{network=\"devnet\",path_seal=\"" + info.get("CanSeal").asBoolean()
                    + "\",path_storage=\"" + info.get("CanStore").asBoolean() + "\",storage_id=\"" + id + "\"}";
            double cap = st.get("Capacity").asDouble();
            expected.put("lotus_storage_path_capacity_bytes" + labels, cap);
            expected.put("lotus_storage_path_fs_available_bytes" + labels, st.get("FSAvailable").asDouble());
            expected.put("lotus_storage_path_available_bytes" + labels, st.get("Available").asDouble());
            expected.put("lotus_storage_path_reserved_bytes" + labels, st.get("Reserved").asDouble());
            expected.put("lotus_storage_path_fs_available_frac" + labels, st.get("FSAvailable").asDouble() / cap);
            expected.put("lotus_storage_path_available_frac" + labels, st.get("Available").asDouble() / cap);
            expected.put("lotus_storage_path_reserved_frac" + labels, st.get("Reserved").asDouble() / cap);
            double max = st.get("Max").asDouble();
            if (max > 0) {
                expected.put("lotus_storage_path_limit_used_bytes" + labels, st.get("Used").asDouble());
                expected.put("lotus_storage_path_limit_max_bytes" + labels, max);
                expected.put("lotus_storage_path_limit_used_frac" + labels, st.get("Used").asDouble() / max);
            }
        }
        assertThat(expected).as("the attached path has a limit, the local one none")
                .containsKey("lotus_storage_path_limit_max_bytes{network=\"devnet\",path_seal=\"true\","
                        + "path_storage=\"false\",storage_id=\"limited\"}")
                .containsEntry("lotus_storage_path_limit_used_frac{network=\"devnet\",path_seal=\"true\","
                        + "path_storage=\"false\",storage_id=\"limited\"}", 0.5);
        assertThat(expected.keySet().stream().filter(k -> k.contains("limit_"))).hasSize(3);
        Map<String, Double> scraped = samples(body, "lotus_storage_path_");
        assertThat(scraped).as(body).containsOnlyKeys(expected.keySet());
        expected.forEach((k, v) -> assertThat(scraped.get(k)).as(k).isCloseTo(v, org.assertj.core.data.Offset
                .offset(Math.abs(v) * 1e-12)));
        String local = list.fieldNames().next().equals("limited") ? null : list.fieldNames().next();
        assertThat(local).isNotNull();
        JsonNode localStat = rpc("Filecoin.StorageStat", "[\"" + local + "\"]");
        assertThat(localStat.get("FSAvailable").asLong()).as("the sealed sectors take space on the local path")
                .isLessThan(localStat.get("Capacity").asLong());
    }

    @Test
    void workerCallCountsAgreeWithWorkerJobsAtTheSameHead() throws Exception {
        for (int i = 0; i < 3; i++) {
            rpc("Filecoin.PledgeSector", "[]");
        }
        for (int step : new int[] {1, 2, 5, 400}) {
            rpc("Sim.Advance", "[" + step + "]");
            Map<String, Long> running = runningJobs(rpc("Filecoin.WorkerJobs", "[]"),
                    rpc("Filecoin.WorkerStats", "[]"));
            Map<String, Double> body = samples(scrape().body(), "lotus_sealing_worker_calls_");
            body.keySet().removeIf(k -> k.startsWith("lotus_sealing_worker_calls_returned_ms"));
            Map<String, Long> inFlight = new TreeMap<>();
            body.forEach((k, v) -> {
                String series = k.substring(k.indexOf('{'));
                long sign = k.startsWith("lotus_sealing_worker_calls_started{") ? 1 : -1;
                inFlight.merge(series, sign * v.longValue(), Long::sum);
            });
            inFlight.values().removeIf(v -> v == 0);
            assertThat(inFlight).as("started - returned, at +%d: %s", step, body).isEqualTo(running);
        }
        Map<String, Double> end = samples(scrape().body(), "lotus_sealing_worker_calls_");
        assertThat(end).as("every sector ran PC1 once on the local worker").containsEntry(
                "lotus_sealing_worker_calls_returned_count{network=\"devnet\",task_type=\"seal/v0/precommit/1\","
                        + "worker_hostname=\"minersim\"}", 3.0);
    }

    @Test
    void workerCallCountsFollowTheQueueOfAConstrainedFleet() throws Exception {
        try (io.minersim.app.testing.MinerSimulator sim = io.minersim.app.testing.MinerSimulator.builder()
                .scenario(java.nio.file.Path.of("..", "scenarios", "pc1-queue.yaml")).start()) {
            String pc1 = "{network=\"devnet\",task_type=\"seal/v0/precommit/1\",worker_hostname=\"pc1-box\"}";
            sim.advanceTo(3);
            Map<String, Double> at3 = samples(scrape(sim.port()).body(), "lotus_sealing_worker_calls_");
            assertThat(at3).containsEntry("lotus_sealing_worker_calls_started" + pc1, 3.0)
                    .doesNotContainKey("lotus_sealing_worker_calls_returned_count" + pc1);
            sim.advanceTo(23); // the first three returned; 3, 4 and 5 started
            Map<String, Double> at23 = samples(scrape(sim.port()).body(), "lotus_sealing_worker_calls_");
            assertThat(at23).containsEntry("lotus_sealing_worker_calls_started" + pc1, 6.0)
                    .containsEntry("lotus_sealing_worker_calls_returned_count" + pc1, 3.0);
            // each ran PreCommit1's 20 epochs of 4 s: 80 s, in Lotus's 2-minute bucket
            String pc1Ms = "{network=\"devnet\",task_type=\"seal/v0/precommit/1\",worker_hostname=\"pc1-box\"";
            Map<String, Double> ms = samples(scrape(sim.port()).body(), "lotus_sealing_worker_calls_returned_ms");
            assertThat(ms).containsEntry("lotus_sealing_worker_calls_returned_ms_bucket" + pc1Ms + ",le=\"60000.0\"}",
                    0.0).containsEntry("lotus_sealing_worker_calls_returned_ms_bucket" + pc1Ms + ",le=\"120000.0\"}",
                    3.0).containsEntry("lotus_sealing_worker_calls_returned_ms_count" + pc1, 3.0)
                    .containsEntry("lotus_sealing_worker_calls_returned_ms_sum" + pc1, 240_000.0);
            assertThat(sim.miner().timestampOf(23) - sim.miner().timestampOf(3)).isEqualTo(80);
            sim.advanceTo(69);
            Map<String, Double> at69 = samples(scrape(sim.port()).body(), "lotus_sealing_worker_calls_");
            assertThat(at69).containsEntry("lotus_sealing_worker_calls_started" + pc1, 8.0)
                    .containsEntry("lotus_sealing_worker_calls_returned_count" + pc1, 8.0);
        }
    }

    /** WorkerJobs' running calls per series labels, as the metrics label them. */
    private static Map<String, Long> runningJobs(JsonNode jobs, JsonNode stats) {
        Map<String, Long> out = new TreeMap<>();
        jobs.properties().forEach(w -> {
            String host = stats.get(w.getKey()).get("Info").get("Hostname").asText();
            for (JsonNode j : w.getValue()) {
                if (j.get("RunWait").asInt() == 0) {
                    out.merge("{network=\"devnet\",task_type=\"" + j.get("Task").asText() + "\",worker_hostname=\""
                            + host + "\"}", 1L, Long::sum);
                }
            }
        });
        return out;
    }

    /** Every sample line whose name starts with {@code prefix}: name with labels, and value. */
    private static Map<String, Double> samples(String body, String prefix) {
        Map<String, Double> out = new TreeMap<>();
        for (String line : body.split("\n")) {
            if (line.startsWith(prefix)) {
                int sp = line.lastIndexOf(' ');
                out.put(line.substring(0, sp), Double.parseDouble(line.substring(sp + 1)));
            }
        }
        return out;
    }

    private HttpResponse<String> scrape() throws Exception {
        return scrape(node.port());
    }

    private static HttpResponse<String> scrape(int port) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/debug/metrics"))
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
