package io.minersim.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.app.MinerSimCommand;
import io.minersim.app.node.MinerNode;
import io.minersim.rpc.MinerClient;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.activity.ActivityProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FleetTest {
    @TempDir
    Path repo;

    private Fleet.Settings settings(int count, List<SectorSize> sizes, ActivityProfile activity) {
        return new Fleet.Settings(count, Profile.DEVNET, MinerConfig.of(Profile.DEVNET).withSeed(5), sizes, true,
                null, "127.0.0.1", 0, repo, activity, null);
    }

    @Test
    void minersShareOneClockAndHaveTheirOwnActorSizeEndpointAndRepo() throws Exception {
        try (Fleet fleet = Fleet.start(settings(3, List.of(SectorSize.SIZE_2KiB, SectorSize.SIZE_8MiB), null))) {
            List<MinerNode> nodes = fleet.nodes();
            assertThat(nodes).extracting(n -> n.miner().config().actorAddress())
                    .containsExactly("f01000", "f01001", "f01002");
            assertThat(nodes).extracting(n -> n.miner().config().sectorSize())
                    .containsExactly(SectorSize.SIZE_2KiB, SectorSize.SIZE_8MiB, SectorSize.SIZE_2KiB);
            assertThat(nodes).extracting(MinerNode::port).doesNotHaveDuplicates();
            for (MinerNode n : nodes) {
                Path dir = repo.resolve(n.miner().config().actorAddress());
                assertThat(Files.readString(dir.resolve("api"))).isEqualTo(n.multiaddr());
                assertThat(Files.readString(dir.resolve("token"))).isEqualTo(n.adminToken());
            }
            // Sim.Advance through the second miner moves every miner
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(nodes.get(1).httpUri())
                    .header("Authorization", "Bearer " + nodes.get(1).adminToken())
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Sim.Advance\",\"params\":[50]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("\"Epoch\":50");
            assertThat(fleet.miners()).allSatisfy(m -> assertThat(m.head()).isEqualTo(50));
            // each endpoint speaks for its own miner
            MinerClient c = MinerClient.connect(nodes.get(2).httpUri(), nodes.get(2).adminToken());
            c.miner().pledgeSector();
            assertThat(fleet.miners().get(2).sectorCount()).isEqualTo(1);
            assertThat(fleet.miners().get(0).sectorCount()).isZero();
        }
        assertThat(repo.resolve("f01000").resolve("api")).doesNotExist();
    }

    @Test
    void activityMakesEveryMinerBusyDifferentlyButRepeatably() throws Exception {
        ActivityProfile busy = new ActivityProfile(200, 0.5, 0.5, 0.02, 0.3, 0.01, 0, 0.02);
        long[][] runs = new long[2][];
        for (int r = 0; r < 2; r++) {
            try (Fleet fleet = Fleet.start(settings(2, List.of(SectorSize.SIZE_2KiB), busy))) {
                var clock = fleet.clock();
                for (int h = 0; h < 24; h++) {
                    clock.advance(900);
                }
                runs[r] = fleet.miners().stream().mapToLong(m -> m.historySize()).toArray();
            }
        }
        assertThat(runs[0][0]).isPositive();
        assertThat(runs[0][0]).isNotEqualTo(runs[0][1]);
        assertThat(runs[1]).isEqualTo(runs[0]);
    }

    private static String call(MinerNode node, String method, String params) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(node.httpUri()).header("Authorization", "Bearer " + node.adminToken())
                        .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\""
                                + method + "\",\"params\":" + params + "}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aFleetMinerRestoresOnlyASnapshotTakenAtTheSharedClocksHead() throws Exception {
        try (Fleet fleet = Fleet.start(settings(2, List.of(SectorSize.SIZE_2KiB), null))) {
            MinerNode first = fleet.nodes().get(0);
            fleet.miners().get(0).pledgeSector();
            fleet.clock().advance(10);
            String snapshot = new com.fasterxml.jackson.databind.ObjectMapper().readTree(call(first, "Sim.Snapshot",
                    "[]")).get("result").toString();
            assertThat(call(first, "Sim.Restore", "[" + snapshot + "]")).contains("\"result\":null");
            fleet.clock().advance(5);
            String refused = call(first, "Sim.Restore", "[" + snapshot + "]");
            assertThat(refused).contains("shares its clock with a fleet").contains("\"code\":1");
            assertThat(fleet.clock().head()).isEqualTo(15);
            assertThat(fleet.miners()).allSatisfy(m -> assertThat(m.head()).isEqualTo(15));
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> settings(0, List.of(SectorSize.SIZE_2KiB), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1 to 1000");
        assertThatThrownBy(() -> new Fleet.Settings(3, Profile.DEVNET, MinerConfig.of(Profile.DEVNET),
                List.of(SectorSize.SIZE_2KiB), true, null, "127.0.0.1", 65_534, repo, null, null))
                .hasMessageContaining("not all valid");
    }

    @Test
    void runWithMinersPrintsEachMinersApiInfoAndServesStatisticsForAll() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MinerSimCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("run", "--miners", "2", "--sector-size", "2KiB,8MiB", "--block-time", "2ms",
                "--pledge", "1", "--until-epoch", "60", "--repo", repo.toString(), "--listen", "127.0.0.1:0",
                "--stats-listen", "127.0.0.1:0", "--activity", "onboarding=50");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        String text = out.toString();
        assertThat(text).startsWith("minersim: fleet of 2 miners (f01000 to f01001), devnet profile, real clock")
                .containsPattern("f01000 2KiB MINER_API_INFO=eyJ[^:]+:/ip4/127.0.0.1/tcp/\\d+/http")
                .containsPattern("f01001 8MiB MINER_API_INFO=eyJ[^:]+:/ip4/127.0.0.1/tcp/\\d+/http")
                .contains("minersim: statistics at http://127.0.0.1:");
        Matcher stopped = Pattern.compile("minersim: stopped at epoch (\\d+)").matcher(text);
        assertThat(stopped.find()).isTrue();
        assertThat(Long.parseLong(stopped.group(1))).isGreaterThanOrEqualTo(60);
        assertThat(repo.resolve("f01001").resolve("token")).exists();
        assertThat(repo.resolve("stats-keys")).exists();
        assertThat(repo.resolve("stats-api")).doesNotExist();
    }

    @Test
    void aStatsListenPortThatIsNotANumberIsOneLineAndStartsNoMiner() throws Exception {
        int base;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            base = probe.getLocalPort();
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MinerSimCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("run", "--miners", "2", "--clock", "manual", "--repo", repo.toString(),
                "--listen", "127.0.0.1:" + base, "--stats-listen", "127.0.0.1:abc");
        assertThat(code).isNotZero();
        assertThat(err.toString().strip()).doesNotContain("\n").doesNotContain("NumberFormatException")
                .contains("--stats-listen must be HOST:PORT or off, not '127.0.0.1:abc'");
        assertThat(repo.resolve("f01000")).doesNotExist();
    }
}
