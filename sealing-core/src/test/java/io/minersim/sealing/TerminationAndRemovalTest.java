package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.fsm.SectorState;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TerminationAndRemovalTest {

    private static long provingSector(SimulatedMiner sim) {
        long n = sim.miner.pledgeSector();
        sim.advanceUntil(n, SectorState.Proving, 100);
        return n;
    }

    private static List<String> statesOnly(List<String> moves) {
        return moves.stream().map(s -> s.substring(0, s.indexOf('@'))).toList();
    }

    @Test
    void terminatingAProvingSectorGoesThroughTheBatcherToRemoved() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = provingSector(sim);
        assertThat(sim.miner.terminateFlush()).isEmpty();

        sim.miner.terminate(n);
        assertThat(sim.state(n)).isEqualTo(SectorState.Terminating);
        assertThat(sim.miner.terminatePending()).containsExactly(n);
        long sent = sim.clock.head();
        Cid message = sim.miner.terminateFlush().orElseThrow();
        assertThat(message.toString()).startsWith("bafy2bza");
        assertThat(sim.miner.terminatePending()).isEmpty();
        assertThat(sim.state(n)).isEqualTo(SectorState.TerminateWait);

        long terminatedAt = sent + 1;
        long finality = sim.config.policy().chainFinality();
        sim.clock.advanceTo(terminatedAt + sim.config.policy().messageConfidence());
        assertThat(sim.state(n)).isEqualTo(SectorState.TerminateFinality);
        sim.clock.advanceTo(terminatedAt + finality - 1);
        assertThat(sim.state(n)).isEqualTo(SectorState.TerminateFinality);
        sim.advanceUntil(n, SectorState.Removed, 5);
        assertThat(statesOnly(sim.moves(n))).endsWith("Proving", "Terminating", "TerminateWait",
                "TerminateFinality", "Removing", "Removed");
        assertThat(sim.miner.summary()).containsOnlyKeys(SectorState.Removed);
        assertThat(sim.miner.list()).containsExactly(n);
        assertThat(sim.miner.status(n, false).log()).extracting(SectorLogEntry::kind)
                .contains("event;sealing.SectorTerminating", "event;sealing.SectorTerminated");
    }

    @Test
    void terminateBatcherSendsAfterItsWait() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = provingSector(sim);
        sim.miner.terminate(n);
        long wait = sim.config.policy().epochsCovering(sim.config.sealing().terminateBatchWait().getSeconds());
        long start = sim.clock.head();
        sim.clock.advanceTo(start + wait - 1);
        assertThat(sim.miner.terminatePending()).containsExactly(n);
        sim.clock.advanceTo(start + wait);
        assertThat(sim.miner.terminatePending()).isEmpty();
        assertThat(sim.state(n)).isEqualTo(SectorState.TerminateWait);
    }

    @Test
    void terminatingASectorThatNeverReachedTheChainRemovesIt() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.miner.terminate(n);
        sim.advanceUntil(n, SectorState.Removed, 10);
        assertThat(statesOnly(sim.moves(n))).containsExactly("Packing", "Terminating", "Removing", "Removed");
    }

    @Test
    void terminatingAPreCommittedUnprovenSectorPausesInTerminateFailed() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.advanceUntil(n, SectorState.WaitSeed, 100);
        sim.miner.terminate(n);
        assertThat(sim.state(n)).isEqualTo(SectorState.TerminateFailed);
        assertThat(sim.miner.status(n, false).lastErr())
                .isEqualTo("sector was precommitted but not proven, remove instead of terminating");
        sim.clock.advance(1000);
        assertThat(sim.state(n)).isEqualTo(SectorState.TerminateFailed);
    }

    @Test
    void removingASectorEndsInRemovedAndRemovedIgnoresEverything() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = provingSector(sim);
        sim.miner.remove(n);
        sim.advanceUntil(n, SectorState.Removed, 10);
        int logSize = sim.miner.status(n, false).log().size();
        long history = sim.miner.historySize();
        sim.miner.remove(n);
        sim.miner.terminate(n);
        sim.miner.forceState(n, SectorState.Proving);
        assertThat(sim.state(n)).isEqualTo(SectorState.Removed);
        assertThat(sim.miner.status(n, false).log()).hasSize(logSize);
        assertThat(sim.miner.historySize()).isEqualTo(history);
        assertThat(sim.miner.listInStates(Set.of(SectorState.Removed))).containsExactly(n);
    }

    @Test
    void removingASectorInTheBatcherTakesItOutOfTheQueue() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.advanceUntil(n, SectorState.SubmitPreCommitBatch, 20);
        assertThat(sim.miner.preCommitPending()).containsExactly(n);
        sim.miner.remove(n);
        assertThat(sim.miner.preCommitPending()).isEmpty();
        assertThat(sim.miner.preCommitFlush()).isEmpty();
    }
}
