package io.minersim.sealing;

import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.proving.DeadlineInfo;
import io.minersim.sealing.proving.Partition;
import io.minersim.sealing.proving.PartitionSectors;
import io.minersim.sealing.proving.PowerPair;
import io.minersim.sealing.proving.SectorCounts;
import io.minersim.sealing.proving.SectorExpiration;
import io.minersim.sealing.proving.SectorPlace;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The miner's actor as the simulated chain holds it, at the head: what a full node's {@code State*}
 * methods read. Every method reads under the miner's read lock, so one answer is one consistent state;
 * {@link Miner#reading} makes several answers one.
 */
public final class ChainView implements ChainState {

    private final Miner miner;
    private final Pipeline p;

    ChainView(Miner miner, Pipeline p) {
        this.miner = miner;
        this.p = p;
    }

    /** How many partitions the miner proves in one Window PoSt message (Lotus's {@code GetMaxPoStPartitions}). */
    public static final int POST_PARTITIONS_PER_MESSAGE = WindowPoSt.PARTITIONS_PER_MESSAGE;

    public long head() {
        return miner.reading(() -> p.head);
    }

    /**
     * The state at {@code epoch}: this view at the head (or above it), a frozen one for an epoch of the retained
     * window below it ({@value ProvingHistory#RETAINED_EPOCHS} epochs), else empty: that state is no longer kept.
     */
    public Optional<ChainState> at(long epoch) {
        return miner.reading(() -> {
            if (epoch >= p.head) {
                return Optional.of(this);
            }
            io.minersim.sealing.proving.ProvingSnapshot then = p.provingHistory.at(epoch, p.head);
            return then == null ? Optional.empty() : Optional.of(new PastChainState(this, then, epoch));
        });
    }

    /** How far below the head {@link #at} finds a state. */
    public static long retainedEpochs() {
        return ProvingHistory.RETAINED_EPOCHS;
    }

    static void checkDeadline(long deadline) {
        if (deadline < 0 || deadline >= DeadlineInfo.PERIOD_DEADLINES) {
            throw new InvalidInputException("deadline", "invalid deadline " + deadline + " of "
                    + DeadlineInfo.PERIOD_DEADLINES);
        }
    }

    /** {@code StateMinerProvingDeadline}: the current deadline at the head. */
    public DeadlineInfo provingDeadline() {
        return miner.reading(() -> p.proving.deadlineInfo(p.head));
    }

    /** The partitions proven in each of the 48 deadlines' current occurrence ({@code StateMinerDeadlines}). */
    @Override
    public List<BitField> postSubmissions() {
        return miner.reading(() -> {
            List<BitField> out = new ArrayList<>((int) DeadlineInfo.PERIOD_DEADLINES);
            for (int d = 0; d < DeadlineInfo.PERIOD_DEADLINES; d++) {
                out.add(p.proving.deadline(d).postSubmissions());
            }
            return out;
        });
    }

    /**
     * {@code StateMinerPartitions}: the partitions of {@code deadline}, in index order.
     *
     * @throws InvalidInputException when the deadline is not in [0, 48)
     */
    @Override
    public List<PartitionSectors> partitions(long deadline) {
        checkDeadline(deadline);
        return miner.reading(() -> {
            List<PartitionSectors> out = new ArrayList<>();
            for (Partition part : p.proving.deadline((int) deadline).partitions()) {
                out.add(PartitionSectors.of(part));
            }
            return out;
        });
    }

    /** {@code StateMinerFaults}. */
    @Override
    public BitField faults() {
        return union(Partition::faults);
    }

    /** {@code StateMinerRecoveries}. */
    @Override
    public BitField recoveries() {
        return union(Partition::recoveries);
    }

    /** The numbers of {@code StateMinerActiveSectors}. */
    @Override
    public BitField activeSectors() {
        return union(Partition::active);
    }

    /** The live sectors: activated, neither terminated nor expired (faulty and unproven ones included). */
    @Override
    public BitField liveSectors() {
        return union(Partition::live);
    }

    /** The numbers of {@code StateMinerSectors(nil)}: every sector ever activated (nothing is compacted). */
    @Override
    public BitField onChainSectors() {
        return union(Partition::sectors);
    }

    /**
     * The sectors the miner cannot read ({@code Sim.DeclareFaults}, not yet {@code Sim.Recover}ed): not
     * chain state, but what its next Window PoSts will skip.
     */
    public BitField unreadable() {
        return miner.reading(() -> p.unprovable);
    }

    /** {@code StateMinerSectorCount}. */
    @Override
    public SectorCounts sectorCounts() {
        return miner.reading(p.proving::counts);
    }

    /** {@code StateSectorPartition}: empty when the sector is in no partition ("not due at any deadline"). */
    @Override
    public Optional<SectorPlace> place(long sector) {
        return miner.reading(() -> Optional.ofNullable(p.proving.placeOf(sector)));
    }

    /** {@code StateSectorExpiration}: empty when the sector is not live in a partition ("failed to find sector"). */
    @Override
    public Optional<SectorExpiration> expiration(long sector) {
        return miner.reading(() -> Optional.ofNullable(p.proving.expirationOf(sector)));
    }

    /** {@code StateSectorGetInfo}: empty when the actor has no such sector. */
    @Override
    public Optional<OnChainSector> sector(long number) {
        return miner.reading(() -> {
            Sector s = p.sectors.get(number);
            return s == null || !s.onChain() || p.proving.placeOf(number) == null ? Optional.empty()
                    : Optional.of(onChain(s));
        });
    }

    /** {@code StateSectorPreCommitInfo}: empty unless the pre-commitment has landed and the sector is not active. */
    @Override
    public Optional<PreCommitOnChain> preCommit(long number) {
        return miner.reading(() -> preCommitAt(number, p.head));
    }

    /** The pre-commitment as it stood at {@code epoch}: landed by then, the sector not yet active then. */
    Optional<PreCommitOnChain> preCommitAt(long number, long epoch) {
        return miner.reading(() -> {
            Sector s = p.sectors.get(number);
            if (s == null || !pendingAt(s, epoch)) {
                return Optional.empty();
            }
            SectorInfo info = SectorInfoView.of(p, s, false);
            return Optional.of(new PreCommitOnChain(s.number, info.sealProof(), info.commR(), s.ticketEpoch,
                    dealIds(s), p.chain.preCommitExpiration(s), info.commD(), preCommitDeposit(s), s.preCommitEpoch));
        });
    }

    /**
     * Whether the sector's pre-commitment was on chain and pending at {@code epoch}: at the head, landed and neither
     * activated nor terminated; below it, landed by then and neither activated nor terminated by then (a removed
     * sector's, whose epoch is not kept, is gone at every epoch).
     */
    private boolean pendingAt(Sector s, long epoch) {
        if (s.preCommitEpoch == Sector.NONE || s.commD == null
                || s.state == io.minersim.sealing.fsm.SectorState.Removed) {
            return false;
        }
        if (epoch >= p.head) {
            return !s.onChain() && s.terminatedEpoch() == Sector.NONE;
        }
        return s.preCommitEpoch <= epoch && (!s.onChain() || s.activation > epoch)
                && (s.terminatedEpoch() == Sector.NONE || s.terminatedEpoch() > epoch);
    }

    /** Power of the active sectors: what the power actor's claim for this miner holds. */
    @Override
    public PowerPair power() {
        return powerOf(activeSectors());
    }

    /** The power of these sectors. */
    PowerPair powerOf(BitField active) {
        return miner.reading(() -> {
            long raw = 0;
            BigInteger qa = BigInteger.ZERO;
            for (long n : active) {
                Sector s = p.sectors.get(n);
                raw += p.sectorSize;
                qa = qa.add(p.chain.qualityAdjustedPower(s));
            }
            return new PowerPair(BigInteger.valueOf(raw), qa);
        });
    }

    /** The initial pledge locked by the live sectors. */
    @Override
    public BigInteger initialPledge() {
        return pledgeOf(liveSectors());
    }

    /** The initial pledge of these sectors. */
    BigInteger pledgeOf(BitField live) {
        return miner.reading(() -> {
            BigInteger sum = BigInteger.ZERO;
            for (long n : live) {
                sum = sum.add(p.chain.qualityAdjustedPower(p.sectors.get(n)).multiply(Miner.PLEDGE_PER_QA_BYTE));
            }
            return sum;
        });
    }

    /** The deposits locked by pre-commitments that have landed and are not yet proven. */
    @Override
    public BigInteger preCommitDeposits() {
        return miner.reading(() -> preCommitDepositsAt(p.head));
    }

    /** The deposits locked at {@code epoch}. */
    BigInteger preCommitDepositsAt(long epoch) {
        return miner.reading(() -> {
            BigInteger sum = BigInteger.ZERO;
            for (long n : p.sectors.allNumbers()) {
                Sector s = p.sectors.get(n);
                if (pendingAt(s, epoch)) {
                    sum = sum.add(preCommitDeposit(s));
                }
            }
            return sum;
        });
    }

    /** Every message the miner has sent, in nonce order; those with an inclusion epoch after the head are pending. */
    public List<ChainMessage> messages() {
        return miner.reading(() -> {
            List<ChainMessage> out = new ArrayList<>(p.messages.size());
            for (int i = 0; i < p.messages.size(); i++) {
                ChainMessages.Message m = p.messages.get(i);
                out.add(new ChainMessage(m.cid(), m.index(), m.method().number, m.sentEpoch(), m.inclusionEpoch(),
                        m.sectors(), 0, m.amount()));
            }
            return out;
        });
    }

    private BitField union(Function<Partition, BitField> set) {
        return miner.reading(() -> p.proving.union(set));
    }

    private OnChainSector onChain(Sector s) {
        SectorInfo info = SectorInfoView.of(p, s, true);
        return new OnChainSector(s.number, info.sealProof(), info.commR(), dealIds(s), s.activation, s.expiration,
                info.dealWeight(), info.verifiedDealWeight(), info.initialPledge(), s.powerBaseEpoch,
                s.ccPieces() != null || s.replicaUpdateMessage() >= 0 ? sectorKey(s) : null);
    }

    /** The CC replica's CommR a snapped sector keeps as its sector key. */
    private io.minersim.sealing.commitment.Cid sectorKey(Sector s) {
        return io.minersim.sealing.commitment.Cid.sealedCommitment(
                p.random.commitment("commr", s.number, -1, concat(p.random.bytes("ticket", s.ticketEpoch, 0, 32),
                        p.zeroCommD)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static List<Long> dealIds(Sector s) {
        List<Long> ids = new ArrayList<>();
        for (Piece piece : s.pieces) {
            if (piece.reportedDealId() != 0) {
                ids.add(piece.reportedDealId());
            }
        }
        return ids;
    }

    /** The deposit a pre-commitment locks: the pledge its sector would take were it active now. */
    private BigInteger preCommitDeposit(Sector s) {
        return p.chain.qualityAdjustedPower(s).multiply(Miner.PLEDGE_PER_QA_BYTE);
    }
}
