package io.minersim.sealing;

import static io.minersim.sealing.SimulatedMiner.randomMarketDeal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the chain does to sectors by itself or through Sim.*: extension, expiration, passive termination, deal expiry. */
class ChainEventsTest {

    private static HistoryEvent lastEvent(SimulatedMiner sim) {
        return sim.miner.history(sim.miner.historySize() - 1, 1).get(0);
    }

    /** Everything a refused call must leave as it was. */
    private static String fingerprint(SimulatedMiner sim) {
        StringBuilder sb = new StringBuilder();
        sb.append(sim.miner.historySize()).append(sim.miner.summary()).append(sim.miner.expiredDeals());
        for (long n : sim.miner.list()) {
            SectorInfo i = sim.miner.status(n, true);
            sb.append(n).append(i.state()).append(i.expiration()).append(i.log().size());
        }
        return sb.toString();
    }

    /** A miner whose sector 0 holds deal {@code dealId} (starting at 5000) and is sealing, in {@code state}. */
    private static SimulatedMiner dealSectorIn(long dealId, SectorState state, long maxEpochs) throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        sim.miner.addPieceToAny(1016, randomMarketDeal(dealId, 5000)).get();
        sim.miner.startSealing(0);
        sim.advanceUntil(0, state, maxEpochs);
        return sim;
    }

    /** The state names of {@code State@epoch} moves. */
    private static List<String> stateNames(List<String> moves) {
        return moves.stream().map(m -> m.substring(0, m.indexOf('@'))).toList();
    }

    // ------------------------------------------------------------------------------------ extension

    @Test
    void extendingAProvingSectorMovesItsExpirationAndIsRecordedWithoutAMove() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long n = sim.provingCc();
        sim.clock.advance(20_000); // a new sector's expiration sits at the furthest the chain allows
        SectorInfo before = sim.miner.status(n, true);
        long newExpiration = before.expiration() + 10_000;

        sim.miner.extendSectors(List.of(n), newExpiration);

        SectorInfo after = sim.miner.status(n, true);
        assertThat(after.state()).isEqualTo(SectorState.Proving);
        assertThat(after.expiration()).isEqualTo(newExpiration);
        assertThat(after.onTime()).as("quantized to its deadline's last epoch")
                .isBetween(newExpiration, newExpiration + io.minersim.sealing.proving.DeadlineInfo.PROVING_PERIOD - 1);
        assertThat(after.activation()).isEqualTo(before.activation());
        assertThat(after.dealWeight()).isEqualTo(before.dealWeight());
        assertThat(lastEvent(sim)).satisfies(e -> {
            assertThat(e.event()).isEqualTo(SectorEvent.SectorExtended);
            assertThat(e.from()).isEqualTo(SectorState.Proving);
            assertThat(e.to()).isEqualTo(SectorState.Proving);
            assertThat(e.sector()).isEqualTo(n);
        });
        assertThat(after.log()).last().satisfies(l -> {
            assertThat(l.kind()).isEqualTo("event;sealing.SectorExtended");
            assertThat(l.message()).isEqualTo("{\"User\":{\"NewExpiration\":" + newExpiration + "}}");
        });
    }

    @Test
    void anExtendedSectorExpiresAtItsNewExpirationNotItsOldOne() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long n = sim.provingCc();
        long old = sim.miner.status(n, true).expiration();
        long oldOnTime = sim.miner.status(n, true).onTime();
        sim.clock.advance(4_000);
        sim.miner.extendSectors(List.of(n), old + 3_000);
        long newOnTime = sim.miner.status(n, true).onTime();
        assertThat(newOnTime).isGreaterThan(oldOnTime);
        sim.clock.advanceTo(oldOnTime + 1);
        assertThat(sim.miner.history(0, Integer.MAX_VALUE)).noneMatch(e -> e.event() == SectorEvent.SectorExpired);
        sim.clock.advanceTo(newOnTime);
        assertThat(lastEvent(sim).event()).isEqualTo(SectorEvent.SectorExpired);
        assertThat(lastEvent(sim).epoch()).isEqualTo(newOnTime);
    }

    @Test
    void extensionIsAllOrNothingAndRefusesEveryBadSector() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long proving = sim.provingCc();
        long sealing = sim.miner.pledgeSector();
        long expiration = sim.miner.status(proving, true).expiration();
        String before = fingerprint(sim);

        assertThatThrownBy(() -> sim.miner.extendSectors(List.of(proving, 99L), expiration + 10))
                .isInstanceOf(SectorNotFoundException.class).hasMessage("sector 99 not found");
        assertThatThrownBy(() -> sim.miner.extendSectors(List.of(proving, sealing), expiration + 10))
                .isInstanceOf(SectorStateException.class)
                .hasMessage("cannot extend sector " + sealing + ": it is not active on chain (state Packing)");
        assertThatThrownBy(() -> sim.miner.extendSectors(List.of(proving), expiration - 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("cannot reduce sector " + proving + " expiration to " + (expiration - 1) + " from "
                        + expiration);
        assertThatThrownBy(() -> sim.miner.extendSectors(List.of(proving), expiration))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("already expires at epoch");
        long head = sim.clock.head();
        long max = sim.config.policy().maxSectorExpirationExtension();
        assertThatThrownBy(() -> sim.miner.extendSectors(List.of(proving), head + max + 1))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot be more than " + max + " past current epoch " + head);
        assertThat(fingerprint(sim)).isEqualTo(before);

        sim.miner.extendSectors(List.of(proving), head + max);
        assertThat(sim.miner.status(proving, true).expiration()).isEqualTo(head + max);
    }

    @Test
    void extensionCannotTakeASectorPastItsProofsMaximumLifetime() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long n = sim.provingCc();
        long activation = sim.miner.status(n, true).activation();
        ChainPolicyView p = new ChainPolicyView(sim);
        sim.miner.extendSectors(List.of(n), sim.clock.head() + p.maxExtension);
        sim.clock.advanceTo(2_000_000);
        long tooLong = activation + p.maxLifetime + 1;
        assertThat(tooLong).isLessThanOrEqualTo(sim.clock.head() + p.maxExtension);
        assertThatThrownBy(() -> sim.miner.extendSectors(List.of(n), tooLong))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cannot exceed " + p.maxLifetime + " after activation " + activation);
        sim.miner.extendSectors(List.of(n), tooLong - 1);
        assertThat(sim.miner.status(n, true).expiration()).isEqualTo(tooLong - 1);
    }

    private record ChainPolicyView(long maxExtension, long maxLifetime) {
        ChainPolicyView(SimulatedMiner sim) {
            this(sim.config.policy().maxSectorExpirationExtension(), sim.config.policy().sectorMaxLifetime());
        }
    }

    // ------------------------------------------------------------------------------------ expiration

    @Test
    void aSectorExpiresAtItsDeadlinesCloseAfterItsExpirationAndStaysInProving() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long n = sim.provingCc();
        long expiration = sim.miner.status(n, true).expiration();
        long onTime = sim.miner.status(n, true).onTime();
        assertThat(onTime).isBetween(expiration, expiration + io.minersim.sealing.proving.DeadlineInfo.PROVING_PERIOD - 1);

        sim.clock.advanceTo(onTime - 1);
        assertThat(sim.miner.history(0, Integer.MAX_VALUE)).noneMatch(e -> e.event() == SectorEvent.SectorExpired);
        sim.clock.advanceTo(onTime);

        assertThat(sim.state(n)).as("a lotus-miner keeps an expired sector in Proving").isEqualTo(SectorState.Proving);
        assertThat(lastEvent(sim)).satisfies(e -> {
            assertThat(e.event()).isEqualTo(SectorEvent.SectorExpired);
            assertThat(e.from()).isEqualTo(SectorState.Proving);
            assertThat(e.to()).isEqualTo(SectorState.Proving);
            assertThat(e.epoch()).isEqualTo(onTime);
        });
        assertThat(sim.miner.status(n, true).expiration()).as("on-chain info stays until compaction")
                .isEqualTo(expiration);
        assertThat(sim.miner.chain().expiration(n)).isEmpty();
        assertThat(sim.miner.chain().sectorCounts().live()).isZero();
    }

    @Test
    void anExpiredSectorCanNoLongerFaultRecoverExtendOrBeUpgraded() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long n = sim.provingCc();
        long expiration = sim.miner.status(n, true).expiration();
        long onTime = sim.miner.status(n, true).onTime();
        sim.clock.advanceTo(onTime);
        String before = fingerprint(sim);

        assertThatThrownBy(() -> sim.miner.declareFaults(List.of(n), true)).isInstanceOf(SectorStateException.class)
                .hasMessage("sector " + n + " expired at epoch " + onTime + " (expiration " + expiration
                        + "); it can no longer become faulty");
        assertThatThrownBy(() -> sim.miner.extendSectors(List.of(n), expiration + 100))
                .isInstanceOf(SectorStateException.class).hasMessageContaining("it can no longer be extended");
        assertThatThrownBy(() -> sim.miner.markForUpgrade(n, true)).isInstanceOf(SectorStateException.class)
                .hasMessage("cannot mark inactive sector for upgrade");
        assertThat(fingerprint(sim)).isEqualTo(before);
    }

    @Test
    void terminatingAnExpiredSectorSendsNoMessageAndEndsRemovedAsLotusDoes() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long n = sim.provingCc();
        sim.clock.advanceTo(sim.miner.status(n, true).onTime());

        sim.miner.terminate(n);
        assertThat(sim.miner.terminatePending()).as("not in the live set: nothing to batch").isEmpty();
        assertThat(sim.state(n)).isEqualTo(SectorState.TerminateFinality);
        assertThat(sim.miner.status(n, false).log()).anySatisfy(l -> {
            assertThat(l.kind()).isEqualTo("event;sealing.SectorTerminating");
            assertThat(l.message()).isEqualTo("{\"User\":{\"Message\":null}}");
        });
        sim.advanceUntil(n, SectorState.Removed, 2000);
        assertThat(sim.miner.terminateFlush()).isEmpty();
    }

    @Test
    void aFaultySectorThatExpiresIsNotTerminatedLaterByFaultMaxAge() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long n = sim.provingCc();
        long onTime = sim.miner.status(n, true).onTime();
        sim.clock.advanceTo(onTime - 2 * io.minersim.sealing.proving.DeadlineInfo.PROVING_PERIOD);
        sim.miner.declareFaults(List.of(n), false);
        sim.clock.advanceTo(onTime);
        assertThat(sim.miner.history(0, Integer.MAX_VALUE)).filteredOn(e -> e.sector() == n)
                .extracting(HistoryEvent::event).endsWith(SectorEvent.SectorFaultDetected, SectorEvent.SectorExpired);
        assertThatThrownBy(() -> sim.miner.recoverFaults(List.of(n))).isInstanceOf(SectorStateException.class)
                .hasMessageContaining("it can no longer recover");

        sim.clock.advance(sim.config.policy().faultMaxAge() + 10);
        assertThat(sim.state(n)).isEqualTo(SectorState.Proving);
        assertThat(sim.miner.history(0, Integer.MAX_VALUE)).noneMatch(e -> e.event() == SectorEvent.SectorFaultedFinal);
    }

    @Test
    void sectorsExpiringAtTheSameEpochLeaveTogetherInNumberOrder() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        for (int i = 0; i < 40; i++) {
            sim.miner.pledgeSector();
        }
        sim.advanceUntil(39, SectorState.Proving, 200);
        long latest = 0;
        for (long n : sim.miner.list()) {
            latest = Math.max(latest, sim.miner.status(n, true).onTime());
        }
        long seqBefore = sim.miner.historySize();
        sim.clock.advanceTo(latest);
        List<HistoryEvent> expired = sim.miner.history(seqBefore, Integer.MAX_VALUE);
        assertThat(expired).hasSize(40).allMatch(e -> e.event() == SectorEvent.SectorExpired);
        assertThat(expired).extracting(HistoryEvent::epoch).isSortedAccordingTo(Long::compare);
        for (int i = 1; i < expired.size(); i++) {
            if (expired.get(i).epoch() == expired.get(i - 1).epoch()) {
                assertThat(expired.get(i).sector()).isGreaterThan(expired.get(i - 1).sector());
            }
        }
    }

    // ------------------------------------------------------------------------------------ passive termination

    @Test
    void faultMaxAgeTerminatesByTheClockAloneAndIsRecordedApartFromAnActiveTermination() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        long passive = sim.provingCc();
        long active = sim.provingCc();
        sim.miner.declareFaults(List.of(passive), false);
        sim.miner.terminate(active);
        sim.clock.advance(io.minersim.sealing.proving.DeadlineInfo.PROVING_PERIOD + 60);
        long early = sim.miner.status(passive, true).early();
        assertThat(early).isPositive();

        sim.clock.advanceTo(early); // clock steps only, no call on the sector

        assertThat(sim.state(passive)).isEqualTo(SectorState.Proving);
        List<HistoryEvent> all = sim.miner.history(0, Integer.MAX_VALUE);
        assertThat(all).filteredOn(e -> e.sector() == passive && e.event() == SectorEvent.SectorFaultedFinal)
                .singleElement().satisfies(e -> assertThat(e.epoch()).isEqualTo(early));
        assertThat(all).filteredOn(e -> e.sector() == active && e.to() == SectorState.Terminating)
                .singleElement().satisfies(e -> assertThat(e.event()).isEqualTo(SectorEvent.SectorTerminate));
        assertThat(all).filteredOn(e -> e.sector() == passive).noneMatch(e -> e.event() == SectorEvent.SectorTerminate);
        assertThatThrownBy(() -> sim.miner.extendSectors(List.of(passive), sim.clock.head() + 1000))
                .isInstanceOf(SectorStateException.class).hasMessageContaining("was terminated at epoch");
    }

    @Test
    void aSealingSectorWithAnExpiredDealFollowsTheDealsExpiredPathToRemoved() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        sim.miner.addPieceToAny(1016, randomMarketDeal(41, 5000)).get();
        sim.clock.advance(1);
        assertThat(sim.state(0)).isEqualTo(SectorState.WaitDeals);

        sim.miner.expireDeals(List.of(41L));
        assertThat(sim.state(0)).as("the check comes at PreCommit1").isEqualTo(SectorState.WaitDeals);
        sim.miner.startSealing(0);
        List<String> walk = sim.walk(0, SectorState.Removed, 100);
        assertThat(stateNames(walk)).containsSubsequence("PreCommit1", "DealsExpired", "Removing", "Removed");
        assertThat(sim.miner.status(0, false).lastErr()).contains("deal 41 expired on chain");
        assertThat(sim.miner.expiredDeals()).containsExactly(41L);
    }

    @Test
    void aSectorInAStateWithADealsExpiredEdgeGivesUpAtOnce() throws Exception {
        SimulatedMiner sim = dealSectorIn(42, SectorState.PreCommit1, 50);
        sim.miner.expireDeals(List.of(42L));
        assertThat(stateNames(sim.moves(0))).endsWith("PreCommit1", "DealsExpired", "Removing");
    }

    @Test
    void aSectorPreCommittedWithAnExpiredDealFailsItsCommitIntoDealsExpired() throws Exception {
        SimulatedMiner sim = dealSectorIn(43, SectorState.WaitSeed, 100);
        sim.miner.expireDeals(List.of(43L));
        List<String> states = stateNames(sim.walk(0, SectorState.Removed, 200));
        assertThat(states).containsSubsequence("WaitSeed", "Committing", "SubmitCommitAggregate", "CommitFailed",
                "DealsExpired", "Removing", "Removed");
    }

    @Test
    void aProvingSectorKeepsItsOnChainDealWeightWhenItsDealExpires() throws Exception {
        SimulatedMiner sim = dealSectorIn(44, SectorState.Proving, 200);
        SectorInfo before = sim.miner.status(0, true);
        assertThat(before.dealWeight()).isGreaterThan(BigInteger.ZERO);
        long history = sim.miner.historySize();

        sim.miner.expireDeals(List.of(44L));
        sim.clock.advance(100);

        SectorInfo after = sim.miner.status(0, true);
        assertThat(after.state()).isEqualTo(SectorState.Proving);
        assertThat(after.dealWeight()).isEqualTo(before.dealWeight());
        assertThat(after.initialPledge()).isEqualTo(before.initialPledge());
        assertThat(sim.miner.historySize()).isEqualTo(history);
    }

    @Test
    void unknownDealIdsAreRefusedAndNothingChanges() throws Exception {
        SimulatedMiner sim = dealSectorIn(45, SectorState.PreCommit1, 50);
        String before = fingerprint(sim);
        assertThatThrownBy(() -> sim.miner.expireDeals(List.of(45L, 7L))).isInstanceOf(InvalidInputException.class)
                .hasMessage("deal 7 not found in any sector");
        assertThat(fingerprint(sim)).isEqualTo(before);
        assertThat(sim.miner.expiredDeals()).isEmpty();
    }
}
