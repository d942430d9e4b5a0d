package io.minersim.app;

import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.chain.ChainClock;
import io.minersim.sealing.chain.ChainPolicy;
import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.chain.ScaledRealtimeChainClock;
import io.minersim.sealing.fsm.SectorState;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minersim run}: starts one simulated miner and reports its sectors as the chain moves. The
 * JSON-RPC endpoint is not served yet; until it is, this shows the sealing core at work.
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

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Profile p = Profile.parse(profile);
        MinerConfig cfg = MinerConfig.of(p).withActorId(MinerConfig.parseActor(actor))
                .withSectorSize(SectorSize.parse(sectorSize)).withSeed(seed);
        if (pledge < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--pledge must not be negative");
        }
        ChainPolicy policy = cfg.policy();
        ChainClock chain;
        ScaledRealtimeChainClock realtime = null;
        switch (clock.toLowerCase(Locale.ROOT)) {
            case "real" -> {
                Duration bt = blockTime == null ? p.defaultBlockTime() : parseDuration(blockTime);
                realtime = new ScaledRealtimeChainClock(0, policy.genesisTimestamp(), policy.blockDelaySeconds(), bt);
                chain = realtime;
            }
            case "manual" -> chain = ManualChainClock.atGenesis(policy);
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--clock must be real or manual, not '" + clock + "'");
        }
        Miner miner = Miner.start(cfg, chain);
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "minersim-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            for (int i = 0; i < pledge; i++) {
                miner.pledgeSector();
            }
            out.printf("minersim: miner %s, %s sectors, %s profile, %s clock, seed %d%n", cfg.actorAddress(),
                    cfg.sectorSize(), p.name().toLowerCase(Locale.ROOT), clock, seed);
            out.flush();
            if (realtime != null) {
                realtime.start();
            }
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
            } while (!stop.await(100, TimeUnit.MILLISECONDS));
        } finally {
            if (realtime != null) {
                realtime.close();
            }
            miner.close();
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
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(ns|us|µs|ms|s|m|h)").matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ns" -> Duration.ofNanos(n);
                case "us", "µs" -> Duration.ofNanos(n * 1000);
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end != t.length() || end == 0 || total.isZero()) {
            throw new IllegalArgumentException("not a positive duration: '" + text + "' (use e.g. 1s, 250ms, 1m30s)");
        }
        return total;
    }
}
