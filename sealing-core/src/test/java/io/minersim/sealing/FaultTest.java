package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.fsm.SectorState;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultTest {

    private static long provingSector(SimulatedMiner sim) {
        long n = sim.miner.pledgeSector();
        sim.advanceUntil(n, SectorState.Proving, 100);
        return n;
    }

    @Test
    void aFaultLeftLongerThanFaultMaxAgeEndsTerminated() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = provingSector(sim);
        long faultAt = sim.clock.head();
        sim.miner.declareFaults(List.of(n), true);
        assertThat(sim.state(n)).isEqualTo(SectorState.FaultReported);
        long maxAge = sim.config.policy().faultMaxAge();
        assertThat(sim.miner.status(n, true).early()).isEqualTo(faultAt + maxAge);

        sim.clock.advanceTo(faultAt + maxAge - 1);
        assertThat(sim.state(n)).isEqualTo(SectorState.FaultReported);
        sim.clock.advanceTo(faultAt + maxAge);
        assertThat(sim.state(n)).isEqualTo(SectorState.FaultedFinal);
        assertThat(sim.miner.history(0, Integer.MAX_VALUE)).last().satisfies(e -> {
            assertThat(e.from()).isEqualTo(SectorState.FaultReported);
            assertThat(e.to()).isEqualTo(SectorState.FaultedFinal);
            assertThat(e.epoch()).isEqualTo(faultAt + maxAge);
        });
    }

    @Test
    void aRecoveredFaultReturnsToProvingAndStopsTheClock() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = provingSector(sim);
        sim.miner.declareFaults(List.of(n), false);
        assertThat(sim.state(n)).isEqualTo(SectorState.Faulty);
        sim.clock.advance(100);
        sim.miner.recoverFaults(List.of(n));
        assertThat(sim.state(n)).isEqualTo(SectorState.Proving);
        assertThat(sim.miner.status(n, true).early()).isZero();
        sim.clock.advance(sim.config.policy().faultMaxAge());
        assertThat(sim.state(n)).isEqualTo(SectorState.Proving);
    }

    @Test
    void faultsOnSectorsThatAreNotProvingAreRefusedAndChangeNothing() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long proving = provingSector(sim);
        long sealing = sim.miner.pledgeSector();
        long history = sim.miner.historySize();
        assertThatThrownBy(() -> sim.miner.declareFaults(List.of(proving, sealing), true))
                .isInstanceOf(SectorStateException.class).hasMessageContaining("only Proving sectors");
        assertThatThrownBy(() -> sim.miner.declareFaults(List.of(proving, 99L), true))
                .isInstanceOf(SectorNotFoundException.class);
        assertThatThrownBy(() -> sim.miner.recoverFaults(List.of(proving)))
                .isInstanceOf(SectorStateException.class).hasMessageContaining("not faulty");
        assertThat(sim.state(proving)).isEqualTo(SectorState.Proving);
        assertThat(sim.miner.historySize()).isEqualTo(history);
    }
}
