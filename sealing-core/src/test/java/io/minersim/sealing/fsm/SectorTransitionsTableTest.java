package io.minersim.sealing.fsm;

import static io.minersim.sealing.fsm.SectorEvent.*;
import static io.minersim.sealing.fsm.SectorState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.fsm.Transition.Outcome;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every (state, event) cell of {@link SectorTransitions#next} against {@link LotusFsmModel}, an
 * independent transcription of Lotus's planners.
 */
class SectorTransitionsTableTest {

    private static final List<SectorState> TARGETS_AND_NULL = targetsAndNull();

    private static List<SectorState> targetsAndNull() {
        List<SectorState> out = new ArrayList<>();
        out.add(null);
        out.addAll(Arrays.asList(SectorState.values()));
        return out;
    }

    /**
     * One test per state: every event, with no target and with every possible target (the target
     * must only matter to SectorForceState and to the returning events).
     */
    @TestFactory
    Stream<DynamicTest> everyEventInEveryStateMatchesLotusPlanners() {
        return Arrays.stream(SectorState.values())
                .map(from -> DynamicTest.dynamicTest(from.name(), () -> assertRowMatchesLotus(from)));
    }

    private static void assertRowMatchesLotus(SectorState from) {
        List<String> mismatches = new ArrayList<>();
        for (SectorEvent event : SectorEvent.values()) {
            for (SectorState target : TARGETS_AND_NULL) {
                if (event == SectorForceState && target == null) {
                    continue; // a forced state always names its target
                }
                String mismatch = mismatch(from, event, target);
                if (mismatch != null) {
                    mismatches.add(mismatch);
                    break; // one report per (state, event) is enough
                }
            }
        }
        assertThat(mismatches).as("cells of state %s that differ from Lotus", from).isEmpty();
    }

    /** Null when {@code next(from, event, target)} is what Lotus does, else a description. */
    private static String mismatch(SectorState from, SectorEvent event, SectorState target) {
        LotusFsmModel.Expected want = LotusFsmModel.expected(from, event, target);
        Transition got = SectorTransitions.next(from, event, target);
        String cell = from + " --" + event + (target == null ? "" : "[" + target + "]") + "--> ";
        if (got.from() != from || got.event() != event) {
            return cell + "transition names " + got.from() + "/" + got.event();
        }
        if (got.outcome() != want.outcome() || got.to() != want.to()) {
            return cell + "expected " + want.outcome() + " " + want.to() + ", got " + got.outcome() + " " + got.to()
                    + (got.error() == null ? "" : " (" + got.error() + ")");
        }
        if (got.outcome() != Outcome.MOVED && got.to() != from) {
            return cell + got.outcome() + " changed the state to " + got.to();
        }
        if (got.outcome() == Outcome.REJECTED) {
            if (got.error() == null || !got.error().startsWith(want.errorCause())) {
                return cell + "error text '" + got.error() + "' does not start with '" + want.errorCause() + "'";
            }
        } else if (got.error() != null) {
            return cell + got.outcome() + " carries an error text: " + got.error();
        }
        return null;
    }

    // ----- the documented deviations and simulator events, spelled out -----

    @Test
    void preCommit2GoesStraightToThePreCommitBatcher() {
        assertMoved(PreCommit2, SectorPreCommit2, SubmitPreCommitBatch);
    }

    @Test
    void committingAndCommitFinalizeGoStraightToTheCommitAggregator() {
        assertMoved(Committing, SectorCommitted, SubmitCommitAggregate);
        assertMoved(CommitFinalize, SectorFinalized, SubmitCommitAggregate);
        assertMoved(CommitFinalize, SectorFinalizedAvailable, SubmitCommitAggregate);
    }

    @Test
    void faultsOnChainNeverMoveTheSealingState() {
        for (SectorState s : SectorState.values()) {
            for (SectorEvent e : List.of(SectorFaultDetected, SectorFaultRecovered, SectorFaultedFinal, SectorExpired)) {
                Transition t = SectorTransitions.next(s, e);
                assertThat(t.outcome()).as("%s/%s", s, e).isEqualTo(Outcome.ABSORBED);
                assertThat(t.to()).isEqualTo(s);
                assertThat(t.error()).isNull();
            }
        }
        // only Lotus's own events reach the fault states, as SectorsUpdate sends them
        assertMoved(Proving, SectorFaulty, Faulty);
        assertMoved(Proving, SectorFaultReported, FaultReported);
        assertMoved(Faulty, SectorFaultReported, FaultReported);
    }

    @Test
    void extendedIsRecordedWithoutAMoveInEveryStateButRemoved() {
        for (SectorState s : SectorState.values()) {
            Transition t = SectorTransitions.next(s, SectorExtended);
            assertThat(t.outcome()).as("%s", s).isEqualTo(s == Removed ? Outcome.IGNORED : Outcome.ABSORBED);
            assertThat(t.to()).isEqualTo(s);
            assertThat(t.error()).isNull();
        }
    }

    @Test
    void submitReplicaUpdateWaitsForAMutableDeadlineAndBack() {
        assertMoved(SubmitReplicaUpdate, SectorDeadlineImmutable, WaitMutable);
        assertMoved(WaitMutable, SectorDeadlineMutable, SubmitReplicaUpdate);
        assertMoved(WaitMutable, SectorAbortUpgrade, AbortUpgrade);
    }

    @Test
    void abortUpgradeLeadsToAbortUpgradeFromEverySnapStateThatTakesIt() {
        Set<SectorState> takers = EnumSet.noneOf(SectorState.class);
        for (SectorState s : SectorState.values()) {
            Transition t = SectorTransitions.next(s, SectorAbortUpgrade);
            if (t.moved()) {
                takers.add(s);
                assertThat(t.to()).as("%s", s).isEqualTo(s == Available ? Proving : AbortUpgrade);
            }
        }
        assertThat(takers).containsExactlyInAnyOrder(Available, SnapDealsWaitDeals, SnapDealsAddPiece,
                SnapDealsPacking, UpdateReplica, ProveReplicaUpdate, WaitMutable, ReplicaUpdateWait,
                SnapDealsAddPieceFailed, SnapDealsDealsExpired, SnapDealsRecoverDealIDs, ReplicaUpdateFailed);
    }

    // ----- Lotus facts the production table gets wrong (see the report) -----

    /**
     * Lotus's GetTicket planner has only SectorTicket and SectorCommitFailed, so the
     * SectorSealPreCommit1Failed that handleGetTicket sends on a ticket error is a planner error
     * and the sector stays in GetTicket.
     */
    @Test
    void getTicketRejectsSealPreCommit1FailedLikeLotusPlanner() {
        Transition t = SectorTransitions.next(GetTicket, SectorSealPreCommit1Failed);
        assertThat(t.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(t.to()).isEqualTo(GetTicket);
        assertThat(t.error()).startsWith("running planner for state GetTicket failed: planner for state GetTicket "
                + "received unexpected event sealing.SectorSealPreCommit1Failed");
    }

    /** planCommitting is a type switch with no Ignorable case: SectorStartPacking is an error there. */
    @Test
    void committingRejectsStartPackingBecausePlanCommittingHasNoIgnorableCase() {
        Transition t = SectorTransitions.next(Committing, SectorStartPacking);
        assertThat(t.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(t.to()).isEqualTo(Committing);
    }

    /** planCommitting words its error differently from planOne. */
    @Test
    void committingRejectionCarriesPlanCommittingErrorText() {
        Transition t = SectorTransitions.next(Committing, SectorPacked);
        assertThat(t.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(t.error()).startsWith("running planner for state Committing failed: "
                + "planCommitting got event of unknown type sealing.SectorPacked, events: ");
    }

    // ----- absorbed, ignored, rejected -----

    @Test
    void addPieceStatesAbsorbStartPackingAndAddPiece() {
        for (SectorState s : List.of(AddPiece, AddPieceFailed, SnapDealsAddPiece, SnapDealsAddPieceFailed)) {
            for (SectorEvent e : List.of(SectorStartPacking, SectorAddPiece)) {
                Transition t = SectorTransitions.next(s, e);
                assertThat(t.outcome()).as("%s/%s", s, e).isEqualTo(Outcome.ABSORBED);
                assertThat(t.to()).isEqualTo(s);
            }
        }
    }

    @Test
    void fatalErrorIsAbsorbedEverywhereButRemoved() {
        for (SectorState s : SectorState.values()) {
            Transition t = SectorTransitions.next(s, SectorFatalError);
            assertThat(t.outcome()).as("%s", s).isEqualTo(s == Removed ? Outcome.IGNORED : Outcome.ABSORBED);
            assertThat(t.to()).isEqualTo(s);
        }
    }

    @Test
    void restartIsIgnoredEverywhere() {
        for (SectorState s : SectorState.values()) {
            Transition t = SectorTransitions.next(s, SectorRestart);
            assertThat(t.outcome()).as("%s", s).isEqualTo(Outcome.IGNORED);
            assertThat(t.to()).isEqualTo(s);
            assertThat(t.error()).isNull();
        }
    }

    @Test
    void startPackingIsIgnoredInPlanOneStatesWithoutAMove() {
        assertThat(SectorTransitions.next(Proving, SectorStartPacking).outcome()).isEqualTo(Outcome.IGNORED);
        assertThat(SectorTransitions.next(PreCommit1, SectorStartPacking).outcome()).isEqualTo(Outcome.IGNORED);
        assertMoved(WaitDeals, SectorStartPacking, Packing);
        assertMoved(Empty, SectorStartPacking, Packing);
        assertMoved(SnapDealsWaitDeals, SectorStartPacking, SnapDealsPacking);
    }

    @Test
    void finalStatesRejectEvenIgnorableEvents() {
        for (SectorState s : List.of(FailedUnrecoverable, FaultReported, FaultedFinal)) {
            Transition t = SectorTransitions.next(s, SectorStartPacking);
            assertThat(t.outcome()).as("%s", s).isEqualTo(Outcome.REJECTED);
            assertThat(t.error()).startsWith("running planner for state " + s + " failed: didn't expect any events in state "
                    + s);
        }
    }

    @Test
    void abortUpgradeAndRemovingIgnoreUnhandledEvents() {
        for (SectorState s : List.of(AbortUpgrade, Removing)) {
            Transition t = SectorTransitions.next(s, SectorPacked);
            assertThat(t.outcome()).as("%s", s).isEqualTo(Outcome.IGNORED);
            assertThat(t.to()).isEqualTo(s);
            assertThat(t.error()).isNull();
        }
        assertMoved(AbortUpgrade, SectorRevertUpgradeToProving, Proving);
        assertMoved(Removing, SectorRemoved, Removed);
        assertMoved(Removing, SectorRemoveFailed, RemoveFailed);
    }

    @Test
    void removedIgnoresEverythingEvenGlobalEventsButTheChainsRecords() {
        for (SectorEvent e : SectorEvent.values()) {
            Transition t = SectorTransitions.next(Removed, e, Proving);
            boolean chainRecord = e.isChainOnly() || e == SectorExpired;
            assertThat(t.outcome()).as("%s", e).isEqualTo(chainRecord ? Outcome.ABSORBED : Outcome.IGNORED);
            assertThat(t.to()).isEqualTo(Removed);
        }
    }

    @Test
    void unexpectedEventIsRejectedWithLotusPlannerError() {
        Transition t = SectorTransitions.next(Packing, SectorTicket);
        assertThat(t.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(t.to()).isEqualTo(Packing);
        assertThat(t.moved()).isFalse();
        assertThat(t.error()).startsWith(
                "running planner for state Packing failed: planner for state Packing received unexpected event "
                        + "sealing.SectorTicket");
    }

    // ----- global events -----

    @Test
    void forceStateMovesAnywhereButFromRemoved() {
        for (SectorState from : SectorState.values()) {
            for (SectorState to : SectorState.values()) {
                Transition t = SectorTransitions.next(from, SectorForceState, to);
                if (from == Removed) {
                    assertThat(t.outcome()).isEqualTo(Outcome.IGNORED);
                    assertThat(t.to()).isEqualTo(Removed);
                } else {
                    assertThat(t.outcome()).as("%s -> %s", from, to).isEqualTo(Outcome.MOVED);
                    assertThat(t.to()).as("%s -> %s", from, to).isEqualTo(to);
                }
            }
        }
    }

    @Test
    void removeAndTerminateMoveFromEveryStateButRemoved() {
        for (SectorState from : SectorState.values()) {
            if (from == Removed) {
                continue;
            }
            assertMoved(from, SectorRemove, Removing);
            assertMoved(from, SectorTerminate, Terminating);
        }
    }

    // ----- returning events -----

    @Test
    void receivedReturnsOnlyToTheStatesAReceivedSectorMayResume() {
        assertReturning(ReceiveSector, SectorReceived,
                EnumSet.of(Packing, GetTicket, PreCommitting, SubmitCommit, Proving, Available));
    }

    @Test
    void updateDealIdsReturnsOnlyToTheStatesThatSentTheSectorToRecover() {
        assertReturning(RecoverDealIDs, SectorUpdateDealIDs,
                EnumSet.of(PreCommit1, PreCommitting, PreCommitFailed, CommitFailed));
    }

    @Test
    void snapRecoverDealIdsIsNotReturning() {
        for (SectorState target : TARGETS_AND_NULL) {
            assertMoved(SnapDealsRecoverDealIDs, SectorUpdateDealIDs, target, SubmitReplicaUpdate);
        }
    }

    private static void assertReturning(SectorState from, SectorEvent event, Set<SectorState> allowed) {
        for (SectorState target : TARGETS_AND_NULL) {
            Transition t = SectorTransitions.next(from, event, target);
            if (target != null && allowed.contains(target)) {
                assertThat(t.outcome()).as("%s", target).isEqualTo(Outcome.MOVED);
                assertThat(t.to()).isEqualTo(target);
            } else {
                assertThat(t.outcome()).as("%s", target).isEqualTo(Outcome.REJECTED);
                assertThat(t.to()).isEqualTo(from);
                assertThat(t.error()).isEqualTo("running planner for state " + from + " failed: return state not set");
            }
        }
    }

    // ----- initial -----

    @Test
    void initialStatesOfANewSector() {
        assertThat(SectorTransitions.initial(SectorStart)).isEqualTo(WaitDeals);
        assertThat(SectorTransitions.initial(SectorStartCC)).isEqualTo(Packing);
        assertThat(SectorTransitions.initial(SectorReceive)).isEqualTo(ReceiveSector);
    }

    @Test
    void initialRefusesEveryOtherEvent() {
        for (SectorEvent e : SectorEvent.values()) {
            if (e == SectorStart || e == SectorStartCC || e == SectorReceive) {
                continue;
            }
            assertThatThrownBy(() -> SectorTransitions.initial(e)).as("%s", e)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    private static void assertMoved(SectorState from, SectorEvent event, SectorState to) {
        assertMoved(from, event, null, to);
    }

    private static void assertMoved(SectorState from, SectorEvent event, SectorState target, SectorState to) {
        Transition t = SectorTransitions.next(from, event, target);
        assertThat(t.outcome()).as("%s --%s-->", from, event).isEqualTo(Outcome.MOVED);
        assertThat(t.to()).as("%s --%s-->", from, event).isEqualTo(to);
        assertThat(t.moved()).isTrue();
        assertThat(t.error()).isNull();
    }
}
