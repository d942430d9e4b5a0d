package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.app.node.MinerNode;
import io.minersim.app.repo.MinerRepo;
import io.minersim.rpc.Permission;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** How the commands find the miner: --api-url, then MINER_API_INFO, then the repo's api and token files. */
class ApiDiscoveryTest {
    /** A port nothing listens on (the discard port, closed on any test machine). */
    private static final String DEAD = "/ip4/127.0.0.1/tcp/9/http";

    @RegisterExtension
    final CliFixture sim = CliFixture.devnet();

    @TempDir
    Path repoDir;

    @BeforeEach
    void withoutMinerApiInfo() {
        sim.env.clear();
    }

    private void writeRepo(Path dir, String api, String token) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("api"), api);
        if (token != null) {
            Files.writeString(dir.resolve("token"), token + "\n");
        }
    }

    @Test
    void apiUrlFlagBeatsTheEnvironmentAndTheRepo() throws Exception {
        sim.env.put(CliEnvironment.MINER_API_INFO, sim.node().adminToken() + ":" + DEAD);
        writeRepo(repoDir, DEAD, sim.node().adminToken());

        sim.run("sectors", "pledge", "--repo", repoDir.toString(), "--api-url", sim.node().multiaddr(), "--token",
                sim.node().adminToken()).ok();
        sim.run("sectors", "summary", "--api-url", sim.node().httpUri().toString()).ok();
        sim.run("sectors", "summary", "--api-url", "http://127.0.0.1:" + sim.node().port()).ok();

        assertThat(sim.client().miner().sectorsList()).containsExactly(0L);
    }

    @Test
    void minerApiInfoBeatsTheRepo() throws Exception {
        writeRepo(repoDir, DEAD, sim.node().adminToken());
        sim.env.put(CliEnvironment.MINER_API_INFO, sim.node().minerApiInfo());

        assertThat(sim.run("sectors", "pledge", "--repo", repoDir.toString()).ok().out())
                .isEqualTo("Created CC sector:  0\n");

        sim.env.put(CliEnvironment.MINER_API_INFO, sim.node().adminToken() + ":" + DEAD);
        writeRepo(repoDir, sim.node().multiaddr(), sim.node().adminToken());
        sim.run("sectors", "summary", "--repo", repoDir.toString())
                .refused("could not connect to the miner at http://127.0.0.1:9/rpc/v0: connection refused");
    }

    @Test
    void theRepoFilesAreUsedWhenNothingElseNamesTheMiner() throws Exception {
        try (MinerNode node = MinerNode.builder().repo(MinerRepo.open(repoDir)).manualClock(true)
                .listen("127.0.0.1", 0).start()) {
            assertThat(sim.run("sectors", "pledge", "--repo", repoDir.toString()).ok().out())
                    .as("the repo's admin token allows PledgeSector").isEqualTo("Created CC sector:  0\n");

            sim.env.put(CliEnvironment.MINERSIM_PATH, repoDir.toString());
            assertThat(sim.run("sectors", "summary").ok().out()).contains("Total: 1");
            assertThat(node.miner().sectorCount()).isEqualTo(1);
        }
    }

    @Test
    void theDefaultRepoIsDotMinersimInTheHomeDirectory() throws Exception {
        writeRepo(sim.home().resolve(".minersim"), sim.node().multiaddr(), sim.node().adminToken());

        assertThat(sim.run("sectors", "pledge").ok().out()).isEqualTo("Created CC sector:  0\n");
    }

    @Test
    void withoutAnySourceTheCommandSaysWhereItLooked() {
        sim.run("sectors", "summary").refused("could not get API info: " + sim.home().resolve(".minersim")
                + " has no api file");
        sim.run("sectors", "summary", "--repo", repoDir.toString()).refused(repoDir + " has no api file");
    }

    @Test
    void tokenFlagReplacesTheTokenOfTheSource() {
        sim.env.put(CliEnvironment.MINER_API_INFO, sim.node().minerApiInfo());

        sim.run("sectors", "pledge", "--token", sim.node().token(Permission.READ))
                .refused("missing permission to invoke 'PledgeSector' (need 'write')");

        assertThat(sim.client().miner().sectorsList()).isEmpty();
    }

    @Test
    void aMultiaddrWithoutATokenGivesReadAccess() {
        sim.env.put(CliEnvironment.MINER_API_INFO, sim.node().multiaddr());

        sim.run("sectors", "summary").ok();
        sim.run("sectors", "pledge").refused("missing permission to invoke 'PledgeSector' (need 'write')");
    }

    @Test
    void aTokenTheMinerDidNotSignIsOneLine401() {
        sim.env.put(CliEnvironment.MINER_API_INFO, "not.a.jwt:" + sim.node().multiaddr());

        sim.run("sectors", "summary").refused("401 Unauthorized");
    }

    @Test
    void aMalformedAddressIsRefusedWithoutCalling() {
        sim.env.put(CliEnvironment.MINER_API_INFO, "tok:/ip4/127.0.0.1/udp/2345/http");
        sim.run("sectors", "summary").refused("cannot read multiaddr '/ip4/127.0.0.1/udp/2345/http'");

        sim.run("sectors", "summary", "--api-url", "127.0.0.1:2345").refused("is neither a multiaddr");
    }

    @Test
    void parsesEveryFormOfMinerApiInfo() {
        assertThat(MinerEndpoint.parseApiInfo("eyJ.a.b:/ip4/10.0.0.1/tcp/2345/http", "env"))
                .isEqualTo(new MinerEndpoint(URI.create("http://10.0.0.1:2345/rpc/v0"), "eyJ.a.b",
                        "/ip4/10.0.0.1/tcp/2345/http", "env"));
        assertThat(MinerEndpoint.parseApiInfo("/ip4/10.0.0.1/tcp/2345/http", "env").token()).isNull();
        assertThat(MinerEndpoint.parseApiInfo("http://miner:1234", "env"))
                .isEqualTo(new MinerEndpoint(URI.create("http://miner:1234/rpc/v0"), null, "http://miner:1234",
                        "env"));
        assertThat(MinerEndpoint.parseApiInfo("t:/ip4/1.2.3.4/tcp/1/http,u:/ip4/5.6.7.8/tcp/2/http", "env"))
                .extracting(MinerEndpoint::token, MinerEndpoint::rpcUrl)
                .containsExactly("t", URI.create("http://1.2.3.4:1/rpc/v0"));
        assertThat(MinerEndpoint.rpcUrl("/ip6/::1/tcp/2345/http", "x")).isEqualTo(URI.create("http://[::1]:2345/rpc/v0"));
        assertThat(MinerEndpoint.rpcUrl("/dns/miner.local/tcp/2345/wss", "x"))
                .isEqualTo(URI.create("https://miner.local:2345/rpc/v0"));
        assertThat(MinerEndpoint.rpcUrl("/ip4/1.2.3.4/tcp/2345", "x")).isEqualTo(URI.create("http://1.2.3.4:2345/rpc/v0"));
        assertThat(MinerEndpoint.rpcUrl("ws://1.2.3.4:2345/rpc/v0", "x"))
                .isEqualTo(URI.create("http://1.2.3.4:2345/rpc/v0"));
        assertThatThrownBy(() -> MinerEndpoint.rpcUrl("/ip4/1.2.3.4/tcp/99999/http", "x"))
                .isInstanceOf(CliException.class).hasMessageContaining("cannot read multiaddr");
        assertThatThrownBy(() -> MinerEndpoint.parseApiInfo("tok:", "MINER_API_INFO"))
                .isInstanceOf(CliException.class).hasMessage("MINER_API_INFO has no address: expected "
                        + "<token>:/ip4/<host>/tcp/<port>/http");
    }

    @Test
    void theEnvironmentIsTheOneGivenNotTheProcesses() {
        CliEnvironment env = new CliEnvironment(Map.of(CliEnvironment.MINERSIM_PATH, "/srv/sim"), sim.home(),
                new ByteArrayInputStream(new byte[0]));

        assertThat(env.defaultRepo()).isEqualTo(Path.of("/srv/sim"));
        assertThat(new CliEnvironment(Map.of(CliEnvironment.MINERSIM_PATH, " "), sim.home(), System.in).defaultRepo())
                .isEqualTo(sim.home().resolve(".minersim"));
    }
}
