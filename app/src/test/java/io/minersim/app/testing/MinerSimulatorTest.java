package io.minersim.app.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.app.scenario.ScenarioException;
import io.minersim.rpc.Permission;
import io.minersim.sealing.SealingConfig;
import io.minersim.sealing.SectorSize;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MinerSimulatorTest {

    private static final Path TROUBLE = Path.of("..", "scenarios", "miner-in-trouble.yaml");

    @Test
    void startsOnAFreePortWithAManualClockAndTokens() throws Exception {
        try (MinerSimulator sim = MinerSimulator.builder().seed(4).start()) {
            assertThat(sim.url()).isEqualTo(URI.create("http://127.0.0.1:" + sim.port() + "/rpc/v0"));
            assertThat(sim.head()).isZero();
            assertThat(sim.advance(5)).isEqualTo(5);
            assertThat(sim.advanceTo(9)).isEqualTo(9);
            assertThat(sim.client().sim().head().epoch()).isEqualTo(9);
            assertThat(sim.client().miner().pledgeSector().number()).isZero();
            assertThatThrownBy(() -> sim.client(Permission.READ).miner().pledgeSector())
                    .hasMessageContaining("missing permission");
            assertThat(sim.readToken()).isNotEqualTo(sim.adminToken());
            assertThat(sim.minerApiInfo()).startsWith(sim.adminToken() + ":/ip4/127.0.0.1/tcp/" + sim.port());
        }
    }

    @Test
    void closeFreesThePort() throws Exception {
        int port;
        try (MinerSimulator sim = MinerSimulator.builder().start()) {
            port = sim.port();
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertThat(s.isConnected()).isTrue();
            }
        }
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void anInvalidScenarioStartsNothing() {
        assertThatThrownBy(() -> MinerSimulator.builder().scenario("miner: {counts: [{state: Nope, count: 1}]}"))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("$.miner.counts[0].state");
    }

    @Test
    void sealingKnobsReachTheMinersBatchers() throws Exception {
        SealingConfig holding = SealingConfig.devnet().withPreCommitBatching(256, Duration.ofHours(24),
                Duration.ofHours(1));
        try (MinerSimulator sim = MinerSimulator.builder().sectorSize(SectorSize.SIZE_2KiB).sealing(holding).start()) {
            sim.client().miner().pledgeSector();
            sim.advance(10);
            assertThat(sim.client().miner().sectorPreCommitPending()).hasSize(1);
        }
        try (MinerSimulator sim = MinerSimulator.builder().sectorSize(SectorSize.SIZE_2KiB).start()) {
            sim.client().miner().pledgeSector();
            sim.advance(10);
            assertThat(sim.client().miner().sectorPreCommitPending()).as("the devnet default sends at once").isEmpty();
        }
        assertThatThrownBy(() -> MinerSimulator.builder().scenario("miner: {}").sealing(holding).start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("sealing knobs");
    }

    /** The same calls against a simulator from the same scenario and seed, as raw HTTP answers. */
    private static List<byte[]> session(long seed) throws Exception {
        List<String> calls = List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorsSummary\",\"params\":[]}",
                "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"Filecoin.SectorsList\",\"params\":[]}",
                "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"Filecoin.SectorsStatus\",\"params\":[500,true]}",
                "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"Filecoin.SectorsStatus\",\"params\":[130,true]}",
                "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"Filecoin.PledgeSector\",\"params\":[]}",
                "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"Sim.Advance\",\"params\":[60]}",
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"Filecoin.SectorsSummary\",\"params\":[]}",
                "{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"Filecoin.SectorsStatus\",\"params\":[0,true]}",
                "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"Filecoin.SectorsStatus\",\"params\":[122,true]}",
                "{\"jsonrpc\":\"2.0\",\"id\":10,\"method\":\"Filecoin.SectorsStatus\",\"params\":[500,true]}",
                "{\"jsonrpc\":\"2.0\",\"id\":11,\"method\":\"Sim.Events\",\"params\":[0,100000]}");
        List<byte[]> out = new ArrayList<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (MinerSimulator sim = MinerSimulator.builder().scenario(TROUBLE).seed(seed).start()) {
            for (String call : calls) {
                HttpRequest req = HttpRequest.newBuilder(sim.url()).header("Authorization", "Bearer " + sim.adminToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(call)).build();
                HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                assertThat(resp.statusCode()).as("%s -> %s", call, new String(resp.body(),
                        java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
                assertThat(new String(resp.body(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain("\"error\"");
                out.add(resp.body());
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    @Test
    void theSameScenarioSeedAndCallsGiveByteIdenticalAnswers() throws Exception {
        List<byte[]> first = session(21);
        List<byte[]> second = session(21);
        for (int i = 0; i < first.size(); i++) {
            assertThat(java.util.Arrays.equals(second.get(i), first.get(i))).as("answer %d", i).isTrue();
        }
        // the seed is what makes them so: another seed gives another ticket, CommR, proof… for sector 130
        List<byte[]> otherSeed = session(22);
        assertThat(java.util.Arrays.equals(otherSeed.get(3), first.get(3))).isFalse();
    }

    @Test
    void aScenarioThatNamesARealClockKeepsItAndOneThatDoesNotGetsTheManualClock() throws Exception {
        try (MinerSimulator real = MinerSimulator.builder().scenario("clock: {mode: real, blockTime: 1h}").start();
                MinerSimulator unnamed = MinerSimulator.builder().scenario("seed: 3").start()) {
            assertThat(real.node().simulatedClock().mode())
                    .isEqualTo(io.minersim.sealing.chain.SimulatedChainClock.Mode.REAL);
            assertThatThrownBy(() -> real.advance(1)).isInstanceOf(RuntimeException.class);
            assertThat(unnamed.node().simulatedClock().mode())
                    .isEqualTo(io.minersim.sealing.chain.SimulatedChainClock.Mode.MANUAL);
            assertThat(unnamed.advance(2)).isEqualTo(2);
        }
    }
}
