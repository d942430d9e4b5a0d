package io.minersim.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunCommandTest {

    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path repo;

    private static CommandRun run(String... args) {
        String[] all = args;
        if (args.length > 0 && args[0].equals("run")) {
            all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--repo", repo.toString(), "--listen", "127.0.0.1:0", "--stats-listen", "127.0.0.1:0"))
                    .toArray(String[]::new);
        }
        return CommandRun.execute(all);
    }

    @Test
    void runSealsPledgedSectorsOnTheRealClockAndStops() {
        // the real clock runs from the world's creation, so the start's own time passes epochs before the pledge
        // (109 of them on a loaded machine): the stop is far enough for the two sectors to seal after a slow start
        CommandRun r = run("run", "--block-time", "5ms", "--pledge", "2", "--until-epoch", "300", "--seed", "3");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("minersim: miner f01000, 32GiB sectors, devnet profile, real clock, seed 3")
                .contains("Proving=2").containsPattern("MINER_API_INFO=eyJ[^:]+:/ip4/127.0.0.1/tcp/\\d+/http");
        assertThat(repo.resolve("token")).exists();
        assertThat(repo.resolve("api")).as("removed on a clean stop").doesNotExist();
        java.util.regex.Matcher stopped = java.util.regex.Pattern.compile("minersim: stopped at epoch (\\d+)")
                .matcher(r.out());
        assertThat(stopped.find()).isTrue();
        assertThat(Long.parseLong(stopped.group(1))).isGreaterThanOrEqualTo(300);
        assertThat(r.err()).isEmpty();
    }

    @Test
    void badOptionsPrintOneLineAndFail() {
        CommandRun size = run("run", "--sector-size", "3GiB", "--until-epoch", "1");
        assertThat(size.code()).isEqualTo(1);
        assertThat(size.err().strip()).isEqualTo(
                "ERROR: unsupported sector size '3GiB'; supported: 2KiB, 8MiB, 512MiB, 32GiB, 64GiB");

        CommandRun clock = run("run", "--clock", "sundial");
        assertThat(clock.code()).isEqualTo(2);
        assertThat(clock.err()).contains("--clock must be real or manual, not 'sundial'");

        CommandRun actor = run("run", "--actor", "f3abc", "--until-epoch", "1");
        assertThat(actor.code()).isEqualTo(1);
        assertThat(actor.err()).doesNotContain("Exception").contains("not an ID address");
    }

    @Test
    void durationsParseInGoAndIsoForms() {
        assertThat(RunCommand.parseDuration("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(RunCommand.parseDuration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(RunCommand.parseDuration("PT2S")).isEqualTo(Duration.ofSeconds(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunCommand.parseDuration("soon"))
                .hasMessageContaining("not a positive duration");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunCommand.parseDuration("0s"))
                .hasMessageContaining("not a positive duration");
    }
}
