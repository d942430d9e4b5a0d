package io.minersim.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.node.MinerNode;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.chain.SimulatedChainClock;
import io.minersim.sealing.fsm.SectorState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Load benchmark, not a test: requests/s and latency percentiles of {@code Filecoin.SectorsStatus} and
 * {@code Filecoin.SectorsSummary} on loopback, against a minersim node holding (by default) 1,000,000 Proving
 * CC sectors and, in the same run and JVM, against a bare Jetty 12 handler ({@link BareJsonServer}) that answers
 * with the response bytes captured once from the node. The ratio minersim/bare is the figure of merit.
 *
 * <p>{@code methods=pledge} measures changes instead: {@code Filecoin.PledgeSector} (admin token) against a node
 * that keeps its miner in memory only (as before durable state) and one that saves it as {@code minersim run} does
 * (journal with group commit, compaction), each new for each window; the ratio journal/memory is the figure.
 *
 * <p>Run it with {@code mvn -q -pl app -Pbench test-compile exec:exec@load -Dload.args="key=value ..."}; keys:
 * <pre>
 *   sectors=1000000   chunk=50000       the node's sectors, pledged and sealed chunk by chunk
 *   warmup=10         duration=20       seconds per target per method (warm-up discarded)
 *   connections=16    threads=1         closed-loop keep-alive connections; wrk threads
 *   driver=auto                         wrk if it is on the PATH, else java (an in-JVM client)
 *   methods=status-random,status-fixed,summary   (or pledge)
 *   sector=-1                           the fixed sector (default: the middle one)
 *   rounds=1                            repeat every method x target measurement this many times
 *   profile=0                           seconds of an extra JFR-profiled window on minersim per method (0: none)
 *   jfr.dir=                            keep the .jfr files there
 *   quiet=0.25        quiet.wait=300    before each target's warm-up, wait (at most quiet.wait s) until other
 *                                       processes use less than this many cores (0: do not wait)
 *   retries=3                           redo a window (warm-up included) in which other processes used more
 *                                       than quiet cores, at most this often; the quietest attempt is kept
 * </pre>
 */
public final class LoadBench {
    private static final int MAX_EPOCHS_PER_CHUNK = 2_000;

    private LoadBench() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new LinkedHashMap<>(Map.of("sectors", "1000000", "chunk", "50000", "warmup", "10",
                "duration", "20", "connections", "16", "threads", "1", "driver", "auto", "methods",
                "status-random,status-fixed,summary", "sector", "-1", "rounds", "1"));
        a.put("profile", "0");
        a.put("jfr.dir", "");
        a.put("quiet", "0.25");
        a.put("quiet.wait", "300");
        a.put("retries", "3");
        BenchArgs.read(a, argv);
        int sectors = Integer.parseInt(a.get("sectors"));
        int chunk = Integer.parseInt(a.get("chunk"));
        int warmup = Integer.parseInt(a.get("warmup"));
        int duration = Integer.parseInt(a.get("duration"));
        int connections = Integer.parseInt(a.get("connections"));
        int threads = Integer.parseInt(a.get("threads"));
        int rounds = Integer.parseInt(a.get("rounds"));
        int profile = Integer.parseInt(a.get("profile"));
        quiet = Double.parseDouble(a.get("quiet"));
        quietWait = Integer.parseInt(a.get("quiet.wait"));
        retries = Integer.parseInt(a.get("retries"));
        if (sectors < 1 || chunk < 1 || warmup < 0 || duration < 1 || connections < 1 || threads < 1
                || threads > connections || rounds < 1 || profile < 0 || retries < 0 || duration > 600
                || warmup > 600) {
            throw new IllegalArgumentException("bad arguments: " + a);
        }
        String driverName = a.get("driver");
        if (driverName.equals("auto")) {
            driverName = WrkDriver.available() ? "wrk" : "java";
        }
        LoadDriver driver = switch (driverName) {
            case "wrk" -> new WrkDriver(threads, connections);
            case "java" -> new JavaDriver(connections);
            default -> throw new IllegalArgumentException("driver must be auto, wrk or java");
        };

        System.out.println("minersim load benchmark");
        System.out.println("  machine: " + Runtime.getRuntime().availableProcessors() + " CPUs visible to the JVM, "
                + "shared by client and servers; " + System.getProperty("java.vm.name") + " "
                + Runtime.version() + ", max heap " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB");
        System.out.println("  load average at start: " + loadAverage());
        System.out.println("  driver: " + driver.describe() + "; warm-up " + warmup + " s + " + duration
                + " s per target per method, " + rounds + " round(s)");
        if (a.get("methods").strip().equals("pledge")) {
            pledge(driver, warmup, duration, rounds);
            return;
        }

        try (MinerNode node = MinerNode.builder().config(MinerConfig.of(Profile.DEVNET)).manualClock(true)
                .listen("127.0.0.1", 0).start(); BareJsonServer bare = new BareJsonServer("127.0.0.1")) {
            long t0 = System.nanoTime();
            long[] range = seal(node.miner(), node.manualClock(), sectors, chunk);
            System.out.printf(Locale.ROOT, "  sealed %,d CC sectors (numbers %d..%d), all Proving, in %.1f s%n",
                    sectors, range[0], range[1], (System.nanoTime() - t0) / 1e9);
            System.gc();

            URI real = node.httpUri();
            URI base = URI.create("http://127.0.0.1:" + bare.port() + "/rpc/v0");
            long fixed = Long.parseLong(a.get("sector"));
            if (fixed < 0) {
                fixed = range[0] + (range[1] - range[0]) / 2;
            }
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            byte[] statusReply = post(http, real, Workload.statusBody(fixed));
            byte[] summaryReply = post(http, real, Workload.SUMMARY_BODY);
            check(statusReply, "State", "Proving");
            check(summaryReply, "Proving", null);
            System.out.println("  captured replies: SectorsStatus(" + fixed + ") " + statusReply.length
                    + " bytes, SectorsSummary " + summaryReply.length + " bytes: "
                    + new String(summaryReply, java.nio.charset.StandardCharsets.UTF_8));
            SplittableRandom rnd = new SplittableRandom(1);
            for (int i = 0; i < 200; i++) {
                long n = range[0] + rnd.nextLong(range[1] - range[0] + 1);
                check(post(http, real, Workload.statusBody(n)), "State", "Proving");
            }

            List<Workload> loads = new ArrayList<>();
            for (String m : a.get("methods").split(",")) {
                loads.add(switch (m.strip()) {
                    case "status-random" -> Workload.randomStatus("SectorsStatus(random)", range[0], range[1]);
                    case "status-fixed" -> Workload.fixed("SectorsStatus(fixed)", Workload.statusBody(fixed));
                    case "summary" -> Workload.fixed("SectorsSummary", Workload.SUMMARY_BODY);
                    default -> throw new IllegalArgumentException("unknown method " + m);
                });
            }

            List<String[]> rows = new ArrayList<>();
            for (int round = 1; round <= rounds; round++) {
                for (Workload w : loads) {
                    bare.reply(w.name().equals("SectorsSummary") ? summaryReply : statusReply);
                    // alternate which target goes first, so neither always runs on a "fresher" machine
                    boolean realFirst = (round % 2 == 1);
                    LoadResult r1 = measure(driver, realFirst ? real : base, w, warmup, duration);
                    LoadResult r2 = measure(driver, realFirst ? base : real, w, warmup, duration);
                    LoadResult m = realFirst ? r1 : r2;
                    LoadResult b = realFirst ? r2 : r1;
                    String label = rounds > 1 ? w.name() + " #" + round : w.name();
                    rows.add(row(label, "minersim", m));
                    rows.add(row(label, "bare Jetty", b));
                    rows.add(new String[] {label, "ratio m/b", pct(m.rps() / b.rps()), ratio(m.p50(), b.p50()),
                        ratio(m.p90(), b.p90()), ratio(m.p99(), b.p99()), "", "", "", ""});
                    System.out.printf(Locale.ROOT, "  done: %s  minersim %.0f rps, bare %.0f rps  (load avg %s)%n",
                            label, m.rps(), b.rps(), loadAverage());
                }
            }
            System.out.println();
            print(rows);
            System.out.println("  latencies in microseconds; 'ratio m/b' = minersim rps / bare rps, and minersim "
                    + "latency / bare latency; 'other cores' = CPU used by other processes during the window");
            System.out.println("  load average at end: " + loadAverage());

            if (profile > 0) {
                String dir = a.get("jfr.dir");
                for (Workload w : loads) {
                    if (quiet > 0) {
                        CpuMeter.awaitQuiet(quiet, quietWait);
                    }
                    HotSpots hs = HotSpots.start();
                    LoadResult r = driver.run(real, w, profile);
                    Path file = dir.isEmpty() ? null
                            : Files.createDirectories(Path.of(dir)).resolve(w.name().replaceAll("[^A-Za-z-]", "")
                                    + ".jfr");
                    System.out.printf(Locale.ROOT, "%nJFR profile of minersim, %s, %d s at %.0f rps (JFR on):%n",
                            w.name(), profile, r.rps());
                    System.out.print(hs.stop(file, 15));
                }
            }
        }
    }

    private static double quiet;
    private static int quietWait;

    /** {@code methods=pledge}: PledgeSector on a memory-only node and on a saved one, a new node per window. */
    private static void pledge(LoadDriver driver, int warmup, int duration, int rounds) throws Exception {
        Class<?> durable;
        try {
            durable = Class.forName("io.minersim.app.bench.DurableNode");
        } catch (ClassNotFoundException e) {
            durable = null; // a build before durable state: memory only
        }
        List<String[]> rows = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            LoadResult memory = null;
            LoadResult journal = null;
            boolean memoryFirst = round % 2 == 1;
            for (int i = 0; i < 2; i++) {
                boolean mem = (i == 0) == memoryFirst;
                if (!mem && durable == null) {
                    continue;
                }
                AutoCloseable owner = mem ? MinerNode.builder().config(MinerConfig.of(Profile.DEVNET)).manualClock(true)
                        .listen("127.0.0.1", 0).start() : (AutoCloseable) durable.getConstructor().newInstance();
                try {
                    MinerNode node = mem ? (MinerNode) owner
                            : (MinerNode) durable.getMethod("node").invoke(owner);
                    LoadResult r = measure(driver, node.httpUri(), Workload.fixed("PledgeSector", Workload.PLEDGE_BODY)
                            .withToken(node.adminToken()), warmup, duration);
                    String note = mem ? "" : "compactions: " + durable.getMethod("compactions").invoke(owner);
                    System.out.printf(Locale.ROOT, "  done: PledgeSector #%d %s %.0f rps, %,d sectors %s (load avg %s)%n",
                            round, mem ? "memory" : "journal", r.rps(), node.miner().sectorCount(), note,
                            loadAverage());
                    if (mem) {
                        memory = r;
                    } else {
                        journal = r;
                    }
                } finally {
                    owner.close();
                }
                System.gc();
            }
            String label = rounds > 1 ? "PledgeSector #" + round : "PledgeSector";
            rows.add(row(label, "memory", memory));
            if (journal != null) {
                rows.add(row(label, "journal", journal));
                rows.add(new String[] {label, "ratio j/m", pct(journal.rps() / memory.rps()),
                    ratio(journal.p50(), memory.p50()), ratio(journal.p90(), memory.p90()),
                    ratio(journal.p99(), memory.p99()), "", "", "", ""});
            }
        }
        System.out.println();
        print(rows);
        System.out.println("  latencies in microseconds; 'ratio j/m' = journal rps / memory rps, and journal latency /"
                + " memory latency; 'other cores' = CPU used by other processes during the window");
        System.out.println("  load average at end: " + loadAverage());
    }

    private static int retries;

    private static LoadResult measure(LoadDriver d, URI uri, Workload w, int warmup, int duration) throws Exception {
        LoadResult best = null;
        int attempts = 0;
        for (int attempt = 0; attempt <= retries; attempt++) {
            attempts++;
            LoadResult r = measureOnce(d, uri, w, warmup, duration);
            if (best == null || !(r.otherCores() >= best.otherCores())) {
                best = r;
            }
            if (quiet <= 0 || Double.isNaN(r.otherCores()) || r.otherCores() < quiet) {
                break;
            }
            if (attempt < retries) {
                System.out.printf(Locale.ROOT, "  noisy window (%s on %s: other processes used %.2f cores), again%n",
                        w.name(), uri, r.otherCores());
            }
        }
        return attempts == 1 ? best : new LoadResult(best.requests(), best.seconds(), best.rps(), best.p50(),
                best.p90(), best.p99(), best.max(), best.errors(), "quietest of " + attempts + " windows",
                best.otherCores());
    }

    private static LoadResult measureOnce(LoadDriver d, URI uri, Workload w, int warmup, int duration)
            throws Exception {
        if (quiet > 0) {
            CpuMeter.awaitQuiet(quiet, quietWait);
        }
        if (warmup > 0) {
            d.run(uri, w, warmup);
        }
        CpuMeter cpu = CpuMeter.start();
        LoadResult r = d.run(uri, w, duration);
        r = r.withOtherCores(cpu.otherCores());
        if (r.errors() > 0 || r.requests() == 0) {
            throw new IllegalStateException(w.name() + " on " + uri + ": " + r.errors() + " errors in " + r.requests()
                    + " requests");
        }
        return r;
    }

    /** Pledges {@code count} CC sectors in chunks, sealing each to Proving; returns the first and last number. */
    static long[] seal(Miner miner, SimulatedChainClock clock, int count, int chunk) {
        long first = -1;
        long last = -1;
        int done = 0;
        while (done < count) {
            int n = Math.min(chunk, count - done);
            for (int i = 0; i < n; i++) {
                last = miner.pledgeSector();
                if (first < 0) {
                    first = last;
                }
            }
            done += n;
            int epochs = 0;
            while (proving(miner) < done) {
                if (++epochs > MAX_EPOCHS_PER_CHUNK) {
                    throw new IllegalStateException("pipeline stalled: " + miner.summary());
                }
                clock.advance(1);
            }
        }
        if (miner.sectorCount() != count || proving(miner) != count || last - first + 1 != count) {
            throw new IllegalStateException("expected " + count + " Proving sectors numbered contiguously, have "
                    + miner.summary() + ", numbers " + first + ".." + last);
        }
        return new long[] {first, last};
    }

    private static long proving(Miner miner) {
        return miner.summary().getOrDefault(SectorState.Proving, 0L);
    }

    private static byte[] post(HttpClient http, URI uri, String body) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + " for " + body);
        }
        return r.body();
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Throws unless the reply has a result (with {@code field}, equal to {@code value} if that is not null). */
    private static void check(byte[] reply, String field, String value) throws Exception {
        JsonNode n = JSON.readTree(reply);
        JsonNode res = n.get("result");
        if (n.has("error") || res == null || !res.has(field)
                || (value != null && !value.equals(res.get(field).asText()))) {
            throw new IllegalStateException("unexpected reply: " + new String(reply));
        }
    }

    private static String[] row(String method, String target, LoadResult r) {
        return new String[] {method, target, String.format(Locale.ROOT, "%,.0f", r.rps()), us(r.p50()), us(r.p90()),
            us(r.p99()), us(r.max()), String.format(Locale.ROOT, "%,d", r.requests()),
            String.format(Locale.ROOT, "%.2f", r.otherCores()), r.note()};
    }

    private static String us(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String pct(double r) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * r);
    }

    private static String ratio(double m, double b) {
        return String.format(Locale.ROOT, "%.2fx", m / b);
    }

    private static void print(List<String[]> rows) {
        String[] head = {"method", "target", "req/s", "p50 us", "p90 us", "p99 us", "max us", "requests", "other cores", ""};
        int[] w = new int[head.length];
        java.util.Arrays.fill(w, 1);
        List<String[]> all = new ArrayList<>();
        all.add(head);
        all.addAll(rows);
        for (String[] r : all) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (String[] r : all) {
            StringBuilder b = new StringBuilder("  ");
            for (int i = 0; i < r.length; i++) {
                String cell = i < 2 ? String.format("%-" + w[i] + "s", r[i]) : String.format("%" + w[i] + "s", r[i]);
                b.append(cell).append(i + 1 < r.length ? "  " : "");
            }
            System.out.println(b.toString().stripTrailing());
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
