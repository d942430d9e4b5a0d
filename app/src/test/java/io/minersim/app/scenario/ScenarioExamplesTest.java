package io.minersim.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.testing.MinerSimulator;
import io.minersim.sealing.fsm.SectorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every example in the repo's {@code scenarios/} loads, and a simulator started from it has exactly its sectors. */
class ScenarioExamplesTest {

    static final Path EXAMPLES = Path.of("..", "scenarios");

    static Stream<Path> examples() throws Exception {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().matches(".*\\.(json|ya?ml)$")).sorted().toList().stream();
        }
    }

    @Test
    void theThreeExamplesAreThere() throws Exception {
        assertThat(examples().map(p -> p.getFileName().toString()))
                .contains("devnet-empty.json", "mainnet-provider.yaml", "miner-in-trouble.yaml");
    }

    @ParameterizedTest
    @MethodSource("examples")
    void anExampleStartsWithSectorsSummaryEqualToItsCounts(Path file) throws Exception {
        Scenario scenario = ScenarioLoader.load(file);
        try (MinerSimulator sim = MinerSimulator.builder().scenario(scenario).start()) {
            Map<String, Long> expected = new TreeMap<>();
            scenario.seededCounts().forEach((state, n) -> expected.put(state.name(), n));
            Map<String, Long> summary = new TreeMap<>(sim.client().miner().sectorsSummary());
            assertThat(summary).isEqualTo(expected);
            assertThat(sim.head()).isEqualTo(scenario.startEpoch());
        }
    }

    @Test
    void theMainnetProviderHasAHundredThousandSectorsMostlyProving() {
        Scenario s = ScenarioLoader.load(EXAMPLES.resolve("mainnet-provider.yaml"));
        long total = s.seededCounts().values().stream().mapToLong(Long::longValue).sum();
        assertThat(total).isEqualTo(100_000);
        assertThat(s.seededCounts().get(SectorState.Proving)).isGreaterThan(90_000);
        assertThat(s.seededCounts()).containsKeys(SectorState.PreCommit1, SectorState.WaitSeed,
                SectorState.CommitAggregateWait, SectorState.UpdateReplica,
                SectorState.SealPreCommit1Failed, SectorState.Terminating)
                .doesNotContainKeys(SectorState.Faulty, SectorState.FaultReported, SectorState.FaultedFinal);
    }

    @Test
    void theMinerInTroubleHasFaultsFailuresAndPendingTerminations() throws Exception {
        try (MinerSimulator sim = MinerSimulator.builder().scenario(EXAMPLES.resolve("miner-in-trouble.yaml"))
                .start()) {
            long start = sim.head();
            assertThat(sim.miner().terminatePending()).hasSize(4);
            assertThat(sim.miner().failureRules()).hasSize(2);
            // twenty sectors seeded faulty on chain, in Proving as Lotus keeps them
            assertThat(sim.miner().chain().faults().count()).isEqualTo(20);
            assertThat(sim.miner().summary()).doesNotContainKeys(SectorState.Faulty, SectorState.FaultReported);
            sim.advanceTo(start + 10);
            // at start + 10 the miner loses ten more, the lowest-numbered readable Proving sectors
            assertThat(sim.miner().chain().unreadable().count()).isEqualTo(20 + 10);
            assertThat(sim.miner().chain().unreadable().contains(0)).isTrue();
            sim.advanceTo(start + 30);
            // 4 seeded, the TerminateFailed one retried and the terminate event's 3: 8, below TerminateBatchMin 10
            assertThat(sim.miner().terminatePending()).containsExactly(3L, 4L, 5L, 156L, 157L, 158L, 159L, 160L);
            assertThat(List.of(sim.miner().status(0, false).state(), sim.miner().status(100, false).state(),
                    sim.miner().status(3, false).state()))
                    .containsExactly(SectorState.Proving, SectorState.Proving, SectorState.Terminating);
            assertThat(sim.miner().chain().unreadable().contains(100)).isTrue();
        }
    }
}
