package io.minersim.sealing;

import io.minersim.sealing.ChainMessages.Message;
import io.minersim.sealing.EpochScheduler.Action;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;

/**
 * Sent messages landing on chain: a message is included at its epoch and counts as landed once it
 * has been on chain for the message confidence; then the sectors still waiting on it move on, or
 * fail as an injected failure says.
 */
final class MessageLanding {

    private final Pipeline p;

    MessageLanding(Pipeline p) {
        this.p = p;
    }

    /** Arms the timer that tells the message's sectors it has landed. */
    void schedule(Message m) {
        p.timers.schedule(m.inclusionEpoch() + p.policy.messageConfidence(), Action.MESSAGE, null, m.index());
    }

    /**
     * The entry step of a state that waits on a message: the landed event at once when the chain
     * already has it (or the message landed meanwhile), the failure when there is no message, else wait.
     */
    Step await(Sector s, int message, boolean landed, SectorEvent landedEvent, long landedArg, SectorEvent failure,
            String missing) {
        if (landed) {
            return Step.send(landedEvent, landedArg);
        }
        if (message == -1) {
            return Step.fail(failure, missing);
        }
        Message m = p.messages.get(message);
        long landsAt = m.inclusionEpoch() + p.policy.messageConfidence();
        if (landsAt <= p.head) {
            if (s.injectedError() != null) {
                return Step.fail(failure, s.injectedError());
            }
            return Step.send(landedEvent, landedEvent == SectorEvent.SectorReplicaUpdateLanded ? 0 : m.inclusionEpoch());
        }
        return Step.WAIT;
    }

    /** A message has been on chain for the confidence: its sectors that still wait on it move on. */
    void landed(Message m) {
        for (long n : m.sectors()) {
            Sector s = p.sectors.get(n);
            if (s == null) {
                continue;
            }
            switch (m.method()) {
                case PRE_COMMIT_SECTOR_BATCH2 -> {
                    if ((s.state == SectorState.PreCommitBatchWait || s.state == SectorState.PreCommitWait)
                            && s.preCommitMessage == m.index()) {
                        landOrFail(s, SectorEvent.SectorPreCommitLanded, m.inclusionEpoch(),
                                SectorEvent.SectorChainPreCommitFailed, () -> s.preCommitMessage = -1);
                    }
                }
                case PROVE_COMMIT_SECTORS3, PROVE_COMMIT_AGGREGATE -> {
                    if ((s.state == SectorState.CommitAggregateWait || s.state == SectorState.CommitWait)
                            && s.commitMessage == m.index()) {
                        landOrFail(s, SectorEvent.SectorProving, m.inclusionEpoch(), SectorEvent.SectorCommitFailed,
                                () -> s.commitMessage = -1);
                    }
                }
                case TERMINATE_SECTORS -> {
                    if (s.state == SectorState.TerminateWait && s.terminateMessage() == m.index()) {
                        landOrFail(s, SectorEvent.SectorTerminated, m.inclusionEpoch(),
                                SectorEvent.SectorTerminateFailed, () -> s.setTerminateMessage(-1));
                    }
                }
                case PROVE_REPLICA_UPDATES3 -> {
                    if (s.state == SectorState.ReplicaUpdateWait && s.replicaUpdateMessage() == m.index()) {
                        landOrFail(s, SectorEvent.SectorReplicaUpdateLanded, 0,
                                SectorEvent.SectorSubmitReplicaUpdateFailed, () -> { });
                    }
                }
                case SUBMIT_WINDOWED_POST, DECLARE_FAULTS_RECOVERED, WITHDRAW_BALANCE -> {
                    // proving messages act on the actor when sent (WindowPoSt); no sector waits on them
                    return;
                }
            }
        }
    }

    private void landOrFail(Sector s, SectorEvent landed, long arg, SectorEvent failure, Runnable forgetMessage) {
        if (s.injectedError() != null) {
            String error = s.injectedError();
            forgetMessage.run();
            p.planner.deliver(s, failure, 0, null, error);
        } else {
            p.planner.deliver(s, landed, arg, null, null);
        }
    }
}
