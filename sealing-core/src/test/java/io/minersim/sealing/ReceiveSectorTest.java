package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.fsm.SectorState;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceiveSectorTest {

    @Test
    void aReceivedSectorPassesThroughReceiveSectorIntoItsTarget() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        sim.clock.advance(1000);
        sim.miner.receive(42, SectorState.Proving, List.of());
        assertThat(sim.state(42)).isEqualTo(SectorState.ReceiveSector);
        sim.clock.advance(1);
        assertThat(sim.state(42)).isEqualTo(SectorState.Proving);
        SectorInfo info = sim.miner.status(42, true);
        assertThat(info.activation()).isEqualTo(1000);
        assertThat(info.commR()).isNotNull();
        assertThat(sim.miner.numAssignerMeta().allocated().contains(42)).isTrue();
        assertThat(sim.miner.pledgeSector()).isZero();
    }

    @Test
    void aReceivedSectorForPackingSealsFromThere() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        sim.miner.receive(7, SectorState.Packing, List.of());
        sim.advanceUntil(7, SectorState.Proving, 100);
        assertThat(sim.moves(7).get(0)).isEqualTo("ReceiveSector@0");
        assertThat(sim.moves(7).get(1)).isEqualTo("Packing@1");
    }

    @Test
    void receivingAnExistingNumberOrIntoAnotherStateIsRefused() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        assertThatThrownBy(() -> sim.miner.receive(n, SectorState.Proving, List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessage("sector 0 state already exists");
        assertThatThrownBy(() -> sim.miner.receive(5, SectorState.WaitSeed, List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("cannot receive a sector into state");
        assertThat(sim.miner.sectorCount()).isEqualTo(1);
    }
}
