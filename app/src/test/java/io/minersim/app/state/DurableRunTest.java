package io.minersim.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.app.CommandRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code minersim run} on a repo that holds a saved world: what is kept, what is refused, and how. */
class DurableRunTest {
    @TempDir
    Path repo;

    /** Every read a snapshot, the lists and the statuses give. */
    private static String reads(Runs.Running r) throws Exception {
        StringBuilder b = new StringBuilder();
        for (String[] c : List.of(new String[] {"Sim.Snapshot", "[]"}, new String[] {"Sim.Head", "[]"},
                new String[] {"Filecoin.SectorsSummary", "[]"}, new String[] {"Filecoin.SectorNumReservations", "[]"},
                new String[] {"Filecoin.SectorGetSealDelay", "[]"}, new String[] {"Sim.Events", "[0,100000]"})) {
            b.append(r.raw(c[0], c[1])).append('\n');
        }
        for (JsonNode n : r.result("Filecoin.SectorsList", "[]")) {
            b.append(r.raw("Filecoin.SectorsStatus", "[" + n.asLong() + ",true]")).append('\n');
        }
        return b.toString();
    }

    @Test
    void aRestartKeepsTheWholeMinerAndTheClockAndSaysWhatItRestored() throws Exception {
        String before;
        try (Runs.Running r = Runs.start(repo, "--clock", "manual", "--sector-size", "2KiB", "--pledge", "3")) {
            r.result("Sim.Advance", "[40]");
            r.result("Filecoin.SectorNumReserveCount", "[\"mine\",4]");
            r.result("Sim.InjectFailure", "[{\"State\":\"PreCommit2\",\"Count\":2}]");
            r.result("Filecoin.SectorSetSealDelay", "[7000000000]");
            r.result("Filecoin.PledgeSector", "[]");
            r.result("Filecoin.SectorTerminate", "[1]");
            r.result("Sim.Advance", "[3]");
            before = reads(r);
            CommandRun first = r.stop();
            assertThat(first.out()).doesNotContain("restored");
        }
        try (Runs.Running r = Runs.start(repo)) {
            assertThat(reads(r)).isEqualTo(before);
            assertThat(r.result("Sim.Head", "[]").get("Epoch").asLong()).isEqualTo(43);
            CommandRun second = r.stop();
            assertThat(second.out()).startsWith("minersim: miner f01000, 2KiB sectors, devnet profile, manual clock")
                    .contains("minersim: restored 4 sectors of f01000 at epoch 43");
        }
    }

    @Test
    void aScenarioGoesOnAfterARestartAsItWouldHaveWithout() throws Exception {
        String scenario = "../scenarios/miner-in-trouble.yaml"; // events at 10005, 10010, 10020, 10030, 10040
        String straight;
        try (Runs.Running r = Runs.start(repo.resolve("straight"), "--scenario", scenario)) {
            r.result("Sim.AdvanceTo", "[10015]");
            r.result("Sim.AdvanceTo", "[10300]");
            straight = r.raw("Sim.Snapshot", "[]") + r.raw("Sim.Events", "[0,100000]");
        }
        try (Runs.Running r = Runs.start(repo.resolve("stopped"), "--scenario", scenario)) {
            r.result("Sim.AdvanceTo", "[10015]"); // two events done, three to come
        }
        try (Runs.Running r = Runs.start(repo.resolve("stopped"))) {
            r.result("Sim.AdvanceTo", "[10300]");
            assertThat(r.raw("Sim.Snapshot", "[]") + r.raw("Sim.Events", "[0,100000]")).isEqualTo(straight);
        }
    }

    @Test
    void aSecondRunOnTheRepoIsRefusedByItsLock() throws Exception {
        try (Runs.Running r = Runs.start(repo, "--clock", "manual")) {
            CommandRun second = Runs.fail(repo, "--clock", "manual");
            assertThat(second.code()).isEqualTo(1);
            assertThat(second.err().strip()).isEqualTo("ERROR: another minersim run holds the repo " + repo
                    + " (its lock " + repo.resolve("repo.lock") + " is taken): stop it first, or use another --repo");
            assertThat(r.result("Sim.Head", "[]").get("Epoch").asLong()).as("the first goes on").isZero();
        }
    }

    @Test
    void aScenarioOnARepoWithStateIsRefusedAndFreshMovesTheStateAside() throws Exception {
        try (Runs.Running r = Runs.start(repo, "--clock", "manual", "--pledge", "2")) {
            r.stop();
        }
        CommandRun refused = Runs.fail(repo, "--scenario", "../scenarios/devnet-empty.json");
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err().strip()).isEqualTo("ERROR: the repo " + repo + " holds a saved world: --scenario"
                + " would start another one; add --fresh to move the saved one aside and start from the scenario");
        CommandRun other = Runs.fail(repo, "--sector-size", "2KiB");
        assertThat(other.err().strip()).startsWith("ERROR: the repo " + repo + " holds a saved miner f01000 (32GiB,"
                + " devnet, seed 0) at epoch 0: --sector-size 2KiB describes another; run with --fresh");
        try (Runs.Running r = Runs.start(repo, "--scenario", "../scenarios/devnet-empty.json", "--fresh")) {
            assertThat(r.result("Filecoin.SectorsList", "[]")).isEmpty();
            CommandRun fresh = r.stop();
            assertThat(fresh.out()).contains("minersim: the saved world was moved aside to " + repo.resolve("state."));
        }
        try (Stream<Path> files = Files.list(repo)) {
            Path aside = files.filter(p -> p.getFileName().toString().startsWith("state.")).findFirst().orElseThrow();
            assertThat(Files.list(aside).map(p -> p.getFileName().toString()))
                    .as("the old state, untouched").anyMatch(n -> n.startsWith("snapshot-"));
        }
    }

    @Test
    void aDamagedOrForeignStateFileIsRefusedInOneLineUntouchedAndFreshGetsPastIt() throws Exception {
        try (Runs.Running r = Runs.start(repo, "--clock", "manual", "--pledge", "2")) {
            r.stop();
        }
        Path snapshot;
        try (Stream<Path> files = Files.list(repo.resolve("state"))) {
            snapshot = files.filter(p -> p.getFileName().toString().startsWith("snapshot-")).findFirst().orElseThrow();
        }
        byte[] good = Files.readAllBytes(snapshot);
        byte[] flipped = good.clone();
        flipped[flipped.length - 10] ^= 1;
        Files.write(snapshot, flipped);
        CommandRun damaged = Runs.fail(repo);
        assertThat(damaged.code()).isEqualTo(1);
        assertThat(damaged.err()).startsWith("ERROR: the state file " + snapshot + " is damaged: checksum ")
                .hasLineCount(1);
        assertThat(Files.readAllBytes(snapshot)).as("nothing is overwritten").isEqualTo(flipped);

        String text = new String(good, StandardCharsets.UTF_8).replaceFirst("\"Version\":1", "\"Version\":2");
        Files.writeString(snapshot, text);
        CommandRun foreign = Runs.fail(repo);
        assertThat(foreign.err().strip()).isEqualTo("ERROR: the state file " + snapshot + " is from another minersim"
                + " version (state format 2; this minersim reads format 1): run with --fresh to keep it aside and start"
                + " empty");
        assertThat(Files.readString(snapshot)).isEqualTo(text);

        try (Runs.Running r = Runs.start(repo, "--clock", "manual", "--fresh")) {
            assertThat(r.result("Filecoin.SectorsList", "[]")).isEmpty();
        }
    }

    @Test
    void aTornJournalTailIsDroppedButADamagedRecordInsideIsRefused() throws Exception {
        try (Runs.Running r = Runs.start(repo, "--clock", "manual")) {
            for (int i = 0; i < 5; i++) {
                r.result("Filecoin.PledgeSector", "[]");
            }
            r.stop();
        }
        Path journal;
        try (Stream<Path> files = Files.list(repo.resolve("state"))) {
            journal = files.filter(p -> p.getFileName().toString().startsWith("journal-")).sorted()
                    .reduce((a, b) -> b).orElseThrow();
        }
        // some records, then a record cut short: a stop in the middle of a write
        List<String> lines = Files.readAllLines(journal);
        assertThat(lines).hasSize(6);
        Files.writeString(journal, String.join("\n", lines) + "\n" + lines.get(5).substring(0, 20));
        try (Runs.Running r = Runs.start(repo)) {
            assertThat(r.result("Filecoin.SectorsList", "[]")).hasSize(5);
            assertThat(r.stop().out()).contains("dropped an unfinished record at the end of " + journal);
        }
        assertThat(Files.readAllLines(journal)).as("cut back to its last whole record").isEqualTo(lines);

        List<String> damaged = new java.util.ArrayList<>(lines);
        damaged.set(2, damaged.get(2).replace("Pledge", "Pledgf"));
        Files.write(journal, damaged);
        CommandRun refused = Runs.fail(repo);
        assertThat(refused.err()).startsWith("ERROR: the journal file " + journal + " is damaged at line 3 (byte ")
                .contains("checksum").hasLineCount(1);
    }

    @Test
    void aStaleApiFileIsReplacedByTheRunAndNamedByTheCommandLine() throws Exception {
        try (Runs.Running r = Runs.start(repo, "--clock", "manual")) {
            r.stop();
        }
        Files.writeString(repo.resolve("api"), "/ip4/127.0.0.1/tcp/1/http");
        CommandRun list = CommandRun.execute("sectors", "list", "--repo", repo.toString());
        assertThat(list.code()).isEqualTo(1);
        assertThat(list.err().strip()).isEqualTo("ERROR: the api file " + repo.resolve("api") + " is stale: no"
                + " minersim run holds " + repo + " (the last one stopped without cleaning up); start `minersim run"
                + " --repo " + repo + "` again");
        CommandRun done;
        try (Runs.Running r = Runs.start(repo)) {
            assertThat(CommandRun.execute("sectors", "list", "--repo", repo.toString()).code()).isZero();
            done = r.stop();
        }
        assertThat(done.out()).doesNotContain("stale"); // Runs.start removed it first; see KillNineTest for a real one
    }

    @Test
    void aRealClockResumesAtTheStoredHeadOrCatchesUpWithWallTime() throws Exception {
        long stopped;
        try (Runs.Running r = Runs.start(repo, "--block-time", "20ms")) {
            Thread.sleep(300);
            CommandRun out = r.stop();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("stopped at epoch (\\d+)").matcher(out.out());
            assertThat(m.find()).isTrue();
            stopped = Long.parseLong(m.group(1));
        }
        assertThat(stopped).isPositive();
        Thread.sleep(2_000); // 100 epochs of wall time pass while stopped
        try (Runs.Running r = Runs.start(repo, "--clock-resume", "head")) {
            r.result("Sim.Pause", "[]");
            long head = r.result("Sim.Head", "[]").get("Epoch").asLong();
            assertThat(head).as("never back").isGreaterThanOrEqualTo(stopped).as("not the wall time: only the time"
                    + " since this start").isLessThan(stopped + 60);
            r.result("Sim.Resume", "[]");
            CommandRun out = r.stop();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("stopped at epoch (\\d+)").matcher(out.out());
            assertThat(m.find()).isTrue();
            stopped = Long.parseLong(m.group(1));
        }
        Thread.sleep(2_000);
        try (Runs.Running r = Runs.start(repo, "--clock-resume", "wall")) {
            r.result("Sim.Pause", "[]");
            long head = r.result("Sim.Head", "[]").get("Epoch").asLong();
            assertThat(head).as("caught up with the wall time").isGreaterThanOrEqualTo(stopped + 90);
            assertThat(r.stop().out()).contains("--clock-resume wall: the chain caught up");
        }
    }
}
