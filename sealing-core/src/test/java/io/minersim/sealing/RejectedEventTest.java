package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.fsm.SectorState;
import org.junit.jupiter.api.Test;

class RejectedEventTest {

    @Test
    void anEventTheStateDoesNotTakeChangesNothingButTheLog() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.advanceUntil(n, SectorState.Proving, 100);
        SectorInfo before = sim.miner.status(n, true);
        long history = sim.miner.historySize();

        sim.miner.abortUpgrade(n);

        SectorInfo after = sim.miner.status(n, true);
        assertThat(after.state()).isEqualTo(SectorState.Proving);
        assertThat(sim.miner.historySize()).isEqualTo(history);
        assertThat(after.log()).hasSize(before.log().size() + 2);
        assertThat(after.log().subList(0, before.log().size())).isEqualTo(before.log());
        SectorLogEntry event = after.log().get(before.log().size());
        SectorLogEntry error = after.log().get(before.log().size() + 1);
        assertThat(event.kind()).isEqualTo("event;sealing.SectorAbortUpgrade");
        assertThat(error.kind()).isEqualTo("error;*xerrors.wrapError");
        assertThat(error.message()).isEqualTo("state machine error: running planner for state Proving failed: "
                + "planner for state Proving received unexpected event sealing.SectorAbortUpgrade ({User:{}})");
        assertThat(after.lastErr()).isEqualTo(before.lastErr());
        assertThat(after.commR()).isEqualTo(before.commR());
    }

    @Test
    void startSealingOutsideWaitDealsIsSilentlyIgnored() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.clock.advance(2);
        int logSize = sim.miner.status(n, false).log().size();
        sim.miner.startSealing(n);
        assertThat(sim.miner.status(n, false).log()).hasSize(logSize);
    }

    @Test
    void unknownSectorsAreRefusedAndNothingIsCreated() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        assertThatThrownBy(() -> sim.miner.status(9, false)).isInstanceOf(SectorNotFoundException.class)
                .hasMessage("sector 9 not found");
        assertThatThrownBy(() -> sim.miner.forceState(9, SectorState.Proving))
                .isInstanceOf(SectorNotFoundException.class);
        assertThatThrownBy(() -> sim.miner.remove(9)).isInstanceOf(SectorNotFoundException.class);
        assertThatThrownBy(() -> sim.miner.terminate(9)).isInstanceOf(SectorNotFoundException.class);
        assertThatThrownBy(() -> sim.miner.startSealing(9)).isInstanceOf(SectorNotFoundException.class);
        assertThatThrownBy(() -> sim.miner.abortUpgrade(9)).isInstanceOf(SectorNotFoundException.class);
        assertThat(sim.miner.sectorCount()).isZero();
        assertThat(sim.miner.historySize()).isZero();
    }

    @Test
    void forcingCommittingRerunsTheProof() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.advanceUntil(n, SectorState.Proving, 100);
        sim.miner.forceState(n, SectorState.Committing);
        assertThat(sim.state(n)).isEqualTo(SectorState.Committing);
        assertThat(sim.miner.status(n, false).log()).last()
                .satisfies(e -> assertThat(e.message()).isEqualTo("{\"User\":{\"State\":\"Committing\"}}"));
        sim.clock.advance(1);
        assertThat(sim.state(n)).isEqualTo(SectorState.SubmitCommitAggregate);
    }

    @Test
    void tooManySectorsSealingRefusesAPledge() {
        SimulatedMiner sim = new SimulatedMiner(MinerConfig.of(Profile.DEVNET)
                .withSealing(SealingConfig.devnet().withLimits(2, 2, 0)));
        sim.miner.pledgeSector();
        sim.miner.pledgeSector();
        assertThatThrownBy(sim.miner::pledgeSector).isInstanceOf(SealingException.class)
                .hasMessage("too many sectors sealing (curSealing: 2, max: 2)");
        assertThat(sim.miner.sectorCount()).isEqualTo(2);
    }
}
