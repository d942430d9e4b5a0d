package io.minersim.sealing.proving;

import io.minersim.sealing.numbers.BitField;
import java.util.Map;
import java.util.TreeMap;

/**
 * One partition of a deadline ({@code partition_state.rs}), as sets of sector numbers: all its sectors,
 * the unproven (activated, not yet in a Window PoSt), the faulty, the recovering (declared recovered,
 * to be proven) and the terminated; and its expiration queue, keyed by epochs quantized to the
 * deadline's last epoch, with on-time and early (fault max age) expirations. Power is the caller's:
 * it knows each sector's weight. Mutations keep the actor's invariants (faults ∩ terminated = ∅,
 * recoveries ⊆ faults, unproven ∩ faults = ∅).
 */
public final class Partition {

    /** The sectors due at one quantized epoch: on time, or early after FaultMaxAge of fault. */
    public record ExpirationSet(BitField onTime, BitField early) {
        static final ExpirationSet EMPTY = new ExpirationSet(BitField.empty(), BitField.empty());

        boolean isEmpty() {
            return onTime.isEmpty() && early.isEmpty();
        }
    }

    private final QuantSpec quant;
    private BitField sectors = BitField.empty();
    private BitField unproven = BitField.empty();
    private BitField faults = BitField.empty();
    private BitField recoveries = BitField.empty();
    private BitField terminated = BitField.empty();
    private final TreeMap<Long, ExpirationSet> expirations = new TreeMap<>();
    /**
     * The on-time epoch (quantized) of each faulty sector moved to the early set, to move it back when it
     * recovers; every other live sector's on-time epoch is its entry in the queue. Only faults cost here.
     */
    private final TreeMap<Long, Long> movedOnTime = new TreeMap<>();

    public Partition(QuantSpec quant) {
        this.quant = quant;
    }

    public BitField sectors() {
        return sectors;
    }

    public BitField unproven() {
        return unproven;
    }

    public BitField faults() {
        return faults;
    }

    public BitField recoveries() {
        return recoveries;
    }

    public BitField terminated() {
        return terminated;
    }

    /**
     * A partition as a snapshot kept it: its sets, its expiration queue and the on-time epoch of each
     * sector moved early by a fault.
     */
    public static Partition restore(QuantSpec quant, BitField sectors, BitField unproven, BitField faults,
            BitField recoveries, BitField terminated, Map<Long, ExpirationSet> expirations,
            Map<Long, Long> movedOnTime) {
        Partition p = new Partition(quant);
        p.sectors = sectors;
        p.unproven = unproven;
        p.faults = faults;
        p.recoveries = recoveries;
        p.terminated = terminated;
        p.expirations.putAll(expirations);
        p.movedOnTime.putAll(movedOnTime);
        if (!faults.subtract(sectors).isEmpty() || faults.intersects(terminated)
                || !recoveries.subtract(faults).isEmpty() || unproven.intersects(faults)) {
            throw new IllegalArgumentException("partition sets break the actor's invariants");
        }
        return p;
    }

    /** The on-time epoch of each sector a fault moved to the early set (a copy). */
    public Map<Long, Long> movedOnTimeEpochs() {
        return new TreeMap<>(movedOnTime);
    }

    /** Live: not terminated (unproven and faulty ones included). */
    public BitField live() {
        return sectors.subtract(terminated);
    }

    /** Active: live, neither faulty nor unproven. */
    public BitField active() {
        return live().subtract(faults).subtract(unproven);
    }

    /** The expiration queue, by quantized epoch (a copy). */
    public Map<Long, ExpirationSet> expirations() {
        return new TreeMap<>(expirations);
    }

    /** Newly activated sectors, with their expirations: live and unproven, due on time at their quantized epoch. */
    public void addSectors(Map<Long, Long> expirationBySector) {
        BitField added = BitField.empty();
        for (Map.Entry<Long, Long> e : expirationBySector.entrySet()) {
            long sector = e.getKey();
            if (sectors.contains(sector)) {
                throw new IllegalStateException("sector " + sector + " is already in the partition");
            }
            long due = quant.quantizeUp(e.getValue());
            addExpiration(due, BitField.of(sector), BitField.empty());
            added = added.union(BitField.of(sector));
        }
        sectors = sectors.union(added);
        unproven = unproven.union(added);
    }

    /**
     * Declared or skipped faults ({@code record_faults}): the live, not yet faulty ones become faulty; a
     * faulty sector due later than {@code faultExpiration} moves to the early set there. Declared
     * recoveries among them are retracted. Returns the new faults.
     */
    public BitField recordFaults(BitField declared, long faultExpiration) {
        BitField fresh = declared.subtract(recoveries).subtract(terminated).subtract(faults).intersect(sectors);
        recoveries = recoveries.subtract(declared);
        if (!fresh.isEmpty()) {
            faults = faults.union(fresh);
            unproven = unproven.subtract(fresh);
            rescheduleAsFaults(fresh, faultExpiration);
        }
        return fresh;
    }

    /** Unproven sectors proven before (a seeded past): they become active without a PoSt now. */
    public void markProven(BitField which) {
        unproven = unproven.subtract(which);
    }

    /** {@code declare_faults_recovered}: faulty sectors to be proven by the deadline's next PoSt. */
    public BitField declareRecovered(BitField declared) {
        BitField fresh = declared.intersect(faults).subtract(recoveries);
        recoveries = recoveries.union(fresh);
        return fresh;
    }

    /**
     * A Window PoSt proved this partition ({@code record_proven_sectors}): {@code skipped} sectors become
     * faults (rescheduled to {@code faultExpiration}), the remaining recoveries are healed and move
     * back to their on-time expiration, and unproven sectors become active. Returns the recovered ones.
     */
    public BitField recordProven(BitField skipped, long faultExpiration) {
        if (!skipped.subtract(sectors).isEmpty()) {
            throw new IllegalArgumentException("skipped faults contains sectors outside partition");
        }
        recordFaults(skipped, faultExpiration);
        BitField recovered = recoveries;
        faults = faults.subtract(recovered);
        recoveries = BitField.empty();
        rescheduleRecovered(recovered);
        unproven = BitField.empty();
        return recovered;
    }

    /**
     * The deadline closed without a PoSt of this partition ({@code record_missed_post}): every live
     * sector is faulty, recoveries and unproven are cleared. Returns the sectors newly faulty.
     */
    public BitField recordMissedPost(long faultExpiration) {
        BitField fresh = live().subtract(faults);
        faults = faults.union(fresh);
        recoveries = BitField.empty();
        unproven = BitField.empty();
        rescheduleAsFaults(fresh, faultExpiration);
        return fresh;
    }

    /** {@code terminate_sectors}: live sectors leave every queue and count as terminated. */
    public BitField terminate(BitField which) {
        BitField live = which.intersect(live());
        if (!live.equals(which.intersect(sectors))) {
            throw new IllegalArgumentException("can only terminate live sectors");
        }
        removeFromQueue(live);
        for (long s : live.intersect(faults)) {
            movedOnTime.remove(s);
        }
        terminated = terminated.union(live);
        faults = faults.subtract(live);
        recoveries = recoveries.subtract(live);
        unproven = unproven.subtract(live);
        return live;
    }

    /**
     * Pops every expiration due at or before {@code until} ({@code pop_expired_sectors}): the sectors
     * are terminated. Returns what expired, on time and early.
     */
    public ExpirationSet popExpired(long until) {
        BitField onTime = BitField.empty();
        BitField early = BitField.empty();
        while (!expirations.isEmpty() && expirations.firstKey() <= until) {
            ExpirationSet set = expirations.pollFirstEntry().getValue();
            onTime = onTime.union(set.onTime());
            early = early.union(set.early());
        }
        BitField all = onTime.union(early);
        terminated = terminated.union(all);
        faults = faults.subtract(all);
        recoveries = recoveries.subtract(all);
        unproven = unproven.subtract(all);
        for (long s : early) {
            movedOnTime.remove(s);
        }
        return new ExpirationSet(onTime, early);
    }

    /**
     * The chain extended a live sector to {@code expiration}: its on-time entry moves there; a faulty
     * sector due early stays early (it moves back on recovery).
     */
    public void reschedule(long sector, long expiration) {
        if (!live().contains(sector)) {
            throw new IllegalArgumentException("can only reschedule live sectors");
        }
        long due = quant.quantizeUp(expiration);
        Map.Entry<Long, Boolean> now = expirationOf(sector);
        if (now != null && now.getValue()) {
            movedOnTime.put(sector, due);
        } else {
            removeFromQueue(BitField.of(sector));
            addExpiration(due, BitField.of(sector), BitField.empty());
        }
    }

    /** When a live sector leaves the chain: its queue epoch and whether it is early, or null if not queued. */
    public Map.Entry<Long, Boolean> expirationOf(long sector) {
        for (Map.Entry<Long, ExpirationSet> e : expirations.entrySet()) {
            if (e.getValue().onTime().contains(sector)) {
                return Map.entry(e.getKey(), false);
            }
            if (e.getValue().early().contains(sector)) {
                return Map.entry(e.getKey(), true);
            }
        }
        return null;
    }

    /** Faulty sectors due on time after the fault max age move to the early set there; the others stay. */
    private void rescheduleAsFaults(BitField fresh, long faultExpiration) {
        long faultDue = quant.quantizeUp(faultExpiration);
        BitField moved = BitField.empty();
        for (Map.Entry<Long, ExpirationSet> e : expirations.tailMap(faultDue, false).entrySet()) {
            BitField due = e.getValue().onTime().intersect(fresh);
            for (long s : due) {
                movedOnTime.put(s, e.getKey());
            }
            moved = moved.union(due);
        }
        if (!moved.isEmpty()) {
            removeFromQueue(moved);
            addExpiration(faultDue, BitField.empty(), moved);
        }
    }

    /** Recovered sectors a fault moved early go back to their on-time epoch. */
    private void rescheduleRecovered(BitField recovered) {
        for (long s : recovered) {
            Long onTime = movedOnTime.remove(s);
            if (onTime == null) {
                continue; // never moved: still due on time
            }
            removeFromQueue(BitField.of(s));
            addExpiration(onTime, BitField.of(s), BitField.empty());
        }
    }

    private void addExpiration(long due, BitField onTime, BitField early) {
        ExpirationSet old = expirations.getOrDefault(due, ExpirationSet.EMPTY);
        expirations.put(due, new ExpirationSet(old.onTime().union(onTime), old.early().union(early)));
    }

    private void removeFromQueue(BitField which) {
        for (var it = expirations.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, ExpirationSet> e = it.next();
            ExpirationSet set = e.getValue();
            if (!set.onTime().intersects(which) && !set.early().intersects(which)) {
                continue;
            }
            ExpirationSet left = new ExpirationSet(set.onTime().subtract(which), set.early().subtract(which));
            if (left.isEmpty()) {
                it.remove();
            } else {
                e.setValue(left);
            }
        }
    }
}
