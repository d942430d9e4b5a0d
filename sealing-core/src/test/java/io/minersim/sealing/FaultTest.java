package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.proving.DeadlineInfo;
import io.minersim.sealing.proving.SectorCounts;
import io.minersim.sealing.proving.SectorPlace;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Faults as the chain sees them: a sector the miner cannot read is skipped in its deadline's Window
 * PoSt and becomes faulty on chain, a missed PoSt makes a partition faulty at the deadline's close,
 * recoveries are declared and proven, FaultMaxAge terminates; the sealing state stays Proving.
 */
class FaultTest {

    private static long provingSector(SimulatedMiner sim) {
        long n = sim.miner.pledgeSector();
        sim.advanceUntil(n, SectorState.Proving, 100);
        return n;
    }

    /** The epoch just after the next close of the sector's deadline. */
    private static long afterNextClose(SimulatedMiner sim, long n) {
        SectorPlace at = sim.miner.chain().place(n).orElseThrow();
        long ps = sim.miner.chain().provingDeadline().periodStart();
        return DeadlineInfo.of(ps, at.deadline(), sim.clock.head()).nextNotElapsed().close();
    }

    private static List<SectorEvent> chainEvents(SimulatedMiner sim, long n) {
        return sim.miner.history(0, Integer.MAX_VALUE).stream().filter(e -> e.sector() == n)
                .map(HistoryEvent::event).filter(SectorEvent::isChainOnly).toList();
    }

    @Test
    void anActivatedSectorIsLiveButUnprovenUntilItsDeadlinesFirstPoSt() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = provingSector(sim);
        ChainView chain = sim.miner.chain();
        assertThat(chain.place(n)).isPresent();
        assertThat(chain.sectorCounts()).isEqualTo(new SectorCounts(1, 0, 0));
        assertThat(chain.activeSectors().isEmpty()).isTrue();
        assertThat(chain.power().raw()).isZero();

        sim.clock.advanceTo(afterNextClose(sim, n));
        assertThat(chain.sectorCounts()).isEqualTo(new SectorCounts(1, 1, 0));
        assertThat(chain.activeSectors()).isEqualTo(BitField.of(n));
        assertThat(chain.power().raw()).isEqualTo(sim.config.sectorSize().bytes());
        assertThat(chain.messages()).anySatisfy(m -> assertThat(m.method()).isEqualTo(5));
        assertThat(sim.state(n)).isEqualTo(SectorState.Proving);
    }

    @Test
    void anUnreadableSectorIsSkippedInItsPoStAndFaultsOnChainWhileStayingProving() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = provingSector(sim);
        sim.clock.advanceTo(afterNextClose(sim, n));
        long history = sim.miner.historySize();

        sim.miner.declareFaults(List.of(n), true);
        assertThat(sim.miner.chain().faults().isEmpty()).as("not before its deadline's PoSt").isTrue();
        assertThat(sim.miner.historySize()).isEqualTo(history);

        sim.clock.advanceTo(afterNextClose(sim, n));
        ChainView chain = sim.miner.chain();
        assertThat(chain.faults()).isEqualTo(BitField.of(n));
        assertThat(chain.sectorCounts()).isEqualTo(new SectorCounts(1, 0, 1));
        assertThat(chain.power().raw()).isZero();
        assertThat(sim.state(n)).isEqualTo(SectorState.Proving);
        assertThat(chainEvents(sim, n)).containsExactly(SectorEvent.SectorFaultDetected);
        SectorInfo info = sim.miner.status(n, true);
        assertThat(info.onTime()).isZero();
        assertThat(info.early()).isPositive();
        assertThat(info.log()).noneMatch(e -> e.kind().contains("Fault"));
    }

    @Test
    void aRecoveredSectorIsDeclaredThenProvenByItsNextPoSt() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = provingSector(sim);
        sim.miner.declareFaults(List.of(n), false);
        sim.clock.advanceTo(afterNextClose(sim, n));
        assertThat(sim.miner.chain().faults()).isEqualTo(BitField.of(n));

        sim.miner.recoverFaults(List.of(n));
        assertThat(sim.miner.chain().unreadable().isEmpty()).isTrue();
        sim.clock.advanceTo(afterNextClose(sim, n));
        ChainView chain = sim.miner.chain();
        assertThat(chain.faults().isEmpty()).isTrue();
        assertThat(chain.activeSectors()).isEqualTo(BitField.of(n));
        assertThat(chain.messages()).anySatisfy(m -> assertThat(m.method()).isEqualTo(11));
        assertThat(chainEvents(sim, n)).containsExactly(SectorEvent.SectorFaultDetected,
                SectorEvent.SectorFaultRecovered);
        assertThat(sim.miner.status(n, true).early()).isZero();
        assertThat(sim.miner.status(n, true).onTime()).isGreaterThanOrEqualTo(sim.miner.status(n, true).expiration());
    }

    @Test
    void recoverFaultDeclaresNowInOneMessageAndALateDeclarationHasNoEffect() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = provingSector(sim);
        SectorPlace at = sim.miner.chain().place(n).orElseThrow();
        sim.miner.missPoSt(at.deadline(), List.of());
        sim.clock.advanceTo(afterNextClose(sim, n));
        assertThat(sim.miner.chain().faults()).isEqualTo(BitField.of(n));
        int sent = sim.miner.chain().messages().size();

        io.minersim.sealing.commitment.Cid cid = sim.miner.recoverFault(List.of(n));
        List<ChainMessage> messages = sim.miner.chain().messages();
        assertThat(messages).hasSize(sent + 1);
        assertThat(messages.get(sent).method()).isEqualTo(11);
        assertThat(messages.get(sent).cid()).isEqualTo(cid);
        assertThat(sim.miner.chain().recoveries()).isEqualTo(BitField.of(n));
        sim.clock.advanceTo(afterNextClose(sim, n));
        assertThat(sim.miner.chain().faults().isEmpty()).as("proven by the deadline's next PoSt").isTrue();

        sim.miner.declareFaults(List.of(n), true); // unreadable: the scheduler declares no recovery by itself
        sim.clock.advanceTo(afterNextClose(sim, n));
        long ps = sim.miner.chain().provingDeadline().periodStart();
        sim.clock.advanceTo(DeadlineInfo.of(ps, at.deadline(), sim.clock.head()).nextNotElapsed().faultCutoff());
        int late = sim.miner.chain().messages().size();
        sim.miner.recoverFault(List.of(n));
        assertThat(sim.miner.chain().recoveries().isEmpty()).as("past the fault cutoff the message fails").isTrue();
        assertThat(sim.miner.chain().messages()).as("but it is sent").hasSize(late + 1);

        int before = sim.miner.chain().messages().size();
        assertThatThrownBy(() -> sim.miner.recoverFault(List.of(n, 999L))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("failed to fetch partition and deadline details for sector 999: sector 999 not"
                        + " due at any deadline");
        assertThat(sim.miner.chain().messages()).hasSize(before);
    }

    @Test
    void aMissedPoStIsDetectedAtTheDeadlinesClose() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = provingSector(sim);
        sim.clock.advanceTo(afterNextClose(sim, n));
        int deadline = sim.miner.chain().place(n).orElseThrow().deadline();
        sim.miner.missPoSt(deadline, List.of());
        sim.clock.advanceTo(afterNextClose(sim, n));
        assertThat(sim.miner.chain().faults()).isEqualTo(BitField.of(n));
        assertThat(sim.miner.history(0, Integer.MAX_VALUE)).filteredOn(e -> e.sector() == n
                && e.event() == SectorEvent.SectorFaultDetected).singleElement()
                .satisfies(e -> assertThat((e.epoch() + 1 - sim.miner.chain().provingDeadline().periodStart())
                        % DeadlineInfo.CHALLENGE_WINDOW).isZero());
        // the miner can read it: it declares and proves the recovery by itself
        sim.clock.advanceTo(afterNextClose(sim, n));
        assertThat(sim.miner.chain().faults().isEmpty()).isTrue();
    }

    @Test
    void aFaultLeftLongerThanFaultMaxAgeIsTerminatedEarlyByTheChainAndStaysProving() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = provingSector(sim);
        sim.miner.declareFaults(List.of(n), true);
        sim.clock.advanceTo(afterNextClose(sim, n));
        long early = sim.miner.status(n, true).early();
        assertThat(early).isPositive();
        sim.clock.advanceTo(early);
        assertThat(sim.miner.chain().sectorCounts()).isEqualTo(new SectorCounts(0, 0, 0));
        assertThat(sim.state(n)).isEqualTo(SectorState.Proving);
        assertThat(sim.miner.history(0, Integer.MAX_VALUE)).last().satisfies(e -> {
            assertThat(e.event()).isEqualTo(SectorEvent.SectorFaultedFinal);
            assertThat(e.epoch()).isEqualTo(early);
        });
        assertThat(sim.miner.chain().expiration(n)).isEmpty();
        assertThat(sim.miner.chain().onChainSectors()).isEqualTo(BitField.of(n));
    }

    @Test
    void faultsOnSectorsTheChainDoesNotProveAreRefusedAndChangeNothing() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long proving = provingSector(sim);
        long sealing = sim.miner.pledgeSector();
        long history = sim.miner.historySize();
        assertThatThrownBy(() -> sim.miner.declareFaults(List.of(proving, sealing), true))
                .isInstanceOf(SectorStateException.class).hasMessageContaining("not active on chain");
        assertThatThrownBy(() -> sim.miner.declareFaults(List.of(proving, 99L), true))
                .isInstanceOf(SectorNotFoundException.class);
        assertThatThrownBy(() -> sim.miner.recoverFaults(List.of(proving)))
                .isInstanceOf(SectorStateException.class).hasMessageContaining("neither unreadable nor faulty");
        assertThatThrownBy(() -> sim.miner.missPoSt(48, List.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("invalid deadline 48 of 48");
        assertThatThrownBy(() -> sim.miner.missPoSt(0, List.of(7L)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no partition 7");
        assertThat(sim.miner.chain().unreadable().isEmpty()).isTrue();
        assertThat(sim.state(proving)).isEqualTo(SectorState.Proving);
        assertThat(sim.miner.historySize()).isEqualTo(history);
    }
}
