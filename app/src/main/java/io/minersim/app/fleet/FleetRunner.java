package io.minersim.app.fleet;

import io.minersim.app.node.ListenAddress;
import io.minersim.app.node.MinerNode;
import io.minersim.app.stats.StatsLauncher;
import io.minersim.app.world.World;
import io.minersim.sealing.Miner;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.fsm.SectorState;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code minersim run --miners N}: starts a {@link Fleet} and its statistics API, prints each
 * miner's {@code MINER_API_INFO}, then the sectors per state of every miner as the chain moves,
 * until stopped (a signal, any miner's {@code Shutdown}, or {@code --until-epoch}).
 */
public final class FleetRunner {
    private FleetRunner() {
    }

    /** Sector sizes from {@code 32GiB} or a comma list {@code 32GiB,64GiB}, cycled over the miners. */
    public static List<SectorSize> sizes(String text) {
        List<SectorSize> out = new ArrayList<>();
        for (String s : text.split(",")) {
            out.add(SectorSize.parse(s));
        }
        return out;
    }

    /** Runs the fleet on a world of its own; returns the exit code. */
    public static int run(Fleet.Settings settings, int pledge, Long untilEpoch, String statsListen,
            List<String> statsKeys, String clockName, PrintWriter out) throws Exception {
        World world = World.create(Fleet.spec(settings));
        try {
            return run(settings, world, pledge, untilEpoch, statsListen, statsKeys, clockName, List.of(), world::close,
                    null, out);
        } finally {
            world.close();
        }
    }

    /**
     * Runs the fleet on {@code world} (new or restored); {@code notes} are printed after the start lines (what was
     * restored); {@code afterStop} runs once the endpoints are down, on any stop, signals included (it stops the
     * world and saves it; it must be idempotent); {@code fullNodeLine}, when not null, is printed after the miners'
     * {@code MINER_API_INFO} lines (the full node's {@code FULLNODE_API_INFO}). Returns the exit code.
     */
    public static int run(Fleet.Settings settings, World world, int pledge, Long untilEpoch, String statsListen,
            List<String> statsKeys, String clockName, List<String> notes, Runnable afterStop, String fullNodeLine,
            PrintWriter out) throws Exception {
        String listen = statsListen;
        ListenAddress stats0 = StatsLauncher.address(statsListen); // refuses a bad one before any miner starts
        if (settings.basePort() > 0 && stats0 != null && stats0.port() >= settings.basePort()
                && stats0.port() < settings.basePort() + settings.count()) {
            // the miners take base port + i: the statistics move to the first port after them
            listen = statsListen.substring(0, statsListen.lastIndexOf(':') + 1)
                    + (settings.basePort() + settings.count());
        }
        Fleet fleet = Fleet.serveUnpublished(world, settings);
        world.start();
        Thread hook = new Thread(() -> {
            fleet.close();
            afterStop.run();
        }, "minersim-fleet-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        StatsLauncher.Started stats = null;
        try {
            List<Miner> miners = fleet.miners();
            for (Miner m : miners) {
                for (int i = 0; i < pledge; i++) {
                    m.pledgeSector();
                }
            }
            world.durability().await();
            fleet.nodes().forEach(MinerNode::publish); // the api files last: a client that finds one sees the pledges
            stats = StatsLauncher.start(fleet.nodes(), settings.repo(), statsKeys, listen, settings.base().seed());
            out.printf("minersim: fleet of %d miners (%s to %s), %s profile, %s clock, seed %d, activity %s, repo %s%n",
                    miners.size(), miners.get(0).config().actorAddress(),
                    miners.get(miners.size() - 1).config().actorAddress(),
                    settings.profile().name().toLowerCase(Locale.ROOT), clockName, settings.base().seed(),
                    settings.activity() == null ? "off" : "on", settings.repo());
            for (MinerNode n : fleet.nodes()) {
                out.printf("%s %s MINER_API_INFO=%s%n", n.miner().config().actorAddress(),
                        n.miner().config().sectorSize(), n.minerApiInfo());
            }
            if (fullNodeLine != null) {
                out.println(fullNodeLine);
            }
            if (stats != null) {
                out.println(stats.banner());
            }
            notes.forEach(out::println);
            out.flush();
            String last = null;
            while (true) {
                long head = fleet.clock().head();
                String summary = miners.stream().map(m -> m.config().actorAddress() + " " + format(m.summary()))
                        .collect(Collectors.joining(" | "));
                if (!summary.equals(last)) {
                    out.printf("epoch %d: %s%n", head, summary);
                    out.flush();
                    last = summary;
                }
                if (untilEpoch != null && head >= untilEpoch) {
                    break;
                }
                boolean stopped = false;
                for (MinerNode n : fleet.nodes()) {
                    stopped |= n.awaitStop(stopped ? 0 : 100 / fleet.nodes().size() + 1, TimeUnit.MILLISECONDS);
                }
                if (stopped) {
                    break;
                }
            }
        } finally {
            if (stats != null) {
                stats.server().close();
            }
            fleet.close();
            afterStop.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping: the hook has run
            }
        }
        out.printf("minersim: stopped at epoch %d%n", fleet.clock().head());
        out.flush();
        return 0;
    }

    private static String format(SortedMap<SectorState, Long> summary) {
        return summary.isEmpty() ? "no sectors" : summary.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(" "));
    }
}
