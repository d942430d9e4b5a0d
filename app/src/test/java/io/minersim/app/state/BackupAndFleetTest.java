package io.minersim.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.app.CommandRun;
import io.minersim.app.node.MinerNode;
import io.minersim.app.world.World;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code Filecoin.CreateBackup}, {@code minersim backup}, {@code run --restore}, and a fleet's restart. */
class BackupAndFleetTest {
    @TempDir
    Path dir;

    private static String call(MinerNode node, String method, String params) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                node.httpUri()).header("Authorization", "Bearer " + node.adminToken()).POST(
                HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                        + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void createBackupWritesACopyThatRunRestoreStartsFromAndMinersimBackupOfflineToo() throws Exception {
        Path repo = dir.resolve("repo");
        Path base = Files.createDirectories(dir.resolve("backups"));
        String snapshot;
        String backedUp;
        try (StateStore store = StateStore.open(repo)) {
            World world = World.create(new World.Spec(Profile.DEVNET, List.of(MinerConfig.of(Profile.DEVNET)
                    .withSectorSize(SectorSize.SIZE_2KiB)), null, true, null, 0, null, 0));
            DiskState state = store.create(world);
            try (MinerNode node = MinerNode.builder().world(world, 0).listen("127.0.0.1", 0)
                    .backupBase(base.toString()).start()) {
                world.start();
                call(node, "Filecoin.PledgeSector", "[]");
                call(node, "Sim.Advance", "[20]");
                call(node, "Filecoin.PledgeSector", "[]");
                assertThat(call(node, "Filecoin.CreateBackup", "[\"" + dir.resolve("elsewhere.json") + "\"]"))
                        .contains("\"code\":1").contains("backup file name (" + dir.resolve("elsewhere.json")
                                + ") must be inside base path (" + base + ")");
                assertThat(call(node, "Filecoin.CreateBackup", "[\"" + base.resolve("no/such/dir.json") + "\"]"))
                        .contains("open " + base.resolve("no/such/dir.json") + ": ");
                assertThat(call(node, "Filecoin.CreateBackup", "[\"" + base.resolve("b1.json") + "\"]"))
                        .isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":null}\n");
                backedUp = call(node, "Sim.Snapshot", "[]");
                call(node, "Sim.Advance", "[5]");
                snapshot = call(node, "Sim.Snapshot", "[]");
            } finally {
                world.close();
                state.close();
            }
        }
        try (MinerNode plain = MinerNode.builder().listen("127.0.0.1", 0).backupBase(null).start()) {
            assertThat(call(plain, "Filecoin.CreateBackup", "[\"/tmp/x.json\"]"))
                    .contains("LOTUS_BACKUP_BASE_PATH env var not set");
        }

        // the backup, restored into another repo, is the miner as it was then
        Path other = dir.resolve("other");
        try (Runs.Running r = Runs.start(other, "--restore", base.resolve("b1.json").toString())) {
            assertThat(r.raw("Sim.Snapshot", "[]")).isEqualTo(backedUp);
            assertThat(r.stop().out()).contains("minersim: starting from the backup " + base.resolve("b1.json"))
                    .contains("minersim: restored 2 sectors of f01000 at epoch 20");
        }

        // offline, from the repo itself (no run on it)
        CommandRun offline = CommandRun.execute("backup", "--offline", "--repo", repo.toString(),
                base.resolve("b2.json").toString());
        assertThat(offline.err()).isEmpty();
        assertThat(offline.out()).contains("written to " + base.resolve("b2.json"));
        try (Runs.Running r = Runs.start(other, "--restore", base.resolve("b2.json").toString())) {
            assertThat(r.raw("Sim.Snapshot", "[]")).isEqualTo(snapshot);
            assertThat(r.stop().out()).as("the other repo's own state went aside")
                    .contains("the saved world was moved aside to " + other.resolve("state."));
        }

        // a damaged backup is refused before anything moves
        Path bad = base.resolve("bad.json");
        byte[] b = Files.readAllBytes(base.resolve("b1.json"));
        Files.write(bad, java.util.Arrays.copyOf(b, b.length - 30));
        CommandRun refused = Runs.fail(other, "--restore", bad.toString());
        assertThat(refused.err().strip()).startsWith("ERROR: the state file " + bad + " is damaged: its header says");
    }

    /** Sim.Snapshot of the fleet miner whose api and token files are in {@code minerDir}. */
    private static String snapshotOf(Path minerDir) throws Exception {
        for (int i = 0; i < 500 && !Files.exists(minerDir.resolve("api")); i++) {
            Thread.sleep(20); // the fleet's next endpoint is still starting
        }
        String[] parts = Files.readString(minerDir.resolve("api")).split("/");
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                java.net.URI.create("http://" + parts[2] + ":" + parts[4] + "/rpc/v0")).header("Authorization", "Bearer "
                + Files.readString(minerDir.resolve("token"))).POST(HttpRequest.BodyPublishers.ofString(
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Sim.Snapshot\",\"params\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void aFleetWithActivityRestartsAsItWas() throws Exception {
        Path repo = dir.resolve("fleet");
        Path first = repo.resolve("f01000");
        String before;
        try (Runs.Running r = Runs.start(repo, first, "--miners", "2", "--clock", "manual", "--sector-size", "2KiB",
                "--activity", "onboarding=300,faults=0.05")) {
            for (int h = 0; h < 12; h++) {
                r.result("Sim.Advance", "[900]");
            }
            before = r.raw("Sim.Snapshot", "[]") + r.raw("Sim.Head", "[]") + snapshotOf(repo.resolve("f01001"));
            r.stop();
        }
        assertThat(before).contains("\"Epoch\":10800");
        try (Runs.Running r = Runs.start(repo, first)) {
            assertThat(r.raw("Sim.Snapshot", "[]") + r.raw("Sim.Head", "[]") + snapshotOf(repo.resolve("f01001")))
                    .isEqualTo(before);
            // and it goes on as it would have
            JsonNode head = r.result("Sim.Advance", "[900]");
            assertThat(head.get("Epoch").asLong()).isEqualTo(11_700);
            CommandRun out = r.stop();
            assertThat(out.out()).startsWith("minersim: fleet of 2 miners (f01000 to f01001), devnet profile, manual"
                    + " clock").contains("activity on").contains("minersim: restored ").contains(" of f01001 at epoch"
                    + " 10800");
        }
    }
}
