package io.minersim.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunScenarioCommandTest {

    @TempDir
    Path repo;

    private CommandRun run(String... args) {
        String[] all = Stream.concat(Stream.of("run"), Stream.concat(Stream.of(args),
                Stream.of("--repo", repo.toString(), "--listen", "127.0.0.1:0"))).toArray(String[]::new);
        return CommandRun.execute(all);
    }

    @Test
    void runStartsFromAScenario() {
        CommandRun r = run("--scenario", "../scenarios/miner-in-trouble.yaml", "--until-epoch", "10000");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("minersim: miner f01234, 2KiB sectors, devnet profile, manual clock, seed 13")
                .contains("epoch 10000: WaitDeals=1 PreCommit1=8 Proving=140 SealPreCommit1Failed=3").doesNotContain("Faulty");
    }

    @Test
    void seedAndClockOptionsOverrideTheScenario() {
        CommandRun r = run("--scenario", "../scenarios/devnet-empty.json", "--seed", "8", "--clock", "real",
                "--block-time", "5ms", "--until-epoch", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("minersim: miner f01000, 2KiB sectors, devnet profile, real clock, seed 8");
    }

    @Test
    void aScenarioBlockTimeBelowAMillisecondIsKeptWhole() throws Exception {
        Path fast = repo.resolve("fast.yaml");
        Files.writeString(fast, "clock: {mode: real, blockTime: 500us}\nminer: {sectorSize: 2KiB}\n");
        CommandRun r = run("--scenario", fast.toString(), "--until-epoch", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("minersim: miner f01000, 2KiB sectors, devnet profile, real clock")
                .contains("minersim: stopped at epoch");
    }

    @Test
    void anInvalidScenarioIsRefusedWithItsPathsAndNothingStarts() throws Exception {
        Path bad = repo.resolve("bad.yaml");
        Files.writeString(bad, "clock: {startEpoch: 100}\nminer:\n  counts: [{state: Provin, count: 1}]\n"
                + "  events: [{kind: pledge, epoch: 5, count: 1}]\n");
        CommandRun r = run("--scenario", bad.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("ERROR: scenario " + bad + " is invalid: $.miner.counts[0].state:"
                + " unknown sector state \"Provin\"").contains("; $.miner.events[0].epoch: epoch 5 is before the"
                + " chain's start epoch 100").doesNotContain("Exception").doesNotContain("\n");
        assertThat(r.out()).doesNotContain("MINER_API_INFO");
        assertThat(repo.resolve("api")).doesNotExist();
    }

    @Test
    void theScenarioNamesTheMiner() {
        CommandRun r = run("--scenario", "../scenarios/devnet-empty.json", "--actor", "f02000");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--actor cannot be combined with --scenario");
    }
}
