package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.stats.StatsEndpoint;
import io.minersim.app.stats.StatsKeys;
import io.minersim.app.stats.StatsMiner;
import io.minersim.app.stats.StatsServer;
import io.minersim.app.stats.StatsService;
import io.minersim.rpc.MinerClient;
import io.minersim.rpc.types.FilAddress;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 10's "done when": a provider's exporter, written as such tools are (plain JSON-RPC over HTTP, no minersim
 * client; the calls of lotus-monitor's collector: the full node's {@code Version}, {@code ChainHead},
 * {@code ChainGetTipSetByHeight}, {@code StateMinerInfo}, {@code StateGetActor}, {@code StateAccountKey},
 * {@code StateMinerSectorCount}, {@code StateMinerPower}, {@code StateMinerAvailableBalance},
 * {@code StateMinerProvingDeadline}, {@code StateMinerDeadlines}, {@code StateMinerPartitions}, {@code MpoolPending},
 * and the miner's {@code ActorAddress}, {@code ActorSectorSize}, {@code SectorsSummary}), finds both endpoints from
 * {@code FULLNODE_API_INFO} and {@code MINER_API_INFO} alone, completes its walk (any JSON-RPC error would abort it,
 * as it aborts the real ones), and reports the sector counts, power and faults the statistics API reports.
 */
class ExporterEndToEndTest {
    private static final String KEY = "mss_exporterendtoendtest000000000";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    final CliFixture sim = CliFixture.devnet();

    /** What the exporter reports after one walk. */
    record Report(String miner, long sectorSize, long live, long active, long faulty, long faultyInPartitions,
            BigInteger rawPower, BigInteger qaPower, Map<String, Long> sectorsByState, long pendingMessages) {
    }

    /** The exporter: only the two environment variables and HTTP. */
    static final class Exporter {
        private final Endpoint full;
        private final Endpoint miner;

        Exporter(Map<String, String> env) {
            this.full = Endpoint.of(env.get("FULLNODE_API_INFO"), "/rpc/v1");
            this.miner = Endpoint.of(env.get("MINER_API_INFO"), "/rpc/v0");
        }

        Report walk() throws Exception {
            JsonNode version = full.call("Filecoin.Version");
            if (version.get("APIVersion").asLong() >> 8 != 0x0203) {
                throw new IllegalStateException("not a v1.x full node API: " + version);
            }
            String maddr = miner.call("Filecoin.ActorAddress").asText();
            long sectorSize = miner.call("Filecoin.ActorSectorSize", maddr).asLong();
            JsonNode head = full.call("Filecoin.ChainHead");
            long height = head.get("Height").asLong();
            JsonNode key = head.get("Cids");
            full.call("Filecoin.ChainGetTipSetByHeight", Math.max(0, height - 10), key);
            JsonNode info = full.call("Filecoin.StateMinerInfo", maddr, key);
            full.call("Filecoin.StateGetActor", maddr, key);
            full.call("Filecoin.StateAccountKey", info.get("Worker").asText(), key);
            full.call("Filecoin.StateMinerAvailableBalance", maddr, key);
            JsonNode counts = full.call("Filecoin.StateMinerSectorCount", maddr, key);
            JsonNode power = full.call("Filecoin.StateMinerPower", maddr, key);
            JsonNode deadline = full.call("Filecoin.StateMinerProvingDeadline", maddr, key);
            JsonNode deadlines = full.call("Filecoin.StateMinerDeadlines", maddr, key);
            long faultyInPartitions = 0;
            for (int dl = 0; dl < deadlines.size(); dl++) {
                for (JsonNode part : full.call("Filecoin.StateMinerPartitions", maddr, dl, key)) {
                    faultyInPartitions += count(part.get("FaultySectors"));
                }
            }
            if (deadline.get("WPoStPeriodDeadlines").asInt() != deadlines.size()) {
                throw new IllegalStateException("deadlines: " + deadlines.size());
            }
            JsonNode pending = full.call("Filecoin.MpoolPending", key);
            Map<String, Long> byState = new TreeMap<>();
            for (Map.Entry<String, JsonNode> e : miner.call("Filecoin.SectorsSummary").properties()) {
                byState.put(e.getKey(), e.getValue().asLong());
            }
            return new Report(maddr, sectorSize, counts.get("Live").asLong(), counts.get("Active").asLong(),
                    counts.get("Faulty").asLong(), faultyInPartitions,
                    new BigInteger(power.at("/MinerPower/RawBytePower").asText()),
                    new BigInteger(power.at("/MinerPower/QualityAdjPower").asText()), byState,
                    pending.isNull() ? 0 : pending.size());
        }

        /** A go-bitfield's RLE run lengths: the set runs are the odd ones. */
        private static long count(JsonNode runs) {
            long n = 0;
            for (int i = 1; i < runs.size(); i += 2) {
                n += runs.get(i).asLong();
            }
            return n;
        }
    }

    /** {@code <token>:/ip4/<host>/tcp/<port>/http}, as every exporter splits it. */
    record Endpoint(URI uri, String token) {
        static Endpoint of(String apiInfo, String path) {
            if (apiInfo == null) {
                throw new IllegalStateException("API info not set");
            }
            int colon = apiInfo.indexOf(':');
            String[] ma = apiInfo.substring(colon + 1).split("/");
            return new Endpoint(URI.create("http://" + ma[2] + ":" + ma[4] + path), apiInfo.substring(0, colon));
        }

        JsonNode call(String method, Object... params) throws IOException, InterruptedException {
            String body = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 1, "method", method,
                    "params", List.of(params)));
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(r.body());
            if (r.statusCode() != 200 || json.has("error")) {
                throw new IllegalStateException(method + ": " + r.statusCode() + " " + r.body());
            }
            return json.get("result");
        }
    }

    @Test
    void anExporterReadingBothApiInfosReportsWhatTheStatisticsApiReports() throws Exception {
        MinerClient client = sim.client();
        sim.fullNode();
        sim.provingSectors(6);
        client.sim().advance(3000);
        FilAddress actor = new FilAddress("f01000");
        long a = 0;
        long c = 4;
        long d = 2;
        client.sim().declareFaults(List.of(a)); // unreadable: skipped in every PoSt, faulty for good
        client.sim().missPoSt(sim.fullNode().stateSectorPartition(actor, c, List.of()).deadline(), null);
        client.miner().sectorTerminate(d);
        client.sim().advance(2880);
        // two simulated days: the last complete day of the statistics ends after every change above settled
        client.sim().advance(2 * 21_600);

        Report report = new Exporter(Map.copyOf(sim.env)).walk();

        long s = report.sectorSize();
        assertThat(report.miner()).isEqualTo("f01000");
        assertThat(report.faulty()).as("sector %d stays faulty", a).isEqualTo(1);
        assertThat(report.faultyInPartitions()).isEqualTo(report.faulty());
        assertThat(report.live()).as("one of six terminated").isEqualTo(5);
        assertThat(report.sectorsByState()).containsEntry("Proving", 5L);
        try (StatsServer server = StatsServer.start(new StatsService(List.of(StatsMiner.of(sim.node().miner()))),
                StatsKeys.of(List.of(KEY)), 1, "127.0.0.1", 0, null)) {
            JsonNode total = stats(server, "total");
            JsonNode fault = stats(server, "fault");
            JsonNode terminate = stats(server, "terminate");
            JsonNode expire = stats(server, "expire");
            long onboardedRbp = total.get("total_sector_rbp").asLong();
            long onboardedQap = total.get("total_sector_qap").asLong();
            long goneRbp = terminate.get("total_terminate_rbp").asLong() + expire.get("total_expire_rbp").asLong();
            long goneQap = terminate.get("total_terminate_qap").asLong() + expire.get("total_expire_qap").asLong();
            assertThat(total.get("total_num_sector").asLong()).as("sectors onboarded").isEqualTo(6);
            assertThat(fault.get("active_fault_rbp").asLong()).as("faults").isEqualTo(report.faulty() * s);
            assertThat(onboardedRbp - goneRbp).as("live sectors").isEqualTo(report.live() * s);
            assertThat(BigInteger.valueOf(onboardedRbp - goneRbp - fault.get("active_fault_rbp").asLong()))
                    .as("raw power: live, not faulty").isEqualTo(report.rawPower());
            assertThat(BigInteger.valueOf(onboardedQap - goneQap - fault.get("active_fault_qap").asLong()))
                    .as("quality-adjusted power").isEqualTo(report.qaPower());
            assertThat(report.rawPower()).isEqualTo(BigInteger.valueOf(report.active() * s));
        }
    }

    @Test
    void theExporterAbortsOnTheFirstJsonRpcErrorAsRealOnesDo() {
        sim.fullNode();
        Map<String, String> env = new java.util.HashMap<>(sim.env);
        // a miner token is not the full node's: the full node answers an empty 401, and the walk stops there
        env.put("FULLNODE_API_INFO", sim.node().minerApiInfo().substring(0, sim.node().minerApiInfo().indexOf(':'))
                + sim.env.get("FULLNODE_API_INFO").substring(sim.env.get("FULLNODE_API_INFO").indexOf(':')));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Exporter(env).walk())
                .hasMessageStartingWith("Filecoin.Version: 401");
    }

    private static JsonNode stats(StatsServer server, String endpoint) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.uri().resolve(StatsEndpoint.PREFIX + endpoint
                + "?miner_id=f01000")).header("Authorization", "Bearer " + KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode data = JSON.readTree(r.body()).get("data");
        assertThat(data).hasSize(1);
        return data.get(0);
    }
}
