package io.minersim.sealing;

import io.minersim.sealing.ChainMessages.Message;
import io.minersim.sealing.ChainMessages.Method;
import io.minersim.sealing.EpochScheduler.Action;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.fsm.SectorEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Lotus's three batchers (its {@code precommit_batch.go}, {@code commit_batch.go} and
 * {@code terminate_batch.go}): the pre-commit batcher, the commit aggregator and the terminate
 * batcher. Each keeps a queue ({@link SectorBatcher}) with a deadline from its wait, slack and the
 * sectors' cutoffs, sends when the deadline comes, when the queue is full or when flushed, and tells
 * the batched sectors their message.
 */
final class Batching {

    private final Pipeline p;

    Batching(Pipeline p) {
        this.p = p;
    }

    // ---------------------------------------------------------------------------------------------
    // Joining

    void addPreCommit(Sector s, long cutoff) {
        p.preCommits.add(s, cutoff, p.head);
        if (p.preCommits.size() >= p.sealing.maxPreCommitBatch()) {
            sendPreCommitBatch();
        }
        arm(p.preCommits, Action.PRECOMMIT_BATCH, preCommitDeadline());
    }

    void addCommit(Sector s, long cutoff) {
        p.commits.add(s, cutoff, p.head);
        if (p.commits.size() >= p.sealing.maxCommitBatch()) {
            sendCommitBatch();
        }
        arm(p.commits, Action.COMMIT_BATCH, commitDeadline());
    }

    void addTermination(Sector s) {
        p.terminations.add(s, Long.MAX_VALUE, p.head);
        if (p.terminations.size() >= p.sealing.terminateBatchMax()) {
            sendTerminateBatch();
        }
        arm(p.terminations, Action.TERMINATE_BATCH, terminateDeadline());
    }

    // ---------------------------------------------------------------------------------------------
    // Flushing

    /** {@code SectorPreCommitFlush}: every batch sent now, or empty when nothing was pending. */
    Optional<List<PreCommitBatchResult>> flushPreCommits() {
        if (p.preCommits.isEmpty()) {
            return Optional.empty();
        }
        List<PreCommitBatchResult> out = new ArrayList<>();
        while (!p.preCommits.isEmpty()) {
            out.add(sendPreCommitBatch());
        }
        return Optional.of(out);
    }

    /** {@code SectorCommitFlush}: as {@link #flushPreCommits()}, for the commit aggregator. */
    Optional<List<CommitBatchResult>> flushCommits() {
        if (p.commits.isEmpty()) {
            return Optional.empty();
        }
        List<CommitBatchResult> out = new ArrayList<>();
        while (!p.commits.isEmpty()) {
            out.add(sendCommitBatch());
        }
        return Optional.of(out);
    }

    /** {@code SectorTerminateFlush}: the first message sent, or empty when nothing was pending. */
    Optional<Cid> flushTerminations() {
        if (p.terminations.isEmpty()) {
            return Optional.empty();
        }
        Cid first = null;
        while (!p.terminations.isEmpty()) {
            Cid c = sendTerminateBatch();
            first = first == null ? c : first;
        }
        return Optional.of(first);
    }

    // ---------------------------------------------------------------------------------------------
    // Deadlines and timers

    private long preCommitDeadline() {
        return p.preCommits.deadline(epochs(p.sealing.preCommitBatchWait()), epochs(p.sealing.preCommitBatchSlack()));
    }

    private long commitDeadline() {
        return p.commits.deadline(epochs(p.sealing.commitBatchWait()), epochs(p.sealing.commitBatchSlack()));
    }

    private long terminateDeadline() {
        return p.terminations.deadline(epochs(p.sealing.terminateBatchWait()), 0);
    }

    private long epochs(java.time.Duration d) {
        return p.policy.epochsCovering(Pipeline.seconds(d));
    }

    /**
     * Arms the batcher's timer for {@code due} unless a live timer fires no later: a timer that fires
     * early finds the deadline moved and re-arms itself, so joins cost no timer each.
     */
    private void arm(SectorBatcher b, Action action, long due) {
        if (b.isEmpty()) {
            return;
        }
        // a terminate batch below its minimum waits on: its timer must move on, or it would spin
        long at = Math.max(action == Action.TERMINATE_BATCH ? p.head + 1 : p.head, due);
        if (at < b.armedAt) {
            b.armedAt = at;
            p.timers.schedule(at, action, null, 0);
        }
    }

    /**
     * A batcher's timer fired: if its deadline has come, send (or let the batcher decline), then arm
     * for what remains; a timer that is not the live one, or fired before a moved deadline, re-arms.
     */
    void timerFired(Action action, long firedFor) {
        SectorBatcher b = switch (action) {
            case PRECOMMIT_BATCH -> p.preCommits;
            case COMMIT_BATCH -> p.commits;
            case TERMINATE_BATCH -> p.terminations;
            case SECTOR, MESSAGE, PROVING -> throw new IllegalArgumentException("not a batcher's timer: " + action);
        };
        if (firedFor != b.armedAt) {
            return;
        }
        b.armedAt = SectorBatcher.NOT_ARMED;
        if (b.isEmpty()) {
            return;
        }
        if (deadline(action) <= p.head) {
            switch (action) {
                case PRECOMMIT_BATCH -> sendPreCommitBatch();
                case COMMIT_BATCH -> sendCommitBatch();
                case TERMINATE_BATCH -> {
                    if (p.terminations.size() >= p.sealing.terminateBatchMin()) {
                        sendTerminateBatch();
                    } else {
                        p.terminations.looped(p.head);
                    }
                }
                case SECTOR, MESSAGE, PROVING -> throw new IllegalArgumentException(action.name());
            }
        }
        arm(b, action, deadline(action));
    }

    private long deadline(Action action) {
        return switch (action) {
            case PRECOMMIT_BATCH -> preCommitDeadline();
            case COMMIT_BATCH -> commitDeadline();
            case TERMINATE_BATCH -> terminateDeadline();
            case SECTOR, MESSAGE, PROVING -> throw new IllegalArgumentException(action.name());
        };
    }

    // ---------------------------------------------------------------------------------------------
    // Sending

    private PreCommitBatchResult sendPreCommitBatch() {
        List<Sector> batch = p.preCommits.take(p.sealing.maxPreCommitBatch());
        p.preCommits.looped(p.head);
        Message m = send(Method.PRE_COMMIT_SECTOR_BATCH2, batch, SectorEvent.SectorPreCommitBatchSent);
        return new PreCommitBatchResult(boxed(batch), m.cid(), "");
    }

    private CommitBatchResult sendCommitBatch() {
        List<Sector> batch = p.commits.take(p.sealing.maxCommitBatch());
        p.commits.looped(p.head);
        boolean aggregate = batch.size() >= Math.max(p.sealing.minCommitBatch(), 4);
        Message m = send(aggregate ? Method.PROVE_COMMIT_AGGREGATE : Method.PROVE_COMMIT_SECTORS3, batch,
                SectorEvent.SectorCommitAggregateSent);
        return new CommitBatchResult(boxed(batch), new TreeMap<>(), m.cid(), "", aggregate);
    }

    private Cid sendTerminateBatch() {
        List<Sector> batch = p.terminations.take(p.sealing.terminateBatchMax());
        p.terminations.looped(p.head);
        return send(Method.TERMINATE_SECTORS, batch, SectorEvent.SectorTerminating).cid();
    }

    /** Sends the batch's message, arms its landing and tells each sector, in number order. */
    private Message send(Method method, List<Sector> batch, SectorEvent sent) {
        long[] numbers = new long[batch.size()];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = batch.get(i).number;
        }
        Message m = p.messages.send(method, p.head, numbers);
        p.landing.schedule(m);
        for (Sector s : batch) {
            p.planner.deliver(s, sent, m.index(), null, null);
        }
        return m;
    }

    private static List<Long> boxed(List<Sector> batch) {
        List<Long> out = new ArrayList<>(batch.size());
        for (Sector s : batch) {
            out.add(s.number);
        }
        return Collections.unmodifiableList(out);
    }
}
