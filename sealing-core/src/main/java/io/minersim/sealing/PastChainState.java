package io.minersim.sealing;

import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.proving.DeadlineInfo;
import io.minersim.sealing.proving.PartitionSectors;
import io.minersim.sealing.proving.PowerPair;
import io.minersim.sealing.proving.ProvingSnapshot;
import io.minersim.sealing.proving.SectorCounts;
import io.minersim.sealing.proving.SectorExpiration;
import io.minersim.sealing.proving.SectorPlace;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proving state at an epoch below the head, from the {@link ProvingHistory}: the sets of every partition then.
 * A sector's own fields (seal proof, CommR, deals, activation, expiration, weights) are the head's: they are fixed at
 * activation, but for an extension's new expiration, which this view reports from the head. Pre-commitments are
 * those landed by the epoch and not activated (nor terminated) by it, from the sectors' epochs.
 */
final class PastChainState implements ChainState {
    private final ChainView head;
    private final ProvingSnapshot state;
    private final long epoch;

    PastChainState(ChainView head, ProvingSnapshot state, long epoch) {
        this.head = head;
        this.state = state;
        this.epoch = epoch;
    }

    @Override
    public List<BitField> postSubmissions() {
        List<BitField> out = new ArrayList<>((int) DeadlineInfo.PERIOD_DEADLINES);
        for (int d = 0; d < DeadlineInfo.PERIOD_DEADLINES; d++) {
            out.add(state.postSubmissions(d));
        }
        return out;
    }

    @Override
    public List<PartitionSectors> partitions(long deadline) {
        ChainView.checkDeadline(deadline);
        List<PartitionSectors> out = new ArrayList<>();
        for (ProvingSnapshot.Part p : state.partitions((int) deadline)) {
            out.add(p.sets());
        }
        return out;
    }

    @Override
    public BitField faults() {
        return state.union(ProvingSnapshot.Part::faults);
    }

    @Override
    public BitField recoveries() {
        return state.union(ProvingSnapshot.Part::recoveries);
    }

    @Override
    public BitField activeSectors() {
        return state.union(ProvingSnapshot.Part::active);
    }

    @Override
    public BitField liveSectors() {
        return state.union(ProvingSnapshot.Part::live);
    }

    @Override
    public BitField onChainSectors() {
        return state.union(ProvingSnapshot.Part::sectors);
    }

    @Override
    public SectorCounts sectorCounts() {
        return state.counts();
    }

    /** The sector's partition then, or null when it was in none. */
    private ProvingSnapshot.Part partOf(long sector) {
        return head.place(sector).map(at -> state.partitionOf(at, sector)).orElse(null);
    }

    @Override
    public Optional<SectorPlace> place(long sector) {
        return partOf(sector) == null ? Optional.empty() : head.place(sector);
    }

    @Override
    public Optional<SectorExpiration> expiration(long sector) {
        ProvingSnapshot.Part p = partOf(sector);
        if (p == null || !p.live().contains(sector)) {
            return Optional.empty();
        }
        Optional<SectorExpiration> now = head.expiration(sector);
        if (now.isPresent()) {
            return now;
        }
        // live then, gone since (expired or terminated): it was due on time at its expiration
        return head.sector(sector).map(s -> new SectorExpiration(s.expiration(), 0));
    }

    @Override
    public Optional<OnChainSector> sector(long number) {
        return partOf(number) == null ? Optional.empty() : head.sector(number);
    }

    @Override
    public PowerPair power() {
        return head.powerOf(activeSectors());
    }

    @Override
    public Optional<PreCommitOnChain> preCommit(long number) {
        return head.preCommitAt(number, epoch);
    }

    @Override
    public BigInteger initialPledge() {
        return head.pledgeOf(liveSectors());
    }

    @Override
    public BigInteger preCommitDeposits() {
        return head.preCommitDepositsAt(epoch);
    }
}
