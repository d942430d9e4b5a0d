package io.minersim.app.fleet;

import io.minersim.app.node.MinerNode;
import io.minersim.app.repo.MinerRepo;
import io.minersim.app.scenario.Scenario;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.activity.ActivityProfile;
import io.minersim.sealing.activity.MinerActivity;
import io.minersim.sealing.chain.SimulatedChainClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * N simulated miners on one chain clock. Miner {@code i} is actor {@code base + i}, seeded with
 * {@code seed + i}, with the {@code i}-th sector size (cycling through the list), listening on
 * {@code port + i} (or a free port when the base port is 0), with its repo in {@code REPO/<actor>/}.
 * With an activity profile each miner gets its own {@link MinerActivity}, seeded by the fleet's
 * seed and its actor. Advancing the clock through any miner's {@code Sim.Advance} moves them all.
 */
public final class Fleet implements AutoCloseable {
    private final SimulatedChainClock clock;
    private final List<MinerNode> nodes;
    private final List<MinerActivity> activities;
    private boolean closed;

    private Fleet(SimulatedChainClock clock, List<MinerNode> nodes, List<MinerActivity> activities) {
        this.clock = clock;
        this.nodes = List.copyOf(nodes);
        this.activities = List.copyOf(activities);
    }

    /**
     * How a fleet is made.
     *
     * @param count how many miners (at least 1)
     * @param profile the chain and sealing profile they share
     * @param base the first miner's config (actor, seed; its sector size is overridden by {@code sizes})
     * @param sizes sector sizes, miner {@code i} taking {@code sizes[i % sizes.size()]}
     * @param manualClock whether the shared clock moves only when told
     * @param blockTime wall time per epoch of a real clock (null: the profile's)
     * @param host the listen host
     * @param basePort the first miner's port; 0 gives every miner a free port
     * @param repo the fleet's repo root (null: no repo files)
     * @param activity random activity for every miner, or null for none
     * @param scenarios one scenario per miner (a scenario's {@code miners} list), or null; when given,
     *     they name the miners (count, actors, sizes, settings, sectors, events) and the first one's
     *     start epoch is the clock's
     */
    public record Settings(int count, Profile profile, MinerConfig base, List<SectorSize> sizes, boolean manualClock,
            Duration blockTime, String host, int basePort, Path repo, ActivityProfile activity,
            List<Scenario> scenarios) {
        public Settings {
            if (scenarios != null && scenarios.size() != count) {
                throw new InvalidInputException("miners", "a fleet of " + count + " miners with " + scenarios.size()
                        + " scenarios");
            }
            if (count < 1 || count > 1000) {
                throw new InvalidInputException("miners", "a fleet has 1 to 1000 miners, not " + count);
            }
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(base, "base");
            if (sizes.isEmpty()) {
                throw new InvalidInputException("sectorSize", "at least one sector size");
            }
            if (basePort < 0 || (basePort > 0 && basePort + count - 1 > 65_535)) {
                throw new InvalidInputException("listen", "ports " + basePort + " to " + (basePort + count - 1)
                        + " are not all valid");
            }
        }
    }

    /** Starts every miner (all or none: a failure stops those already started). */
    public static Fleet start(Settings s) throws Exception {
        long startEpoch = s.scenarios() == null ? 0 : s.scenarios().get(0).startEpoch();
        SimulatedChainClock clock = new SimulatedChainClock(startEpoch, s.base().policy().genesisTimestamp(),
                s.base().policy().blockDelaySeconds(),
                s.manualClock() ? SimulatedChainClock.Mode.MANUAL : SimulatedChainClock.Mode.REAL,
                s.blockTime() == null ? s.profile().defaultBlockTime() : s.blockTime(), System::nanoTime);
        List<MinerNode> nodes = new ArrayList<>();
        List<MinerActivity> activities = new ArrayList<>();
        try {
            for (int i = 0; i < s.count(); i++) {
                Scenario scenario = s.scenarios() == null ? null : s.scenarios().get(i);
                MinerConfig cfg = scenario != null ? scenario.minerConfig()
                        : s.base().withActorId(s.base().actorId() + i).withSeed(s.base().seed() + i)
                                .withSectorSize(s.sizes().get(i % s.sizes().size()));
                MinerRepo repo = s.repo() == null ? null : MinerRepo.open(s.repo().resolve(cfg.actorAddress()));
                MinerNode.Builder b = MinerNode.builder();
                if (scenario != null) {
                    b.scenario(scenario);
                }
                nodes.add(b.profile(s.profile()).config(cfg).sharedClock(clock)
                        .listen(s.host(), s.basePort() == 0 ? 0 : s.basePort() + i).repo(repo).start());
            }
            if (s.activity() != null) {
                for (MinerNode n : nodes) {
                    activities.add(MinerActivity.start(n.miner(), clock, s.activity(), s.base().seed()));
                }
            }
        } catch (Exception | Error e) {
            activities.forEach(MinerActivity::close);
            nodes.forEach(MinerNode::close);
            throw e;
        }
        clock.start();
        return new Fleet(clock, nodes, activities);
    }

    /** The clock every miner runs on (Sim.SetClock, Pause and Resume on any miner act on it). */
    public SimulatedChainClock clock() {
        return clock;
    }

    public List<MinerNode> nodes() {
        return nodes;
    }

    public List<Miner> miners() {
        return nodes.stream().map(MinerNode::miner).toList();
    }

    /** Stops the activity, then every node, then the clock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        activities.forEach(MinerActivity::close);
        try {
            nodes.forEach(MinerNode::close);
        } finally {
            clock.close();
        }
    }
}
