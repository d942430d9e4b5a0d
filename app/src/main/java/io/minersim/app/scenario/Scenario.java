package io.minersim.app.scenario;

import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSeed;
import io.minersim.sealing.chain.ChainClock;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.DealProposal;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.workers.WorkerSpec;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A checked scenario (see {@link ScenarioLoader}): the miner to start, on what clock, with which
 * sectors and events. Immutable; {@link #session(ChainClock)} runs it on one miner.
 *
 * <p>Sectors counted per state get generated deals when asked: legacy market deals with consecutive
 * IDs from {@code dealIdStart}, piece CIDs derived from the seed, each piece an equal power-of-two share
 * of the sector, starting a week after the chain's start epoch and lasting 540 days.
 */
public final class Scenario {

    /** Sectors counted per state: {@code count} in {@code state}, with generated deals when asked. */
    public record CountGroup(String path, SectorState state, long count, int deals, boolean verified, long age,
            long ageSpread, String error, boolean faulty) {
    }

    /** Generated deals start this long after the chain's start epoch (a week of 30 s epochs). */
    static final long DEAL_START_DELAY = 7 * 2880;
    /** Generated deals last 540 days. */
    static final long DEAL_DURATION = 540 * 2880;
    /** Ages spread over sectors in cohorts of a pre-commit batch, so that they share messages. */
    static final int AGE_COHORT = 256;

    private final String source;
    private final Profile profile;
    private final MinerConfig config;
    private final Boolean manualClock;
    private final Duration blockTime;
    private final long startEpoch;
    private final long dealIdStart;
    private final List<SectorSeed> sectors;
    private final List<CountGroup> counts;
    private final List<ScheduledEvent> events;
    private final io.minersim.sealing.storage.StorageOp.Configure storage;
    private final List<WorkerSpec> workers;

    Scenario(String source, Profile profile, MinerConfig config, Boolean manualClock, Duration blockTime,
            long startEpoch, long dealIdStart, List<SectorSeed> sectors, List<CountGroup> counts,
            List<ScheduledEvent> events, io.minersim.sealing.storage.StorageOp.Configure storage,
            List<WorkerSpec> workers) {
        this.source = Objects.requireNonNull(source, "source");
        this.profile = Objects.requireNonNull(profile, "profile");
        this.config = Objects.requireNonNull(config, "config");
        this.manualClock = manualClock;
        this.blockTime = blockTime;
        this.startEpoch = startEpoch;
        this.dealIdStart = dealIdStart;
        this.sectors = List.copyOf(sectors);
        this.counts = List.copyOf(counts);
        this.events = List.copyOf(events);
        this.storage = storage;
        this.workers = List.copyOf(workers);
    }

    /** The simulated machine's disks and the paths opened on them; null for the default (the repo path). */
    public io.minersim.sealing.storage.StorageOp.Configure storage() {
        return storage;
    }

    /** The worker fleet; empty for the default local worker. */
    public List<WorkerSpec> workers() {
        return workers;
    }

    public Profile profile() {
        return profile;
    }

    /** The miner: actor, sector size, chain policy, sealing knobs, stage durations and seed. */
    public MinerConfig minerConfig() {
        return config;
    }

    /** Whether the scenario asks for a manual clock; {@code null} when it does not say. */
    public Boolean manualClock() {
        return manualClock;
    }

    /** Wall time per epoch of a real clock; {@code null} for the profile's. */
    public Duration blockTime() {
        return blockTime;
    }

    /** The epoch the chain starts at. */
    public long startEpoch() {
        return startEpoch;
    }

    /** The scheduled events, in epoch order (file order within an epoch). */
    public List<ScheduledEvent> events() {
        return events;
    }

    /** The same scenario with another seed (every simulated value, generated deal CIDs included). */
    public Scenario withSeed(long seed) {
        return new Scenario(source, profile, config.withSeed(seed), manualClock, blockTime, startEpoch, dealIdStart,
                sectors, counts, events, storage, workers);
    }

    /** How many sectors the scenario seeds per state, in state order. */
    public Map<SectorState, Long> seededCounts() {
        Map<SectorState, Long> out = new EnumMap<>(SectorState.class);
        for (SectorSeed s : sectors) {
            out.merge(s.state(), 1L, Long::sum);
        }
        for (CountGroup g : counts) {
            if (g.count() > 0) {
                out.merge(g.state(), g.count(), Long::sum);
            }
        }
        return out;
    }

    /** Every seed, the named sectors first, then the counted ones with their generated deals. */
    public List<SectorSeed> seeds() {
        List<SectorSeed> out = new ArrayList<>(sectors);
        long dealId = dealIdStart;
        String provider = config.actorAddress();
        for (CountGroup g : counts) {
            long cohorts = (g.count() + AGE_COHORT - 1) / AGE_COHORT;
            for (long j = 0; j < g.count(); j++) {
                long age = g.age() + (cohorts > 1 ? g.ageSpread() * (j / AGE_COHORT) / (cohorts - 1) : 0);
                List<Piece> pieces = List.of();
                if (g.deals() > 0) {
                    long pieceSize = config.sectorSize().bytes() / Long.highestOneBit(2L * g.deals() - 1);
                    List<Piece> ps = new ArrayList<>(g.deals());
                    for (int k = 0; k < g.deals(); k++) {
                        ps.add(generatedDeal(dealId++, pieceSize, g.verified(), provider));
                    }
                    pieces = ps;
                }
                out.add(new SectorSeed(SectorSeed.NEXT, g.state(), pieces, g.error(), age, g.faulty()));
            }
        }
        return out;
    }

    private Piece generatedDeal(long dealId, long pieceSize, boolean verified, String provider) {
        byte[] commP = digest("minersim/scenario/piece", dealId);
        commP[31] &= 0x3f;
        Cid pieceCid = Cid.unsealedCommitment(commP);
        long start = startEpoch + DEAL_START_DELAY;
        long end = start + DEAL_DURATION;
        DealProposal proposal = new DealProposal(pieceCid, pieceSize, verified, "f0" + (1000 + dealId % 50),
                provider, "", start, end, verified ? BigInteger.ZERO : BigInteger.ONE, BigInteger.ZERO,
                BigInteger.ZERO);
        Cid publish = Cid.dagCborBlake2b256(digest("minersim/scenario/publish", dealId));
        return new Piece(pieceSize, pieceCid, new DealInfo(publish, dealId, proposal, null, start, end, true));
    }

    private byte[] digest(String domain, long n) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(domain.getBytes(StandardCharsets.US_ASCII));
            sha.update(ByteBuffer.allocate(16).putLong(config.seed()).putLong(n).array());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Runs this scenario on one miner: the returned session's clock is what the miner must be started
     * on (it stops at each scheduled epoch so that events happen exactly then), and
     * {@link ScenarioSession#load} seeds the miner.
     */
    public ScenarioSession session(ChainClock clock) {
        return new ScenarioSession(this, clock);
    }
}
