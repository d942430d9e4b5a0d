package io.minersim.sealing;

import io.minersim.sealing.EpochScheduler.Timer;
import io.minersim.sealing.chain.ChainClock;
import io.minersim.sealing.chain.ChainPolicy;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.fsm.SectorTransitions;
import io.minersim.sealing.fsm.StatsBucket;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.numbers.SectorNumberAssigner;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.proving.MinerProving;
import io.minersim.sealing.stats.MinerStatistics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The engine's state and its run loop (Lotus's {@code Sealing} struct): the sectors, timers, batcher
 * queues, messages, history and statistics of one miner, the rooms that act on them, and the loop that
 * fires timers in (epoch, order set) order and settles the head. Everything here runs under the
 * {@link Miner}'s write lock; readers take its read lock.
 */
final class Pipeline {

    final MinerConfig config;
    final ChainPolicy policy;
    final ChainClock clock;
    final long sectorSize;
    final SimulatedRandomness random;
    /** The pieces of a committed-capacity sector: one zero piece filling it. */
    final List<Piece> ccPieces;
    final byte[] zeroCommD;
    final Cid zeroCommDCid;

    // The state a snapshot carries (MinerSnapshot reads it; replaceWith swaps it whole).
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
    List<FailureRule> failureRules = new ArrayList<>();
    /** The actor's deadlines and partitions. */
    MinerProving proving;
    /** The proving state of recent epochs below the head (a full node's view of the past; not snapshotted). */
    final ProvingHistory provingHistory = new ProvingHistory();
    /** Sectors the miner cannot read (Sim.DeclareFaults): skipped in their Window PoSts. */
    BitField unprovable = BitField.empty();
    /** Window PoSts the miner is told to miss. */
    MissedPoSts missedPoSts = new MissedPoSts();
    /** Deal IDs the chain has expired (Sim.ExpireDeals): sectors still sealing with one give up. */
    Set<Long> expiredDeals = new TreeSet<>();
    ArrayDeque<PieceInput.PendingPiece> pendingPieces = new ArrayDeque<>();
    SealingConfig sealing;
    Duration expectedSealDuration = Duration.ofHours(24);
    long head;
    /** The storage paths and the sector index over them; sector files are derived from the sectors. */
    io.minersim.sealing.storage.StorageIndex storage;
    /** While a seeded sector's past is replayed at past epochs: it goes to a deadline afterwards, at the head. */
    boolean seeding;
    /** Pieces placed during the current write, whose futures complete once the lock is released. */
    final List<Runnable> placedPieces = new ArrayList<>();

    // The rooms.
    final Planner planner = new Planner(this);
    final Batching batching = new Batching(this);
    final MessageLanding landing = new MessageLanding(this);
    final PieceInput input = new PieceInput(this);
    final ChainSide chain = new ChainSide(this);
    final WindowPoSt wdpost = new WindowPoSt(this);
    final SectorLogRenderer logs = new SectorLogRenderer(this);
    /** The workers and the task queue; a snapshot carries it (restored in place). */
    final Scheduler scheduler = new Scheduler(this);

    Pipeline(MinerConfig config, ChainClock clock) {
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
        this.proving = new MinerProving(random.provingPeriodOffset(), config.sectorSize().partitionSectors());
        this.storage = newStorage();
    }

    /** The default storage of this miner: one sealing and storing path, its ID drawn from the seed. */
    io.minersim.sealing.storage.StorageIndex newStorage() {
        return new io.minersim.sealing.storage.StorageIndex(new SectorFilesView(this), config.seed());
    }

    // ---------------------------------------------------------------------------------------------
    // The run loop

    /** Runs what is due at the head, and places waiting pieces, until nothing more happens. */
    void settle() {
        do {
            runUntil(head);
        } while (input.matchPendingPieces());
    }

    /** Fires every timer due up to {@code epoch}, in order, then settles the head there. */
    void runUntil(long epoch) {
        Timer t;
        while ((t = timers.pollDue(epoch)) != null) {
            if (t.epoch > head) {
                provingHistory.headMoving(head, t.epoch, epoch, proving);
            }
            head = Math.max(head, t.epoch);
            fire(t);
        }
        if (epoch > head) {
            provingHistory.headMoving(head, epoch, epoch, proving);
        }
        head = Math.max(head, epoch);
    }

    private void fire(Timer t) {
        switch (t.action) {
            case SECTOR -> {
                if (t.version == t.sector.version) {
                    planner.workDone(t.sector);
                }
            }
            case PRECOMMIT_BATCH, COMMIT_BATCH, TERMINATE_BATCH -> batching.timerFired(t.action, t.epoch);
            case MESSAGE -> landing.landed(messages.get((int) t.version));
            case PROVING -> wdpost.fired(t.epoch);
        }
    }

    /**
     * Swaps in a restored snapshot's state, whole; the statistics are restored in place. Returns the
     * pieces that were waiting for a sector, which the caller fails.
     */
    List<PieceInput.PendingPiece> replaceWith(MinerSnapshot.Restored r) {
        statistics.replaceWith(r.statistics());
        List<PieceInput.PendingPiece> dropped = new ArrayList<>(pendingPieces);
        sectors = r.sectors();
        timers = r.timers();
        numbers = r.numbers();
        preCommits = r.preCommits();
        commits = r.commits();
        terminations = r.terminations();
        messages = r.messages();
        history = r.history();
        failureRules = r.failureRules();
        proving = r.proving().proving();
        provingHistory.clear();
        unprovable = r.proving().unprovable();
        missedPoSts = r.proving().missed();
        expiredDeals = r.expiredDeals();
        pendingPieces = r.pendingPieces();
        sealing = r.sealing();
        expectedSealDuration = r.expectedSealDuration();
        head = r.head();
        storage = r.storage();
        scheduler.replaceWith(r.scheduler());
        return dropped;
    }

    // ---------------------------------------------------------------------------------------------
    // Sectors

    /** A new sector, moved out of Lotus's undefined state by its start event. */
    Sector startSector(boolean committedCapacity, SectorEvent startEvent) {
        Sector s = new Sector(numbers.allocate(), head, committedCapacity);
        s.state = SectorTransitions.initial(startEvent);
        s.log().append(startEvent.ordinal(), head, 0, null);
        sectors.add(s);
        history.record(head, s.number, null, s.state, startEvent, 0, 0, 0);
        planner.enter(s);
        return s;
    }

    /** Sectors counted against {@code MaxSealingSectors}: staging, sealing and failed ones. */
    long curSealing() {
        long n = 0;
        for (SectorState st : SectorState.values()) {
            StatsBucket b = st.statsBucket();
            if (b == StatsBucket.STAGING || b == StatsBucket.SEALING || b == StatsBucket.FAILED) {
                n += sectors.count(st);
            }
        }
        return n;
    }

    Sector sector(long number) {
        Sector s = sectors.get(number);
        if (s == null) {
            throw new SectorNotFoundException(number);
        }
        return s;
    }

    /** The sectors of {@code numbers}, in order; an unknown number fails before anything changes. */
    List<Sector> existing(Collection<Long> numbers) {
        List<Sector> out = new ArrayList<>(numbers.size());
        for (Long n : numbers) {
            out.add(sector(n));
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Steps the handlers name

    /** Work of {@code epochs} from the head. */
    Step stage(long epochs) {
        return new Step.At(head + epochs);
    }

    /**
     * The state's Lotus tasks, for a stage of {@code epochs}: a timer when they start on a worker now, else a wait
     * in the scheduler's queue. Without a fleet, exactly {@link #stage}.
     */
    Step task(Sector s, long epochs) {
        return scheduler.implicit() ? stage(epochs) : scheduler.request(s, epochs);
    }

    /** The retry cooldown of a failed state ({@code MinRetryTime}). */
    Step cooldown() {
        return stage(policy.epochsCovering(seconds(sealing.minRetryTime())));
    }

    StageDurations stages() {
        return config.stages();
    }

    /** Whole seconds, a fraction rounding up. */
    static long seconds(Duration d) {
        return d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
    }
}
