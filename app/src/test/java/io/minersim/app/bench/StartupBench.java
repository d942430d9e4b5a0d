package io.minersim.app.bench;

import io.minersim.app.state.DiskState;
import io.minersim.app.state.StateStore;
import io.minersim.app.world.World;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up benchmark, not a test: how long {@code minersim run} takes, from the process's start to its first JSON-RPC
 * answer, on a repo that holds a big miner. It makes the repo once (in this JVM: a devnet miner of N CC sectors
 * pledged and sealed through the pipeline to Proving, saved as {@code run} saves it, then {@code journal} more
 * pledges and 5 epochs left in the journal, to be replayed), then starts
 * {@code java <jvm> -cp <this class path> io.minersim.app.Main run} on it {@code runs} times (with {@code jvm} the
 * child's JVM options, space-separated; {@code jvm=@jvm.options} for the settings {@code ./minersim} ships, and
 * {@code cp} the child's class path, by default this one; a class-data-sharing archive needs jars only:
 * {@code cp=app/target/minersim.jar "jvm=@jvm.options -XX:SharedArchiveFile=app/target/minersim.jsa"}) and polls
 * {@code Filecoin.SectorsSummary} every 10 ms, each run once the machine is quiet ({@code quiet} cores used by other
 * processes at most, waiting up to {@code quiet.wait} s). Each run is paired with a floor: {@code java <jvm> -cp <cp>
 * -version}, timed just before it the same way (process start to its end), the least any start can cost on the
 * machine at that moment; the summary gives the first answer, the floor and their difference (min, median, max). A
 * run stopped cleanly folds a replayed journal into a new snapshot, so only the first run of a repo made with
 * {@code journal > 0} replays it.
 *
 * <pre>
 * java -cp app/target/test-classes:app/target/minersim.jar io.minersim.app.bench.StartupBench \
 *     repo=/tmp/minersim-1m sectors=1000000 journal=0 runs=3 jvm=@jvm.options
 * </pre>
 */
public final class StartupBench {
    private StartupBench() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new LinkedHashMap<>(Map.of("repo", "", "sectors", "1000000", "journal", "0", "runs",
                "3", "port", "23987", "quiet", "0.25", "quiet.wait", "300", "jvm", "", "cp", ""));
        BenchArgs.read(a, argv);
        Path repo = a.get("repo").isEmpty() ? Files.createTempDirectory("minersim-startup") : Path.of(a.get("repo"));
        int sectors = Integer.parseInt(a.get("sectors"));
        int journal = Integer.parseInt(a.get("journal"));
        if (!Files.isDirectory(repo.resolve(StateStore.DIR))) {
            make(repo, sectors, journal);
        }
        long stateBytes;
        try (var files = Files.list(repo.resolve(StateStore.DIR))) {
            stateBytes = files.mapToLong(p -> p.toFile().length()).sum();
        }
        System.out.printf(Locale.ROOT, "repo %s: state %,d bytes%n", repo, stateBytes);
        String cp = a.get("cp").isEmpty() ? System.getProperty("java.class.path") : a.get("cp");
        List<Double> answers = new ArrayList<>();
        List<Double> floors = new ArrayList<>();
        List<Double> above = new ArrayList<>();
        for (int run = 1; run <= Integer.parseInt(a.get("runs")); run++) {
            double quiet = Double.parseDouble(a.get("quiet"));
            if (quiet > 0) {
                CpuMeter.awaitQuiet(quiet, Integer.parseInt(a.get("quiet.wait")));
            }
            CpuMeter cpu = CpuMeter.start();
            double floor = javaVersion(a.get("jvm"), cp);
            double secs = firstAnswer(repo, Integer.parseInt(a.get("port")), run, a.get("jvm"), cp);
            System.out.printf(Locale.ROOT, "    floor (java -version) %.3f s, first answer %.3f s above it"
                    + " (other processes used %.2f cores meanwhile)%n", floor, secs - floor, cpu.otherCores());
            answers.add(secs);
            floors.add(floor);
            above.add(secs - floor);
        }
        System.out.printf(Locale.ROOT, "first answer %s; floor %s; above the floor %s (min median max, s; load"
                + " average %s)%n", spread(answers), spread(floors), spread(above), loadAverage());
    }

    private static String spread(List<Double> xs) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        return String.format(Locale.ROOT, "%.3f %.3f %.3f", s.get(0), s.get(s.size() / 2), s.get(s.size() - 1));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Seconds from the start of {@code java <jvm> -cp <cp> -version} to its end. */
    private static double javaVersion(String jvm, String classPath) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        if (!jvm.isBlank()) {
            cmd.addAll(List.of(jvm.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", classPath, "-version"));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("java -version failed: " + cmd);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** A repo as {@code run} leaves it, holding a miner of {@code sectors} Proving CC sectors. */
    private static void make(Path repo, int sectors, int journal) throws Exception {
        long t0 = System.nanoTime();
        try (StateStore store = StateStore.open(repo)) {
            World world = World.create(new World.Spec(Profile.DEVNET, List.of(MinerConfig.of(Profile.DEVNET)), null,
                    true, null, 0, null, 0));
            DiskState state = store.create(world);
            world.start();
            Miner miner = world.hosts().get(0).miner();
            LoadBench.seal(miner, world.clock(), sectors, 50_000);
            state.close(); // the last compaction: the journal is empty
            System.out.printf(Locale.ROOT, "made %,d Proving sectors in %.1f s (%d compactions)%n", sectors,
                    (System.nanoTime() - t0) / 1e9, state.compactions());
            world.close();
        }
        if (journal > 0) {
            // then changes that stay in the journal, as after a kill -9: the disk state is never closed, so no last
            // compaction folds them into a snapshot
            try (StateStore store = StateStore.open(repo)) {
                StateStore.Recovered r = store.recover();
                Miner miner = r.world().hosts().get(0).miner();
                for (int i = 0; i < journal; i++) {
                    miner.pledgeSector();
                }
                r.world().clock().advance(5);
                r.world().durability().await();
                r.world().close();
                System.out.printf(Locale.ROOT, "then %,d pledges and 5 epochs left in the journal%n", journal);
            }
        }
    }

    private static double firstAnswer(Path repo, int port, int run, String jvm, String classPath) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java));
        if (!jvm.isBlank()) {
            cmd.addAll(List.of(jvm.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-cp", classPath, "io.minersim.app.Main", "run", "--repo",
                repo.toString(), "--listen", "127.0.0.1:" + port, "--stats-listen", "off", "--full-listen",
                "127.0.0.1:0"));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest summary = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc/v0"))
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorsSummary\",\"params\":[]}")).build();
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> output = Collections.synchronizedList(new ArrayList<>());
        Thread drain = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
        drain.start();
        String answer = null;
        while (answer == null) {
            try {
                answer = http.send(summary, HttpResponse.BodyHandlers.ofString()).body();
            } catch (IOException e) {
                Thread.sleep(10);
            }
            if (!p.isAlive()) {
                drain.join();
                throw new IllegalStateException("minersim run ended: " + output);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(200); // the start lines are printed just after the endpoint is up
        p.destroy(); // SIGTERM: a clean stop
        p.waitFor();
        drain.join(5_000);
        List<String> restored = new ArrayList<>();
        synchronized (output) {
            for (String line : output) {
                if (line.contains("restored")) {
                    restored.add(line);
                }
            }
        }
        System.out.printf(Locale.ROOT, "run %d: first answer after %.2f s: %s%n    %s%n", run, secs, answer.strip(),
                String.join("\n    ", restored));
        return secs;
    }
}
