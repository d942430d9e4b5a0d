package io.minersim.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.testing.MinerSimulator;
import io.minersim.sealing.HistoryEvent;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import java.util.List;
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
                    - {kind: recover, epoch: 3500, sectors: [1]}
                    - {kind: pledge, epoch: 160, count: 1}
                """;
        try (MinerSimulator sim = MinerSimulator.builder().scenario(scenario).start()) {
            sim.advance(7000);
            // unreadable from 150: skipped in its deadline's next PoSt; readable from 3500: declared, proven
            List<HistoryEvent> own = sim.miner().history(0, Integer.MAX_VALUE).stream()
                    .filter(e -> e.sector() == 1).toList();
            assertThat(own).extracting(HistoryEvent::event).containsExactly(SectorEvent.SectorFinalized,
                    SectorEvent.SectorFaultDetected, SectorEvent.SectorFaultRecovered);
            assertThat(own).extracting(HistoryEvent::to).containsOnly(SectorState.Proving);
            assertThat(own.get(1).epoch()).isBetween(151L, 150L + 2940);
            // declared at Open + 41 three deadlines ahead (up to 139 epochs before its window), proven at Open + 4
            assertThat(own.get(2).epoch()).isBetween(3501L, 3500L + 139 + 2880 + 4);
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
            assertThat(sim.miner().chain().unreadable().contains(0)).isTrue();
            assertThat(sim.miner().status(0, false).state()).isEqualTo(SectorState.Proving);
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
