package io.minersim.sealing.activity;

import io.minersim.sealing.Miner;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.SectorInfo;
import io.minersim.sealing.chain.ChainClock;
import io.minersim.sealing.chain.ChainPolicy;
import io.minersim.sealing.chain.HeadListener;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.DealProposal;
import io.minersim.sealing.piece.Piece;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Drives one miner with random but seeded activity as the chain moves. Every hour of chain time
 * (or, when the head jumps, once for all the hours it crossed, scaled to them) it draws from the
 * {@link ActivityProfile}: faulty sectors recover, proving sectors fault (declared or detected),
 * are terminated, extended or snap-upgraded, and new sectors are pledged or given a deal (verified or not)
 * that fills them. Draws come from one generator seeded by the seed and the miner's actor, and
 * happen on the clock's thread after the miner has processed the head, so a manual clock, a seed and
 * the same advances give the same run.
 */
public final class MinerActivity implements HeadListener, AutoCloseable {
    private static final long SECONDS_PER_DAY = 86_400;
    private static final long SECONDS_PER_TICK = 3_600;
    /** Deals last this many epochs (540 days of 30 s epochs, as the policy's lifetimes are counted). */
    private static final long DEAL_EPOCHS = 540L * ChainPolicy.EPOCHS_PER_DAY;

    private final Miner miner;
    private final ChainClock clock;
    private final ActivityProfile profile;
    private final SeededRandom random;
    private final long tickEpochs;
    private final long sectorSize;
    private final Cid fullPiece;
    private long lastTick;
    private long nextDealId;
    private boolean closed;

    /**
     * Where an activity is: its generator's state, the last hour it acted for, the next deal ID it hands out. A
     * snapshot of the world keeps it; {@link #resume} goes on from it exactly.
     */
    public record State(long random, long lastTick, long nextDealId) {
    }

    /** Starts driving {@code miner} from the clock's head; subscribe after the miner, as {@link #start} does. */
    private MinerActivity(Miner miner, ChainClock clock, ActivityProfile profile, long seed, State state) {
        this.miner = miner;
        this.clock = clock;
        this.profile = profile;
        long actor = miner.config().actorId();
        this.tickEpochs = Math.max(1, SECONDS_PER_TICK / clock.blockDelaySeconds());
        this.sectorSize = miner.config().sectorSize().bytes();
        this.fullPiece = Cid.unsealedCommitment(PieceCommitments.zeroCommitment(sectorSize));
        if (state == null) {
            this.random = SeededRandom.seeded(seed * 1_000_003L + actor);
            this.lastTick = clock.head() / tickEpochs;
            this.nextDealId = actor * 1_000_000L + 1;
        } else {
            this.random = SeededRandom.atState(state.random());
            this.lastTick = state.lastTick();
            this.nextDealId = state.nextDealId();
        }
    }

    /** Drives {@code miner} on {@code clock} (which the miner is already subscribed to). */
    public static MinerActivity start(Miner miner, ChainClock clock, ActivityProfile profile, long seed) {
        MinerActivity a = new MinerActivity(miner, clock, profile, seed, null);
        clock.subscribe(a);
        return a;
    }

    /** Drives {@code miner} on {@code clock} again from where a {@link #state()} left it. */
    public static MinerActivity resume(Miner miner, ChainClock clock, ActivityProfile profile, State state) {
        MinerActivity a = new MinerActivity(miner, clock, profile, 0, java.util.Objects.requireNonNull(state));
        clock.subscribe(a);
        return a;
    }

    /** Where the activity is now (read it while the miner's clock does not move). */
    public synchronized State state() {
        return new State(random.state(), lastTick, nextDealId);
    }

    public ActivityProfile profile() {
        return profile;
    }

    @Override
    public synchronized void close() {
        closed = true;
        clock.unsubscribe(this);
    }

    @Override
    public synchronized void onHead(long epoch) {
        long tick = epoch / tickEpochs;
        if (closed || tick <= lastTick) {
            return;
        }
        double days = (double) (tick - lastTick) * tickEpochs * clock.blockDelaySeconds() / SECONDS_PER_DAY;
        lastTick = tick;
        act(days);
    }

    private void act(double days) {
        // faults live on chain: the sectors the miner cannot read fault at their deadline's next PoSt
        io.minersim.sealing.numbers.BitField unreadable = miner.chain().unreadable();
        long[] faulty = unreadable.toArray();
        List<Long> recover = pick(faulty, chance(profile.recoveryRate(), days));
        attempt(() -> miner.recoverFaults(recover), !recover.isEmpty());

        long[] proving = java.util.Arrays.stream(miner.listInStates(EnumSet.of(SectorState.Proving)))
                .filter(n -> !unreadable.contains(n)).toArray();
        List<Long> fault = pick(proving, chance(profile.faultRate(), days));
        boolean declared = random.nextBoolean();
        attempt(() -> miner.declareFaults(fault, declared), !fault.isEmpty());

        for (long n : pick(proving, chance(profile.terminationRate(), days))) {
            if (!fault.contains(n)) {
                attempt(() -> miner.terminate(n), true);
            }
        }
        for (long n : pick(proving, chance(profile.extensionRate(), days))) {
            if (!fault.contains(n)) {
                extend(n);
            }
        }
        for (long n : pick(proving, chance(profile.snapRate(), days))) {
            if (!fault.contains(n)) {
                snap(n);
            }
        }
        long onboard = poisson(profile.onboardingPerDay() * days);
        for (long i = 0; i < onboard; i++) {
            if (random.nextDouble() < profile.dealShare()) {
                boolean verified = random.nextDouble() < profile.verifiedShare();
                long start = dealStart();
                addDeal(start, start + DEAL_EPOCHS, verified);
            } else {
                attempt(miner::pledgeSector, true);
            }
        }
    }

    /** A proving sector's expiration moves 180 days on, within the chain's limits. */
    private void extend(long n) {
        SectorInfo info;
        try {
            info = miner.status(n, true);
        } catch (SealingException e) {
            return;
        }
        ChainPolicy policy = miner.config().policy();
        long target = Math.min(info.expiration() + 180 * ChainPolicy.EPOCHS_PER_DAY,
                Math.min(miner.head() + policy.maxSectorExpirationExtension(),
                        info.activation() + policy.sectorMaxLifetime()));
        if (info.state() == SectorState.Proving && target > info.expiration()) {
            attempt(() -> miner.extendSectors(List.of(n), target), true);
        }
    }

    /** A proving CC sector with enough life left is marked for upgrade and given a deal to its end. */
    private void snap(long n) {
        SectorInfo info;
        try {
            info = miner.status(n, true);
        } catch (SealingException e) {
            return;
        }
        long start = dealStart();
        boolean cc = info.pieces().stream().allMatch(Piece::isFiller);
        if (!cc || info.state() != SectorState.Proving
                || info.expiration() - miner.head() < miner.config().policy().dealMinDuration()
                || info.expiration() <= start) {
            return;
        }
        boolean verified = random.nextDouble() < profile.verifiedShare();
        if (attempt(() -> miner.markForUpgrade(n, true), true)) {
            addDeal(start, info.expiration(), verified);
        }
    }

    private long dealStart() {
        ChainPolicy policy = miner.config().policy();
        return miner.head() + miner.sealingConfig().startEpochSealingBuffer()
                + policy.epochsCovering(2 * SECONDS_PER_DAY);
    }

    private void addDeal(long start, long end, boolean verified) {
        long id = nextDealId++;
        DealProposal proposal = new DealProposal(fullPiece, sectorSize, verified, "f0100", miner.config().actorAddress(),
                "minersim-activity-" + id, start, end, BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO);
        Cid publish = Cid.dagCborBlake2b256(("minersim-publish-" + miner.config().actorId() + "-" + id)
                .getBytes(StandardCharsets.UTF_8));
        DealInfo deal = new DealInfo(publish, id, proposal, null, start, end, true);
        attempt(() -> miner.addPieceToAny(sectorSize - sectorSize / 128, deal), true);
    }

    /** Runs an action the miner may refuse (the sector moved on meanwhile); whether it went through. */
    private static boolean attempt(Runnable action, boolean wanted) {
        if (!wanted) {
            return false;
        }
        try {
            action.run();
            return true;
        } catch (SealingException e) {
            return false;
        }
    }

    /** The chance that something with {@code perDay} chance a day happens within {@code days}. */
    private static double chance(double perDay, double days) {
        return perDay >= 1 ? 1 : 1 - Math.pow(1 - perDay, days);
    }

    /** Each of {@code from} with chance {@code p}, in ascending order. */
    private List<Long> pick(long[] from, double p) {
        List<Long> out = new ArrayList<>();
        if (p <= 0 || from.length == 0) {
            return out;
        }
        if (from.length <= 4096) {
            for (long n : from) {
                if (random.nextDouble() < p) {
                    out.add(n);
                }
            }
            return out;
        }
        long k = Math.min(from.length, poisson(from.length * p));
        long[] copy = from.clone();
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(copy.length - i);
            long t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
            out.add(copy[i]);
        }
        out.sort(null);
        return out;
    }

    /** A Poisson draw (Knuth's method below a mean of 30, a rounded normal above). */
    private long poisson(double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean >= 30) {
            double g = gaussian();
            return Math.max(0, Math.round(mean + Math.sqrt(mean) * g));
        }
        double limit = Math.exp(-mean);
        double prod = random.nextDouble();
        long k = 0;
        while (prod > limit) {
            k++;
            prod *= random.nextDouble();
        }
        return k;
    }

    private double gaussian() {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
