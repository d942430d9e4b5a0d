package io.minersim.app.fleet;

import io.minersim.app.node.MinerNode;
import io.minersim.app.repo.MinerRepo;
import io.minersim.app.scenario.Scenario;
import io.minersim.app.world.World;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.activity.ActivityProfile;
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
 * With an activity profile each miner gets its own seeded activity (the fleet's seed and its actor). Advancing the clock through any miner's {@code Sim.Advance} moves them all.
 */
public final class Fleet implements AutoCloseable {
    private final World world;
    private final boolean ownsWorld;
    private final List<MinerNode> nodes;
    private boolean closed;

    private Fleet(World world, boolean ownsWorld, List<MinerNode> nodes) {
        this.world = world;
        this.ownsWorld = ownsWorld;
        this.nodes = List.copyOf(nodes);
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

    /** The world the settings describe: the clock, and each miner seeded from its scenario, with its activity. */
    public static World.Spec spec(Settings s) {
        List<MinerConfig> configs = new ArrayList<>();
        for (int i = 0; i < s.count(); i++) {
            Scenario scenario = s.scenarios() == null ? null : s.scenarios().get(i);
            configs.add(scenario != null ? scenario.minerConfig()
                    : s.base().withActorId(s.base().actorId() + i).withSeed(s.base().seed() + i)
                            .withSectorSize(s.sizes().get(i % s.sizes().size())));
        }
        List<Scenario> scenarios = null;
        if (s.scenarios() != null) {
            scenarios = new ArrayList<>();
            for (int i = 0; i < s.count(); i++) {
                scenarios.add(s.scenarios().get(i).withSeed(configs.get(i).seed()));
            }
        }
        long startEpoch = s.scenarios() == null ? 0 : s.scenarios().get(0).startEpoch();
        return new World.Spec(s.profile(), configs, scenarios, s.manualClock(), s.blockTime(), startEpoch,
                s.activity(), s.base().seed());
    }

    /** Starts every miner (all or none: a failure stops those already started) on a world of its own. */
    public static Fleet start(Settings s) throws Exception {
        World world = World.create(spec(s));
        try {
            Fleet f = start(world, s, true, true);
            world.start();
            return f;
        } catch (Exception | Error e) {
            world.close();
            throw e;
        }
    }

    /**
     * Serves every miner of {@code world} (made by {@link #spec} or restored), with the settings' endpoints and repo
     * directories; the caller starts the world's clock, and stops the world after the fleet.
     */
    public static Fleet serve(World world, Settings s) throws Exception {
        return start(world, s, false, true);
    }

    /**
     * {@link #serve}, but the miners' repo files ({@code api}, {@code token}) wait for {@link MinerNode#publish()}:
     * for {@code run}, which pledges first.
     */
    public static Fleet serveUnpublished(World world, Settings s) throws Exception {
        return start(world, s, false, false);
    }

    private static Fleet start(World world, Settings s, boolean ownsWorld, boolean publish) throws Exception {
        List<MinerNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < world.hosts().size(); i++) {
                MinerConfig cfg = world.hosts().get(i).config();
                MinerRepo repo = s.repo() == null ? null : MinerRepo.open(s.repo().resolve(cfg.actorAddress()));
                MinerNode.Builder b = MinerNode.builder().world(world, i)
                        .listen(s.host(), s.basePort() == 0 ? 0 : s.basePort() + i).repo(repo);
                nodes.add((publish ? b : b.publishLater()).start());
            }
        } catch (Exception | Error e) {
            nodes.forEach(MinerNode::close);
            throw e;
        }
        return new Fleet(world, ownsWorld, nodes);
    }

    /** The clock every miner runs on (Sim.SetClock, Pause and Resume on any miner act on it). */
    public SimulatedChainClock clock() {
        return world.clock();
    }

    public List<MinerNode> nodes() {
        return nodes;
    }

    public List<Miner> miners() {
        return nodes.stream().map(MinerNode::miner).toList();
    }

    /** Stops every node, then (when the fleet made it) the world: its activity, miners and clock. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            nodes.forEach(MinerNode::close);
        } finally {
            if (ownsWorld) {
                world.close();
            }
        }
    }
}
