package io.minersim.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.app.scenario.ScenarioException.Problem;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.fsm.SectorState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioLoaderTest {

    private static List<Problem> problems(String text) {
        try {
            ScenarioLoader.parse(text);
        } catch (ScenarioException e) {
            assertThat(e.getMessage()).startsWith("scenario <inline> is invalid: ");
            return e.problems();
        }
        throw new AssertionError("the scenario was accepted:\n" + text);
    }

    private static List<String> paths(String text) {
        return problems(text).stream().map(Problem::path).toList();
    }

    @Test
    void aFullScenarioReadsIntoTheMinerItDescribes() {
        Scenario s = ScenarioLoader.parse("""
                profile: mainnet
                seed: 9
                clock: {mode: manual, startEpoch: 100000, blockTime: 250ms}
                miner:
                  actor: f01234
                  sectorSize: 2KiB
                  sealing: {MaxPreCommitBatch: 16, PreCommitBatchWait: 1h30m, MinRetryTime: "0"}
                  stages: {PreCommit1: 7}
                  counts:
                    - {state: Proving, count: 10}
                    - {state: WaitDeals, count: 2, deals: 1}
                  sectors:
                    - {number: 77, state: PreCommit1, pieces: [{size: 512, dealId: 5, startEpoch: 200000, endEpoch: 800000}]}
                  events:
                    - {kind: fault, epoch: 100010, sectors: [0, 1]}
                    - {kind: failure, state: PreCommit2}
                """);
        assertThat(s.profile()).isEqualTo(Profile.MAINNET);
        assertThat(s.minerConfig().seed()).isEqualTo(9);
        assertThat(s.minerConfig().actorId()).isEqualTo(1234);
        assertThat(s.minerConfig().sectorSize()).isEqualTo(SectorSize.SIZE_2KiB);
        assertThat(s.minerConfig().sealing().maxPreCommitBatch()).isEqualTo(16);
        assertThat(s.minerConfig().sealing().preCommitBatchWait()).isEqualTo(Duration.ofMinutes(90));
        assertThat(s.minerConfig().sealing().minRetryTime()).isZero();
        assertThat(s.minerConfig().sealing().maxCommitBatch()).as("a knob not named keeps the profile's").isEqualTo(819);
        assertThat(s.minerConfig().stages().preCommit1()).isEqualTo(7);
        assertThat(s.manualClock()).isTrue();
        assertThat(s.blockTime()).isEqualTo(Duration.ofMillis(250));
        assertThat(s.startEpoch()).isEqualTo(100_000);
        assertThat(s.seededCounts()).containsExactlyInAnyOrderEntriesOf(Map.of(SectorState.Proving, 10L,
                SectorState.WaitDeals, 2L, SectorState.PreCommit1, 1L));
        assertThat(s.events()).extracting(ScheduledEvent::epoch).containsExactly(100_000L, 100_010L);
        assertThat(s.seeds()).hasSize(13);
        assertThat(s.seeds().get(0).pieces().get(0).deal().dealId()).isEqualTo(5);
    }

    @Test
    void yamlAndJsonSayTheSame(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("s.json");
        Files.writeString(json, """
                {"profile": "devnet", "miner": {"counts": [{"state": "Proving", "count": 3}]}}""");
        Path yaml = dir.resolve("s.yml");
        Files.writeString(yaml, "profile: devnet\nminer:\n  counts:\n    - state: Proving\n      count: 3\n");
        assertThat(ScenarioLoader.load(yaml).seededCounts()).isEqualTo(ScenarioLoader.load(json).seededCounts())
                .containsEntry(SectorState.Proving, 3L);
    }

    @Test
    void schemaViolationsAreReportedWithTheirPaths() {
        List<Problem> p = problems("""
                {"profile": "testnet", "seed": -1,
                 "clock": {"mode": "sundial"},
                 "miner": {"sectorSize": "3GiB", "colour": "red",
                           "counts": [{"state": "Proving", "count": -5}, {"count": 1}],
                           "sealing": {"MaxPreCommitBatch": "many", "WaitDealsDelay": "soon"}}}""");
        assertThat(p).extracting(Problem::path).contains("$.profile", "$.seed", "$.clock.mode", "$.miner.sectorSize",
                "$.miner.colour", "$.miner.counts[0].count", "$.miner.counts[1].state",
                "$.miner.sealing.MaxPreCommitBatch", "$.miner.sealing.WaitDealsDelay");
        assertThat(p).filteredOn(x -> x.path().equals("$.miner.colour")).extracting(Problem::message)
                .containsExactly("is not a field of this object");
        assertThat(p).filteredOn(x -> x.path().equals("$.miner.counts[1].state")).extracting(Problem::message)
                .containsExactly("is required");
        assertThat(p).filteredOn(x -> x.path().equals("$.miner.counts[0].count")).extracting(Problem::message)
                .singleElement().asString().contains("minimum");
    }

    @Test
    void unknownAndUnseedableStatesAreRefusedWithThePath() {
        List<Problem> p = problems("""
                miner:
                  counts:
                    - {state: Provin, count: 1}
                    - {state: PreCommitting, count: 1}
                    - {state: AddPiece, count: 1}
                    - {state: Available, count: 1, deals: 1}
                  sectors:
                    - {state: proving}
                """);
        assertThat(p).extracting(Problem::path).containsExactly("$.miner.counts[0].state", "$.miner.counts[1].state",
                "$.miner.counts[2].state", "$.miner.counts[3].deals", "$.miner.sectors[0].state");
        assertThat(p.get(0).message()).contains("unknown sector state \"Provin\"");
        assertThat(p.get(1).message()).contains("cannot be seeded in PreCommitting");
        assertThat(p.get(2).message()).contains("needs deal pieces");
        assertThat(p.get(3).message()).contains("committed-capacity");
    }

    @Test
    void aWorkerFleetIsReadWithItsDefaultsAndBadWorkersAreRefusedWithThePath() {
        Scenario ok = ScenarioLoader.parse("""
                miner:
                  workers:
                    - {hostname: pc1-box, tasks: [PC1, seal/v0/precommit/2], cpus: 32, memory: 512GiB, swap: 64GiB}
                    - {hostname: any}
                  events:
                    - {kind: workerOffline, epoch: 5, worker: pc1-box}
                """);
        assertThat(ok.workers()).hasSize(2);
        assertThat(ok.workers().get(0).tasks()).containsExactlyInAnyOrder(
                io.minersim.sealing.workers.TaskType.PRE_COMMIT_1, io.minersim.sealing.workers.TaskType.PRE_COMMIT_2);
        assertThat(ok.workers().get(0).memPhysical()).isEqualTo(512L << 30);
        assertThat(ok.workers().get(0).memSwap()).isEqualTo(64L << 30);
        assertThat(ok.workers().get(1).tasks()).isEqualTo(io.minersim.sealing.workers.TaskType.sealing());
        assertThat(ok.events()).singleElement().satisfies(e -> assertThat(e.worker()).isEqualTo("pc1-box"));

        assertThat(problems("""
                miner:
                  workers:
                    - {tasks: [PC1]}
                    - {hostname: b, memory: 12GB}
                """)).extracting(Problem::path).containsExactly("$.miner.workers[0].hostname",
                "$.miner.workers[1].memory");
        List<Problem> p = problems("""
                miner:
                  workers:
                    - {hostname: a, tasks: [PC3]}
                  events:
                    - {kind: workerOnline, epoch: 3}
                """);
        assertThat(p).extracting(Problem::path).containsExactly("$.miner.events[0].worker",
                "$.miner.workers[0].tasks[0]");
        assertThat(p.get(1).message()).contains("unknown task type PC3");
    }

    @Test
    void eventsInThePastOrOnSectorsTheScenarioLacksAreRefused() {
        List<Problem> p = problems("""
                clock: {startEpoch: 1000}
                miner:
                  counts: [{state: Proving, count: 3}]
                  sectors: [{number: 10, state: Proving}]
                  events:
                    - {kind: fault, epoch: 999, sectors: [0]}
                    - {kind: fault, epoch: 1001, sectors: [2, 3, 10, 4]}
                    - {kind: recover, epoch: 1002, count: 2}
                    - {kind: failure, epoch: 1003, state: Proving}
                    - {kind: pledge, epoch: 1004}
                    - {kind: terminate, epoch: 1005, sectors: [1], deals: [4]}
                """);
        assertThat(p).extracting(Problem::path).containsExactly("$.miner.events[0].epoch",
                "$.miner.events[1].sectors[1]", "$.miner.events[1].sectors[3]", "$.miner.events[2].state",
                "$.miner.events[3].state", "$.miner.events[4].count", "$.miner.events[5].deals");
        assertThat(p.get(0).message()).contains("before the chain's start epoch 1000");
        assertThat(p.get(1).message()).isEqualTo("sector 3 is not one the scenario seeds or pledges");
        assertThat(p.get(4).message()).contains("no failure path");
    }

    @Test
    void piecesThatAreNotValidDealsOrDoNotFitAreRefused() {
        List<Problem> p = problems("""
                miner:
                  sectorSize: 2KiB
                  sectors:
                    - {number: 1, state: WaitDeals, pieces: [{size: 1000, startEpoch: 10, endEpoch: 20}]}
                    - {number: 1, state: WaitDeals, pieces: [{size: 4096, startEpoch: 10, endEpoch: 20}]}
                    - {state: WaitDeals, pieces: [{size: 1024, startEpoch: 30, endEpoch: 20}]}
                    - {state: Proving, pieces: [{size: 1024, startEpoch: 10, endEpoch: 20, dealId: 7},
                                               {size: 2048, startEpoch: 10, endEpoch: 20, dealId: 7}]}
                    - {state: Proving, pieces: [{size: 1024, startEpoch: 10, endEpoch: 20, pieceCid: "baga6ea4seaqnotacid"}]}
                """);
        assertThat(p).extracting(Problem::path).containsExactly("$.miner.sectors[0].pieces[0].size",
                "$.miner.sectors[1].number", "$.miner.sectors[1].pieces[0].size", "$.miner.sectors[2].pieces[0].endEpoch",
                "$.miner.sectors[3].pieces[1]", "$.miner.sectors[3].pieces[1].dealId",
                "$.miner.sectors[4].pieces[0].pieceCid");
        assertThat(p.get(1).message()).isEqualTo("sector 1 is already named at $.miner.sectors[0]");
        assertThat(p.get(4).message()).contains("do not fit");
        assertThat(p.get(5).message()).isEqualTo("deal 7 is already at $.miner.sectors[3].pieces[0].dealId");
    }

    @Test
    void inconsistentKnobsAndFleetsAreRefused() {
        assertThat(problems("""
                miner: {sealing: {MinCommitBatch: 10, MaxCommitBatch: 4}}
                """)).singleElement().satisfies(x -> {
                    assertThat(x.path()).isEqualTo("$.miner.sealing.MinCommitBatch");
                    assertThat(x.message()).contains("exceeds MaxCommitBatch");
                });
        assertThat(paths("miners: [{actor: f01000}, {actor: f01001}]\n")).containsExactly("$.miners");
        assertThat(paths("clock: {mode: real, blockTime: \"0\"}\n")).containsExactly("$.clock.blockTime");
    }

    @Test
    void syntaxErrorsNameTheLine() {
        assertThat(problems("{\"miner\": {\"counts\": [}}")).singleElement().satisfies(x -> {
            assertThat(x.path()).isEqualTo("$");
            assertThat(x.message()).startsWith("not valid JSON").contains("line 1");
        });
        assertThat(problems("miner:\n  counts: [\n  - x\n")).singleElement().satisfies(x ->
                assertThat(x.message()).startsWith("not valid YAML").contains("line"));
        assertThat(problems("{\"seed\": 1, \"seed\": 2}")).singleElement().satisfies(x ->
                assertThat(x.message()).contains("Duplicate field 'seed'"));
    }

    @Test
    void theReadmeExampleIsAValidScenario() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Scenarios"));
        String yaml = section.substring(section.indexOf("```yaml\n") + 8, section.indexOf("```\n"));
        Scenario s = ScenarioLoader.parse(yaml);
        assertThat(s.seededCounts()).containsEntry(SectorState.Proving, 5000L).containsEntry(SectorState.WaitDeals, 21L);
        long seedable = java.util.Arrays.stream(SectorState.values())
                .filter(st -> io.minersim.sealing.SectorSeeder.whyNotSeedable(st, false).isEmpty()
                        || io.minersim.sealing.SectorSeeder.whyNotSeedable(st, true).isEmpty())
                .count();
        assertThat(section).contains(seedable + " of Lotus's 63 states can be seeded");
    }

    @Test
    void aFileThatCannotBeReadIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> ScenarioLoader.load(dir.resolve("missing.yaml")))
                .isInstanceOf(ScenarioException.class).hasMessageContaining("$: cannot read the file");
    }
}
