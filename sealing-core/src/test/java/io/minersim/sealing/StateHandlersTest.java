package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.fsm.SectorTransitions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StateHandlersTest {

    private final List<StateHandler> registrations = StateHandlers.registrations();

    @Test
    void everyStateHasExactlyOneHandlerEntry() {
        Map<SectorState, Long> counts = registrations.stream()
                .collect(Collectors.groupingBy(StateHandler::state, Collectors.counting()));
        assertThat(counts.keySet()).containsExactlyInAnyOrder(SectorState.values());
        assertThat(counts.values()).containsOnly(1L);
        assertThat(registrations).hasSize(63);
    }

    @Test
    void theTableAnswersEachStateWithItsOwnHandler() {
        for (SectorState s : SectorState.values()) {
            assertThat(StateHandlers.of(s).state()).isEqualTo(s);
        }
    }

    @Test
    void aFailureEventIsAnEdgeOfItsState() {
        for (StateHandler h : registrations) {
            if (h.failure() != null) {
                assertThat(SectorTransitions.next(h.state(), h.failure()).moved())
                        .as("%s fails with %s", h.state(), h.failure()).isTrue();
            }
        }
    }

    @Test
    void onlyTheMessageWaitsAwaitAMessage() {
        Map<SectorState, StateHandler> byState = registrations.stream()
                .collect(Collectors.toMap(StateHandler::state, Function.identity()));
        EnumSet<SectorState> awaiting = EnumSet.noneOf(SectorState.class);
        byState.values().stream().filter(StateHandler::awaitsMessage).forEach(h -> awaiting.add(h.state()));
        assertThat(awaiting).containsExactlyInAnyOrder(SectorState.PreCommitBatchWait, SectorState.PreCommitWait,
                SectorState.CommitAggregateWait, SectorState.CommitWait, SectorState.ReplicaUpdateWait,
                SectorState.TerminateWait);
        EnumSet<SectorState> open = EnumSet.noneOf(SectorState.class);
        byState.values().stream().filter(StateHandler::openForDeals).forEach(h -> open.add(h.state()));
        assertThat(open).containsExactlyInAnyOrder(SectorState.Empty, SectorState.WaitDeals, SectorState.AddPiece,
                SectorState.SnapDealsWaitDeals, SectorState.SnapDealsAddPiece);
    }

    @Test
    void getTicketHasNoInjectableFailure() {
        // Lotus sends SealPreCommit1Failed from GetTicket, but its planner rejects it: no failure path
        assertThat(StateHandlers.failureEvent(SectorState.GetTicket)).isNull();
        assertThat(StateHandlers.failureEvent(SectorState.PreCommit1)).isEqualTo(SectorEvent.SectorSealPreCommit1Failed);
    }
}
