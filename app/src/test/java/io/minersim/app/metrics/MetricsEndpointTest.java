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

    @Test
    void apiRequestDurationsCountEachMinerCallTheHandlerRanByItsGoName() throws Exception {
        for (int i = 0; i < 3; i++) {
            rpc("Filecoin.PledgeSector", "[]");
        }
        rpc("Filecoin.SectorsList", "[]"); // over HTTP, then once over a WebSocket
        try (io.minersim.app.testing.WsClient ws = io.minersim.app.testing.WsClient.connect(HTTP, node.webSocketUri(),
                frame -> { }, "Authorization", "Bearer " + node.adminToken())) { // dispatched as over HTTP
            ws.send("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"Filecoin.SectorsList\",\"params\":[]}");
            assertThat(ws.next()).contains("\"id\":7").contains("\"result\"");
        }
        rpc("rpc.discover", "[]"); // the alias of Discover, timed as Discover
        rpc("Sim.Advance", "[1]"); // minersim's own API: not Lotus's, not timed
        assertThat(envelope("Filecoin.SectorsStatus", "[999,false]", node.adminToken()).has("error"))
                .as("a handler's error is timed too").isTrue();
        assertThat(envelope("Filecoin.SectorsList", "[1]", node.adminToken()).get("error").get("code").asInt())
                .as("refused before the handler: not timed").isEqualTo(-32602);
        assertThat(envelope("Filecoin.PledgeSector", "[]", node.token(io.minersim.rpc.Permission.READ)).get("error").get("message").asText())
                .as("refused by the permission check, outside the metered API").startsWith("missing permission");

        String body = scrape().body();
        assertThat(body).contains("# TYPE lotus_api_request_duration_ms histogram\n")
                .doesNotContain("endpoint=\"Advance\"").doesNotContain("endpoint=\"Sim.");
        Map<String, Double> counts = samples(body, "lotus_api_request_duration_ms_count");
        String api = "lotus_api_request_duration_ms_count{api=\"lotus-miner\",endpoint=\"";
        assertThat(counts).as(body).isEqualTo(Map.of(api + "PledgeSector\",network=\"devnet\"}", 3.0,
                api + "SectorsList\",network=\"devnet\"}", 2.0, api + "Discover\",network=\"devnet\"}", 1.0,
                api + "SectorsStatus\",network=\"devnet\"}", 1.0));
        Map<String, Double> buckets = samples(body, "lotus_api_request_duration_ms_bucket{api=\"lotus-miner\","
                + "endpoint=\"PledgeSector\"");
        assertThat(buckets).as("Lotus's defaultMillisecondsDistribution: 46 bounds and +Inf").hasSize(47)
                .containsKey("lotus_api_request_duration_ms_bucket{api=\"lotus-miner\",endpoint=\"PledgeSector\","
                        + "network=\"devnet\",le=\"0.01\"}")
                .containsEntry("lotus_api_request_duration_ms_bucket{api=\"lotus-miner\",endpoint=\"PledgeSector\","
                        + "network=\"devnet\",le=\"+Inf\"}", 3.0);
        assertThat(samples(body, "lotus_api_request_duration_ms_sum{api=\"lotus-miner\",endpoint=\"PledgeSector\"")
                .values()).singleElement().satisfies(ms -> assertThat(ms).isPositive());
        // the scrape itself is no API call; the next one is counted on top
        rpc("Filecoin.SectorsList", "[]");
        assertThat(samples(scrape().body(), api + "SectorsList")).containsValue(3.0);
    }

    @Test
    void untrackedCallsReturnedCountsEveryReturnTheMinerHasNoRecordOf() throws Exception {
        assertThat(scrape().body()).as("no return yet: no series, as in Lotus")
                .doesNotContain("lotus_sealing_worker_untracked_calls_returned{");
        String call = io.minersim.app.contract.WorkerReturnParams.CALL;
        rpc("Filecoin.ReturnFetch", "[" + call + ",null]");
        assertThat(envelope("Filecoin.ReturnFetch", "[" + call + ",null]", node.adminToken()).get("error")
                .get("message").asText()).as("a second result for the call is refused, after Lotus counted it")
                .isEqualTo("callRes channel already has a response");
        rpc("Filecoin.ReturnSealCommit2", "[" + call.replace("\"Number\":9", "\"Number\":10") + ",\"Bw==\",null]");
        assertThat(envelope("Filecoin.ReturnFetch", "[" + call + "]", node.adminToken()).get("error").get("code")
                .asInt()).as("malformed: never reaches the manager").isEqualTo(-32602);
        assertThat(samples(scrape().body(), "lotus_sealing_worker_untracked_calls_returned"))
                .isEqualTo(Map.of("lotus_sealing_worker_untracked_calls_returned{network=\"devnet\"}", 3.0));
    }

    @Test
    void schedulerCycleHistogramsAgreeWithSealingSchedDiagOfAConstrainedFleet() throws Exception {
        try (io.minersim.app.testing.MinerSimulator sim = io.minersim.app.testing.MinerSimulator.builder()
                .scenario(java.nio.file.Path.of("..", "scenarios", "pc1-queue.yaml")).start()) {
            assertThat(scrape(sim.port()).body()).as("no cycle yet").doesNotContain("lotus_sched_assigner_cycle_ms_");
            sim.advanceTo(3);
            JsonNode diag = diagOf(sim);
            int queued = diag.get("SchedInfo").get("Requests").size();
            int windows = diag.get("SchedInfo").get("OpenWindows").size();
            assertThat(queued).as("three PC1 run on pc1-box, five wait").isEqualTo(5);
            assertThat(windows).as("two per enabled worker").isEqualTo(4);

            String net = "{network=\"devnet\"";
            Map<String, Double> m = samples(scrape(sim.port()).body(), "lotus_sched_assigner_cycle_");
            double cycles = m.get("lotus_sched_assigner_cycle_ms_count" + net + "}");
            assertThat(cycles).as(m.toString()).isPositive();
            assertThat(m).containsEntry("lotus_sched_assigner_cycle_open_window_count" + net + "}", cycles)
                    .containsEntry("lotus_sched_assigner_cycle_task_queue_entry_count" + net + "}", cycles)
                    .as("every cycle saw SealingSchedDiag's open windows")
                    .containsEntry("lotus_sched_assigner_cycle_open_window_sum" + net + "}", cycles * windows)
                    .as("the longest queue a cycle saw is SealingSchedDiag's: five, in the (3, 5] bucket")
                    .containsEntry("lotus_sched_assigner_cycle_task_queue_entry_bucket" + net + ",le=\"5.0\"}", cycles);
            assertThat(m.get("lotus_sched_assigner_cycle_task_queue_entry_bucket" + net + ",le=\"3.0\"}"))
                    .isLessThan(cycles);
            for (String step : new String[] {"candidates", "window_select", "submit"}) {
                assertThat(m.get("lotus_sched_assigner_cycle_" + step + "_ms_count" + net + "}")).as(step)
                        .isPositive().isLessThanOrEqualTo(cycles);
            }
            assertThat(m.get("lotus_sched_assigner_cycle_ms_sum" + net + "}")).as("real time of minersim's cycles")
                    .isPositive();

            sim.advanceTo(71); // pc1-box went offline at 70: one worker's two windows left
            JsonNode offline = diagOf(sim);
            assertThat(offline.get("SchedInfo").get("OpenWindows").size()).isEqualTo(2);
            Map<String, Double> after = samples(scrape(sim.port()).body(), "lotus_sched_assigner_cycle_open_window");
            assertThat(after.get("lotus_sched_assigner_cycle_open_window_bucket" + net + ",le=\"2.0\"}"))
                    .as("the cycle after pc1-box left saw two windows").isPositive();
        }
    }

    @Test
    void processMetricsAreThisProcesssOwn() throws Exception {
        Map<String, Double> p = samples(scrape().body(), "process_");
        assertThat(p).containsKeys("process_cpu_seconds_total", "process_start_time_seconds", "process_open_fds",
                "process_max_fds", "process_resident_memory_bytes", "process_virtual_memory_bytes");
        assertThat(p.get("process_start_time_seconds")).isCloseTo(
                java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0,
                org.assertj.core.data.Offset.offset(1.0));
        assertThat(p.get("process_open_fds")).isPositive().isLessThan(p.get("process_max_fds"));
        assertThat(p.get("process_cpu_seconds_total")).isPositive();
        assertThat(p.get("process_resident_memory_bytes")).isGreaterThan(1 << 20);
        assertThat(scrape().body()).as("Go's runtime metrics have no truthful value in a JVM").doesNotContain("\ngo_");
    }

    private static JsonNode diagOf(io.minersim.app.testing.MinerSimulator sim) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(sim.url())
                .header("Authorization", "Bearer " + sim.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,"
                        + "\"method\":\"Filecoin.SealingSchedDiag\",\"params\":[false]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body()).get("result");
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
        JsonNode env = envelope(method, params, node.adminToken());
        assertThat(env.has("error")).as("%s: %s", method, env).isFalse();
        return env.get("result");
    }

    private JsonNode envelope(String method, String params, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(node.httpUri())
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                        + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
