package io.minersim.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.testing.MinerSimulator;
import io.minersim.sealing.HistoryEvent;
import io.minersim.sealing.fsm.SectorState;
import org.junit.jupiter.api.Test;

class ScenarioSessionTest {

    @Test
    void anEventHappensAtItsEpochEvenWhenTheClockJumpsPastIt() throws Exception {
        String scenario = """
                clock: {startEpoch: 100}
                miner:
                  counts: [{state: Proving, count: 4}]
                  events:
                    - {kind: fault, epoch: 150, sectors: [1], declared: false}
                    - {kind: recover, epoch: 170, sectors: [1]}
                    - {kind: pledge, epoch: 160, count: 1}
                """;
        try (MinerSimulator sim = MinerSimulator.builder().scenario(scenario).start()) {
            sim.advance(1000);
            assertThat(sim.miner().history(0, Integer.MAX_VALUE)).filteredOn(e -> e.sector() == 1)
                    .extracting(HistoryEvent::epoch, HistoryEvent::to)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(100L, SectorState.Proving),
                            org.assertj.core.groups.Tuple.tuple(150L, SectorState.Faulty),
                            org.assertj.core.groups.Tuple.tuple(170L, SectorState.Proving));
            assertThat(sim.miner().history(0, Integer.MAX_VALUE)).filteredOn(e -> e.sector() == 4).first()
                    .extracting(HistoryEvent::epoch).isEqualTo(160L);
            assertThat(sim.miner().status(4, false).state()).isEqualTo(SectorState.Proving);
        }
    }

    @Test
    void anEventThatCannotHappenDoesNotStopTheRun() throws Exception {
        String scenario = """
                miner:
                  counts: [{state: Proving, count: 1}]
                  events:
                    - {kind: recover, epoch: 5, sectors: [0]}
                    - {kind: fault, epoch: 6, sectors: [0]}
                """;
        try (MinerSimulator sim = MinerSimulator.builder().scenario(scenario).start()) {
            sim.advance(10);
            assertThat(sim.miner().status(0, false).state()).isEqualTo(SectorState.FaultReported);
        }
    }

    @Test
    void aScheduledDealExpirySendsTheSealingSectorHoldingItDownTheDealsExpiredPath() throws Exception {
        String scenario = """
                clock: {startEpoch: 100}
                miner:
                  sectorSize: 2KiB
                  sectors:
                    - {number: 7, state: WaitDeals, pieces: [{size: 1024, dealId: 42, startEpoch: 200000, endEpoch: 800000}]}
                    - {number: 8, state: WaitDeals, pieces: [{size: 1024, dealId: 43, startEpoch: 200000, endEpoch: 800000}]}
                  events:
                    - {kind: expireDeals, epoch: 120, deals: [42]}
                """;
        try (MinerSimulator sim = MinerSimulator.builder().scenario(scenario).start()) {
            sim.advanceTo(119);
            assertThat(sim.miner().history(0, Integer.MAX_VALUE)).filteredOn(e -> e.sector() == 7)
                    .extracting(HistoryEvent::to).doesNotContain(SectorState.DealsExpired);
            sim.advanceTo(200);
            assertThat(sim.miner().history(0, Integer.MAX_VALUE)).filteredOn(e -> e.sector() == 7)
                    .extracting(HistoryEvent::to).contains(SectorState.DealsExpired);
            assertThat(sim.miner().history(0, Integer.MAX_VALUE)).filteredOn(e -> e.sector() == 8)
                    .extracting(HistoryEvent::to).doesNotContain(SectorState.DealsExpired);
        }
    }
}
