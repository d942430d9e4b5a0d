package io.minersim.sealing;

import io.minersim.sealing.ChainMessages.Method;
import io.minersim.sealing.EpochScheduler.Action;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.proving.Deadline;
import io.minersim.sealing.proving.Deadline.PoStPartition;
import io.minersim.sealing.proving.DeadlineInfo;
import io.minersim.sealing.proving.MinerProving;
import io.minersim.sealing.proving.Partition;
import io.minersim.sealing.proving.SectorPlace;
import java.util.ArrayList;
import java.util.List;

/**
 * Proving as Lotus's {@code storage/wdpost} scheduler and the miner actor do it together. Activated
 * sectors go to deadlines and partitions; then, in each deadline's 60-epoch window:
 * <ul>
 *   <li>at Open + 4 (SubmitConfidence) the miner submits its Window PoSt for the deadline, in messages
 *       of up to three partitions, skipping the sectors it cannot read (faults reach the chain so);
 *   <li>at Open + 41, when it starts proving the next deadline, it declares recovered the faulty
 *       sectors it can read again of the deadline after that (Lotus's Index + 2);
 *   <li>at Last (Close − 1) the actor's cron closes the deadline: partitions without a proof have their
 *       live sectors detected faulty, and sectors due to expire leave, on time or early (FaultMaxAge).
 * </ul>
 * A message takes effect on the actor when it is sent (it is included in the next tipset). The sealing
 * state never moves: the history records the chain's {@code SectorFaultDetected},
 * {@code SectorFaultRecovered}, {@code SectorFaultedFinal} and {@code SectorExpired}.
 */
final class WindowPoSt {

    /** Epochs into a deadline's window: the PoSt submission, the recovery declaration, the close. */
    static final long SUBMIT = 4;
    static final long DECLARE = 41;
    static final long CLOSE = DeadlineInfo.CHALLENGE_WINDOW - 1;
    /** Lotus's {@code GetMaxPoStPartitions}: partitions per SubmitWindowedPoSt message. */
    static final int PARTITIONS_PER_MESSAGE = 3;

    private final Pipeline p;

    WindowPoSt(Pipeline p) {
        this.p = p;
    }

    private MinerProving proving() {
        return p.proving;
    }

    /** A sector becomes active on chain: it goes to a deadline, unproven; the deadline cron starts. */
    void activate(Sector s) {
        if (p.seeding) {
            return; // the seeder places it at the head, once its past is laid out
        }
        boolean first = !proving().hasSectors();
        proving().activate(s.number, s.expiration, p.head);
        if (first) {
            scheduleNext(p.head);
        }
    }

    /**
     * A seeded sector faulty on chain since {@code faultStart} (at the latest its activation), as if skipped
     * in a PoSt then: the chain terminates it FaultMaxAge after. The miner cannot read it (until
     * {@code Sim.Recover}).
     */
    void seedFault(Sector s, long faultStart) {
        p.unprovable = p.unprovable.union(BitField.of(s.number));
        Partition part = proving().partitionOf(s.number);
        long since = Math.max(faultStart, s.activation);
        BitField fresh = part.recordFaults(BitField.of(s.number), since + p.policy.faultMaxAge());
        record(fresh, SectorEvent.SectorFaultDetected, 1);
    }

    /** The chain extended the sector: its on-time expiration moves. */
    void extended(Sector s) {
        Partition part = proving().partitionOf(s.number);
        if (part != null && part.live().contains(s.number)) {
            part.reschedule(s.number, s.expiration);
        }
    }

    /** A termination landed: the sector leaves its partition. */
    void terminated(Sector s) {
        SectorPlace at = proving().placeOf(s.number);
        if (at != null) {
            proving().deadline(at.deadline()).terminate(BitField.of(s.number));
        }
    }

    /** {@link Miner#missPoSt}: checked first, then remembered until that deadline's next submission. */
    void miss(int deadline, java.util.Collection<Long> partitions) {
        if (deadline < 0 || deadline >= DeadlineInfo.PERIOD_DEADLINES) {
            throw new InvalidInputException("deadline", "invalid deadline " + deadline + " of "
                    + DeadlineInfo.PERIOD_DEADLINES);
        }
        int count = proving().deadline(deadline).partitions().size();
        BitField parts = BitField.empty();
        for (Long i : partitions) {
            if (i == null || i < 0 || i >= count) {
                throw new InvalidInputException("partitions", "deadline " + deadline + " has no partition " + i
                        + " (it has " + count + ")");
            }
            parts = parts.union(BitField.of(i));
        }
        p.missedPoSts.miss(deadline, partitions.isEmpty() ? MissedPoSts.ALL : parts);
    }

    /**
     * Lotus's {@code ManualFaultRecovery} ({@code RecoverFault}): one {@code DeclareFaultsRecovered} message now
     * for the given sectors, declared per deadline and partition. Every sector must be in a partition ("failed to
     * fetch partition and deadline details for sector N: sector N not due at any deadline"; nothing is sent then).
     * As the actor takes the message, a deadline whose fault cutoff has passed fails it (the message stays
     * sent, without effect), and only faulty sectors become recovering. Returns the message's CID.
     */
    io.minersim.sealing.commitment.Cid recoverNow(java.util.Collection<Long> sectors, long epoch) {
        java.util.TreeMap<Long, BitField> byPartition = new java.util.TreeMap<>();
        for (Long n : sectors) {
            SectorPlace at = proving().placeOf(n);
            if (at == null) {
                throw new InvalidInputException("sectors", "failed to fetch partition and deadline details for sector "
                        + n + ": sector " + n + " not due at any deadline");
            }
            long key = ((long) at.deadline() << 32) | at.partition();
            byPartition.merge(key, BitField.of(n), BitField::union);
        }
        boolean late = false;
        for (long key : byPartition.keySet()) {
            DeadlineInfo target = proving().occurrence((int) (key >>> 32), epoch);
            late |= epoch >= target.faultCutoff();
        }
        if (!late) {
            byPartition.forEach((key, declared) -> proving().deadline((int) (key >>> 32)).partitions()
                    .get((int) (long) key).declareRecovered(declared));
        }
        BitField all = BitField.empty();
        for (BitField b : byPartition.values()) {
            all = all.union(b);
        }
        return p.messages.send(Method.DECLARE_FAULTS_RECOVERED, epoch, all.toArray()).cid();
    }

    /** Arms the timer for the first proving event after {@code epoch}. */
    private void scheduleNext(long epoch) {
        p.timers.schedule(nextEvent(epoch), Action.PROVING, null, 0);
    }

    /** The first epoch after {@code epoch} at SUBMIT, DECLARE or CLOSE of a deadline window. */
    long nextEvent(long epoch) {
        long ps = proving().periodStart(epoch);
        long into = Math.floorMod(epoch - ps, DeadlineInfo.CHALLENGE_WINDOW);
        long windowOpen = epoch - into;
        for (long offset : new long[] {SUBMIT, DECLARE, CLOSE}) {
            if (offset > into) {
                return windowOpen + offset;
            }
        }
        return windowOpen + DeadlineInfo.CHALLENGE_WINDOW + SUBMIT;
    }

    /** The proving timer fired at {@code epoch}: does that epoch's event and arms the next. */
    void fired(long epoch) {
        DeadlineInfo di = proving().deadlineInfo(epoch);
        long into = epoch - di.open();
        int index = (int) di.index();
        if (into == SUBMIT) {
            submit(index, epoch);
        } else if (into == DECLARE) {
            declareRecoveries((int) ((index + 3) % DeadlineInfo.PERIOD_DEADLINES), epoch);
        } else if (into == CLOSE) {
            close(index, di.last());
        }
        scheduleNext(epoch);
    }

    /** The miner's Window PoSt for a deadline: every partition with something to prove, unreadable sectors skipped. */
    private void submit(int index, long epoch) {
        Deadline dl = proving().deadline(index);
        BitField missed = p.missedPoSts.take(index, dl.partitions().size());
        List<PoStPartition> proofs = new ArrayList<>();
        List<Partition> parts = dl.partitions();
        for (int i = 0; i < parts.size(); i++) {
            if (missed.contains(i)) {
                continue;
            }
            Partition part = parts.get(i);
            BitField toProve = part.live().subtract(part.faults()).union(part.recoveries());
            if (toProve.isEmpty()) {
                continue;
            }
            BitField skipped = unreadable(toProve);
            if (skipped.equals(toProve)) {
                continue; // nothing left to prove: Lotus leaves the partition out
            }
            proofs.add(new PoStPartition(i, skipped));
        }
        long faultExpiration = faultExpiration(index, epoch);
        for (int from = 0; from < proofs.size(); from += PARTITIONS_PER_MESSAGE) {
            List<PoStPartition> batch = proofs.subList(from, Math.min(proofs.size(), from + PARTITIONS_PER_MESSAGE));
            long[] params = new long[batch.size() + 1];
            params[0] = index;
            for (int i = 0; i < batch.size(); i++) {
                params[i + 1] = batch.get(i).index();
            }
            p.messages.send(Method.SUBMIT_WINDOWED_POST, epoch, params);
            BitField faultsBefore = BitField.empty();
            for (PoStPartition proof : batch) {
                faultsBefore = faultsBefore.union(parts.get(proof.index()).faults());
            }
            BitField recovered = dl.recordProven(List.copyOf(batch), faultExpiration);
            BitField faultsAfter = BitField.empty();
            for (PoStPartition proof : batch) {
                faultsAfter = faultsAfter.union(parts.get(proof.index()).faults());
            }
            record(faultsAfter.subtract(faultsBefore), SectorEvent.SectorFaultDetected, 1);
            record(recovered, SectorEvent.SectorFaultRecovered, 0);
        }
    }

    /** Lotus declares recovered, for a deadline two ahead, the faulty sectors it can read again. */
    private void declareRecoveries(int index, long epoch) {
        List<Partition> parts = proving().deadline(index).partitions();
        BitField declared = BitField.empty();
        for (Partition part : parts) {
            BitField readable = part.faults().subtract(part.recoveries()).subtract(unreadable(part.faults()));
            if (!readable.isEmpty()) {
                declared = declared.union(part.declareRecovered(readable));
            }
        }
        if (!declared.isEmpty()) {
            p.messages.send(Method.DECLARE_FAULTS_RECOVERED, epoch, declared.toArray());
        }
    }

    /** The actor's cron at the deadline's last epoch. */
    private void close(int index, long last) {
        Deadline dl = proving().deadline(index);
        BitField detected = dl.processDeadlineEnd(last + p.policy.faultMaxAge());
        record(detected, SectorEvent.SectorFaultDetected, 0);
        Partition.ExpirationSet expired = dl.popExpired(last);
        for (long n : expired.onTime()) {
            Sector s = p.sectors.get(n);
            if (s != null) {
                p.planner.deliver(s, SectorEvent.SectorExpired, last, null, null);
            }
        }
        record(expired.early(), SectorEvent.SectorFaultedFinal, last);
    }

    private long faultExpiration(int index, long epoch) {
        return proving().occurrence(index, epoch).last() + p.policy.faultMaxAge();
    }

    /** The sectors among {@code sectors} the miner cannot read: declared unprovable, or removed locally. */
    private BitField unreadable(BitField sectors) {
        BitField out = sectors.intersect(p.unprovable);
        for (long n : sectors) {
            Sector s = p.sectors.get(n);
            if (s == null || s.state == io.minersim.sealing.fsm.SectorState.Removed) {
                out = out.union(BitField.of(n));
            }
        }
        return out;
    }

    private void record(BitField sectors, SectorEvent event, long arg) {
        for (long n : sectors) {
            Sector s = p.sectors.get(n);
            if (s != null) {
                p.planner.deliver(s, event, arg, null, null);
            }
        }
    }
}
