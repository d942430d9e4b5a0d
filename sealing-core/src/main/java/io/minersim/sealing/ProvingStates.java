package io.minersim.sealing;

import static io.minersim.sealing.Sector.NONE;
import static io.minersim.sealing.StateHandler.of;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;

/**
 * The handlers of a proven sector's states (Lotus's {@code states_proving.go}): proving and available,
 * the fault states (no-ops, as in Lotus: only {@code SectorsUpdate} reaches them; faults live on chain,
 * {@link WindowPoSt}), active termination through the terminate batcher, and removal.
 */
final class ProvingStates {

    private ProvingStates() {
    }

    static void register(StateHandlers.Registry r) {
        r.add(of(SectorState.Proving));
        r.add(of(SectorState.Available));
        r.add(of(SectorState.Faulty));
        r.add(of(SectorState.FaultReported));
        r.add(of(SectorState.FaultedFinal));
        r.add(of(SectorState.Terminating).failsWith(SectorEvent.SectorTerminateFailed)
                .onEnter(ProvingStates::terminating));
        r.add(of(SectorState.TerminateWait).failsWith(SectorEvent.SectorTerminateFailed).awaitingMessage()
                .onEnter((p, s) -> s.terminatedEpoch() != NONE || s.terminateMessage() == -1
                        ? Step.send(SectorEvent.SectorTerminated, s.terminatedEpoch() != NONE ? s.terminatedEpoch()
                                : s.expiredEpoch() != NONE ? s.expiredEpoch() : p.head)
                        : Step.WAIT));
        r.add(of(SectorState.TerminateFinality).failsWith(SectorEvent.SectorTerminateFailed)
                .onEnter((p, s) -> new Step.At(s.terminatedEpoch() + p.policy.chainFinality()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorRemove)));
        r.add(of(SectorState.Removing).failsWith(SectorEvent.SectorRemoveFailed)
                .onEnter((p, s) -> p.stage(p.stages().removing()))
                .onDone((p, s) -> Step.send(SectorEvent.SectorRemoved)));
        r.add(of(SectorState.Removed));
    }

    private static Step terminating(Pipeline p, Sector s) {
        if (!s.onChain() && s.terminatedEpoch() == NONE) {
            if (s.preCommitEpoch != NONE) {
                return Step.fail(SectorEvent.SectorTerminateFailed,
                        "sector was precommitted but not proven, remove instead of terminating");
            }
            return Step.send(SectorEvent.SectorRemove);
        }
        if (s.terminatedEpoch() != NONE || s.expiredEpoch() != NONE) {
            // not in the chain's live set: Lotus's terminate batcher sends nothing for it
            return Step.send(SectorEvent.SectorTerminating, -1);
        }
        if (s.injectedError() != null) {
            return Step.fail(SectorEvent.SectorTerminateFailed, s.injectedError());
        }
        p.batching.addTermination(s);
        return Step.WAIT;
    }
}
