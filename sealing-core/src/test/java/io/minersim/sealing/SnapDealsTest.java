package io.minersim.sealing;

import static io.minersim.sealing.SimulatedMiner.randomMarketDeal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapDealsTest {

    private static List<String> states(SimulatedMiner sim, long n) {
        return sim.moves(n).stream().map(s -> s.substring(0, s.indexOf('@'))).toList();
    }

    @Test
    void snapUpgradeGoesThroughToProvingWithTheDeal() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long n = sim.provingCc();
        SectorInfo before = sim.miner.status(n, true);
        sim.miner.markForUpgrade(n, true);
        assertThat(sim.state(n)).isEqualTo(SectorState.Available);

        SectorLocation at = sim.miner.addPieceToAny(1016, randomMarketDeal(77, sim.clock.head() + 1000)).get();
        assertThat(at).isEqualTo(new SectorLocation(n, 0));
        sim.miner.startSealing(n);
        sim.clock.advance(1);
        sim.miner.startSealing(n);
        sim.advanceUntil(n, SectorState.Proving, 2000);

        assertThat(states(sim, n)).endsWith("Proving", "Available", "SnapDealsWaitDeals", "SnapDealsAddPiece",
                "SnapDealsWaitDeals", "SnapDealsPacking", "UpdateReplica", "ProveReplicaUpdate",
                "FinalizeReplicaUpdate", "SubmitReplicaUpdate", "ReplicaUpdateWait", "UpdateActivating",
                "ReleaseSectorKey", "Proving");
        SectorInfo after = sim.miner.status(n, true);
        assertThat(after.deals()).containsExactly(77L, 0L);
        assertThat(after.replicaUpdateMessage()).isNotNull();
        assertThat(after.commD()).isNotEqualTo(before.commD());
        assertThat(after.commR()).isNotEqualTo(before.commR());
        assertThat(after.dealWeight()).isPositive();
        assertThat(after.activation()).isEqualTo(before.activation());
        assertThat(after.initialPledge()).isEqualTo(before.initialPledge());
    }

    @Test
    void abortFromAvailableReturnsToProving() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long n = sim.provingCc();
        sim.miner.markForUpgrade(n, true);
        sim.miner.abortUpgrade(n);
        assertThat(states(sim, n)).endsWith("Proving", "Available", "Proving");
    }

    @Test
    void abortMidUpgradeRestoresTheCommittedCapacityPieces() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long n = sim.provingCc();
        SectorInfo before = sim.miner.status(n, false);
        sim.miner.setSealDelay(Duration.ofHours(6));
        sim.miner.markForUpgrade(n, true);
        sim.miner.addPieceToAny(1016, randomMarketDeal(78, sim.clock.head() + 1000)).get();
        sim.advanceUntil(n, SectorState.SnapDealsWaitDeals, 10);
        sim.miner.abortUpgrade(n);
        sim.advanceUntil(n, SectorState.Proving, 10);
        assertThat(states(sim, n)).endsWith("SnapDealsWaitDeals", "AbortUpgrade", "Proving");
        SectorInfo after = sim.miner.status(n, false);
        assertThat(after.pieces()).isEqualTo(before.pieces());
        assertThat(after.commD()).isEqualTo(before.commD());
        assertThat(after.commR()).isEqualTo(before.commR());
    }

    @Test
    void markForUpgradeRefusesWhatLotusRefuses() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long cc = sim.provingCc();
        assertThatThrownBy(() -> sim.miner.markForUpgrade(cc, false)).isInstanceOf(SealingException.class)
                .hasMessage("non-snap upgrades are not supported");
        long sealing = sim.miner.pledgeSector();
        assertThatThrownBy(() -> sim.miner.markForUpgrade(sealing, true)).isInstanceOf(SectorStateException.class)
                .hasMessage("unable to snap-up sectors not in the 'Proving' state");
        sim.miner.addPieceToAny(2032, SimulatedMiner.marketDeal(5, 2032, PieceCommitments.zeroCommitment(2048),
                sim.clock.head() + 1000, 600_000, false)).get();
        long withDeals = sim.miner.list()[sim.miner.list().length - 1];
        sim.advanceUntil(withDeals, SectorState.Proving, 200);
        assertThatThrownBy(() -> sim.miner.markForUpgrade(withDeals, true))
                .isInstanceOf(SectorStateException.class).hasMessage("not a committed-capacity sector, has deals");
        assertThat(sim.state(cc)).isEqualTo(SectorState.Proving);
        assertThat(sim.miner.status(cc, true).dealWeight()).isEqualTo(BigInteger.ZERO);
    }
}
