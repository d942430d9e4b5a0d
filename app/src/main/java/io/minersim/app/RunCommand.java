package io.minersim.app;

import io.minersim.app.node.ListenAddress;
import io.minersim.app.node.MinerNode;
import io.minersim.app.repo.MinerRepo;
import io.minersim.app.scenario.Scenario;
import io.minersim.app.scenario.ScenarioLoader;
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

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<Scenario> fleet = scenario == null ? null : ScenarioLoader.loadFleet(scenario);
        if (fleet != null && (fleet.size() > 1 || miners != 1) && spec.commandLine().getParseResult()
                .hasMatchedOption("--miners")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--miners cannot be combined with --scenario: the scenario names its miners");
        }
        Scenario scen = fleet == null ? null : scenarioWithOverrides(fleet.get(0));
        Profile p = scen != null ? scen.profile() : Profile.parse(profile);
        io.minersim.sealing.activity.ActivityProfile activityProfile = activity == null ? null
                : io.minersim.sealing.activity.ActivityProfile.parse(activity);
        if (miners != 1 || (fleet != null && fleet.size() > 1)) {
            List<Scenario> scenarios = null;
            if (fleet != null) {
                scenarios = new java.util.ArrayList<>();
                for (Scenario s : fleet) {
                    scenarios.add(spec.commandLine().getParseResult().hasMatchedOption("--seed") ? s.withSeed(seed) : s);
                }
                miners = scenarios.size();
            }
            return runFleet(out, p, activityProfile, scenarios);
        }
        MinerConfig cfg = scen != null ? scen.minerConfig()
                : MinerConfig.of(p).withActorId(MinerConfig.parseActor(actor))
                        .withSectorSize(SectorSize.parse(sectorSize)).withSeed(seed);
        checkPledge();
        boolean manual = manualClock();
        ListenAddress address = listenAddress();
        MinerRepo minerRepo = openRepo();
        MinerNode.Builder builder = MinerNode.builder();
        if (scen != null) {
            builder.scenario(scen);
            seed = cfg.seed();
        }
        MinerNode node = builder.profile(p).config(cfg).manualClock(manual)
                .blockTime(blockTime == null ? null : parseDuration(blockTime)).listen(address.host(), address.port())
                .repo(minerRepo).start();
        Thread hook = new Thread(node::close, "minersim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Miner miner = node.miner();
        io.minersim.app.stats.StatsLauncher.Started stats = null;
        try {
            stats = io.minersim.app.stats.StatsLauncher.start(java.util.List.of(miner), minerRepo.root(), statsKeys,
                    statsListen, seed);
            if (activityProfile != null) {
                io.minersim.sealing.activity.MinerActivity.start(miner, node.clock(), activityProfile, seed);
            }
            for (int i = 0; i < pledge; i++) {
                miner.pledgeSector();
            }
            out.printf("minersim: miner %s, %s sectors, %s profile, %s clock, seed %d, repo %s%n",
                    cfg.actorAddress(), cfg.sectorSize(), p.name().toLowerCase(Locale.ROOT), clock, seed,
                    minerRepo.root());
            out.printf("MINER_API_INFO=%s%n", node.minerApiInfo());
            if (stats != null) {
                out.println(stats.banner());
            }
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
            node.close();
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

    /** {@code --miners N}: the fleet, with the same options. */
    private int runFleet(PrintWriter out, Profile p, io.minersim.sealing.activity.ActivityProfile activityProfile,
            List<Scenario> scenarios) throws Exception {
        checkPledge();
        boolean manual = manualClock();
        ListenAddress address = listenAddress();
        if (address.port() < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--listen must be HOST:PORT, not '" + listen
                    + "'");
        }
        MinerConfig base = scenarios != null ? scenarios.get(0).minerConfig()
                : MinerConfig.of(p).withActorId(MinerConfig.parseActor(actor)).withSeed(seed);
        java.nio.file.Path root = openRepo().root();
        io.minersim.app.fleet.Fleet.Settings settings = new io.minersim.app.fleet.Fleet.Settings(miners, p, base,
                io.minersim.app.fleet.FleetRunner.sizes(sectorSize), manual,
                blockTime == null ? null : parseDuration(blockTime), address.host(), address.port(), root,
                activityProfile, scenarios);
        return io.minersim.app.fleet.FleetRunner.run(settings, pledge, untilEpoch, statsListen, statsKeys, clock, out);
    }

    /** {@code --repo}, or the default one. */
    private MinerRepo openRepo() {
        return MinerRepo.open(repo != null ? repo : MinerRepo.defaultPath(System.getenv()));
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
