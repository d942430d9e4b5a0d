package io.minersim.app.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.app.MinerSimCommand;
import io.minersim.app.scenario.Scenario;
import io.minersim.app.scenario.ScenarioException;
import io.minersim.app.scenario.ScenarioLoader;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.fsm.SectorState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A scenario's {@code miners} list: a fleet with each miner's own size, sectors and events. */
class FleetScenarioTest {
    private static final String FLEET = """
            profile: devnet
            seed: 3
            clock: {mode: manual, startEpoch: 100}
            miners:
              - sectorSize: 2KiB
                counts: [{state: Proving, count: 5}]
              - actor: f01007
                sectorSize: 8MiB
                counts: [{state: Proving, count: 2}, {state: Proving, count: 1, faulty: true}]
                events: [{kind: fault, epoch: 150, state: Proving, count: 1, declared: true}]
            """;

    @TempDir
    Path repo;

    @Test
    void aMinersListLoadsOneScenarioPerMiner() {
        List<Scenario> fleet = ScenarioLoader.parseFleet(FLEET);
        assertThat(fleet).extracting(s -> s.minerConfig().actorAddress()).containsExactly("f01000", "f01007");
        assertThat(fleet).extracting(s -> s.minerConfig().sectorSize())
                .containsExactly(SectorSize.SIZE_2KiB, SectorSize.SIZE_8MiB);
        assertThat(fleet).allSatisfy(s -> assertThat(s.startEpoch()).isEqualTo(100));
        assertThat(ScenarioLoader.parseFleet("miner: {actor: f01002}\n")).singleElement()
                .satisfies(s -> assertThat(s.minerConfig().actorAddress()).isEqualTo("f01002"));
    }

    @Test
    void problemsNameTheFleetMinersPath() {
        assertThatThrownBy(() -> ScenarioLoader.parseFleet("""
                miners:
                  - {actor: f01000}
                  - {actor: f01001, counts: [{state: Provin, count: 1}]}
                  - {actor: f01000}
                """)).isInstanceOfSatisfying(ScenarioException.class, e -> assertThat(e.problems())
                .extracting(ScenarioException.Problem::path)
                .containsExactly("$.miners[1].counts[0].state", "$.miners[2].actor"));
        assertThatThrownBy(() -> ScenarioLoader.parseFleet("miner: {}\nminers: [{}]\n"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> ScenarioLoader.parseFleet("miners: []\n")).hasMessageContaining("at least one");
    }

    @Test
    void aFleetScenarioStartsEveryMinerWithItsSectorsAndEvents() throws Exception {
        List<Scenario> scenarios = ScenarioLoader.parseFleet(FLEET);
        Fleet.Settings settings = new Fleet.Settings(2, Profile.DEVNET, scenarios.get(0).minerConfig(),
                List.of(SectorSize.SIZE_2KiB), true, null, "127.0.0.1", 0, repo, null, scenarios);
        try (Fleet fleet = Fleet.start(settings)) {
            assertThat(fleet.clock().head()).isEqualTo(100);
            assertThat(fleet.miners().get(0).summary()).containsEntry(SectorState.Proving, 5L);
            assertThat(fleet.miners().get(1).summary()).containsEntry(SectorState.Proving, 3L);
            assertThat(fleet.miners().get(1).chain().faults().count()).isEqualTo(1);
            fleet.clock().advanceTo(150);
            assertThat(fleet.miners().get(1).chain().unreadable().count()).isEqualTo(2);
            assertThat(fleet.miners().get(1).summary()).containsEntry(SectorState.Proving, 3L);
            assertThat(repo.resolve("f01007").resolve("token")).exists();
        }
    }

    @Test
    void runStartsAFleetFromAScenarioAndRefusesMinersNextToIt() throws Exception {
        Path file = repo.resolve("fleet.yaml");
        Files.writeString(file, FLEET);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MinerSimCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("run", "--scenario", file.toString(), "--until-epoch", "100", "--repo",
                repo.toString(), "--listen", "127.0.0.1:0", "--stats-listen", "off");
        assertThat(err.toString()).isEmpty();
        assertThat(code).isZero();
        assertThat(out.toString()).contains("fleet of 2 miners (f01000 to f01007)")
                .contains("f01007 8MiB MINER_API_INFO=");
        StringWriter err2 = new StringWriter();
        cl.setErr(new PrintWriter(err2));
        assertThat(cl.execute("run", "--scenario", file.toString(), "--miners", "3", "--repo", repo.toString()))
                .isEqualTo(2);
        assertThat(err2.toString()).contains("--miners cannot be combined with --scenario");
    }
}
