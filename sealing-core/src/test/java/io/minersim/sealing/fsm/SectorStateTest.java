package io.minersim.sealing.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link SectorState} against Lotus's {@code storage/pipeline/sector_state.go} (fsm-facts a). */
class SectorStateTest {

    /** Lotus's {@code ExistSectorStateList}, in Lotus's order. */
    private static final List<String> EXIST_SECTOR_STATE_LIST = List.of(
            "Empty", "WaitDeals", "Packing", "AddPiece", "AddPieceFailed", "GetTicket", "PreCommit1",
            "PreCommit2", "PreCommitting", "PreCommitWait", "SubmitPreCommitBatch", "PreCommitBatchWait",
            "WaitSeed", "Committing", "CommitFinalize", "CommitFinalizeFailed", "SubmitCommit", "CommitWait",
            "SubmitCommitAggregate", "CommitAggregateWait", "FinalizeSector", "Proving", "Available",
            "FailedUnrecoverable", "SealPreCommit1Failed", "SealPreCommit2Failed", "PreCommitFailed",
            "ComputeProofFailed", "RemoteCommitFailed", "CommitFailed", "PackingFailed", "FinalizeFailed",
            "DealsExpired", "RecoverDealIDs", "Faulty", "FaultReported", "FaultedFinal", "Terminating",
            "TerminateWait", "TerminateFinality", "TerminateFailed", "Removing", "RemoveFailed", "Removed",
            "SnapDealsWaitDeals", "SnapDealsAddPiece", "SnapDealsPacking", "UpdateReplica", "ProveReplicaUpdate",
            "SubmitReplicaUpdate", "WaitMutable", "ReplicaUpdateWait", "UpdateActivating", "ReleaseSectorKey",
            "FinalizeReplicaUpdate", "SnapDealsAddPieceFailed", "SnapDealsDealsExpired",
            "SnapDealsRecoverDealIDs", "ReplicaUpdateFailed", "ReleaseSectorKeyFailed",
            "FinalizeReplicaUpdateFailed", "AbortUpgrade", "ReceiveSector");

    /** The groups of fsm-facts a, as literal name lists. */
    private static final Map<StateGroup, List<String>> GROUPS = groups();

    private static Map<StateGroup, List<String>> groups() {
        Map<StateGroup, List<String>> g = new EnumMap<>(StateGroup.class);
        g.put(StateGroup.NORMAL, List.of("Empty", "WaitDeals", "AddPiece", "Packing", "GetTicket", "PreCommit1",
                "PreCommit2", "PreCommitting", "PreCommitWait", "WaitSeed", "Committing", "CommitFinalize",
                "SubmitCommit", "CommitWait", "FinalizeSector", "Proving", "Available"));
        g.put(StateGroup.BATCHING, List.of("SubmitPreCommitBatch", "PreCommitBatchWait", "SubmitCommitAggregate",
                "CommitAggregateWait"));
        g.put(StateGroup.FAILURE, List.of("FailedUnrecoverable", "AddPieceFailed", "SealPreCommit1Failed",
                "SealPreCommit2Failed", "PreCommitFailed", "ComputeProofFailed", "RemoteCommitFailed",
                "CommitFailed", "CommitFinalizeFailed", "PackingFailed", "FinalizeFailed", "DealsExpired",
                "RecoverDealIDs"));
        g.put(StateGroup.SNAP, List.of("SnapDealsWaitDeals", "SnapDealsAddPiece", "SnapDealsPacking",
                "UpdateReplica", "ProveReplicaUpdate", "SubmitReplicaUpdate", "WaitMutable", "ReplicaUpdateWait",
                "FinalizeReplicaUpdate", "UpdateActivating", "ReleaseSectorKey"));
        g.put(StateGroup.SNAP_FAILURE, List.of("SnapDealsAddPieceFailed", "SnapDealsDealsExpired",
                "SnapDealsRecoverDealIDs", "AbortUpgrade", "ReplicaUpdateFailed", "ReleaseSectorKeyFailed",
                "FinalizeReplicaUpdateFailed"));
        g.put(StateGroup.FAULT, List.of("Faulty", "FaultReported", "FaultedFinal"));
        g.put(StateGroup.TERMINATION, List.of("Terminating", "TerminateWait", "TerminateFinality",
                "TerminateFailed"));
        g.put(StateGroup.REMOVAL, List.of("Removing", "RemoveFailed", "Removed"));
        g.put(StateGroup.RECEIVE, List.of("ReceiveSector"));
        return g;
    }

    /** Lotus's {@code toStatState(st, finEarly)}, transcribed as a switch on the name. */
    private static StatsBucket lotusToStatState(String st, boolean finEarly) {
        switch (st) {
            case "", "Empty", "WaitDeals", "AddPiece", "AddPieceFailed", "SnapDealsWaitDeals", "SnapDealsAddPiece":
                return StatsBucket.STAGING;
            case "Packing", "GetTicket", "PreCommit1", "PreCommit2", "PreCommitting", "PreCommitWait",
                    "SubmitPreCommitBatch", "PreCommitBatchWait", "WaitSeed", "Committing", "CommitFinalize",
                    "FinalizeSector", "SnapDealsPacking", "UpdateReplica", "ProveReplicaUpdate",
                    "FinalizeReplicaUpdate", "ReceiveSector":
                return StatsBucket.SEALING;
            case "SubmitCommit", "CommitWait", "SubmitCommitAggregate", "CommitAggregateWait", "WaitMutable",
                    "SubmitReplicaUpdate", "ReplicaUpdateWait":
                return finEarly ? StatsBucket.PROVING : StatsBucket.SEALING;
            case "Proving", "Available", "UpdateActivating", "ReleaseSectorKey", "Removed", "Removing",
                    "Terminating", "TerminateWait", "TerminateFinality", "TerminateFailed":
                return StatsBucket.PROVING;
            default:
                return StatsBucket.FAILED;
        }
    }

    /** Lotus's {@code IsUpgradeState}, transcribed. */
    private static boolean lotusIsUpgradeState(String st) {
        switch (st) {
            case "SnapDealsWaitDeals", "SnapDealsAddPiece", "SnapDealsPacking", "UpdateReplica",
                    "ProveReplicaUpdate", "SubmitReplicaUpdate", "WaitMutable", "SnapDealsAddPieceFailed",
                    "SnapDealsDealsExpired", "SnapDealsRecoverDealIDs", "AbortUpgrade", "ReplicaUpdateFailed",
                    "ReleaseSectorKeyFailed", "FinalizeReplicaUpdateFailed":
                return true;
            default:
                return false;
        }
    }

    private static List<String> names() {
        List<String> out = new ArrayList<>();
        for (SectorState s : SectorState.values()) {
            out.add(s.name());
        }
        return out;
    }

    @Test
    void thereAreExactly63States() {
        assertThat(SectorState.values()).hasSize(63);
        assertThat(EXIST_SECTOR_STATE_LIST).hasSize(63).doesNotHaveDuplicates();
    }

    @Test
    void namesAreLotusExistSectorStateList() {
        assertThat(names()).containsExactlyInAnyOrderElementsOf(EXIST_SECTOR_STATE_LIST);
    }

    @Test
    void undefinedStateIsNotAState() {
        assertThat(SectorState.byName("")).isEmpty();
    }

    @Test
    void groupSizesAreThoseOfTheFacts() {
        Map<StateGroup, Integer> sizes = new EnumMap<>(StateGroup.class);
        for (SectorState s : SectorState.values()) {
            sizes.merge(s.group(), 1, Integer::sum);
        }
        assertThat(sizes).containsExactlyInAnyOrderEntriesOf(Map.of(StateGroup.NORMAL, 17, StateGroup.BATCHING, 4,
                StateGroup.FAILURE, 13, StateGroup.SNAP, 11, StateGroup.SNAP_FAILURE, 7, StateGroup.FAULT, 3,
                StateGroup.TERMINATION, 4, StateGroup.REMOVAL, 3, StateGroup.RECEIVE, 1));
    }

    @Test
    void everyStateIsInItsFactsGroup() {
        List<String> grouped = new ArrayList<>();
        GROUPS.values().forEach(grouped::addAll);
        assertThat(grouped).containsExactlyInAnyOrderElementsOf(EXIST_SECTOR_STATE_LIST);
        GROUPS.forEach((group, members) -> {
            for (String name : members) {
                assertThat(SectorState.valueOf(name).group()).as(name).isEqualTo(group);
            }
        });
    }

    @Test
    void statsBucketIsLotusToStatStateWithoutFinalizeEarly() {
        for (SectorState s : SectorState.values()) {
            assertThat(s.statsBucket(false)).as(s.name()).isEqualTo(lotusToStatState(s.name(), false));
            assertThat(s.statsBucket()).as(s.name()).isEqualTo(lotusToStatState(s.name(), false));
        }
    }

    @Test
    void statsBucketIsLotusToStatStateWithFinalizeEarly() {
        for (SectorState s : SectorState.values()) {
            assertThat(s.statsBucket(true)).as(s.name()).isEqualTo(lotusToStatState(s.name(), true));
        }
    }

    @Test
    void finalizeEarlyMovesExactlyTheMessageStatesToProving() {
        List<SectorState> changed = new ArrayList<>();
        for (SectorState s : SectorState.values()) {
            if (s.statsBucket(true) != s.statsBucket(false)) {
                changed.add(s);
            }
        }
        assertThat(changed).containsExactlyInAnyOrder(SectorState.SubmitCommit, SectorState.CommitWait,
                SectorState.SubmitCommitAggregate, SectorState.CommitAggregateWait, SectorState.WaitMutable,
                SectorState.SubmitReplicaUpdate, SectorState.ReplicaUpdateWait);
    }

    @Test
    void isUpgradeStateIsLotusIsUpgradeState() {
        for (SectorState s : SectorState.values()) {
            assertThat(s.isUpgradeState()).as(s.name()).isEqualTo(lotusIsUpgradeState(s.name()));
        }
    }

    @Test
    void byNameFindsEveryLotusName() {
        for (String name : EXIST_SECTOR_STATE_LIST) {
            assertThat(SectorState.byName(name)).as(name).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo(name));
        }
    }

    @Test
    void byNameIsCaseSensitive() {
        for (String name : EXIST_SECTOR_STATE_LIST) {
            assertThat(SectorState.byName(name.toLowerCase(Locale.ROOT))).as(name).isEmpty();
            assertThat(SectorState.byName(name.toUpperCase(Locale.ROOT))).as(name).isEmpty();
        }
    }

    @Test
    void byNameRejectsUnknownNames() {
        for (String name : Arrays.asList(null, "", " Proving", "Proving ", "Sealing", "UndefinedSectorState",
                "PreCommit3", "sealing.Proving")) {
            assertThat(SectorState.byName(name)).as("%s", name).isEmpty();
        }
    }
}
