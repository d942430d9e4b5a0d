package io.minersim.app;

import io.minersim.app.fullnode.FullNode;
import io.minersim.app.node.ListenAddress;
import io.minersim.app.node.MinerNode;
import io.minersim.app.repo.MinerRepo;
import io.minersim.app.scenario.Scenario;
import io.minersim.app.scenario.ScenarioLoader;
import io.minersim.app.world.World;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.fsm.SectorState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minersim run}: starts one simulated miner behind its Lotus JSON-RPC endpoint, writes the repo's
 * {@code token} and {@code api} files, prints {@code MINER_API_INFO}, and reports the sectors per state as
 * the chain moves, until stopped (SIGTERM, Ctrl-C, the API's {@code Shutdown}, or {@code --until-epoch}).
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a simulated miner.")
public final class RunCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--actor", defaultValue = "f01000", description = "Miner actor address (default: ${DEFAULT-VALUE}).")
    String actor;

    @Option(names = "--sector-size", defaultValue = "32GiB",
            description = "2KiB, 8MiB, 512MiB, 32GiB or 64GiB (default: ${DEFAULT-VALUE}).")
    String sectorSize;

    @Option(names = "--profile", defaultValue = "devnet", description = "devnet or mainnet (default: ${DEFAULT-VALUE}).")
    String profile;

    @Option(names = "--clock", defaultValue = "real", description = "real or manual (default: ${DEFAULT-VALUE}).")
    String clock;

    @Option(names = "--block-time",
            description = "Wall time per epoch for the real clock, e.g. 1s, 250ms, 30s (default: the profile's).")
    String blockTime;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of every simulated value (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--pledge", defaultValue = "0", description = "Committed-capacity sectors to pledge at start.")
    int pledge;

    @Option(names = "--storage-capacity", paramLabel = "SIZE", description = "Size of the file system under the"
            + " miner's storage path, e.g. 100TiB (default: 1PiB; a scenario's storage section describes more paths).")
    String storageCapacity;

    @Option(names = "--until-epoch", description = "Stop once the chain reaches this epoch (default: run until stopped).")
    Long untilEpoch;

    @Option(names = "--repo", description = "Repo directory (default: $MINERSIM_PATH or ~/.minersim).")
    java.nio.file.Path repo;

    @Option(names = "--scenario", description = "Start from a scenario file (JSON or YAML): the miner, its clock,"
            + " sectors and events. --clock, --block-time and --seed given as well override the file.")
    java.nio.file.Path scenario;

    @Option(names = "--listen", defaultValue = "127.0.0.1:2345",
            description = "Address of the JSON-RPC endpoint; port 0 picks a free one (default: ${DEFAULT-VALUE}).")
    String listen;

    @Option(names = "--full-listen", description = "Address of the simulated Lotus full node's JSON-RPC endpoint"
            + " (/rpc/v1 and /rpc/v0), or off; port 0 picks a free one (default: 127.0.0.1:1234, as lotus daemon; a free"
            + " port when --listen's is 0).")
    String fullListen;

    @Option(names = "--stats-listen", defaultValue = io.minersim.app.stats.StatsLauncher.DEFAULT_LISTEN,
            description = "Address of the statistics API, or off (default: ${DEFAULT-VALUE}).")
    String statsListen;

    @Option(names = "--stats-key", description = "An API key the statistics API accepts (repeatable; besides the "
            + "repo's stats-keys).")
    java.util.List<String> statsKeys = new java.util.ArrayList<>();

    @Option(names = "--miners", defaultValue = "1", description = "Run a fleet of N miners (actor, actor + 1, …; "
            + "port + i; repo REPO/<actor>/; --sector-size may list sizes to cycle through) on one clock.")
    int miners;

    @Option(names = "--activity", description = "Random but seeded activity for every miner: realistic, or "
            + "key=value,… over it (onboarding, deals, verified, faults, recoveries, terminations, extensions, snaps).")
    String activity;

    @Option(names = "--fresh", description = "Start empty: the repo's saved world (its state/ directory) is moved "
            + "aside to state.<time>/, not deleted.")
    boolean fresh;

    @Option(names = "--restore", paramLabel = "FILE", description = "Start from a backup (CreateBackup's or "
            + "`minersim backup`'s file); the repo's saved world, if any, is moved aside first.")
    java.nio.file.Path restoreFrom;

    @Option(names = "--sync", defaultValue = "os", description = "When a changing call answers: os (once its change"
            + " is written to the operating system: it survives any end of minersim, kill -9 included; the journal is"
            + " fsynced every 5 ms) or fsync (once its change is fsynced: it survives a power cut too, at a cost in"
            + " write throughput) (default: ${DEFAULT-VALUE}).")
    String sync;

    @Option(names = "--clock-resume", defaultValue = "head", description = "On a saved world with a running real "
            + "clock: head (the chain goes on from the head it stopped at) or wall (it first catches up the wall time "
            + "that passed while stopped) (default: ${DEFAULT-VALUE}).")
    String clockResume;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Scenario> fleet = scenario == null ? null : ScenarioLoader.loadFleet(scenario);
        if (fleet != null && (fleet.size() > 1 || miners != 1) && spec.commandLine().getParseResult()
                .hasMatchedOption("--miners")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--miners cannot be combined with --scenario: the scenario names its miners");
        }
        if (scenario != null && restoreFrom != null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--restore cannot be combined with --scenario: the backup names the world");
        }
        Scenario scen = fleet == null ? null : scenarioWithOverrides(fleet.get(0));
        Profile p = scen != null ? scen.profile() : Profile.parse(profile);
        io.minersim.sealing.activity.ActivityProfile activityProfile = activity == null ? null
                : io.minersim.sealing.activity.ActivityProfile.parse(activity);
        World.Spec want;
        if (miners != 1 || (fleet != null && fleet.size() > 1)) {
            List<Scenario> scenarios = null;
            if (fleet != null) {
                scenarios = new java.util.ArrayList<>();
                for (Scenario s : fleet) {
                    scenarios.add(spec.commandLine().getParseResult().hasMatchedOption("--seed") ? s.withSeed(seed) : s);
                }
                miners = scenarios.size();
            }
            want = fleetSpec(p, activityProfile, scenarios);
        } else {
            MinerConfig cfg = scen != null ? scen.minerConfig()
                    : MinerConfig.of(p).withActorId(MinerConfig.parseActor(actor))
                            .withSectorSize(SectorSize.parse(sectorSize)).withSeed(seed);
            checkPledge();
            manualClock();
            if (scen != null) {
                seed = cfg.seed();
            }
            want = new World.Spec(p, List.of(cfg), scen == null ? null : List.of(scen.withSeed(cfg.seed())),
                    manualClock(), blockTime == null ? null : parseDuration(blockTime),
                    scen == null ? 0 : scen.startEpoch(), activityProfile, seed);
        }
        ListenAddress address = listenAddress();
        ListenAddress full = fullListenAddress(address);
        resumeWallTime();
        io.minersim.app.stats.StatsLauncher.address(statsListen); // refuses a bad one before anything starts
        MinerRepo minerRepo = openRepo();
        Saved saved = openWorld(minerRepo.root(), want);
        return saved.world().hosts().size() == 1 ? runOne(out, saved, minerRepo, address, full)
                : runFleet(out, saved, minerRepo.root(), address, full);
    }

    /** One miner: its endpoint and statistics, its start lines, then its sectors per state as the chain moves. */
    private int runOne(PrintWriter out, Saved saved, MinerRepo minerRepo, ListenAddress address, ListenAddress full)
            throws Exception {
        World world = saved.world();
        MinerConfig running = world.hosts().get(0).config();
        MinerNode node;
        FullNode fullNode;
        try {
            node = MinerNode.builder().world(world, 0).listen(address.host(), address.port()).repo(minerRepo)
                    .publishLater().start();
        } catch (Exception | Error e) {
            saved.close();
            throw e;
        }
        try {
            fullNode = startFullNode(world, minerRepo.root(), full);
        } catch (Exception | Error e) {
            node.close();
            saved.close();
            throw e;
        }
        world.start();
        Thread hook = new Thread(() -> {
            if (fullNode != null) {
                fullNode.close();
            }
            node.close();
            saved.close();
        }, "minersim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Miner miner = node.miner();
        io.minersim.app.stats.StatsLauncher.Started stats = null;
        try {
            stats = io.minersim.app.stats.StatsLauncher.start(java.util.List.of(node), minerRepo.root(), statsKeys,
                    statsListen, running.seed());
            if (!saved.restored()) {
                if (storageCapacity != null) {
                    miner.changeStorage(storageWithCapacity(miner));
                }
                for (int i = 0; i < pledge; i++) {
                    miner.pledgeSector();
                }
                world.durability().await();
            }
            node.publish(); // the api file last: a client that finds it sees the pledged sectors
            out.printf("minersim: miner %s, %s sectors, %s profile, %s clock, seed %d, repo %s%n",
                    running.actorAddress(), running.sectorSize(), world.profile().name().toLowerCase(Locale.ROOT),
                    saved.restored() ? clockName(world) : clock, running.seed(), minerRepo.root());
            out.printf("MINER_API_INFO=%s%n", node.minerApiInfo());
            if (fullNode != null) {
                out.printf("FULLNODE_API_INFO=%s%n", fullNode.fullNodeApiInfo());
            }
            if (stats != null) {
                out.println(stats.banner());
            }
            saved.notes().forEach(out::println);
            out.flush();
            String last = null;
            do {
                long head = miner.head();
                String summary = format(miner.summary());
                if (!summary.equals(last)) {
                    out.printf("epoch %d: %s%n", head, summary.isEmpty() ? "no sectors" : summary);
                    out.flush();
                    last = summary;
                }
                if (untilEpoch != null && head >= untilEpoch) {
                    break;
                }
            } while (!node.awaitStop(100, TimeUnit.MILLISECONDS));
        } finally {
            if (stats != null) {
                stats.server().close();
            }
            if (fullNode != null) {
                fullNode.close();
            }
            node.close();
            saved.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook has run
            }
        }
        out.printf("minersim: stopped at epoch %d%n", miner.head());
        out.flush();
        return 0;
    }

    /** {@code --miners N}: the fleet's world, with the same options. */
    private World.Spec fleetSpec(Profile p, io.minersim.sealing.activity.ActivityProfile activityProfile,
            List<Scenario> scenarios) {
        checkPledge();
        boolean manual = manualClock();
        ListenAddress address = listenAddress();
        if (address.port() < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--listen must be HOST:PORT, not '" + listen
                    + "'");
        }
        MinerConfig base = scenarios != null ? scenarios.get(0).minerConfig()
                : MinerConfig.of(p).withActorId(MinerConfig.parseActor(actor)).withSeed(seed);
        io.minersim.app.fleet.Fleet.Settings settings = new io.minersim.app.fleet.Fleet.Settings(miners, p, base,
                io.minersim.app.fleet.FleetRunner.sizes(sectorSize), manual,
                blockTime == null ? null : parseDuration(blockTime), address.host(), address.port(), null,
                activityProfile, scenarios);
        return io.minersim.app.fleet.Fleet.spec(settings);
    }

    /** A fleet: every miner's endpoint and repo directory, the statistics, and the sectors per state of each. */
    private int runFleet(PrintWriter out, Saved saved, java.nio.file.Path root, ListenAddress address,
            ListenAddress full) throws Exception {
        World world = saved.world();
        List<SectorSize> sizes = new java.util.ArrayList<>();
        world.hosts().forEach(h -> sizes.add(h.config().sectorSize()));
        io.minersim.app.fleet.Fleet.Settings running;
        try {
            running = new io.minersim.app.fleet.Fleet.Settings(world.hosts().size(), world.profile(),
                    world.hosts().get(0).config(), sizes,
                    world.clock().mode() == io.minersim.sealing.chain.SimulatedChainClock.Mode.MANUAL, null,
                    address.host(), address.port(), root, world.hosts().get(0).activityProfile(), null);
        } catch (RuntimeException e) {
            saved.close();
            throw e;
        }
        FullNode fullNode;
        try {
            fullNode = startFullNode(world, root, full);
        } catch (Exception | Error e) {
            saved.close();
            throw e;
        }
        Runnable afterStop = () -> {
            if (fullNode != null) {
                fullNode.close();
            }
            saved.close();
        };
        try {
            return io.minersim.app.fleet.FleetRunner.run(running, world, saved.restored() ? 0 : pledge, untilEpoch,
                    statsListen, statsKeys, saved.restored() ? clockName(world) : clock, saved.notes(), afterStop,
                    fullNode == null ? null : "FULLNODE_API_INFO=" + fullNode.fullNodeApiInfo(), out);
        } finally {
            afterStop.run();
        }
    }

    /** The world a run serves, with what keeps it on disk; {@link #close()} stops and saves it (once). */
    private record Saved(World world, io.minersim.app.state.DiskState state, io.minersim.app.state.StateStore store,
            boolean restored, List<String> notes, java.util.concurrent.atomic.AtomicBoolean closed) {
        void close() {
            synchronized (closed) {
                if (closed.getAndSet(true)) {
                    return;
                }
                try {
                    world.close();
                } finally {
                    try {
                        state.close();
                    } finally {
                        store.close();
                    }
                }
            }
        }
    }

    /**
     * Takes the repo's lock, then restores the saved world (refusing options that would describe another one) or
     * makes {@code spec}'s and saves it; {@code --fresh} and {@code --restore} first move a saved world aside.
     */
    private Saved openWorld(java.nio.file.Path root, World.Spec spec) {
        io.minersim.app.state.StateStore store = io.minersim.app.state.StateStore.open(root).sync(sync);
        List<String> notes = new java.util.ArrayList<>();
        try {
            removeStaleApi(root, spec, notes);
            if (fresh || restoreFrom != null) {
                java.nio.file.Path aside = store.hasState() ? store.setAside() : null;
                if (aside != null) {
                    notes.add("minersim: the saved world was moved aside to " + aside + " (not deleted)");
                }
            }
            if (restoreFrom != null) {
                store.importBackup(restoreFrom.toAbsolutePath());
                notes.add("minersim: starting from the backup " + restoreFrom.toAbsolutePath());
            }
            if (!store.hasState()) {
                World world = World.create(spec);
                io.minersim.app.state.DiskState state;
                try {
                    state = store.create(world);
                } catch (RuntimeException e) {
                    world.close();
                    throw e;
                }
                return new Saved(world, state, store, false, notes, new java.util.concurrent.atomic.AtomicBoolean());
            }
            if (scenario != null && restoreFrom == null) {
                throw new io.minersim.app.state.StateException("the repo " + root + " holds a saved world: --scenario"
                        + " would start another one; add --fresh to move the saved one aside and start from the"
                        + " scenario");
            }
            io.minersim.app.state.StateStore.Recovered r = store.recover();
            World world = r.world();
            try {
                checkSameWorld(root, world, spec);
                applyClockOptions(world);
                if (clockResume.equalsIgnoreCase("wall")) {
                    long before = world.clock().head();
                    long after = world.catchUpWithWallTime();
                    if (after > before) {
                        notes.add("minersim: --clock-resume wall: the chain caught up " + (after - before)
                                + " epochs of wall time, to epoch " + after);
                    }
                }
            } catch (RuntimeException e) {
                world.close();
                r.state().close();
                throw e;
            }
            for (io.minersim.app.world.MinerHost h : world.hosts()) {
                notes.add(String.format(Locale.ROOT, "minersim: restored %,d sectors of %s at epoch %d", h.miner()
                        .sectorCount(), h.config().actorAddress(), h.miner().head()));
            }
            notes.add(String.format(Locale.ROOT, "minersim: state from %s: snapshot %d and %,d journal records,"
                    + " restored in %.2f s", store.dir(), r.snapshotSeq(), r.replayed(), r.nanos() / 1e9));
            if (r.tornNote() != null) {
                notes.add("minersim: " + r.tornNote());
            }
            for (String d : r.divergences()) {
                notes.add("minersim: warning: the journal's replay differs from the run: " + d);
            }
            return new Saved(world, r.state(), store, true, notes, new java.util.concurrent.atomic.AtomicBoolean());
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** A repo's {@code api} file while no run holds the repo is left by a run that did not stop: it goes. */
    private static void removeStaleApi(java.nio.file.Path root, World.Spec spec, List<String> notes) {
        List<java.nio.file.Path> files = new java.util.ArrayList<>(List.of(root.resolve("api"),
                root.resolve("full").resolve("api")));
        if (spec.miners().size() > 1) {
            spec.miners().forEach(m -> files.add(root.resolve(m.actorAddress()).resolve("api")));
        }
        for (java.nio.file.Path f : files) {
            try {
                if (java.nio.file.Files.deleteIfExists(f)) {
                    notes.add("minersim: removed the stale " + f + " left by a run that did not stop cleanly");
                }
            } catch (java.io.IOException e) {
                throw new io.minersim.app.state.StateException("cannot remove the stale " + f + ": " + e.getMessage(),
                        e);
            }
        }
    }

    /** Options given on the command line that name another world than the saved one are refused. */
    private void checkSameWorld(java.nio.file.Path root, World world, World.Spec spec) {
        CommandLine.ParseResult given = spec().commandLine().getParseResult();
        MinerConfig saved = world.hosts().get(0).config();
        String what = world.hosts().size() == 1
                ? "miner " + saved.actorAddress() + " (" + saved.sectorSize() + ", " + world.profile().name()
                        .toLowerCase(Locale.ROOT) + ", seed " + saved.seed() + ")"
                : "fleet of " + world.hosts().size() + " miners (" + saved.actorAddress() + " to "
                        + world.hosts().get(world.hosts().size() - 1).config().actorAddress() + ")";
        String differs = null;
        if (given.hasMatchedOption("--miners") && miners != world.hosts().size()) {
            differs = "--miners " + miners;
        } else if (given.hasMatchedOption("--actor") && spec.miners().get(0).actorId() != saved.actorId()) {
            differs = "--actor " + actor;
        } else if (given.hasMatchedOption("--profile") && spec.profile() != world.profile()) {
            differs = "--profile " + profile;
        } else if (given.hasMatchedOption("--seed") && spec.miners().get(0).seed() != saved.seed()) {
            differs = "--seed " + seed;
        } else if (given.hasMatchedOption("--sector-size")) {
            for (int i = 0; i < world.hosts().size() && differs == null; i++) {
                if (spec.miners().size() != world.hosts().size()
                        || spec.miners().get(i).sectorSize() != world.hosts().get(i).config().sectorSize()) {
                    differs = "--sector-size " + sectorSize;
                }
            }
        } else if (given.hasMatchedOption("--activity") && !world.hosts().get(0).hasActivity()) {
            differs = "--activity " + activity;
        }
        if (differs != null) {
            throw new io.minersim.app.state.StateException("the repo " + root + " holds a saved " + what + " at epoch "
                    + world.clock().head() + ": " + differs + " describes another; run with --fresh to move the saved"
                    + " one aside and start anew");
        }
    }

    /** {@code --clock} and {@code --block-time} given again on a saved world change its clock (kept, like any change). */
    private void applyClockOptions(World world) {
        CommandLine.ParseResult given = spec().commandLine().getParseResult();
        boolean mode = given.hasMatchedOption("--clock");
        boolean time = given.hasMatchedOption("--block-time");
        if (!mode && !time) {
            return;
        }
        io.minersim.sealing.chain.SimulatedChainClock c = world.clock();
        c.holding(() -> {
            c.set(mode ? (manualClock() ? io.minersim.sealing.chain.SimulatedChainClock.Mode.MANUAL
                    : io.minersim.sealing.chain.SimulatedChainClock.Mode.REAL) : null,
                    time ? parseDuration(blockTime) : null);
            world.clockChanged();
            return null;
        });
    }

    private static String clockName(World world) {
        return world.clock().mode() == io.minersim.sealing.chain.SimulatedChainClock.Mode.MANUAL ? "manual" : "real";
    }

    /** {@code --clock-resume}: head or wall; {@code --sync}: os or fsync. */
    private void resumeWallTime() {
        if (!clockResume.equalsIgnoreCase("head") && !clockResume.equalsIgnoreCase("wall")) {
            throw new CommandLine.ParameterException(spec().commandLine(), "--clock-resume must be head or wall, not '"
                    + clockResume + "'");
        }
        if (!sync.equalsIgnoreCase("os") && !sync.equalsIgnoreCase("fsync")) {
            throw new CommandLine.ParameterException(spec().commandLine(), "--sync must be os or fsync, not '" + sync
                    + "'");
        }
    }

    private CommandLine.Model.CommandSpec spec() {
        return spec;
    }

    /** {@code --repo}, or the default one. */
    private MinerRepo openRepo() {
        return MinerRepo.open(repo != null ? repo : MinerRepo.defaultPath(System.getenv()));
    }

    /** The default storage path on a file system of {@code --storage-capacity}. */
    private io.minersim.sealing.storage.StorageOp.Configure storageWithCapacity(Miner miner) {
        long bytes;
        try {
            bytes = io.minersim.app.scenario.ScenarioLoader.parseBytes(storageCapacity);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--storage-capacity: " + e.getMessage());
        }
        io.minersim.sealing.storage.SimulatedDisk d = io.minersim.sealing.storage.StorageIndex.defaultDisk(
                miner.config().actorId(), miner.config().seed());
        return new io.minersim.sealing.storage.StorageOp.Configure(java.util.List.of(
                new io.minersim.sealing.storage.SimulatedDisk(d.localPath(), bytes, d.meta())),
                java.util.List.of(d.localPath()));
    }

    private void checkPledge() {
        if (pledge < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pledge must not be negative");
        }
    }

    /** {@code --clock}: true for manual. */
    private boolean manualClock() {
        return switch (clock.toLowerCase(Locale.ROOT)) {
            case "real" -> false;
            case "manual" -> true;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--clock must be real or manual, not '" + clock + "'");
        };
    }

    /**
     * {@code --full-listen}: its address, or null for {@code off}; when not given, 127.0.0.1:1234 (lotus daemon's)
     * unless {@code --listen}'s port is 0, which asks for free ports: then a free one too.
     */
    private ListenAddress fullListenAddress(ListenAddress minerAddress) {
        if (fullListen == null) {
            return new ListenAddress("127.0.0.1", minerAddress.port() == 0 ? 0 : FullNode.DEFAULT_PORT);
        }
        if (fullListen.equalsIgnoreCase("off")) {
            return null;
        }
        ListenAddress a = ListenAddress.parse(fullListen);
        if (a == null || a.port() < 0 || a.port() > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--full-listen must be HOST:PORT or off, not '"
                    + fullListen + "'");
        }
        return a;
    }

    /**
     * The world's full node on {@code address} (null: none), its keystore, token and api files in {@code REPO/full/}
     * as {@code ~/.lotus} holds them.
     */
    private static FullNode startFullNode(World world, java.nio.file.Path root, ListenAddress address)
            throws Exception {
        if (address == null) {
            return null;
        }
        List<Miner> miners = new java.util.ArrayList<>();
        world.hosts().forEach(h -> miners.add(h.miner()));
        return FullNode.start(miners, world.profile(), world.clock(), address.host(), address.port(),
                MinerRepo.open(root.resolve("full")));
    }

    /** {@code --listen} as host and port. */
    private ListenAddress listenAddress() {
        ListenAddress address = ListenAddress.parse(listen);
        if (address == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), listen.lastIndexOf(':') <= 0
                    ? "--listen must be HOST:PORT, not '" + listen + "'"
                    : "--listen port is not a number: '" + listen + "'");
        }
        return address;
    }

    /** The scenario file, with --clock, --block-time and --seed applied; the miner options may not be given. */
    private Scenario scenarioWithOverrides(Scenario loaded) {
        CommandLine.ParseResult given = spec.commandLine().getParseResult();
        for (String option : List.of("--actor", "--sector-size", "--profile")) {
            if (given.hasMatchedOption(option)) {
                throw new CommandLine.ParameterException(spec.commandLine(), option
                        + " cannot be combined with --scenario: the scenario names the miner");
            }
        }
        Scenario s = loaded;
        if (given.hasMatchedOption("--seed")) {
            s = s.withSeed(seed);
        }
        if (!given.hasMatchedOption("--clock")) {
            clock = s.manualClock() != null && s.manualClock() ? "manual" : "real";
        }
        if (!given.hasMatchedOption("--block-time") && s.blockTime() != null) {
            blockTime = s.blockTime().toNanos() + "ns"; // exact: sub-millisecond times survive
        }
        return s;
    }

    private static String format(SortedMap<SectorState, Long> summary) {
        return summary.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }

    /** Parses Go-style durations ({@code 1s}, {@code 250ms}, {@code 1m30s}) or ISO-8601 ({@code PT1S}). */
    static Duration parseDuration(String text) {
        String t = text.trim();
        if (t.startsWith("P") || t.startsWith("p")) {
            try {
                return Duration.parse(t);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "'");
            }
        }
        Duration total;
        try {
            total = ScenarioLoader.parseDuration(t);
        } catch (IllegalArgumentException notGo) {
            total = Duration.ZERO;
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("not a positive duration: '" + text + "' (use e.g. 1s, 250ms, 1m30s)");
        }
        return total;
    }
}
