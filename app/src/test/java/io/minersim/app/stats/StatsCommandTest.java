package io.minersim.app.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatsCommandTest {
    @TempDir
    Path repo;

    private static CommandRun run(String... args) {
        return CommandRun.execute(args);
    }

    @Test
    void createKeyStoresKeysInTheRepoOwnerOnly() throws Exception {
        CommandRun a = run("stats", "create-key", "--repo", repo.toString());
        CommandRun b = run("stats", "create-key", "--repo", repo.toString());
        assertThat(a.code()).isZero();
        assertThat(a.out().strip()).matches("mss_[A-Za-z0-9_-]{32}");
        assertThat(StatsKeys.stored(repo)).containsExactly(a.out().strip(), b.out().strip());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(repo.resolve(StatsKeys.FILE)))).isEqualTo("rw-------");
        assertThat(StatsKeys.load(repo, List.of()).accepts(b.out().strip())).isTrue();
    }

    @Test
    void showPrintsAnEndpointAsATableOverARangeOfDays() throws Exception {
        run("stats", "create-key", "--repo", repo.toString());
        StatsService service = new StatsService(List.of(new StatsMiner("f01000", HandWrittenHistory.build(),
                () -> 10 * 2880)));
        try (StatsServer server = StatsServer.start(service, StatsKeys.load(repo, List.of()), 0, "127.0.0.1", 0,
                repo)) {
            assertThat(Files.readString(repo.resolve(StatsServer.API_FILE))).isEqualTo(server.uri().toString());
            CommandRun r = run("stats", "show", "fault", "--from", "2024-01-02", "--to", "2024-01-04", "--repo",
                    repo.toString());
            assertThat(r.err()).isEmpty();
            assertThat(r.code()).isZero();
            long s = HandWrittenHistory.S;
            assertThat(r.out().lines().toList()).containsExactly(
                    "stat_date   miner_id  daily_new_fault_rbp  daily_new_fault_qap  active_fault_rbp  active_fault_qap",
                    String.format("2024-01-02  f01000    %19d  %19d  %16d  %16d", 0, 0, 0, 0),
                    String.format("2024-01-03  f01000    %19d  %19d  %16d  %16d", 2 * s, 2 * s, 2 * s, 2 * s),
                    String.format("2024-01-04  f01000    %19d  %19d  %16d  %16d", 0, 0, s, s));

            CommandRun latest = run("stats", "show", "total", "--repo", repo.toString());
            assertThat(latest.out()).contains("2024-01-10  f01000");

            CommandRun bad = run("stats", "show", "fault", "--date", "2030-01-01", "--repo", repo.toString());
            assertThat(bad.code()).isEqualTo(1);
            assertThat(bad.err().strip()).startsWith("ERROR: state_date 2030-01-01 is out of range")
                    .endsWith("(code 30004, HTTP 200)");
        }
        assertThat(repo.resolve(StatsServer.API_FILE)).as("removed when the server stops").doesNotExist();
    }

    @Test
    void showRefusesUnknownEndpointsAndBadRanges() {
        assertThat(run("stats", "show", "sectors", "--repo", repo.toString()).err()).contains("unknown endpoint");
        assertThat(run("stats", "show", "total", "--from", "2024-01-05", "--to", "2024-01-01", "--repo",
                repo.toString()).err()).contains("is before --from");
        assertThat(run("stats", "show", "total", "--date", "2024-1-5", "--repo", repo.toString()).err())
                .contains("--date must be YYYY-MM-DD");
        CommandRun noServer = run("stats", "show", "total", "--repo", repo.toString(), "--key", "mss_whateverkey");
        assertThat(noServer.code()).isEqualTo(1);
        assertThat(noServer.err()).contains("no running statistics server");
    }
}
