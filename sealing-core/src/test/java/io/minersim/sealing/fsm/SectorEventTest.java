package io.minersim.sealing.fsm;

import static io.minersim.sealing.fsm.SectorEvent.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link SectorEvent} against Lotus's {@code storage/pipeline/fsm_events.go}. */
class SectorEventTest {

    /** Every event type ({@code type Sector… struct}) declared in Lotus's fsm_events.go. */
    private static final List<String> LOTUS_EVENT_TYPES = List.of(
            "SectorRestart", "SectorFatalError", "SectorForceState", "SectorStart", "SectorStartCC",
            "SectorAddPiece", "SectorPieceAdded", "SectorAddPieceFailed", "SectorRetryWaitDeals",
            "SectorStartPacking", "SectorPacked", "SectorTicket", "SectorOldTicket", "SectorPreCommit1",
            "SectorPreCommit2", "SectorPreCommitBatch", "SectorPreCommitBatchSent", "SectorPreCommitLanded",
            "SectorSealPreCommit1Failed", "SectorSealPreCommit2Failed", "SectorChainPreCommitFailed",
            "SectorPreCommitted", "SectorSeedReady", "SectorRemoteCommit1Failed", "SectorRemoteCommit2Failed",
            "SectorComputeProofFailed", "SectorCommitFailed", "SectorRetrySubmitCommit", "SectorDealsExpired",
            "SectorTicketExpired", "SectorCommitted", "SectorProofReady", "SectorSubmitCommitAggregate",
            "SectorCommitSubmitted", "SectorCommitAggregateSent", "SectorProving", "SectorFinalized",
            "SectorFinalizedAvailable", "SectorRetryFinalize", "SectorFinalizeFailed", "SectorMarkForUpdate",
            "SectorStartCCUpdate", "SectorReplicaUpdate", "SectorProveReplicaUpdate",
            "SectorReplicaUpdateSubmitted", "SectorReplicaUpdateLanded", "SectorUpdateActive", "SectorKeyReleased",
            "SectorRetrySealPreCommit1", "SectorRetrySealPreCommit2", "SectorRetryPreCommit",
            "SectorRetryWaitSeed", "SectorRetryPreCommitWait", "SectorRetryComputeProof",
            "SectorRetryInvalidProof", "SectorRetryCommitWait", "SectorInvalidDealIDs", "SectorUpdateDealIDs",
            "SectorRetryReplicaUpdate", "SectorRetryProveReplicaUpdate", "SectorUpdateReplicaFailed",
            "SectorProveReplicaUpdateFailed", "SectorAbortUpgrade", "SectorRevertUpgradeToProving",
            "SectorRetrySubmitReplicaUpdateWait", "SectorRetrySubmitReplicaUpdate",
            "SectorSubmitReplicaUpdateFailed", "SectorDeadlineImmutable", "SectorDeadlineMutable",
            "SectorReleaseKeyFailed", "SectorFaulty", "SectorFaultReported", "SectorFaultedFinal",
            "SectorTerminate", "SectorTerminating", "SectorTerminated", "SectorTerminateFailed", "SectorRemove",
            "SectorRemoved", "SectorRemoveFailed", "SectorReceive", "SectorReceived");

    private static Set<SectorEvent> where(java.util.function.Predicate<SectorEvent> p) {
        Set<SectorEvent> out = EnumSet.noneOf(SectorEvent.class);
        for (SectorEvent e : SectorEvent.values()) {
            if (p.test(e)) {
                out.add(e);
            }
        }
        return out;
    }

    @Test
    void eventsAreLotusEventTypesPlusTheSimulatorsChainEvents() {
        List<String> names = new ArrayList<>();
        for (SectorEvent e : SectorEvent.values()) {
            names.add(e.name());
        }
        List<String> expected = new ArrayList<>(LOTUS_EVENT_TYPES);
        expected.add("SectorFaultRecovered");
        expected.add("SectorExtended");
        expected.add("SectorExpired");
        expected.add("SectorFaultDetected");
        assertThat(LOTUS_EVENT_TYPES).hasSize(82).doesNotHaveDuplicates();
        assertThat(names).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void globalEventsAreLotusGlobalMutators() {
        assertThat(where(SectorEvent::isGlobal)).containsExactlyInAnyOrder(SectorRestart, SectorFatalError,
                SectorForceState, SectorRemove, SectorTerminate);
    }

    @Test
    void onlyStartPackingIsIgnorable() {
        assertThat(where(SectorEvent::isIgnorable)).containsExactly(SectorStartPacking);
    }

    @Test
    void simulatorEventsAreTheChainFaultOutcomes() {
        assertThat(where(SectorEvent::isSimulatorEvent)).containsExactlyInAnyOrder(SectorFaultRecovered,
                SectorFaultedFinal, SectorExtended, SectorExpired, SectorFaultDetected);
        assertThat(where(SectorEvent::isChainOnly)).containsExactlyInAnyOrder(SectorFaultRecovered,
                SectorFaultedFinal, SectorFaultDetected);
    }

    @Test
    void logKindIsLotusEventTypeName() {
        for (SectorEvent e : SectorEvent.values()) {
            assertThat(e.logKind()).isEqualTo("event;sealing." + e.name());
        }
        assertThat(SectorPacked.logKind()).isEqualTo("event;sealing.SectorPacked");
    }
}
