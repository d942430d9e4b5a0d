package io.minersim.sealing;

import static io.minersim.sealing.Sector.NONE;

import io.minersim.sealing.ChainMessages.Message;
import io.minersim.sealing.ChainMessages.Method;
import io.minersim.sealing.EpochScheduler.Action;
import io.minersim.sealing.EpochScheduler.Timer;
import io.minersim.sealing.chain.ChainClock;
import io.minersim.sealing.chain.ChainPolicy;
import io.minersim.sealing.chain.HeadListener;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitment;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.fsm.SectorTransitions;
import io.minersim.sealing.fsm.StatsBucket;
import io.minersim.sealing.fsm.Transition;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.numbers.SectorNumberAssigner;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.stats.MinerStatistics;
import io.minersim.sealing.stats.QualityAdjustedPower;
import io.minersim.sealing.stats.SectorMove;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * One simulated Lotus miner: its sectors, their state machine, the three batchers and the chain they
 * talk to.
 *
 * <p>Design. All state sits behind one read-write lock: every mutation (an API call, or the clock
 * moving the head) takes the write lock and runs to completion, so there is one writer per miner and
 * every read sees a consistent miner. Sector work is simulated by timers in an {@link EpochScheduler}:
 * entering a state ({@link #enter}) arms a timer, joins a batcher, or waits for a message; when the
 * timer fires, {@link #stageDone} picks the event the state's work ends with, and {@link #deliver}
 * runs it through {@link SectorTransitions}, logs it, records it in the history and enters the next
 * state. Timers fire in (epoch, order set) order and every value a real miner would compute with
 * proofs is derived from the seed, so a manual clock and a seed make a run repeatable byte for byte.
 */
public final class Miner implements AutoCloseable {

    /**
     * Initial pledge per byte of quality-adjusted power, in attoFIL: a fixed simulated price (about
     * 0.2 FIL for a 32 GiB CC sector), since the real one depends on network-wide state.
     */
    public static final BigInteger PLEDGE_PER_QA_BYTE = BigInteger.valueOf(5_820_766L);

    private static final Set<SectorState> OPEN_DEAL_STATES = EnumSet.of(SectorState.WaitDeals, SectorState.Empty,
            SectorState.AddPiece, SectorState.SnapDealsWaitDeals, SectorState.SnapDealsAddPiece);

    private final MinerConfig config;
    private final ChainPolicy policy;
    private final ChainClock clock;
    private final long sectorSize;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    // The state a snapshot carries (MinerSnapshot reads it; restore replaces it whole, under the write lock).
    SectorTable sectors = new SectorTable();
    EpochScheduler timers = new EpochScheduler();
    SectorNumberAssigner numbers = new SectorNumberAssigner();
    SectorBatcher preCommits = new SectorBatcher();
    SectorBatcher commits = new SectorBatcher();
    SectorBatcher terminations = new SectorBatcher();
    ChainMessages messages;
    SectorHistory history;
    /** Daily statistics, fed by the history as moves are recorded; a snapshot carries them (restored in place). */
    final MinerStatistics statistics;
    private final SimulatedRandomness random;
    List<FailureRule> failureRules = new ArrayList<>();
    ExpirationQueue expirations = new ExpirationQueue();
    /** Deal IDs the chain has expired (Sim.ExpireDeals): sectors still sealing with one give up. */
    Set<Long> expiredDeals = new java.util.TreeSet<>();
    ArrayDeque<PendingPiece> pendingPieces = new ArrayDeque<>();
    /** Pieces placed during the current write, whose futures complete once the lock is released. */
    private final List<Runnable> placedPieces = new ArrayList<>();
    private final HeadListener headListener = this::onHead;
    final List<Piece> ccPieces;
    final byte[] zeroCommD;
    private final Cid zeroCommDCid;
    /** Tipset CIDs quoted by logs, one per epoch that landed a pre-commit; filled by readers too. */
    private final java.util.concurrent.ConcurrentHashMap<Long, Cid> tipSetCids =
            new java.util.concurrent.ConcurrentHashMap<>();

    SealingConfig sealing;
    Duration expectedSealDuration = Duration.ofHours(24);
    long head;
    private boolean closed;

    record PendingPiece(Piece piece, long unpaddedSize, CompletableFuture<SectorLocation> result) {
    }

    private Miner(MinerConfig config, ChainClock clock) {
        this.config = config;
        this.policy = config.policy();
        this.clock = clock;
        this.sectorSize = config.sectorSize().bytes();
        this.sealing = config.sealing();
        this.messages = new ChainMessages(config.seed(), config.actorId());
        this.history = new SectorHistory(sectorSize);
        this.statistics = new MinerStatistics(clock.genesisTimestamp(), clock.blockDelaySeconds());
        this.random = new SimulatedRandomness(config.seed(), config.actorId());
        this.zeroCommD = PieceCommitments.zeroCommitment(sectorSize);
        this.zeroCommDCid = Cid.unsealedCommitment(zeroCommD);
        this.ccPieces = List.of(new Piece(sectorSize, zeroCommDCid, null));
        this.head = clock.head();
    }

    /** Creates a miner at the clock's head and subscribes it to the clock. */
    public static Miner start(MinerConfig config, ChainClock clock) {
        if (clock.blockDelaySeconds() != config.policy().blockDelaySeconds()) {
            throw new InvalidInputException("clock", "the clock's block delay (" + clock.blockDelaySeconds()
                    + " s) differs from the policy's (" + config.policy().blockDelaySeconds() + " s)");
        }
        Miner m = new Miner(config, clock);
        clock.subscribe(m.headListener);
        return m;
    }

    /** Unsubscribes from the clock; the miner keeps answering reads. */
    @Override
    public void close() {
        write(() -> {
            if (!closed) {
                closed = true;
                clock.unsubscribe(headListener);
            }
            return null;
        });
    }

    public MinerConfig config() {
        return config;
    }

    /** The epoch the miner has processed up to. */
    public long head() {
        return read(() -> head);
    }

    /** Unix seconds of an epoch on this miner's chain. */
    public long timestampOf(long epoch) {
        return clock.timestampOf(epoch);
    }

    // ---------------------------------------------------------------------------------------------
    // Reads

    /** Everything {@code SectorsStatus} shows; the on-chain part only with {@code onChainInfo}. */
    public SectorInfo status(long number, boolean onChainInfo) {
        return read(() -> info(sector(number), onChainInfo));
    }

    /** Every sector number, ascending, Removed ones included. */
    public long[] list() {
        return read(sectors::allNumbers);
    }

    /** The numbers of sectors in any of {@code states}, ascending. */
    public long[] listInStates(Collection<SectorState> states) {
        Set<SectorState> distinct = states.isEmpty() ? EnumSet.noneOf(SectorState.class) : EnumSet.copyOf(states);
        return read(() -> sectors.numbersIn(distinct));
    }

    /** The number of sectors per state, only states with sectors, in state order. */
    public SortedMap<SectorState, Long> summary() {
        return read(() -> {
            SortedMap<SectorState, Long> out = new TreeMap<>();
            for (SectorState s : SectorState.values()) {
                long n = sectors.count(s);
                if (n > 0) {
                    out.put(s, n);
                }
            }
            return out;
        });
    }

    /** How many sectors the miner has in all. */
    public long sectorCount() {
        return read(sectors::size);
    }

    /** The sector numbers queued in the pre-commit batcher, ascending. */
    public List<Long> preCommitPending() {
        return read(preCommits::numbers);
    }

    /** The sector numbers queued in the commit aggregator, ascending. */
    public List<Long> commitPending() {
        return read(commits::numbers);
    }

    /** The sector numbers queued in the terminate batcher, ascending. */
    public List<Long> terminatePending() {
        return read(terminations::numbers);
    }

    /** {@code WaitDealsDelay}, as {@code SectorGetSealDelay} reads it. */
    public Duration sealDelay() {
        return read(() -> sealing.waitDealsDelay());
    }

    public Duration expectedSealDuration() {
        return read(() -> expectedSealDuration);
    }

    /** The sealing knobs in force. */
    public SealingConfig sealingConfig() {
        return read(() -> sealing);
    }

    /** Up to {@code limit} history events from {@code sinceSeq} on. */
    public List<HistoryEvent> history(long sinceSeq, int limit) {
        if (sinceSeq < 0 || limit < 0) {
            throw new InvalidInputException("sinceSeq", "history position and limit must not be negative");
        }
        return read(() -> {
            List<HistoryEvent> out = new ArrayList<>();
            for (long i = sinceSeq; i < history.size() && out.size() < limit; i++) {
                out.add(history.get(i));
            }
            return out;
        });
    }

    /** The miner's daily sector statistics, fed by its history as moves are recorded. */
    public MinerStatistics statistics() {
        return statistics;
    }

    /** How many events the history holds. */
    public long historySize() {
        return read(history::size);
    }

    /** The sector number assigner's meta, as {@code SectorNumAssignerMeta}. */
    public SectorNumberAssigner.Meta numAssignerMeta() {
        return read(numbers::meta);
    }

    /** The named reservations, as {@code SectorNumReservations}. */
    public SortedMap<String, BitField> numReservations() {
        return read(numbers::reservations);
    }

    /** The failure rules still armed. */
    public List<FailureRule> failureRules() {
        return read(() -> List.copyOf(failureRules));
    }

    /**
     * The miner's whole state as a tree of plain values (maps, lists, strings, numbers, booleans,
     * {@code null}) that maps one to one onto JSON; {@link #restore} brings it back exactly. See
     * {@link MinerSnapshot} for the format.
     */
    public Map<String, Object> snapshot() {
        return read(() -> MinerSnapshot.encode(this));
    }

    /**
     * Replaces the whole state with a {@link #snapshot()} of a miner with the same configuration
     * (actor, sector size, seed, chain policy, stage durations): afterwards every read answers as the
     * original did and the same calls give the same answers. A malformed or incompatible document is
     * refused with an {@link InvalidInputException} and nothing changes. Callers still waiting for a
     * piece placement get a {@link SealingException}. The miner's head becomes the snapshot's; the
     * caller sets its clock to match.
     */
    public void restore(Map<String, ?> document) {
        MinerSnapshot.Restored r = MinerSnapshot.decode(this, document);
        List<PendingPiece> dropped = new ArrayList<>();
        write(() -> {
            statistics.replaceWith(r.statistics());
            dropped.addAll(pendingPieces);
            sectors = r.sectors();
            timers = r.timers();
            numbers = r.numbers();
            preCommits = r.preCommits();
            commits = r.commits();
            terminations = r.terminations();
            messages = r.messages();
            history = r.history();
            failureRules = r.failureRules();
            expirations = r.expirations();
            expiredDeals = r.expiredDeals();
            pendingPieces = r.pendingPieces();
            sealing = r.sealing();
            expectedSealDuration = r.expectedSealDuration();
            head = r.head();
            return null;
        });
        for (PendingPiece p : dropped) {
            p.result().completeExceptionally(new SealingException("the miner's state was restored from a snapshot"));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Writes

    /**
     * Starts a committed-capacity sector ({@code PledgeSector}) and returns its number. Fails when
     * {@code MaxSealingSectors} is reached.
     */
    public long pledgeSector() {
        return write(() -> {
            int max = sealing.maxSealingSectors();
            long cur = curSealing();
            if (max > 0 && cur >= max) {
                throw new SealingException("too many sectors sealing (curSealing: " + cur + ", max: " + max + ")");
            }
            return startSector(true, SectorEvent.SectorStartCC).number;
        });
    }

    /**
     * Adds a deal piece to a sector as {@code SectorAddPieceToAny} does: into an open sector with room,
     * an available CC sector (snap deal), or a new sector. The future completes once the piece has a
     * sector; while the limits on open and sealing sectors are reached it waits, as Lotus's call blocks.
     * Invalid pieces are refused at once with nothing changed.
     */
    public CompletableFuture<SectorLocation> addPieceToAny(long unpaddedSize, DealInfo deal) {
        return write(() -> {
            long padded = validatePiece(unpaddedSize, deal);
            Piece piece = new Piece(padded, deal.pieceCid(), deal);
            CompletableFuture<SectorLocation> result = new CompletableFuture<>();
            pendingPieces.add(new PendingPiece(piece, unpaddedSize, result));
            matchPendingPieces();
            return result;
        });
    }

    /** {@code SectorMatchPendingPiecesToOpenSectors}: tries again to place waiting pieces. */
    public void matchPendingPiecesToOpenSectors() {
        write(() -> {
            return null;
        });
    }

    /** {@code SectorStartSealing}: a sector waiting for deals starts packing now. */
    public void startSealing(long number) {
        write(() -> {
            deliver(sector(number), SectorEvent.SectorStartPacking, 0, null, null);
            return null;
        });
    }

    /** {@code SectorSetSealDelay}: a new {@code WaitDealsDelay}, applied to open sectors too. */
    public void setSealDelay(Duration delay) {
        write(() -> {
            sealing = sealing.withWaitDealsDelay(delay);
            sectors.forEachIn(SectorState.WaitDeals, this::armWaitDeals);
            sectors.forEachIn(SectorState.SnapDealsWaitDeals, this::armWaitDeals);
            return null;
        });
    }

    /** {@code SectorSetExpectedSealDuration}. */
    public void setExpectedSealDuration(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new InvalidInputException("duration", "expected seal duration must not be negative");
        }
        write(() -> {
            expectedSealDuration = duration;
            return null;
        });
    }

    /** {@code SectorsUpdate}: forces the sector into {@code state}, whose handler runs at once. */
    public void forceState(long number, SectorState state) {
        write(() -> {
            deliver(sector(number), SectorEvent.SectorForceState, state.ordinal(), state, null);
            return null;
        });
    }

    /** {@code SectorRemove}. */
    public void remove(long number) {
        write(() -> {
            deliver(sector(number), SectorEvent.SectorRemove, 0, null, null);
            return null;
        });
    }

    /** {@code SectorTerminate}. */
    public void terminate(long number) {
        write(() -> {
            deliver(sector(number), SectorEvent.SectorTerminate, 0, null, null);
            return null;
        });
    }

    /**
     * {@code SectorPreCommitFlush}: sends what is pending now. Empty when nothing was pending (Lotus
     * answers {@code null}).
     */
    public Optional<List<PreCommitBatchResult>> preCommitFlush() {
        return write(() -> {
            if (preCommits.isEmpty()) {
                return Optional.<List<PreCommitBatchResult>>empty();
            }
            List<PreCommitBatchResult> out = new ArrayList<>();
            while (!preCommits.isEmpty()) {
                out.add(sendPreCommitBatch());
            }
            return Optional.of(out);
        });
    }

    /** {@code SectorCommitFlush}: as {@link #preCommitFlush()}, for the commit aggregator. */
    public Optional<List<CommitBatchResult>> commitFlush() {
        return write(() -> {
            if (commits.isEmpty()) {
                return Optional.<List<CommitBatchResult>>empty();
            }
            List<CommitBatchResult> out = new ArrayList<>();
            while (!commits.isEmpty()) {
                out.add(sendCommitBatch());
            }
            return Optional.of(out);
        });
    }

    /** {@code SectorTerminateFlush}: the message sent, or empty when nothing was pending. */
    public Optional<Cid> terminateFlush() {
        return write(() -> {
            if (terminations.isEmpty()) {
                return Optional.<Cid>empty();
            }
            Cid first = null;
            while (!terminations.isEmpty()) {
                Cid c = sendTerminateBatch();
                first = first == null ? c : first;
            }
            return Optional.of(first);
        });
    }

    /**
     * {@code SectorMarkForUpgrade}: a proving CC sector becomes {@code Available} for snap deals. The
     * checks run first and fail with Lotus's messages.
     */
    public void markForUpgrade(long number, boolean snap) {
        write(() -> {
            if (!snap) {
                throw new SealingException("non-snap upgrades are not supported");
            }
            Sector s = sector(number);
            if (s.state != SectorState.Proving) {
                throw new SectorStateException(number, s.state,
                        "unable to snap-up sectors not in the 'Proving' state");
            }
            if (s.pieces.stream().anyMatch(p -> !p.isFiller())) {
                throw new SectorStateException(number, s.state, "not a committed-capacity sector, has deals");
            }
            if (!s.live() || s.faultEpoch != NONE) {
                throw new SectorStateException(number, s.state, "cannot mark inactive sector for upgrade");
            }
            if (s.expiration - head < policy.dealMinDuration()) {
                throw new SectorStateException(number, s.state, "pointless to upgrade sector " + number
                        + ", expiration " + s.expiration + " is less than a min deal duration away from current epoch."
                        + "Upgrade expiration before marking for upgrade");
            }
            deliver(s, SectorEvent.SectorMarkForUpdate, 0, null, null);
            return null;
        });
    }

    /** {@code SectorAbortUpgrade}. */
    public void abortUpgrade(long number) {
        write(() -> {
            deliver(sector(number), SectorEvent.SectorAbortUpgrade, 0, null, null);
            return null;
        });
    }

    /**
     * The chain marks these proving sectors faulty, as a declared fault ({@code FaultReported}) or as a
     * fault detected at WindowPoSt ({@code Faulty}).
     */
    public void declareFaults(Collection<Long> numbers, boolean declared) {
        write(() -> {
            List<Sector> targets = existing(numbers);
            for (Sector s : targets) {
                if (s.state != SectorState.Proving) {
                    throw new SectorStateException(s.number, s.state,
                            "sector " + s.number + " is " + s.state + ", only Proving sectors can become faulty");
                }
                requireLive(s, "become faulty");
            }
            for (Sector s : targets) {
                deliver(s, declared ? SectorEvent.SectorFaultReported : SectorEvent.SectorFaulty, 0, null, null);
            }
            return null;
        });
    }

    /** The chain sees these faulty sectors proven again: they return to {@code Proving}. */
    public void recoverFaults(Collection<Long> numbers) {
        write(() -> {
            List<Sector> targets = existing(numbers);
            for (Sector s : targets) {
                if (s.state != SectorState.Faulty && s.state != SectorState.FaultReported) {
                    throw new SectorStateException(s.number, s.state,
                            "sector " + s.number + " is " + s.state + ", not faulty");
                }
                requireLive(s, "recover");
            }
            for (Sector s : targets) {
                deliver(s, SectorEvent.SectorFaultRecovered, 0, null, null);
            }
            return null;
        });
    }

    /**
     * The chain extends these sectors' expiration to {@code newExpiration} (ExtendSectorExpiration2).
     * Each must be live on chain (proven, neither terminated nor expired, not Removed), and the new
     * expiration must be after its current one, at most MaxSectorExpirationExtension past the head and
     * at most the proof's SectorMaxLifetime after activation. All or nothing: on any refusal nothing
     * changes. The deal weights stay as they are (the actor keeps them; quality-adjusted power is
     * spread over the longer life). Recorded as {@link SectorEvent#SectorExtended}, state unchanged.
     */
    public void extendSectors(Collection<Long> numbers, long newExpiration) {
        write(() -> {
            List<Sector> targets = existing(numbers);
            for (Sector s : targets) {
                if (s.state == SectorState.Removed || !s.onChain()) {
                    throw new SectorStateException(s.number, s.state, "cannot extend sector " + s.number
                            + ": it is not active on chain (state " + s.state + ")");
                }
                requireLive(s, "be extended");
                if (newExpiration < s.expiration) {
                    throw new InvalidInputException("newExpiration", "cannot reduce sector " + s.number
                            + " expiration to " + newExpiration + " from " + s.expiration);
                }
                if (newExpiration == s.expiration) {
                    throw new InvalidInputException("newExpiration", "sector " + s.number
                            + " already expires at epoch " + newExpiration + "; an extension must be later");
                }
                long maxByNow = head + policy.maxSectorExpirationExtension();
                if (newExpiration > maxByNow) {
                    throw new InvalidInputException("newExpiration", "invalid expiration " + newExpiration
                            + " for sector " + s.number + ": cannot be more than "
                            + policy.maxSectorExpirationExtension() + " past current epoch " + head);
                }
                if (newExpiration - s.activation > policy.sectorMaxLifetime()) {
                    throw new InvalidInputException("newExpiration", "invalid expiration " + newExpiration
                            + " for sector " + s.number + ": total sector lifetime (" + (newExpiration - s.activation)
                            + ") cannot exceed " + policy.sectorMaxLifetime() + " after activation " + s.activation);
                }
            }
            for (Sector s : targets) {
                deliver(s, SectorEvent.SectorExtended, newExpiration, null, null);
            }
            return null;
        });
    }

    /**
     * The chain expires these deals (their start passed before the sector holding them was proven).
     * A sector still sealing with such a deal follows Lotus's DealsExpired path at its next check:
     * at once if its state has a DealsExpired edge (PreCommit1, SubmitPreCommitBatch, PreCommitFailed,
     * CommitFailed, and the snap states UpdateReplica, ProveReplicaUpdate, ReplicaUpdateFailed), else
     * when it reaches PreCommit1, the pre-commit batcher, the commit aggregator or UpdateReplica. A
     * proven sector keeps its on-chain deal weight, as on chain a sector's weight is fixed at
     * activation. Deal IDs the miner never held are an error and nothing changes.
     */
    public void expireDeals(Collection<Long> dealIds) {
        write(() -> {
            Set<Long> known = new java.util.HashSet<>();
            for (long n : sectors.allNumbers()) {
                Sector s = sectors.get(n);
                collectDealIds(s.pieces, known);
                collectDealIds(s.assigned, known);
            }
            for (PendingPiece p : pendingPieces) {
                collectDealIds(List.of(p.piece()), known);
            }
            for (Long id : dealIds) {
                if (id == null || !known.contains(id)) {
                    throw new InvalidInputException("dealIds", "deal " + id + " not found in any sector");
                }
            }
            if (dealIds.isEmpty()) {
                return null;
            }
            expiredDeals.addAll(dealIds);
            for (long n : sectors.allNumbers()) {
                Sector s = sectors.get(n);
                if (expiredDealOf(s) == 0) {
                    continue;
                }
                Transition t = SectorTransitions.next(s.state, SectorEvent.SectorDealsExpired);
                // a sealing sector not yet on chain gives up; a snap upgrade aborts back to its CC pieces
                if (t.moved() && (t.to() == SectorState.SnapDealsDealsExpired || !s.onChain())) {
                    deliver(s, SectorEvent.SectorDealsExpired, 0, null, dealsExpiredError(s));
                }
            }
            return null;
        });
    }

    /** The deal IDs the chain has expired, ascending. */
    public List<Long> expiredDeals() {
        return read(() -> List.copyOf(expiredDeals));
    }

    /** Arms a failure rule. */
    public void injectFailure(FailureRule rule) {
        write(() -> {
            if (rule.sector() != null) {
                sector(rule.sector());
            }
            failureRules.add(rule);
            return null;
        });
    }

    /** Disarms every failure rule. */
    public void clearFailures() {
        write(() -> {
            failureRules.clear();
            return null;
        });
    }

    /**
     * {@code SectorReceive}: imports a sector sealed elsewhere under {@code number}, with its pieces
     * (fillers included, filling the sector), to continue in {@code target}: Packing, GetTicket,
     * PreCommitting, SubmitCommit, Proving or Available. It passes through ReceiveSector for one
     * epoch. A sector received for Proving or Available is on chain from now on.
     */
    public void receive(long number, SectorState target, List<Piece> pieces) {
        write(() -> {
            if (!SectorTransitions.successors(SectorState.ReceiveSector).contains(target)
                    || target == SectorState.Removing || target == SectorState.Terminating) {
                throw new InvalidInputException("State", "cannot receive a sector into state " + target
                        + "; allowed: Packing, GetTicket, PreCommitting, SubmitCommit, Proving, Available");
            }
            if (sectors.get(number) != null || numbers.meta().inUse().contains(number)) {
                throw new InvalidInputException("Sector", "sector " + number + " state already exists");
            }
            long size = 0;
            for (Piece p : pieces) {
                size += p.paddedSize();
            }
            if (!pieces.isEmpty() && size != sectorSize) {
                throw new InvalidInputException("Pieces", "received pieces fill " + size + " of the sector's "
                        + sectorSize + " bytes");
            }
            numbers.markAllocated(number);
            Sector s = new Sector(number, head, pieces.stream().allMatch(Piece::isFiller));
            s.pieces = pieces.isEmpty() ? List.of() : List.copyOf(pieces);
            s.returnState = target;
            boolean sealed = target != SectorState.Packing && target != SectorState.GetTicket;
            if (sealed) {
                s.ticketEpoch = Math.max(0, head - policy.sealRandomnessLookback());
                s.commD = s.pieces.isEmpty() || s.pieces.equals(ccPieces) ? zeroCommD : computeCommD(s.pieces);
                s.sealed = true;
                s.expiration = preCommitExpiration(s);
            }
            if (target == SectorState.SubmitCommit || target == SectorState.Proving
                    || target == SectorState.Available) {
                s.preCommitEpoch = Math.max(0, head - policy.preCommitChallengeDelay());
                s.seedEpoch = s.preCommitEpoch + policy.preCommitChallengeDelay();
                s.proven = true;
            }
            if (target == SectorState.Proving || target == SectorState.Available) {
                activate(s, head);
            }
            s.state = SectorTransitions.initial(SectorEvent.SectorReceive);
            s.log.append(SectorEvent.SectorReceive.ordinal(), head, 0, null);
            sectors.add(s);
            history.record(head, s.number, null, s.state, SectorEvent.SectorReceive, 0, 0, 0);
            enter(s);
            return null;
        });
    }

    /**
     * Materialises sectors directly in the states a scenario gives them, with the past those states
     * imply, all or nothing (see {@link SectorSeeder}); they go on from there as the clock runs.
     * Returns the sector numbers in the order of the seeds.
     */
    public long[] seed(List<SectorSeed> seeds) {
        return write(() -> new SectorSeeder(new SeedHost()).seed(seeds));
    }

    /** The miner's side of {@link SectorSeeder}, called under the write lock. */
    private final class SeedHost implements SectorSeeder.Host {
        @Override public long head() {
            return head;
        }

        @Override public MinerConfig config() {
            return config;
        }

        @Override public SealingConfig sealing() {
            return sealing;
        }

        @Override public SectorTable sectors() {
            return sectors;
        }

        @Override public SectorNumberAssigner numbers() {
            return numbers;
        }

        @Override public SectorHistory history() {
            return history;
        }

        @Override public ChainMessages messages() {
            return messages;
        }

        @Override public void scheduleLanding(Message m) {
            Miner.this.scheduleLanding(m);
        }

        @Override public void replay(Sector s, SectorEvent event, long arg, String error, long epoch) {
            long now = head;
            head = epoch;
            try {
                s.log.append(event.ordinal(), epoch, arg, error);
                applyEvent(s, event, arg, s.state, error);
            } finally {
                head = now;
            }
        }

        @Override public void assign(Sector s, Piece piece) {
            Miner.this.assign(s, piece);
        }

        @Override public long preCommitExpiration(Sector s, long epoch) {
            long now = head;
            head = epoch;
            try {
                return Miner.this.preCommitExpiration(s);
            } finally {
                head = now;
            }
        }

        @Override public void enter(Sector s) {
            Miner.this.enter(s);
        }

        @Override public SectorMove statisticsMove(Sector s, SectorState from, SectorEvent event, long epoch) {
            long now = head;
            head = epoch;
            try {
                return Miner.this.statisticsMove(s, from, event, s.dealBytes());
            } finally {
                head = now;
            }
        }

        @Override public void recordStatistics(List<SectorMove> moves) {
            statistics.recordPast(moves);
        }
    }

    /** {@code SectorNumReserve}. */
    public void numReserve(String name, BitField sectorNumbers, boolean force) {
        write(() -> {
            numbers.reserve(name, sectorNumbers, force);
            return null;
        });
    }

    /** {@code SectorNumReserveCount}. */
    public BitField numReserveCount(String name, long count) {
        return write(() -> numbers.reserveCount(name, count));
    }

    /** {@code SectorNumFree}. */
    public void numFree(String name) {
        write(() -> {
            numbers.free(name);
            return null;
        });
    }

    // ---------------------------------------------------------------------------------------------
    // The clock

    private void onHead(long epoch) {
        write(() -> {
            runUntil(epoch);
            return null;
        });
    }

    /** Runs what is due at the head, and places waiting pieces, until nothing more happens. */
    private void settle() {
        do {
            runUntil(head);
        } while (matchPendingPieces());
    }

    /** Fires every timer due up to {@code epoch}, in order, then settles the head there. */
    private void runUntil(long epoch) {
        Timer t;
        while ((t = timers.pollDue(epoch)) != null) {
            head = Math.max(head, t.epoch);
            fire(t);
        }
        head = Math.max(head, epoch);
    }

    private void fire(Timer t) {
        switch (t.action) {
            case SECTOR -> {
                if (t.version == t.sector.version) {
                    stageDone(t.sector);
                }
            }
            case PRECOMMIT_BATCH -> batchTimer(preCommits, Action.PRECOMMIT_BATCH, t.epoch, this::preCommitDeadline,
                    this::sendPreCommitBatch);
            case COMMIT_BATCH -> batchTimer(commits, Action.COMMIT_BATCH, t.epoch, this::commitDeadline,
                    this::sendCommitBatch);
            case TERMINATE_BATCH -> batchTimer(terminations, Action.TERMINATE_BATCH, t.epoch, this::terminateDeadline,
                    () -> {
                        if (terminations.size() >= sealing.terminateBatchMin()) {
                            sendTerminateBatch();
                        } else {
                            terminations.looped(head);
                        }
                    });
            case MESSAGE -> messageLanded(messages.get((int) t.version));
            case EXPIRATION -> expireDue(t.version);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The state machine

    /**
     * Runs one event through the table. A move is logged, recorded in the history and followed by
     * the new state's handler; a rejected event leaves the sector as it was, but for the two log
     * entries Lotus writes (the event, then the planner error).
     */
    private Transition deliver(Sector s, SectorEvent event, long arg, SectorState target, String error) {
        Transition tr = SectorTransitions.next(s.state, event, target);
        switch (tr.outcome()) {
            case IGNORED -> {
                return tr;
            }
            case REJECTED -> {
                s.log.append(event.ordinal(), head, arg, error);
                s.log.append(SectorLog.PLANNER_ERROR, head, 0, tr.error());
                return tr;
            }
            case ABSORBED -> {
                s.log.append(event.ordinal(), head, arg, error);
                if (event.isError()) {
                    s.lastErr = error;
                }
                if (event.isSimulatorEvent()) {
                    // a chain record (extended, expired): the state stays, the history keeps it
                    applyEvent(s, event, arg, s.state, error);
                    recordHistory(s, s.state, event);
                }
                return tr;
            }
            case MOVED -> {
                s.log.append(event.ordinal(), head, arg, error);
                SectorState from = s.state;
                applyEvent(s, event, arg, from, error);
                s.state = tr.to();
                s.version++;
                s.injectedError = null;
                sectors.moved(s, from);
                leave(s, from);
                recordHistory(s, from, event);
                enter(s);
                return tr;
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private void recordHistory(Sector s, SectorState from, SectorEvent event) {
        long dealBytes = s.dealBytes();
        history.record(head, s.number, from, s.state, event, dealBytes, s.dealWeight, s.verifiedDealWeight);
        if (MinerStatistics.observes(event)) {
            statistics.record(statisticsMove(s, from, event, dealBytes));
        }
    }

    /** The move with the chain facts the statistics count: verified bytes, power base, message. */
    private SectorMove statisticsMove(Sector s, SectorState from, SectorEvent event, long dealBytes) {
        long verifiedBytes = 0;
        for (Piece p : s.pieces) {
            verifiedBytes += !p.isFiller() && p.deal().isVerified() ? p.paddedSize() : 0;
        }
        int index = event == SectorEvent.SectorPreCommitLanded ? s.preCommitMessage
                : event == SectorEvent.SectorProving ? s.commitMessage : -1;
        SectorMove.Message message = null;
        if (index >= 0) {
            Message m = messages.get(index);
            message = new SectorMove.Message(index, m.sectors().length, m.method() == Method.PROVE_COMMIT_AGGREGATE);
        }
        return new SectorMove(head, s.number, from, s.state, event, sectorSize, dealBytes, verifiedBytes,
                s.dealWeight, s.verifiedDealWeight, s.powerBaseEpoch, s.expiration, message);
    }

    /** What an event carries into the sector record, before the move. */
    private void applyEvent(Sector s, SectorEvent event, long arg, SectorState from, String error) {
        if (event.isError()) {
            s.lastErr = error == null ? "" : error;
        }
        switch (event) {
            case SectorPieceAdded -> {
                List<Piece> all = new ArrayList<>(s.pieces);
                all.addAll(s.assigned);
                s.pieces = List.copyOf(all);
                s.assigned = List.of();
            }
            case SectorPacked -> s.pieces = withFillers(s.pieces);
            case SectorTicket -> s.ticketEpoch = arg;
            case SectorPreCommit2 -> {
                s.commD = s.committedCapacity && s.pieces.equals(ccPieces) ? zeroCommD : computeCommD(s.pieces);
                s.sealed = true;
            }
            case SectorPreCommitBatchSent -> s.preCommitMessage = (int) arg;
            case SectorPreCommitLanded -> s.preCommitEpoch = arg;
            case SectorSeedReady -> s.seedEpoch = arg;
            case SectorCommitted -> s.proven = true;
            case SectorCommitAggregateSent -> s.commitMessage = (int) arg;
            case SectorProving -> activate(s, arg);
            case SectorSealPreCommit1Failed -> {
                s.preCommit1Fails++;
                s.preCommit2Fails = 0;
                s.invalidProofs = 0;
            }
            case SectorSealPreCommit2Failed -> s.preCommit2Fails++;
            case SectorRetryComputeProof, SectorRetryInvalidProof -> s.invalidProofs++;
            case SectorInvalidDealIDs -> s.returnState = from;
            case SectorUpdateDealIDs, SectorReceived -> s.returnState = null;
            case SectorFaulty, SectorFaultReported -> s.faultEpoch = s.faultEpoch == NONE ? head : s.faultEpoch;
            case SectorFaultRecovered -> s.faultEpoch = NONE;
            case SectorFaultedFinal -> s.terminatedEpoch = head;
            case SectorTerminating -> s.terminateMessage = (int) arg;
            case SectorTerminated -> s.terminatedEpoch = s.terminatedEpoch == NONE ? arg : s.terminatedEpoch;
            case SectorStartCCUpdate -> {
                s.ccPieces = s.pieces;
                s.pieces = List.of();
            }
            case SectorReplicaUpdate -> {
                s.commD = computeCommD(s.pieces);
                s.replicaUpdateFails = 0;
            }
            case SectorReplicaUpdateSubmitted -> s.replicaUpdateMessage = (int) arg;
            case SectorReplicaUpdateLanded -> updateWeights(s, s.replicaUpdateMessage < 0 ? head
                    : messages.get(s.replicaUpdateMessage).inclusionEpoch());
            case SectorRevertUpgradeToProving -> {
                if (s.ccPieces != null) {
                    s.pieces = s.ccPieces;
                    s.commD = zeroCommD;
                }
                s.ccPieces = null;
                s.assigned = List.of();
                s.replicaUpdateMessage = -1;
            }
            case SectorKeyReleased -> s.ccPieces = null;
            case SectorExtended -> {
                s.expiration = arg;
                watchExpiration(s);
            }
            case SectorExpired -> s.expiredEpoch = arg;
            default -> {
                // the event carries nothing the sector keeps
            }
        }
    }

    /** Leaving a batching state other than by the batch itself takes the sector out of the queue. */
    private void leave(Sector s, SectorState from) {
        if (from == s.state) {
            return;
        }
        switch (from) {
            case SubmitPreCommitBatch -> preCommits.remove(s);
            case SubmitCommitAggregate -> commits.remove(s);
            case Terminating -> terminations.remove(s);
            default -> {
                // no queue to leave
            }
        }
    }

    /** Runs the handler of the state the sector just entered. */
    private void enter(Sector s) {
        s.injectedError = FailurePaths.failureEvent(s.state) == null ? null : takeFailure(s);
        StageDurations d = config.stages();
        Handling h = switch (s.state) {
            case Empty, WaitDeals, SnapDealsWaitDeals -> waitDeals(s);
            case AddPiece, SnapDealsAddPiece -> stage(s, d.addPiece());
            case Packing -> stage(s, d.packing());
            case SnapDealsPacking -> s.pieces.stream().allMatch(Piece::isFiller)
                    ? now(s, SectorEvent.SectorAbortUpgrade, 0, null) : stage(s, d.packing());
            case GetTicket -> stage(s, d.getTicket());
            case PreCommit1 -> stage(s, d.preCommit1());
            case PreCommit2 -> stage(s, d.preCommit2());
            case PreCommitting -> s.preCommitEpoch != NONE
                    ? now(s, SectorEvent.SectorPreCommitLanded, s.preCommitEpoch, null)
                    : now(s, SectorEvent.SectorPreCommitBatch, 0, null);
            case SubmitPreCommitBatch -> joinPreCommitBatch(s);
            case PreCommitBatchWait, PreCommitWait -> awaitMessage(s, s.preCommitMessage, s.preCommitEpoch != NONE,
                    SectorEvent.SectorPreCommitLanded, s.preCommitEpoch, SectorEvent.SectorChainPreCommitFailed,
                    "precommit message not found");
            case WaitSeed -> s.preCommitEpoch == NONE
                    ? now(s, SectorEvent.SectorChainPreCommitFailed, 0, "precommit not found on chain")
                    : at(s, s.preCommitEpoch + policy.preCommitChallengeDelay() + policy.interactivePoRepConfidence());
            case Committing -> stage(s, d.committing());
            case CommitFinalize, FinalizeSector -> stage(s, d.finalizeSector());
            case SubmitCommit -> now(s, SectorEvent.SectorSubmitCommitAggregate, 0, null);
            case SubmitCommitAggregate -> joinCommitBatch(s);
            case CommitAggregateWait, CommitWait -> awaitMessage(s, s.commitMessage, s.onChain(),
                    SectorEvent.SectorProving, s.activation, SectorEvent.SectorCommitFailed,
                    "commit message not found");
            case Proving, Available, FailedUnrecoverable, Removed -> Handling.WAITING;
            case UpdateReplica -> stage(s, d.replicaUpdate());
            case ProveReplicaUpdate -> stage(s, d.proveReplicaUpdate());
            case FinalizeReplicaUpdate -> stage(s, d.finalizeReplicaUpdate());
            case SubmitReplicaUpdate -> submitReplicaUpdate(s);
            case WaitMutable -> stage(s, 1);
            case ReplicaUpdateWait -> awaitMessage(s, s.replicaUpdateMessage, false,
                    SectorEvent.SectorReplicaUpdateLanded, 0, SectorEvent.SectorSubmitReplicaUpdateFailed,
                    "replica update message not found");
            case UpdateActivating -> s.replicaUpdateMessage < 0 ? stage(s, policy.chainFinality())
                    : at(s, messages.get(s.replicaUpdateMessage).inclusionEpoch() + policy.chainFinality());
            case ReleaseSectorKey -> stage(s, d.releaseSectorKey());
            case AbortUpgrade -> stage(s, 0);
            case DealsExpired, PackingFailed -> now(s, SectorEvent.SectorRemove, 0, null);
            case SnapDealsDealsExpired -> now(s, SectorEvent.SectorAbortUpgrade, 0, null);
            case RecoverDealIDs -> now(s, SectorEvent.SectorUpdateDealIDs, 0, null);
            case SnapDealsRecoverDealIDs -> now(s, SectorEvent.SectorUpdateDealIDs, 0, null);
            case SealPreCommit1Failed -> s.preCommit1Fails > 3
                    ? now(s, SectorEvent.SectorRemove, 0, null) : cooldown(s);
            case AddPieceFailed, SealPreCommit2Failed, PreCommitFailed, ComputeProofFailed, RemoteCommitFailed,
                    CommitFailed, CommitFinalizeFailed, FinalizeFailed, SnapDealsAddPieceFailed, ReplicaUpdateFailed,
                    ReleaseSectorKeyFailed, FinalizeReplicaUpdateFailed, RemoveFailed -> cooldown(s);
            case Faulty, FaultReported -> {
                s.faultEpoch = s.faultEpoch == NONE ? head : s.faultEpoch;
                yield at(s, s.faultEpoch + policy.faultMaxAge());
            }
            case FaultedFinal -> Handling.WAITING;
            case Terminating -> startTermination(s);
            case TerminateWait -> s.terminatedEpoch != NONE || s.terminateMessage == -1
                    ? now(s, SectorEvent.SectorTerminated, s.terminatedEpoch != NONE ? s.terminatedEpoch
                            : s.expiredEpoch != NONE ? s.expiredEpoch : head, null)
                    : Handling.WAITING;
            case TerminateFinality -> at(s, s.terminatedEpoch + policy.chainFinality());
            case TerminateFailed -> s.preCommitEpoch != NONE && !s.onChain() ? Handling.WAITING : cooldown(s);
            case Removing -> stage(s, d.removing());
            case ReceiveSector -> stage(s, 1);
        };
        if (h == Handling.NOW) {
            Immediate i = immediate;
            immediate = null;
            SectorState target = i.event == SectorEvent.SectorUpdateDealIDs && s.state == SectorState.RecoverDealIDs
                    ? s.returnState : null;
            deliver(s, i.event, i.arg, target, i.error);
        }
    }

    /** How a state's handler left the sector. */
    private enum Handling {
        /** A timer is armed. */
        TIMED,
        /** Waiting on a batcher, a message or the outside world. */
        WAITING,
        /** The next event is due in this very step. */
        NOW
    }

    /** The event a state's work (or its cooldown) ends with, when its timer fires. */
    private void stageDone(Sector s) {
        String injected = s.injectedError;
        SectorEvent failure = FailurePaths.failureEvent(s.state);
        if (injected != null && failure != null && !isMessageWait(s.state)) {
            deliver(s, failure, 0, null, injected);
            return;
        }
        switch (s.state) {
            case Empty, WaitDeals, SnapDealsWaitDeals -> {
                if (packingEpoch(s) <= head) {
                    deliver(s, SectorEvent.SectorStartPacking, 0, null, null);
                } else {
                    armWaitDeals(s);
                }
            }
            case AddPiece, SnapDealsAddPiece -> deliver(s, SectorEvent.SectorPieceAdded, 0, null, null);
            case Packing, SnapDealsPacking -> deliver(s, SectorEvent.SectorPacked, s.pieces.size(), null, null);
            case GetTicket -> deliver(s, SectorEvent.SectorTicket,
                    Math.max(0, head - policy.sealRandomnessLookback()), null, null);
            case PreCommit1 -> {
                if (head - s.ticketEpoch > policy.maxPreCommitRandomnessLookback()) {
                    deliver(s, SectorEvent.SectorOldTicket, 0, null, null);
                } else if (s.earliestDealStart() <= head) {
                    deliver(s, SectorEvent.SectorDealsExpired, 0, null, "sector deals expired: a deal start epoch "
                            + s.earliestDealStart() + " has passed (current epoch " + head + ")");
                } else if (expiredDealOf(s) != 0) {
                    deliver(s, SectorEvent.SectorDealsExpired, 0, null, dealsExpiredError(s));
                } else {
                    deliver(s, SectorEvent.SectorPreCommit1, 0, null, null);
                }
            }
            case PreCommit2 -> deliver(s, SectorEvent.SectorPreCommit2, 0, null, null);
            case WaitSeed -> deliver(s, SectorEvent.SectorSeedReady,
                    s.preCommitEpoch + policy.preCommitChallengeDelay(), null, null);
            case Committing -> {
                if (s.seedEpoch == NONE) {
                    deliver(s, SectorEvent.SectorCommitFailed, 0, null, "no interactive seed to prove with");
                } else {
                    deliver(s, SectorEvent.SectorCommitted, 0, null, null);
                }
            }
            case CommitFinalize -> deliver(s, SectorEvent.SectorFinalized, 0, null, null);
            case FinalizeSector -> deliver(s, s.committedCapacity && sealing.makeCCSectorsAvailable()
                    ? SectorEvent.SectorFinalizedAvailable : SectorEvent.SectorFinalized, 0, null, null);
            case UpdateReplica -> {
                if (expiredDealOf(s) != 0) {
                    deliver(s, SectorEvent.SectorDealsExpired, 0, null, dealsExpiredError(s));
                } else {
                    deliver(s, SectorEvent.SectorReplicaUpdate, 0, null, null);
                }
            }
            case ProveReplicaUpdate -> deliver(s, SectorEvent.SectorProveReplicaUpdate, 0, null, null);
            case FinalizeReplicaUpdate -> deliver(s, SectorEvent.SectorFinalized, 0, null, null);
            case WaitMutable -> deliver(s, SectorEvent.SectorDeadlineMutable, 0, null, null);
            case UpdateActivating -> deliver(s, SectorEvent.SectorUpdateActive, 0, null, null);
            case ReleaseSectorKey -> deliver(s, SectorEvent.SectorKeyReleased, 0, null, null);
            case AbortUpgrade -> deliver(s, SectorEvent.SectorRevertUpgradeToProving, 0, null, null);
            case Removing -> deliver(s, SectorEvent.SectorRemoved, 0, null, null);
            case ReceiveSector -> deliver(s, SectorEvent.SectorReceived, 0, s.returnState, null);
            case TerminateFinality -> deliver(s, SectorEvent.SectorRemove, 0, null, null);
            case Faulty, FaultReported -> {
                if (s.expiredEpoch == NONE) {
                    deliver(s, SectorEvent.SectorFaultedFinal, 0, null, null); // the network's passive termination
                }
            }
            case AddPieceFailed -> deliver(s, SectorEvent.SectorRetryWaitDeals, 0, null, null);
            case SnapDealsAddPieceFailed -> deliver(s, SectorEvent.SectorRetryWaitDeals, 0, null, null);
            case SealPreCommit1Failed -> deliver(s, SectorEvent.SectorRetrySealPreCommit1, 0, null, null);
            case SealPreCommit2Failed -> deliver(s, s.preCommit2Fails > 3
                    ? SectorEvent.SectorRetrySealPreCommit1 : SectorEvent.SectorRetrySealPreCommit2, 0, null, null);
            case PreCommitFailed -> retryPreCommit(s);
            case ComputeProofFailed -> deliver(s, s.invalidProofs > 1
                    ? SectorEvent.SectorSealPreCommit1Failed : SectorEvent.SectorRetryComputeProof, 0, null,
                    s.invalidProofs > 1 ? "consecutive compute fails" : null);
            case RemoteCommitFailed -> deliver(s, SectorEvent.SectorRetryComputeProof, 0, null, null);
            case CommitFailed -> retryCommit(s);
            case CommitFinalizeFailed, FinalizeFailed, FinalizeReplicaUpdateFailed ->
                    deliver(s, SectorEvent.SectorRetryFinalize, 0, null, null);
            case ReplicaUpdateFailed -> {
                s.replicaUpdateFails++;
                deliver(s, s.replicaUpdateFails > 3 ? SectorEvent.SectorAbortUpgrade
                        : SectorEvent.SectorRetryReplicaUpdate, 0, null, null);
            }
            case ReleaseSectorKeyFailed -> deliver(s, SectorEvent.SectorUpdateActive, 0, null, null);
            case RemoveFailed -> deliver(s, SectorEvent.SectorRemove, 0, null, null);
            case TerminateFailed -> deliver(s, SectorEvent.SectorTerminate, 0, null, null);
            case Proving, Available, FailedUnrecoverable, Removed, PreCommitting, SubmitPreCommitBatch,
                    PreCommitBatchWait, PreCommitWait, SubmitCommit, SubmitCommitAggregate, CommitAggregateWait,
                    CommitWait, SubmitReplicaUpdate, ReplicaUpdateWait, DealsExpired, PackingFailed,
                    SnapDealsDealsExpired, RecoverDealIDs, SnapDealsRecoverDealIDs, FaultedFinal, Terminating,
                    TerminateWait -> {
                // these states act through immediate events, batchers and messages, not timers
            }
        }
    }

    private static boolean isMessageWait(SectorState state) {
        return state == SectorState.PreCommitBatchWait || state == SectorState.PreCommitWait
                || state == SectorState.CommitAggregateWait || state == SectorState.CommitWait
                || state == SectorState.ReplicaUpdateWait || state == SectorState.TerminateWait;
    }

    private void retryPreCommit(Sector s) {
        if (expiredDealOf(s) != 0) {
            deliver(s, SectorEvent.SectorDealsExpired, 0, null, dealsExpiredError(s));
        } else if (s.preCommitEpoch != NONE) {
            deliver(s, SectorEvent.SectorRetryWaitSeed, 0, null, null);
        } else if (s.preCommitMessage != -1) {
            deliver(s, SectorEvent.SectorRetryPreCommitWait, 0, null, null);
        } else {
            deliver(s, SectorEvent.SectorRetryPreCommit, 0, null, null);
        }
    }

    private void retryCommit(Sector s) {
        if (!s.onChain() && expiredDealOf(s) != 0) {
            deliver(s, SectorEvent.SectorDealsExpired, 0, null, dealsExpiredError(s));
        } else if (s.onChain()) {
            deliver(s, SectorEvent.SectorRetryCommitWait, 0, null, null);
        } else if (s.preCommitEpoch == NONE) {
            deliver(s, SectorEvent.SectorRetryPreCommit, 0, null, null);
        } else if (s.commitMessage != -1) {
            deliver(s, SectorEvent.SectorRetryCommitWait, 0, null, null);
        } else {
            deliver(s, SectorEvent.SectorRetryComputeProof, 0, null, null);
        }
    }

    // handler building blocks

    private Handling stage(Sector s, long epochs) {
        return at(s, head + epochs);
    }

    private Handling at(Sector s, long epoch) {
        timers.schedule(Math.max(head, epoch), Action.SECTOR, s, s.version);
        return Handling.TIMED;
    }

    private Handling cooldown(Sector s) {
        return stage(s, policy.epochsCovering(seconds(sealing.minRetryTime())));
    }

    /** An immediate event: {@link #enter} runs it once the handler has returned. */
    private Handling now(Sector s, SectorEvent event, long arg, String error) {
        immediate = new Immediate(event, arg, error);
        return Handling.NOW;
    }

    private record Immediate(SectorEvent event, long arg, String error) {
    }

    /** The event the handler now running asked for; handlers ask for it last, so one slot will do. */
    private Immediate immediate;

    private Handling awaitMessage(Sector s, int message, boolean landed, SectorEvent landedEvent, long landedArg,
            SectorEvent failure, String missing) {
        if (landed) {
            return now(s, landedEvent, landedArg, null);
        }
        if (message == -1) {
            return now(s, failure, 0, missing);
        }
        Message m = messages.get(message);
        long landsAt = m.inclusionEpoch() + policy.messageConfidence();
        if (landsAt <= head) {
            if (s.injectedError != null) {
                return now(s, failure, 0, s.injectedError);
            }
            return now(s, landedEvent, landedEventArg(landedEvent, m), null);
        }
        return Handling.WAITING;
    }

    private static long landedEventArg(SectorEvent landedEvent, Message m) {
        return landedEvent == SectorEvent.SectorReplicaUpdateLanded ? 0 : m.inclusionEpoch();
    }

    private Handling waitDeals(Sector s) {
        if (!s.assigned.isEmpty()) {
            return now(s, SectorEvent.SectorAddPiece, 0, null);
        }
        if (!s.pieces.isEmpty() && (s.usedBytes() >= sectorSize
                || s.dealCount() >= config.sectorSize().maxDealsPerSector())) {
            return now(s, SectorEvent.SectorStartPacking, 0, null);
        }
        armWaitDeals(s);
        return Handling.TIMED;
    }

    private void armWaitDeals(Sector s) {
        timers.schedule(Math.max(head, packingEpoch(s)), Action.SECTOR, s, s.version);
    }

    /** When a sector waiting for deals starts packing: its seal delay, or a deal's start nearing. */
    private long packingEpoch(Sector s) {
        long byDelay = s.createdEpoch + policy.epochsCovering(seconds(sealing.waitDealsDelay()));
        long earliestStart = s.earliestDealStart();
        long byDeal = earliestStart == Long.MAX_VALUE ? Long.MAX_VALUE
                : earliestStart - sealing.startEpochSealingBuffer();
        return Math.min(byDelay, byDeal);
    }

    private Handling joinPreCommitBatch(Sector s) {
        if (s.injectedError != null) {
            return now(s, SectorEvent.SectorChainPreCommitFailed, 0, s.injectedError);
        }
        if (expiredDealOf(s) != 0) {
            return now(s, SectorEvent.SectorDealsExpired, 0, dealsExpiredError(s));
        }
        s.expiration = preCommitExpiration(s);
        long cutoff = Math.min(s.ticketEpoch + policy.maxPreCommitRandomnessLookback(), s.earliestDealStart());
        if (cutoff <= head) {
            return now(s, SectorEvent.SectorChainPreCommitFailed, 0,
                    "queuing precommit batch failed: cutoff has already passed");
        }
        preCommits.add(s, cutoff, head);
        if (preCommits.size() >= sealing.maxPreCommitBatch()) {
            sendPreCommitBatch();
        }
        armBatchTimer(preCommits, Action.PRECOMMIT_BATCH, preCommitDeadline());
        return Handling.WAITING;
    }

    private Handling joinCommitBatch(Sector s) {
        if (s.injectedError != null) {
            return now(s, SectorEvent.SectorCommitFailed, 0, s.injectedError);
        }
        if (expiredDealOf(s) != 0) {
            return now(s, SectorEvent.SectorCommitFailed, 0, dealsExpiredError(s));
        }
        long cutoff = Math.min(s.preCommitEpoch + policy.maxProveCommitDuration(), s.earliestDealStart());
        commits.add(s, cutoff, head);
        if (commits.size() >= sealing.maxCommitBatch()) {
            sendCommitBatch();
        }
        armBatchTimer(commits, Action.COMMIT_BATCH, commitDeadline());
        return Handling.WAITING;
    }

    private Handling startTermination(Sector s) {
        if (!s.onChain() && s.terminatedEpoch == NONE) {
            if (s.preCommitEpoch != NONE) {
                return now(s, SectorEvent.SectorTerminateFailed, 0,
                        "sector was precommitted but not proven, remove instead of terminating");
            }
            return now(s, SectorEvent.SectorRemove, 0, null);
        }
        if (s.terminatedEpoch != NONE || s.expiredEpoch != NONE) {
            // not in the chain's live set: Lotus's terminate batcher sends nothing for it
            return now(s, SectorEvent.SectorTerminating, -1, null);
        }
        if (s.injectedError != null) {
            return now(s, SectorEvent.SectorTerminateFailed, 0, s.injectedError);
        }
        terminations.add(s, Long.MAX_VALUE, head);
        if (terminations.size() >= sealing.terminateBatchMax()) {
            sendTerminateBatch();
        }
        armBatchTimer(terminations, Action.TERMINATE_BATCH, terminateDeadline());
        return Handling.WAITING;
    }

    private Handling submitReplicaUpdate(Sector s) {
        if (s.injectedError != null) {
            return now(s, SectorEvent.SectorSubmitReplicaUpdateFailed, 0, s.injectedError);
        }
        Message m = messages.send(Method.PROVE_REPLICA_UPDATES3, head, new long[] {s.number});
        scheduleLanding(m);
        return now(s, SectorEvent.SectorReplicaUpdateSubmitted, m.index(), null);
    }

    // batchers

    private long preCommitDeadline() {
        return preCommits.deadline(policy.epochsCovering(seconds(sealing.preCommitBatchWait())),
                policy.epochsCovering(seconds(sealing.preCommitBatchSlack())));
    }

    private long commitDeadline() {
        return commits.deadline(policy.epochsCovering(seconds(sealing.commitBatchWait())),
                policy.epochsCovering(seconds(sealing.commitBatchSlack())));
    }

    private long terminateDeadline() {
        return terminations.deadline(policy.epochsCovering(seconds(sealing.terminateBatchWait())), 0);
    }

    /**
     * Arms the batcher's timer for {@code due} unless a live timer fires no later: a timer that fires
     * early finds the deadline moved and re-arms itself, so joins cost no timer each.
     */
    private void armBatchTimer(SectorBatcher b, Action action, long due) {
        if (b.isEmpty()) {
            return;
        }
        // a terminate batch below its minimum waits on: its timer must move on, or it would spin
        long at = Math.max(action == Action.TERMINATE_BATCH ? head + 1 : head, due);
        if (at < b.armedAt) {
            b.armedAt = at;
            timers.schedule(at, action, null, 0);
        }
    }

    /**
     * A batcher's timer fired: if its deadline has come, send (or let the batcher decline), then arm
     * for what remains; a timer that is not the live one, or fired before a moved deadline, re-arms.
     */
    private void batchTimer(SectorBatcher b, Action action, long firedFor, LongSupplier deadline, Runnable send) {
        if (firedFor != b.armedAt) {
            return;
        }
        b.armedAt = SectorBatcher.NOT_ARMED;
        if (b.isEmpty()) {
            return;
        }
        if (deadline.getAsLong() <= head) {
            send.run();
        }
        armBatchTimer(b, action, deadline.getAsLong());
    }

    private PreCommitBatchResult sendPreCommitBatch() {
        List<Sector> batch = preCommits.take(sealing.maxPreCommitBatch());
        preCommits.looped(head);
        Message m = messages.send(Method.PRE_COMMIT_SECTOR_BATCH2, head, numbersOf(batch));
        scheduleLanding(m);
        for (Sector s : batch) {
            deliver(s, SectorEvent.SectorPreCommitBatchSent, m.index(), null, null);
        }
        return new PreCommitBatchResult(boxed(batch), m.cid(), "");
    }

    private CommitBatchResult sendCommitBatch() {
        List<Sector> batch = commits.take(sealing.maxCommitBatch());
        commits.looped(head);
        boolean aggregate = batch.size() >= Math.max(sealing.minCommitBatch(), 4);
        Message m = messages.send(aggregate ? Method.PROVE_COMMIT_AGGREGATE : Method.PROVE_COMMIT_SECTORS3, head,
                numbersOf(batch));
        scheduleLanding(m);
        for (Sector s : batch) {
            deliver(s, SectorEvent.SectorCommitAggregateSent, m.index(), null, null);
        }
        return new CommitBatchResult(boxed(batch), new TreeMap<>(), m.cid(), "", aggregate);
    }

    private Cid sendTerminateBatch() {
        List<Sector> batch = terminations.take(sealing.terminateBatchMax());
        terminations.looped(head);
        Message m = messages.send(Method.TERMINATE_SECTORS, head, numbersOf(batch));
        scheduleLanding(m);
        for (Sector s : batch) {
            deliver(s, SectorEvent.SectorTerminating, m.index(), null, null);
        }
        return m.cid();
    }

    private void scheduleLanding(Message m) {
        timers.schedule(m.inclusionEpoch() + policy.messageConfidence(), Action.MESSAGE, null, m.index());
    }

    /** A message has been on chain for the confidence: its sectors that still wait on it move on. */
    private void messageLanded(Message m) {
        for (long n : m.sectors()) {
            Sector s = sectors.get(n);
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
                    if (s.state == SectorState.TerminateWait && s.terminateMessage == m.index()) {
                        landOrFail(s, SectorEvent.SectorTerminated, m.inclusionEpoch(),
                                SectorEvent.SectorTerminateFailed, () -> s.terminateMessage = -1);
                    }
                }
                case PROVE_REPLICA_UPDATES3 -> {
                    if (s.state == SectorState.ReplicaUpdateWait && s.replicaUpdateMessage == m.index()) {
                        landOrFail(s, SectorEvent.SectorReplicaUpdateLanded, 0,
                                SectorEvent.SectorSubmitReplicaUpdateFailed, () -> { });
                    }
                }
            }
        }
    }

    private void landOrFail(Sector s, SectorEvent landed, long arg, SectorEvent failure, Runnable forgetMessage) {
        if (s.injectedError != null) {
            String error = s.injectedError;
            forgetMessage.run();
            deliver(s, failure, 0, null, error);
        } else {
            deliver(s, landed, arg, null, null);
        }
    }

    // pieces

    private long validatePiece(long unpaddedSize, DealInfo deal) {
        if (deal == null) {
            throw new InvalidInputException("PieceDealInfo", "piece deal info is missing");
        }
        long padded;
        try {
            padded = PieceCommitments.paddedSize(unpaddedSize);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("size", "cannot allocate unpadded piece");
        }
        if (padded > sectorSize) {
            throw new InvalidInputException("size", "piece cannot fit into a sector");
        }
        deal.validate();
        if (deal.pieceSize() != padded) {
            throw new InvalidInputException("size", "piece size " + unpaddedSize + " (padded " + padded
                    + ") does not match the deal's piece size " + deal.pieceSize());
        }
        long buffer = sealing.startEpochSealingBuffer();
        if (head + buffer > deal.startEpoch()) {
            throw new InvalidInputException("DealSchedule.StartEpoch", "cannot add piece for deal with piece CID "
                    + deal.pieceCid() + ": current epoch " + head + " has passed deal proposal start epoch "
                    + deal.startEpoch());
        }
        return padded;
    }

    /** Places waiting pieces, in the order they came, while they fit somewhere; whether any was placed. */
    private boolean matchPendingPieces() {
        boolean placed = false;
        while (!pendingPieces.isEmpty()) {
            PendingPiece p = pendingPieces.peek();
            Sector target = openSectorFor(p.piece);
            if (target == null) {
                target = upgradeSectorFor(p.piece);
            }
            if (target == null) {
                target = newDealSector();
            }
            if (target == null) {
                return placed;
            }
            placed = true;
            pendingPieces.poll();
            long offset = assign(target, p.piece);
            SectorLocation location = new SectorLocation(target.number, offset);
            placedPieces.add(() -> p.result.complete(location));
            if (target.state == SectorState.WaitDeals || target.state == SectorState.Empty
                    || target.state == SectorState.SnapDealsWaitDeals || target.state == SectorState.AddPiece
                    || target.state == SectorState.SnapDealsAddPiece) {
                deliver(target, SectorEvent.SectorAddPiece, 0, null, null);
            }
        }
        return placed;
    }

    private Sector openSectorFor(Piece piece) {
        Sector[] found = new Sector[1];
        for (SectorState st : OPEN_DEAL_STATES) {
            sectors.forEachIn(st, s -> {
                if (fits(s, piece) && (found[0] == null || s.number < found[0].number)) {
                    found[0] = s;
                }
            });
        }
        return found[0];
    }

    private boolean fits(Sector s, Piece piece) {
        long used = s.usedBytes();
        long aligned = (used + piece.paddedSize() - 1) / piece.paddedSize() * piece.paddedSize();
        return aligned + piece.paddedSize() <= sectorSize
                && s.dealCount() < config.sectorSize().maxDealsPerSector()
                && (s.expiration == 0 || s.expiration >= piece.deal().endEpoch());
    }

    private Sector upgradeSectorFor(Piece piece) {
        Sector[] found = new Sector[1];
        sectors.forEachIn(SectorState.Available, s -> {
            if (s.expiration >= piece.deal().endEpoch() && (found[0] == null || s.number < found[0].number)) {
                found[0] = s;
            }
        });
        if (found[0] != null) {
            deliver(found[0], SectorEvent.SectorStartCCUpdate, 0, null, null);
        }
        return found[0];
    }

    private Sector newDealSector() {
        int maxOpen = sealing.maxWaitDealsSectors();
        long open = sectors.count(SectorState.WaitDeals) + sectors.count(SectorState.AddPiece)
                + sectors.count(SectorState.Empty);
        if (maxOpen > 0 && open >= maxOpen) {
            return null;
        }
        int maxSealing = sealing.maxSealingSectorsForDeals();
        if (maxSealing > 0 && curSealing() >= maxSealing) {
            return null;
        }
        return startSector(false, SectorEvent.SectorStart);
    }

    /** Reserves room for the piece (after zero pieces that align it) and returns its padded offset. */
    private long assign(Sector s, Piece piece) {
        long used = s.usedBytes();
        List<Piece> add = new ArrayList<>(s.assigned);
        long toFill = Math.floorMod(-used, piece.paddedSize());
        long offset = used;
        while (toFill != 0) {
            long pad = Long.lowestOneBit(toFill);
            add.add(new Piece(pad, Cid.unsealedCommitment(PieceCommitments.zeroCommitment(pad)), null));
            toFill ^= pad;
            offset += pad;
        }
        add.add(piece);
        s.assigned = List.copyOf(add);
        return offset;
    }

    /** The pieces followed by zero pieces that fill the rest of the sector, smallest first. */
    private List<Piece> withFillers(List<Piece> pieces) {
        long used = 0;
        for (Piece p : pieces) {
            used += p.paddedSize();
        }
        if (used == 0) {
            return ccPieces;
        }
        List<Piece> out = new ArrayList<>(pieces);
        long toFill = sectorSize - used;
        while (toFill != 0) {
            long pad = Long.lowestOneBit(toFill);
            out.add(new Piece(pad, Cid.unsealedCommitment(PieceCommitments.zeroCommitment(pad)), null));
            toFill ^= pad;
        }
        return List.copyOf(out);
    }

    private byte[] computeCommD(List<Piece> pieces) {
        List<PieceCommitment> commitments = new ArrayList<>(pieces.size());
        for (Piece p : pieces) {
            commitments.add(PieceCommitment.of(p.paddedSize(), p.pieceCid()));
        }
        return PieceCommitments.unsealedSectorCommitment(sectorSize, commitments);
    }

    // chain-side values

    /** Lotus's pre-commit expiration rule. */
    private long preCommitExpiration(Sector s) {
        long latestDealEnd = 0;
        for (Piece p : s.pieces) {
            if (!p.isFiller()) {
                latestDealEnd = Math.max(latestDealEnd, p.deal().endEpoch());
            }
        }
        long expiration = latestDealEnd != 0 ? latestDealEnd
                : head + policy.epochsCovering(seconds(sealing.committedCapacitySectorLifetime()));
        expiration = Math.max(expiration, head + policy.minSectorExpiration() + policy.wpostProvingPeriod());
        expiration = Math.max(expiration, s.ticketEpoch + policy.maxPreCommitRandomnessLookback()
                + policy.maxProveCommitDuration() + policy.minSectorExpiration());
        return Math.min(expiration, head + policy.preCommitChallengeDelay() + policy.maxSectorExpirationExtension());
    }

    private void activate(Sector s, long activationEpoch) {
        s.activation = activationEpoch;
        updateWeights(s, activationEpoch);
        watchExpiration(s);
    }

    /** Puts the sector in the bucket of its expiration, arming the bucket's timer for the epoch after. */
    private void watchExpiration(Sector s) {
        if (expirations.add(s.expiration, s.number)) {
            timers.schedule(Math.max(head, Math.addExact(s.expiration, 1)), Action.EXPIRATION, null, s.expiration);
        }
    }

    /**
     * The head passed {@code expiration}: the live sectors that still expire then leave the chain. The
     * state stays (a lotus-miner keeps such a sector in Proving and lists it under `sectors expired`);
     * the history records {@link SectorEvent#SectorExpired}.
     */
    private void expireDue(long expiration) {
        for (long n : expirations.take(expiration)) {
            Sector s = sectors.get(n);
            if (s == null || s.expiration != expiration || !s.live()) {
                continue;
            }
            if (s.state == SectorState.Removed) {
                s.expiredEpoch = head; // Removed takes no event, not even a record
            } else {
                deliver(s, SectorEvent.SectorExpired, head, null, null);
            }
        }
    }

    private void requireLive(Sector s, String what) {
        if (s.expiredEpoch != NONE) {
            throw new SectorStateException(s.number, s.state, "sector " + s.number + " expired at epoch "
                    + s.expiredEpoch + " (expiration " + s.expiration + "); it can no longer " + what);
        }
        if (s.terminatedEpoch != NONE) {
            throw new SectorStateException(s.number, s.state, "sector " + s.number + " was terminated at epoch "
                    + s.terminatedEpoch + "; it can no longer " + what);
        }
    }

    private static void collectDealIds(List<Piece> pieces, Set<Long> into) {
        for (Piece p : pieces) {
            if (p.reportedDealId() != 0) {
                into.add(p.reportedDealId());
            }
        }
    }

    /** The first deal of the sector (written or assigned) that the chain has expired, or 0. */
    private long expiredDealOf(Sector s) {
        if (expiredDeals.isEmpty()) {
            return 0;
        }
        for (List<Piece> pieces : List.of(s.pieces, s.assigned)) {
            for (Piece p : pieces) {
                long id = p.reportedDealId();
                if (id != 0 && expiredDeals.contains(id)) {
                    return id;
                }
            }
        }
        return 0;
    }

    private String dealsExpiredError(Sector s) {
        return "sector deals expired: deal " + expiredDealOf(s) + " expired on chain (current epoch " + head + ")";
    }

    /** Deal weights: each deal piece's size times the sector's remaining life from {@code from}. */
    private void updateWeights(Sector s, long from) {
        long duration = Math.max(0, s.expiration - from);
        long weight = 0;
        long verified = 0;
        for (Piece p : s.pieces) {
            if (p.isFiller()) {
                continue;
            }
            long w = Math.multiplyExact(p.paddedSize(), duration);
            if (p.deal().isVerified()) {
                verified += w;
            } else {
                weight += w;
            }
        }
        s.dealWeight = weight;
        s.verifiedDealWeight = verified;
        s.powerBaseEpoch = from;
    }

    /** Quality-adjusted power as the actors compute it, over the life from the power base epoch. */
    private BigInteger qualityAdjustedPower(Sector s) {
        return BigInteger.valueOf(QualityAdjustedPower.of(sectorSize, s.expiration - s.powerBaseEpoch, s.dealWeight,
                s.verifiedDealWeight));
    }

    // views

    private SectorInfo info(Sector s, boolean onChainInfo) {
        List<Long> deals = new ArrayList<>(s.pieces.size());
        for (Piece p : s.pieces) {
            deals.add(p.reportedDealId());
        }
        Cid commD = s.commD == null ? null : s.commD == zeroCommD ? zeroCommDCid : Cid.unsealedCommitment(s.commD);
        // the ticket and seed are drawn once per read: the commitment and the log quote them again
        byte[] ticketBytes = s.ticketEpoch == NONE ? null : random.bytes("ticket", s.ticketEpoch, 0, 32);
        byte[] seedBytes = s.seedEpoch == NONE ? null : random.bytes("seed", s.seedEpoch, 0, 32);
        Cid commR = s.sealed ? Cid.sealedCommitment(commR(s, ticketBytes)) : null;
        byte[] proof = s.proven ? proof(s) : null;
        boolean chain = onChainInfo && s.onChain();
        return new SectorInfo(s.number, s.state, commD, commR, proof, deals, s.pieces,
                ticketBytes == null ? SealRandomness.NONE : new SealRandomness(ticketBytes, s.ticketEpoch),
                seedBytes == null ? SealRandomness.NONE : new SealRandomness(seedBytes, s.seedEpoch),
                messageCid(s.preCommitMessage), messageCid(s.commitMessage), s.invalidProofs, false,
                messageCid(s.replicaUpdateMessage), s.lastErr,
                renderLog(s, commD, commR, proof, ticketBytes, seedBytes),
                config.sectorSize().sealProof(),
                chain ? s.activation : 0, chain ? s.expiration : 0,
                chain ? BigInteger.valueOf(s.dealWeight) : BigInteger.ZERO,
                chain ? BigInteger.valueOf(s.verifiedDealWeight) : BigInteger.ZERO,
                chain ? qualityAdjustedPower(s).multiply(PLEDGE_PER_QA_BYTE) : BigInteger.ZERO,
                chain ? s.expiration : 0, chain && s.faultEpoch != NONE ? s.faultEpoch + policy.faultMaxAge() : 0);
    }

    /** {@code ticket}: the sector's ticket bytes, or null to draw them. */
    private byte[] commR(Sector s, byte[] ticket) {
        if (ticket == null) {
            ticket = random.bytes("ticket", s.ticketEpoch, 0, 32);
        }
        byte[] input = new byte[64];
        System.arraycopy(ticket, 0, input, 0, 32);
        System.arraycopy(s.commD, 0, input, 32, 32);
        return random.commitment("commr", s.number, s.replicaUpdateMessage, input);
    }

    private byte[] proof(Sector s) {
        return random.bytes("porep", s.number, s.seedEpoch, config.sectorSize().proofBytes());
    }

    private Cid messageCid(int index) {
        return index < 0 ? null : messages.get(index).cid();
    }

    /** The log as Lotus shows it; the CIDs and proof the messages quote are passed in, computed once. */
    private List<SectorLogEntry> renderLog(Sector s, Cid commD, Cid commR, byte[] proof, byte[] ticket,
            byte[] seed) {
        SectorLog log = s.log;
        SectorEvent[] events = SectorEvent.values();
        List<SectorLogEntry> out = new ArrayList<>(log.size());
        for (int i = 0; i < log.size(); i++) {
            int kind = log.kind(i);
            long ts = clock.timestampOf(log.epoch(i));
            String text = log.text(i);
            if (kind == SectorLog.PLANNER_ERROR) {
                out.add(new SectorLogEntry("error;*xerrors.wrapError", ts, "", "state machine error: " + text));
            } else if (kind == SectorLog.TRUNCATE) {
                out.add(new SectorLogEntry("truncate", ts, "", "truncating log (above 8000 entries)"));
            } else {
                SectorEvent e = events[kind];
                String trace = e.isError() && text != null ? text : "";
                out.add(new SectorLogEntry(e.logKind(), ts, trace, eventMessage(s, e, log.arg(i), commD, commR,
                        proof, ticket, seed)));
            }
        }
        return out;
    }

    /** The event's JSON, {@code {"User":{…}}}, as Lotus logs it. */
    /** {@code ticket}/{@code seed}: the sector's current ones (or null), reused when the event quotes them. */
    private String eventMessage(Sector s, SectorEvent e, long arg, Cid commD, Cid commR, byte[] proof, byte[] ticket,
            byte[] seed) {
        Base64.Encoder b64 = Base64.getEncoder();
        if (e == SectorEvent.SectorCommitted && proof != null) {
            return committedMessage(b64.encode(proof));
        }
        String user = switch (e) {
            case SectorStart, SectorStartCC -> "{\"ID\":" + s.number + ",\"SectorType\":"
                    + config.sectorSize().sealProof() + "}";
            case SectorTicket -> "{\"TicketValue\":\"" + b64.encodeToString(ticket != null && arg == s.ticketEpoch
                    ? ticket : random.bytes("ticket", arg, 0, 32))
                    + "\",\"TicketEpoch\":" + arg + "}";
            case SectorPreCommit1 -> "{\"PreCommit1Out\":\""
                    + b64.encodeToString(random.bytes("pc1", s.number, s.ticketEpoch, 32)) + "\"}";
            case SectorPreCommit2 -> commD == null || commR == null ? "{}"
                    : "{\"Sealed\":{\"/\":\"" + commR + "\"},\"Unsealed\":{\"/\":\"" + commD + "\"}}";
            case SectorPreCommitBatchSent, SectorCommitAggregateSent, SectorReplicaUpdateSubmitted ->
                    "{\"Message\":{\"/\":\"" + messages.get((int) arg).cid() + "\"}}";
            case SectorTerminating -> arg < 0 ? "{\"Message\":null}"
                    : "{\"Message\":{\"/\":\"" + messages.get((int) arg).cid() + "\"}}";
            case SectorPreCommitLanded -> "{\"TipSet\":[{\"/\":\"" + tipSetCid(arg) + "\"}]}";
            case SectorSeedReady -> "{\"SeedValue\":\"" + b64.encodeToString(seed != null && arg == s.seedEpoch
                    ? seed : random.bytes("seed", arg, 0, 32))
                    + "\",\"SeedEpoch\":" + arg + "}";
            case SectorCommitted -> "{}"; // no proof (with one: committedMessage, above)
            case SectorTerminated -> "{\"TerminatedAt\":" + arg + "}";
            case SectorPacked -> "{\"FillerPieces\":" + pieceInfos(s.pieces, (int) arg) + "}";
            case SectorForceState -> "{\"State\":\"" + SectorState.values()[(int) arg].name() + "\"}";
            case SectorExtended -> "{\"NewExpiration\":" + arg + "}";
            case SectorExpired -> "{\"ExpiredAt\":" + arg + "}";
            default -> "{}";
        };
        return "{\"User\":" + user + "}";
    }

    private static final byte[] COMMITTED_PREFIX = "{\"User\":{\"Proof\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMITTED_SUFFIX = "\"}}".getBytes(StandardCharsets.US_ASCII);

    /**
     * SectorCommitted's message, the proof's base64 (about 2.6 KB, the longest string of a status) quoted, put
     * together in one array rather than through a string per concatenation.
     */
    private static String committedMessage(byte[] proofBase64) {
        byte[] out = new byte[COMMITTED_PREFIX.length + proofBase64.length + COMMITTED_SUFFIX.length];
        System.arraycopy(COMMITTED_PREFIX, 0, out, 0, COMMITTED_PREFIX.length);
        System.arraycopy(proofBase64, 0, out, COMMITTED_PREFIX.length, proofBase64.length);
        System.arraycopy(COMMITTED_SUFFIX, 0, out, COMMITTED_PREFIX.length + proofBase64.length,
                COMMITTED_SUFFIX.length);
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static String pieceInfos(List<Piece> pieces, int from) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = Math.min(from, pieces.size()); i < pieces.size(); i++) {
            Piece p = pieces.get(i);
            sb.append(sb.length() > 1 ? "," : "").append("{\"Size\":").append(p.paddedSize())
                    .append(",\"PieceCID\":{\"/\":\"").append(p.pieceCid()).append("\"}}");
        }
        return sb.append(']').toString();
    }

    private Cid tipSetCid(long epoch) {
        return tipSetCids.computeIfAbsent(epoch, e -> Cid.dagCborBlake2b256(random.bytes("tipset", e, 0, 32)));
    }

    // helpers

    /** A new sector, moved out of Lotus's undefined state by its start event. */
    private Sector startSector(boolean committedCapacity, SectorEvent startEvent) {
        Sector s = new Sector(numbers.allocate(), head, committedCapacity);
        s.state = SectorTransitions.initial(startEvent);
        s.log.append(startEvent.ordinal(), head, 0, null);
        sectors.add(s);
        history.record(head, s.number, null, s.state, startEvent, 0, 0, 0);
        enter(s);
        return s;
    }

    private long curSealing() {
        long n = 0;
        for (SectorState st : SectorState.values()) {
            StatsBucket b = st.statsBucket();
            if (b == StatsBucket.STAGING || b == StatsBucket.SEALING || b == StatsBucket.FAILED) {
                n += sectors.count(st);
            }
        }
        return n;
    }

    private Sector sector(long number) {
        Sector s = sectors.get(number);
        if (s == null) {
            throw new SectorNotFoundException(number);
        }
        return s;
    }

    private List<Sector> existing(Collection<Long> numbers) {
        List<Sector> out = new ArrayList<>(numbers.size());
        for (Long n : numbers) {
            out.add(sector(n));
        }
        return out;
    }

    private String takeFailure(Sector s) {
        for (Iterator<FailureRule> it = failureRules.iterator(); it.hasNext(); ) {
            FailureRule r = it.next();
            if (r.state() == s.state && (r.sector() == null || r.sector() == s.number)) {
                it.remove();
                if (r.count() > 1) {
                    failureRules.add(new FailureRule(r.state(), r.sector(), r.count() - 1, r.error()));
                }
                return r.error();
            }
        }
        return null;
    }

    private static long seconds(Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }

    private static long[] numbersOf(List<Sector> batch) {
        long[] out = new long[batch.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = batch.get(i).number;
        }
        return out;
    }

    private static List<Long> boxed(List<Sector> batch) {
        List<Long> out = new ArrayList<>(batch.size());
        for (Sector s : batch) {
            out.add(s.number);
        }
        return Collections.unmodifiableList(out);
    }

    /** Bumped by every write, inside the write lock; see {@link #writeCount()}. */
    private volatile long writeCount;

    /**
     * How many writes (API mutations, clock moves, restores) the miner has run. A reader that sees the
     * same count before and after a read knows that nothing changed in between, so whatever it derived
     * from that read is still current while the count stays the same (a cache key).
     */
    public long writeCount() {
        return writeCount;
    }

    private <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs a mutation under the write lock, then everything it made due now. Futures of pieces placed
     * meanwhile complete after the lock is released, so a caller's continuation never runs inside it.
     */
    private <T> T write(Supplier<T> body) {
        List<Runnable> completions;
        T result;
        lock.writeLock().lock();
        try {
            result = body.get();
            settle();
        } finally {
            writeCount++;
            completions = placedPieces.isEmpty() ? List.of() : List.copyOf(placedPieces);
            placedPieces.clear();
            lock.writeLock().unlock();
        }
        completions.forEach(Runnable::run);
        return result;
    }
}
