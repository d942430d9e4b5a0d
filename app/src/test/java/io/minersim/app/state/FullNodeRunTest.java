package io.minersim.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.app.CommandRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minersim run} serves the full node beside the miner: its line, its repo files ({@code REPO/full/}, as
 * {@code ~/.lotus}), both paths, its own token, and the head the miner's clock moves.
 */
class FullNodeRunTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path repo;

    @Test
    void runServesTheFullNodeWithItsOwnTokenAndFiles() throws Exception {
        CommandRun out;
        Path full = repo.resolve("full");
        try (Runs.Running run = Runs.start(repo, "--clock", "manual", "--sector-size", "2KiB")) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.exists(full.resolve("api")) && System.nanoTime() < deadline) {
                Thread.sleep(10); // the full node starts right after the miner's endpoint
            }
            assertThat(full.resolve("api")).exists();
            assertThat(Files.getPosixFilePermissions(full.resolve("token")))
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(full.resolve("keystore").resolve("MF2XI2BNNJ3XILLQOJUXMYLUMU")).exists();
            String[] parts = Files.readString(full.resolve("api")).split("/");
            assertThat(parts[1]).isEqualTo("ip4");
            String token = Files.readString(full.resolve("token"));
            assertThat(token).isNotEqualTo(run.token);
            String base = "http://" + parts[2] + ":" + parts[4];
            run.result("Sim.Advance", "[7]");
            for (String path : new String[] {"/rpc/v1", "/rpc/v0"}) {
                JsonNode head = Runs.call(base + path, token, "Filecoin.ChainHead", "[]");
                assertThat(head.at("/result/Height").asLong()).isEqualTo(7);
                JsonNode minerInfo = Runs.call(base + path, token, "Filecoin.StateMinerInfo", "[\"f01000\",[]]");
                assertThat(minerInfo.at("/result/SectorSize").asLong()).isEqualTo(2048);
            }
            // the miner's token is not the full node's: a bad signature is refused with Lotus's empty 401
            HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/rpc/v1"))
                    .header("Authorization", "Bearer " + run.token).POST(HttpRequest.BodyPublishers.ofString(
                            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.ChainHead\",\"params\":[]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).isEmpty();
            out = run.stop();
        }
        assertThat(out.out()).containsPattern("MINER_API_INFO=eyJ[^:]+:/ip4/127.0.0.1/tcp/\\d+/http\n"
                + "FULLNODE_API_INFO=eyJ[^:]+:/ip4/127.0.0.1/tcp/\\d+/http\n");
        assertThat(full.resolve("api")).as("removed on a clean stop").doesNotExist();
        assertThat(full.resolve("token")).exists();
    }

    @Test
    void fullListenOffServesNoFullNodeAndABadOneIsRefused() throws Exception {
        CommandRun bad = Runs.fail(repo, "--full-listen", "nowhere", "--until-epoch", "0");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--full-listen must be HOST:PORT or off, not 'nowhere'");
        CommandRun off = Runs.fail(repo, "--full-listen", "off", "--clock", "manual", "--until-epoch", "0");
        assertThat(off.code()).isZero();
        assertThat(off.out()).doesNotContain("FULLNODE_API_INFO");
    }

    @Test
    void aFleetHasOneFullNodePrintedAfterItsMiners() {
        CommandRun r = Runs.fail(repo, "--miners", "2", "--clock", "manual", "--until-epoch", "0");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("f01000 32GiB MINER_API_INFO=[^\n]+\nf01001 32GiB MINER_API_INFO=[^\n]+\n"
                + "FULLNODE_API_INFO=eyJ[^:]+:/ip4/127.0.0.1/tcp/\\d+/http\n");
        assertThat(repo.resolve("full").resolve("token")).exists();
        assertThat(repo.resolve("full").resolve("api")).doesNotExist();
    }
}
