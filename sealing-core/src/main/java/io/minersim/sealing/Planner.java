package io.minersim.sealing;

import io.minersim.sealing.ChainMessages.Message;
import io.minersim.sealing.ChainMessages.Method;
import io.minersim.sealing.EpochScheduler.Action;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.fsm.SectorTransitions;
import io.minersim.sealing.fsm.Transition;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.stats.MinerStatistics;
import io.minersim.sealing.stats.SectorMove;

/**
 * The planner (Lotus's {@code fsm.go}): runs an event through the transition table, logs it, applies
 * it to the sector ({@link EventEffects}), records the move and enters the next state, whose handler
 * names the next {@link Step}, which the planner follows.
 */
final class Planner {

    private final Pipeline p;

    Planner(Pipeline p) {
        this.p = p;
    }

    /**
     * Runs one event through the table. A move is logged, recorded in the history and followed by
     * the new state's handler; a rejected event leaves the sector as it was, but for the two log
     * entries Lotus writes (the event, then the planner error).
     */
    Transition deliver(Sector s, SectorEvent event, long arg, SectorState target, String error) {
        Transition tr = SectorTransitions.next(s.state, event, target);
        switch (tr.outcome()) {
            case IGNORED -> {
                return tr;
            }
            case REJECTED -> {
                s.log().append(event.ordinal(), p.head, arg, error);
                s.log().append(SectorLog.PLANNER_ERROR, p.head, 0, tr.error());
                return tr;
            }
            case ABSORBED -> {
                if (!event.isChainOnly()) {
                    s.log().append(event.ordinal(), p.head, arg, error);
                }
                if (event.isError()) {
                    s.setLastErr(error);
                }
                if (event.isSimulatorEvent()) {
                    // a chain record (extended, expired, a fault): the state stays, the history keeps it
                    EventEffects.apply(p, s, event, arg, s.state, error);
                    recordHistory(s, s.state, event);
                }
                return tr;
            }
            case MOVED -> {
                long since = SchedulerViews.entered(s);
                s.log().append(event.ordinal(), p.head, arg, error);
                SectorState from = s.state;
                EventEffects.apply(p, s, event, arg, from, error);
                s.state = tr.to();
                s.version++;
                s.setInjectedError(null);
                p.sectors.moved(s, from);
                leave(s, from);
                p.scheduler.left(s, from, since);
                recordHistory(s, from, event);
                enter(s);
                return tr;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** Delivers an event that carries nothing but itself. */
    void deliver(Sector s, SectorEvent event) {
        deliver(s, event, 0, null, null);
    }

    /** Runs the entry half of the handler of the state the sector just entered. */
    void enter(Sector s) {
        StateHandler h = StateHandlers.of(s.state);
        s.setInjectedError(h.failure() == null ? null : FailureRule.take(p.failureRules, s));
        follow(s, h.enter().next(p, s));
    }

    /**
     * The sector's timer fired: its state's work (or cooldown) is done. An injected failure sends the
     * state's error event instead, but for a state waiting on a message, whose landing fails instead.
     */
    void workDone(Sector s) {
        if (p.scheduler.taskEnded(s)) {
            return;
        }
        StateHandler h = StateHandlers.of(s.state);
        String injected = s.injectedError();
        if (injected != null && h.failure() != null && !h.awaitsMessage()) {
            deliver(s, h.failure(), 0, null, injected);
            return;
        }
        follow(s, h.done().next(p, s));
    }

    /** Carries out a step a handler named. */
    void follow(Sector s, Step step) {
        if (step instanceof Step.At at) {
            p.timers.schedule(Math.max(p.head, at.epoch()), Action.SECTOR, s, s.version);
        } else if (step instanceof Step.Send send) {
            deliver(s, send.event(), send.arg(), send.target(), send.error());
        }
    }

    /** Leaving a batching state other than by the batch itself takes the sector out of the queue. */
    private void leave(Sector s, SectorState from) {
        if (from == s.state) {
            return;
        }
        if (from == SectorState.SubmitPreCommitBatch) {
            p.preCommits.remove(s);
        } else if (from == SectorState.SubmitCommitAggregate) {
            p.commits.remove(s);
        } else if (from == SectorState.Terminating) {
            p.terminations.remove(s);
        }
    }

    private void recordHistory(Sector s, SectorState from, SectorEvent event) {
        long dealBytes = s.dealBytes();
        p.history.record(p.head, s.number, from, s.state, event, dealBytes, s.dealWeight(), s.verifiedDealWeight());
        if (MinerStatistics.observes(event)) {
            p.statistics.record(statisticsMove(s, from, event, dealBytes));
        }
    }

    /** The move with the chain facts the statistics count: verified bytes, power base, message. */
    SectorMove statisticsMove(Sector s, SectorState from, SectorEvent event, long dealBytes) {
        long verifiedBytes = 0;
        for (Piece piece : s.pieces) {
            verifiedBytes += !piece.isFiller() && piece.deal().isVerified() ? piece.paddedSize() : 0;
        }
        int index = event == SectorEvent.SectorPreCommitLanded ? s.preCommitMessage
                : event == SectorEvent.SectorProving ? s.commitMessage : -1;
        SectorMove.Message message = null;
        if (index >= 0) {
            Message m = p.messages.get(index);
            message = new SectorMove.Message(index, m.sectorCount(), m.method() == Method.PROVE_COMMIT_AGGREGATE);
        }
        return new SectorMove(p.head, s.number, from, s.state, event, p.sectorSize, dealBytes, verifiedBytes,
                s.dealWeight(), s.verifiedDealWeight(), s.powerBaseEpoch, s.expiration, message);
    }
}
