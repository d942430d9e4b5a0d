package io.minersim.sealing;

import io.minersim.sealing.chain.ChainClock;
import io.minersim.sealing.chain.HeadListener;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.numbers.SectorNumberAssigner;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.stats.MinerStatistics;
import io.minersim.sealing.workers.SchedDiag;
import io.minersim.sealing.workers.TaskJob;
import io.minersim.sealing.workers.WorkerSpec;
import io.minersim.sealing.workers.WorkerStatus;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * One simulated Lotus miner: the public face of its sealing {@link Pipeline}. It holds the lock and
 * nothing else: every read takes the read lock, every mutation (an API call, or the clock moving the
 * head) takes the write lock, runs to completion and then runs everything it made due. See the package
 * documentation for where each behaviour lives.
 */
public final class Miner implements AutoCloseable {

    /**
     * Initial pledge per byte of quality-adjusted power, in attoFIL: a fixed simulated price (about
     * 0.2 FIL for a 32 GiB CC sector), since the real one depends on network-wide state.
     */
    public static final BigInteger PLEDGE_PER_QA_BYTE = BigInteger.valueOf(5_820_766L);

    private final MinerConfig config;
    private final ChainClock clock;
    /** The engine; {@link MinerSnapshot} reads and restores its state. */
    final Pipeline pipeline;
    private final MinerLock lock;
    private final ChainView chainView;
    private final HeadListener headListener = this::onHead;
    private boolean closed;

    private Miner(MinerConfig config, ChainClock clock) {
        this.config = config;
        this.clock = clock;
        this.pipeline = new Pipeline(config, clock);
        this.lock = new MinerLock(pipeline);
        this.chainView = new ChainView(this, pipeline);
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
        lock.run(null, () -> {
            if (!closed) {
                closed = true;
                clock.unsubscribe(headListener);
            }
        });
    }

    public MinerConfig config() {
        return config;
    }

    /** The epoch the miner has processed up to. */
    public long head() {
        return lock.read(() -> pipeline.head);
    }

    /** Unix seconds of an epoch on this miner's chain. */
    public long timestampOf(long epoch) {
        return clock.timestampOf(epoch);
    }

    // ---------------------------------------------------------------------------------------------
    // Reads

    /** Everything {@code SectorsStatus} shows; the on-chain part only with {@code onChainInfo}. */
    public SectorInfo status(long number, boolean onChainInfo) {
        return lock.read(() -> SectorInfoView.of(pipeline, pipeline.sector(number), onChainInfo));
    }

    /** The sector's pieces, fillers included, in sector order: what {@code SectorsRefs} reads. */
    public List<Piece> pieces(long number) {
        return lock.read(() -> pipeline.sector(number).pieces);
    }

    /** Every sector number, ascending, Removed ones included. */
    public long[] list() {
        return lock.read(() -> pipeline.sectors.allNumbers());
    }

    /** The numbers of sectors in any of {@code states}, ascending. */
    public long[] listInStates(Collection<SectorState> states) {
        Set<SectorState> distinct = states.isEmpty() ? EnumSet.noneOf(SectorState.class) : EnumSet.copyOf(states);
        return lock.read(() -> pipeline.sectors.numbersIn(distinct));
    }

    /** The number of sectors per state, only states with sectors, in state order. */
    public SortedMap<SectorState, Long> summary() {
        return lock.read(() -> {
            SortedMap<SectorState, Long> out = new TreeMap<>();
            for (SectorState s : SectorState.values()) {
                long n = pipeline.sectors.count(s);
                if (n > 0) {
                    out.put(s, n);
                }
            }
            return out;
        });
    }

    /** How many sectors the miner has in all. */
    public long sectorCount() {
        return lock.read(() -> pipeline.sectors.size());
    }

    /** The sector numbers queued in the pre-commit batcher, ascending. */
    public List<Long> preCommitPending() {
        return lock.read(() -> pipeline.preCommits.numbers());
    }

    /** The sector numbers queued in the commit aggregator, ascending. */
    public List<Long> commitPending() {
        return lock.read(() -> pipeline.commits.numbers());
    }

    /** The sector numbers queued in the terminate batcher, ascending. */
    public List<Long> terminatePending() {
        return lock.read(() -> pipeline.terminations.numbers());
    }

    /** {@code WaitDealsDelay}, as {@code SectorGetSealDelay} reads it. */
    public Duration sealDelay() {
        return lock.read(() -> pipeline.sealing.waitDealsDelay());
    }

    /** {@code SectorGetExpectedSealDuration}. */
    public Duration expectedSealDuration() {
        return lock.read(() -> pipeline.expectedSealDuration);
    }

    /** The sealing knobs in force. */
    public SealingConfig sealingConfig() {
        return lock.read(() -> pipeline.sealing);
    }

    /** Up to {@code limit} history events from {@code sinceSeq} on. */
    public List<HistoryEvent> history(long sinceSeq, int limit) {
        if (sinceSeq < 0 || limit < 0) {
            throw new InvalidInputException("sinceSeq", "history position and limit must not be negative");
        }
        return lock.read(() -> {
            List<HistoryEvent> out = new ArrayList<>();
            for (long i = sinceSeq; i < pipeline.history.size() && out.size() < limit; i++) {
                out.add(pipeline.history.get(i));
            }
            return out;
        });
    }

    /** The miner's daily sector statistics, fed by its history as moves are recorded. */
    public ChainView chain() {
        return chainView;
    }

    public MinerStatistics statistics() {
        return pipeline.statistics;
    }

    /** How many events the history holds. */
    public long historySize() {
        return lock.read(() -> pipeline.history.size());
    }

    /** The sector number assigner's meta, as {@code SectorNumAssignerMeta}. */
    public SectorNumberAssigner.Meta numAssignerMeta() {
        return lock.read(() -> pipeline.numbers.meta());
    }

    /** The named reservations, as {@code SectorNumReservations}. */
    public SortedMap<String, BitField> numReservations() {
        return lock.read(() -> pipeline.numbers.reservations());
    }

    /** The failure rules still armed. */
    public List<FailureRule> failureRules() {
        return lock.read(() -> List.copyOf(pipeline.failureRules));
    }

    /** The deal IDs the chain has expired, ascending. */
    public List<Long> expiredDeals() {
        return lock.read(() -> List.copyOf(pipeline.expiredDeals));
    }

    /**
     * The miner's whole state as a tree of plain values (maps, lists, strings, numbers, booleans,
     * {@code null}) that maps one to one onto JSON; {@link #restore} brings it back exactly. See
     * {@link MinerSnapshot} for the format.
     */
    public Map<String, Object> snapshot() {
        return snapshotLater().get();
    }

    /**
     * {@link #snapshot()} in two steps: the state is taken now, under the read lock, as briefly as it can be (the
     * columns are copied, not yet compressed); the returned supplier (call it once) makes the document from what was
     * taken, outside any lock. A caller that holds the read lock itself ({@link #reading}) takes the state with other
     * values at the same point, and writes it out after releasing the lock.
     */
    public Supplier<Map<String, Object>> snapshotLater() {
        Map<String, Object> taken = lock.read(() -> MinerSnapshot.encode(this));
        return () -> MinerSnapshot.finish(taken);
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
        List<PieceInput.PendingPiece> dropped = lock.write(() -> new MinerCall.Restore(document),
                () -> pipeline.replaceWith(r));
        for (PieceInput.PendingPiece p : dropped) {
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
        return lock.write(PLEDGE, () -> Pledging.pledge(pipeline));
    }

    /**
     * The add-piece checks that need only the piece and the sector size: the deal info is there, the
     * size pads to a piece that fits a sector, the deal is well formed. Throws
     * {@link InvalidInputException} with Lotus's message otherwise.
     */
    public CheckedPiece checkPiece(long unpaddedSize, DealInfo deal) {
        return PieceInput.check(unpaddedSize, deal, pipeline.sectorSize);
    }

    /**
     * Adds a deal piece to a sector as {@code SectorAddPieceToAny} does: into an open sector with room,
     * an available CC sector (snap deal), or a new sector. The future completes once the piece has a
     * sector; while the limits on open and sealing sectors are reached it waits, as Lotus's call blocks.
     * Invalid pieces are refused at once with nothing changed.
     */
    public CompletableFuture<SectorLocation> addPieceToAny(long unpaddedSize, DealInfo deal) {
        return addPieceToAny(checkPiece(unpaddedSize, deal));
    }

    /**
     * {@link #addPieceToAny(long, DealInfo)} for a piece already checked by {@link #checkPiece}. A piece whose data
     * does not match its deal ({@link CheckedPiece#withDataCid}) is placed all the same; its future fails with
     * Lotus's {@code got unexpected piece CID} and its sector's AddPiece fails when it runs.
     */
    public CompletableFuture<SectorLocation> addPieceToAny(CheckedPiece piece) {
        return lock.write(() -> new MinerCall.AddPiece(piece.unpaddedSize(), piece.deal(),
                piece.matchesDeal() ? null : piece.dataCid()), () -> pipeline.input.add(piece));
    }

    /** {@code SectorMatchPendingPiecesToOpenSectors}: tries again to place waiting pieces. */
    public void matchPendingPiecesToOpenSectors() {
        lock.run(MATCH, () -> { });
    }

    /** {@code SectorStartSealing}: a sector waiting for deals starts packing now. */
    public void startSealing(long number) {
        deliver(number, SectorEvent.SectorStartPacking);
    }

    /** {@code SectorSetSealDelay}: a new {@code WaitDealsDelay}, applied to open sectors too. */
    public void setSealDelay(Duration delay) {
        lock.run(() -> new MinerCall.SetSealDelay(delay), () -> pipeline.input.setSealDelay(delay));
    }

    /** {@code SectorSetExpectedSealDuration}. */
    public void setExpectedSealDuration(Duration duration) {
        if (duration == null || duration.isNegative()) {
            throw new InvalidInputException("duration", "expected seal duration must not be negative");
        }
        lock.run(() -> new MinerCall.SetExpectedSealDuration(duration), () -> pipeline.expectedSealDuration = duration);
    }

    /** {@code SectorsUpdate}: forces the sector into {@code state}, whose handler runs at once. */
    public void forceState(long number, SectorState state) {
        lock.run(() -> new MinerCall.ForceState(number, state), () -> pipeline.planner.deliver(pipeline.sector(number),
                SectorEvent.SectorForceState, state.ordinal(), state, null));
    }

    /** {@code SectorRemove}. */
    public void remove(long number) {
        deliver(number, SectorEvent.SectorRemove);
    }

    /** {@code SectorTerminate}. */
    public void terminate(long number) {
        deliver(number, SectorEvent.SectorTerminate);
    }

    /**
     * {@code SectorPreCommitFlush}: sends what is pending now. Empty when nothing was pending (Lotus
     * answers {@code null}).
     */
    public Optional<List<PreCommitBatchResult>> preCommitFlush() {
        return lock.write(PRECOMMIT_FLUSH, () -> pipeline.batching.flushPreCommits());
    }

    /** {@code SectorCommitFlush}: as {@link #preCommitFlush()}, for the commit aggregator. */
    public Optional<List<CommitBatchResult>> commitFlush() {
        return lock.write(COMMIT_FLUSH, () -> pipeline.batching.flushCommits());
    }

    /** {@code SectorTerminateFlush}: the message sent, or empty when nothing was pending. */
    public Optional<Cid> terminateFlush() {
        return lock.write(TERMINATE_FLUSH, () -> pipeline.batching.flushTerminations());
    }

    /**
     * {@code SectorMarkForUpgrade}: a proving CC sector becomes {@code Available} for snap deals. The
     * checks run first and fail with Lotus's messages.
     */
    public void markForUpgrade(long number, boolean snap) {
        lock.run(() -> new MinerCall.MarkForUpgrade(number, snap),
                () -> ReplicaUpdateStates.markForUpgrade(pipeline, number, snap));
    }

    /** {@code SectorAbortUpgrade}. */
    public void abortUpgrade(long number) {
        deliver(number, SectorEvent.SectorAbortUpgrade);
    }

    /**
     * The miner can no longer read these sectors ({@code Sim.DeclareFaults}): their deadline's next
     * Window PoSt skips them, so the chain marks them faulty; the sealing state does not move. The
     * {@code declared} flag is kept for old callers: Lotus reaches the chain the same way either way.
     */
    public void declareFaults(Collection<Long> numbers, boolean declared) {
        lock.run(() -> new MinerCall.DeclareFaults(MinerCall.copy(numbers), declared),
                () -> pipeline.chain.makeUnprovable(numbers));
    }

    /** The miner can read these sectors again ({@code Sim.Recover}): it declares them recovered, its next PoSt proves them. */
    public void recoverFaults(Collection<Long> numbers) {
        lock.run(() -> new MinerCall.RecoverFaults(MinerCall.copy(numbers)), () -> pipeline.chain.makeProvable(numbers));
    }

    /**
     * {@code RecoverFault}: the miner declares these sectors recovered now, in one {@code DeclareFaultsRecovered}
     * message (Lotus's {@code ManualFaultRecovery}); returns its CID. Their deadline's next Window PoSt proves
     * them if the miner can read them, else skips them again.
     */
    public io.minersim.sealing.commitment.Cid recoverFault(Collection<Long> numbers) {
        return lock.write(() -> new MinerCall.RecoverFault(MinerCall.copy(numbers)),
                () -> pipeline.wdpost.recoverNow(numbers, pipeline.head));
    }

    /**
     * The owner (or beneficiary) asks the miner actor for {@code amount} attoFIL of its available balance: one
     * {@code WithdrawBalance} message now (Lotus's {@code ActorWithdrawBalance} and {@code BeneficiaryWithdrawBalance}
     * push the same method); returns its CID. The amount is the caller's to check against what is available (the
     * actor pays at most that much when the message is included).
     */
    public io.minersim.sealing.commitment.Cid withdrawBalance(java.math.BigInteger amount) {
        if (amount.signum() < 0) {
            throw new InvalidInputException("amount", "negative fund requested for withdrawal: " + amount);
        }
        return lock.write(() -> new MinerCall.WithdrawBalance(amount.toString()),
                () -> pipeline.messages.send(ChainMessages.Method.WITHDRAW_BALANCE, pipeline.head, new long[0], amount)
                        .cid());
    }

    /**
     * The miner misses the next Window PoSt of {@code deadline}: of the given partitions, or of all when
     * {@code partitions} is empty; the chain detects their sectors faulty when the deadline closes.
     */
    public void missPoSt(int deadline, Collection<Long> partitions) {
        lock.run(() -> new MinerCall.MissPoSt(deadline, MinerCall.copy(partitions)),
                () -> pipeline.wdpost.miss(deadline, partitions));
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
        lock.run(() -> new MinerCall.ExtendSectors(MinerCall.copy(numbers), newExpiration),
                () -> pipeline.chain.extendSectors(numbers, newExpiration));
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
        lock.run(() -> new MinerCall.ExpireDeals(MinerCall.copy(dealIds)), () -> pipeline.chain.expireDeals(dealIds));
    }

    /** Arms a failure rule. */
    public void injectFailure(FailureRule rule) {
        lock.run(() -> new MinerCall.InjectFailure(rule), () -> {
            if (rule.sector() != null) {
                pipeline.sector(rule.sector());
            }
            pipeline.failureRules.add(rule);
        });
    }

    /** Disarms every failure rule. */
    public void clearFailures() {
        lock.run(CLEAR_FAILURES, () -> pipeline.failureRules.clear());
    }

    /**
     * {@code SectorReceive}: imports a sector sealed elsewhere under {@code number}, with its pieces
     * (fillers included, filling the sector), to continue in {@code target}: Packing, GetTicket,
     * PreCommitting, SubmitCommit, Proving or Available. It passes through ReceiveSector for one
     * epoch. A sector received for Proving or Available is on chain from now on.
     */
    public void receive(long number, SectorState target, List<Piece> pieces) {
        lock.run(() -> new MinerCall.Receive(number, target, pieces == null ? null : new ArrayList<>(pieces)),
                () -> Receiving.receive(pipeline, number, target, pieces));
    }

    /**
     * Materialises sectors directly in the states a scenario gives them, with the past those states
     * imply, all or nothing (see {@link SectorSeeder}); they go on from there as the clock runs.
     * Returns the sector numbers in the order of the seeds.
     */
    public long[] seed(List<SectorSeed> seeds) {
        return lock.write(() -> new MinerCall.Seed(seeds == null ? null : new ArrayList<>(seeds)),
                () -> new SectorSeeder(new SeedingHost(pipeline)).seed(seeds));
    }

    /** {@code SectorNumReserve}. */
    public void numReserve(String name, BitField sectorNumbers, boolean force) {
        lock.run(() -> new MinerCall.NumReserve(name, sectorNumbers, force),
                () -> pipeline.numbers.reserve(name, sectorNumbers, force));
    }

    /** {@code SectorNumReserveCount}. */
    public BitField numReserveCount(String name, long count) {
        return lock.write(() -> new MinerCall.NumReserveCount(name, count), () -> pipeline.numbers.reserveCount(name, count));
    }

    /** {@code SectorNumFree}. */
    public void numFree(String name) {
        lock.run(() -> new MinerCall.NumFree(name), () -> pipeline.numbers.free(name));
    }

    /**
     * Changes the storage paths or the sector index ({@code StorageAttach}, {@code StorageAddLocal}, …) at the head;
     * a refused change (a {@link io.minersim.sealing.storage.StorageException} with Lotus's text) changes nothing.
     */
    public void changeStorage(io.minersim.sealing.storage.StorageOp op) {
        lock.run(() -> new MinerCall.Storage(op), () -> pipeline.storage.apply(op, pipeline.head,
                clock.timestampOf(pipeline.head)));
    }

    /** The storage paths and the sector index, read under the miner's lock. */
    public MinerStorage storage() {
        return new MinerStorage(this);
    }

    /** Runs {@code body} on the storage index under the read lock, with the head's time in seconds. */
    <T> T readStorage(java.util.function.BiFunction<io.minersim.sealing.storage.StorageIndex, Long, T> body) {
        return lock.read(() -> {
            pipeline.storage.at(lock.writeCount());
            return body.apply(pipeline.storage, clock.timestampOf(pipeline.head));
        });
    }

    // ---------------------------------------------------------------------------------------------
    // Workers and the scheduler

    /** Replaces the default local worker by a fleet; only while no sector runs or waits for a task. */
    public void configureWorkers(List<WorkerSpec> fleet) {
        lock.run(() -> new MinerCall.ConfigureWorkers(fleet == null ? null : new ArrayList<>(fleet)),
                () -> pipeline.scheduler.configure(fleet));
    }

    /** Takes a worker (by id or hostname) offline, failing its running tasks, or brings it back. */
    public void setWorkerEnabled(String worker, boolean enabled) {
        lock.run(() -> new MinerCall.SetWorkerEnabled(worker, enabled),
                () -> pipeline.scheduler.setEnabled(worker, enabled));
    }

    /** {@code SealingAbort}: fails a running call with "task aborted", or records an unknown one as returned early. */
    public void sealingAbort(long miner, long sector, String callId) {
        lock.run(() -> new MinerCall.SealingAbort(miner, sector, callId),
                () -> pipeline.scheduler.abort(miner, sector, callId));
    }

    /** {@code SealingRemoveRequest}: drops a queued task request; its sector's step fails. */
    public void sealingRemoveRequest(String schedId) {
        lock.run(() -> new MinerCall.SealingRemoveRequest(schedId), () -> pipeline.scheduler.removeRequest(schedId));
    }

    /** The workers ({@code WorkerStats}). */
    public List<WorkerStatus> workerStats() {
        return lock.read(pipeline.scheduler.views::workerStats);
    }

    /** The running tasks ({@code WorkerJobs}). */
    public List<TaskJob> workerJobs() {
        return lock.read(pipeline.scheduler.views::jobs);
    }

    /** The worker calls started and returned since this process started, per task type and hostname. */
    public java.util.Map<io.minersim.sealing.workers.WorkerCalls.Key, io.minersim.sealing.workers.WorkerCalls.Count>
            workerCalls() {
        return lock.read(() -> pipeline.scheduler.calls.snapshot(pipeline.scheduler.views.jobs()));
    }

    /** The queue and the open windows ({@code SealingSchedDiag}). */
    public SchedDiag schedDiag() {
        return lock.read(pipeline.scheduler.views::diag);
    }

    /**
     * Lets {@code listener} hear each assign cycle of the scheduler (with a worker fleet), or no one ({@code null}).
     * Not state: neither journaled nor in the snapshot; the engine does the same either way.
     */
    public void onAssignCycle(io.minersim.sealing.workers.AssignCycleListener listener) {
        pipeline.scheduler.listener = listener;
    }

    /** The id of the worker running the sector's task, or {@code null}. */
    public String workerOf(long sector) {
        return lock.read(() -> pipeline.scheduler.views.workerOf(sector));
    }

    // ---------------------------------------------------------------------------------------------
    // Journaling

    /**
     * From now on, tells {@code r} (null: nobody) of every call that changes the miner, in the order they run,
     * under the write lock, so that {@link #replay}ing them in that order on a miner restored from a
     * {@link #snapshot()} taken before them gives this miner again.
     */
    public void recordCalls(CallRecorder r) {
        lock.run(null, () -> lock.recorder(r));
    }

    /**
     * Runs {@code body} under the write lock, as one write: the miner's calls it makes (and the clock moves it
     * passes on) run inside it, nothing else runs meanwhile, and the recorder is told of none of them. For whoever
     * drives the miner with several calls that must happen together (the clock and what reacts to it), and
     * records and replays the whole section itself. Reads inside it see the section's writes.
     */
    public <T> T exclusive(Supplier<T> body) {
        return lock.write(null, body);
    }

    /** Runs {@code body} under the read lock: no write happens meanwhile (a consistent view of several reads). */
    public <T> T reading(Supplier<T> body) {
        return lock.read(body);
    }

    /** Runs a recorded call again, as it ran (it throws where it threw); see {@link #recordCalls}. */
    public void replay(MinerCall call) {
        CallReplay.replay(this, call);
    }

    // ---------------------------------------------------------------------------------------------
    // The lock

    void onHead(long epoch) {
        lock.run(() -> new MinerCall.Head(epoch), () -> pipeline.runUntil(epoch));
    }

    void deliver(long number, SectorEvent event) {
        lock.run(() -> new MinerCall.Deliver(number, event), () -> pipeline.planner.deliver(pipeline.sector(number), event));
    }

    /**
     * How many writes (API mutations, clock moves, restores) the miner has run. A reader that sees the
     * same count before and after a read knows that nothing changed in between, so whatever it derived
     * from that read is still current while the count stays the same (a cache key).
     */
    public long writeCount() {
        return lock.writeCount();
    }

    private static final Supplier<MinerCall> PLEDGE = MinerCall.Pledge::new;
    private static final Supplier<MinerCall> MATCH = MinerCall.MatchPendingPieces::new;
    private static final Supplier<MinerCall> PRECOMMIT_FLUSH = MinerCall.PreCommitFlush::new;
    private static final Supplier<MinerCall> COMMIT_FLUSH = MinerCall.CommitFlush::new;
    private static final Supplier<MinerCall> TERMINATE_FLUSH = MinerCall.TerminateFlush::new;
    private static final Supplier<MinerCall> CLEAR_FAILURES = MinerCall.ClearFailures::new;
}
