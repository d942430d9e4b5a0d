package io.minersim.app.bench;

import io.minersim.app.api.MinerApiImpl;
import io.minersim.app.node.MinerNode;
import io.minersim.app.rpc.CallContext;
import io.minersim.app.rpc.GoJson;
import io.minersim.app.rpc.RpcDispatcher;
import io.minersim.rpc.MinerApi;
import io.minersim.rpc.Permission;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/**
 * CPU cost of one status read, not a test: the calling thread's CPU time (not wall time, so other processes on a
 * loaded machine barely move it) per call of each step of {@code SectorsStatus}'s in-process path, on a miner of
 * {@code sectors} Proving CC sectors: the core's read ({@code Miner.status}), the wire record
 * ({@code MinerApiImpl.sectorsStatus}), and the whole dispatch from request bytes to response bytes
 * ({@code RpcDispatcher.handleHttpBody}, what the Jetty handler calls) for a random sector (a cache miss), one sector
 * (a cache hit) and {@code SectorsSummary}.
 *
 * <p>Each case runs {@code calls} calls per round, {@code rounds} rounds; the first half of the rounds warm up and
 * the report gives the minimum and median of the rest, in microseconds of CPU per call. {@code profile=N} adds N
 * seconds of JFR sampling of the case {@code profile.case} (default {@code random}), kept in {@code app/target/}.
 * Run it from the target class paths:
 * <pre>
 *   ./mvnw -q -o -pl app -am test-compile
 *   ./mvnw -q -o -pl app dependency:build-classpath -Dmdep.outputFile=$PWD/app/target/cp.txt \
 *       -Dmdep.includeScope=test
 *   java -Xms4g -Xmx4g -cp app/target/test-classes:app/target/classes:sealing-core/target/classes:\
 *       rpc-api/target/classes:$(cat app/target/cp.txt) io.minersim.app.bench.StatusCpuHarness calls=20000 rounds=8
 * </pre>
 * Keys: {@code sectors=1000000 chunk=50000 calls=20000 rounds=10 cases=core,wire,random,fixed,summary profile=0
 * profile.case=random}. The project's classes must come before the class path's dependencies, which may hold
 * installed copies of them.
 */
public final class StatusCpuHarness {
    private StatusCpuHarness() {
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new LinkedHashMap<>(Map.of("sectors", "1000000", "chunk", "50000", "calls", "20000",
                "rounds", "10", "profile", "0", "cases", "core,wire,random,fixed,summary"));
        a.put("profile.case", "random");
        BenchArgs.read(a, argv);
        int sectors = Integer.parseInt(a.get("sectors"));
        int calls = Integer.parseInt(a.get("calls"));
        int rounds = Integer.parseInt(a.get("rounds"));
        int profile = Integer.parseInt(a.get("profile"));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        if (!threads.isCurrentThreadCpuTimeSupported()) {
            throw new IllegalStateException("this JVM cannot time a thread's CPU");
        }
        try (MinerNode node = MinerNode.builder().config(MinerConfig.of(Profile.DEVNET)).manualClock(true)
                .listen("127.0.0.1", 0).start()) {
            Miner miner = node.miner();
            long t0 = System.nanoTime();
            long[] range = LoadBench.seal(miner, node.manualClock(), sectors, Integer.parseInt(a.get("chunk")));
            System.out.printf(Locale.ROOT, "sealed %,d CC sectors (numbers %d..%d) in %.1f s; %s%n", sectors,
                    range[0], range[1], (System.nanoTime() - t0) / 1e9, Runtime.version());
            for (int i = 0; i < 3; i++) {
                System.gc();
            }
            MinerApiImpl api = new MinerApiImpl(miner, "devnet", null, null, () -> { }, Duration.ofSeconds(1));
            RpcDispatcher dispatcher = RpcDispatcher.builder().register(MinerApi.class, api)
                    .objectMapper(GoJson.newObjectMapper()).build();
            CallContext ctx = CallContext.http(EnumSet.of(Permission.READ));
            long lo = range[0];
            long span = range[1] - range[0] + 1;
            long fixed = lo + span / 2;
            byte[] fixedBody = Workload.statusBody(fixed).getBytes(StandardCharsets.US_ASCII);
            byte[] summaryBody = Workload.SUMMARY_BODY.getBytes(StandardCharsets.US_ASCII);
            // bodies drawn up front, so that building them is not timed
            SplittableRandom rnd = new SplittableRandom(1);
            byte[][] randomBodies = new byte[4096][];
            long[] randomNumbers = new long[4096];
            for (int i = 0; i < randomBodies.length; i++) {
                randomNumbers[i] = lo + rnd.nextLong(span);
                randomBodies[i] = Workload.statusBody(randomNumbers[i]).getBytes(StandardCharsets.US_ASCII);
            }
            long[] sink = new long[1];
            Map<String, LongConsumer> cases = new LinkedHashMap<>();
            cases.put("core", i -> sink[0] += miner.status(randomNumbers[(int) (i & 4095)], true).log().size());
            cases.put("wire", i -> sink[0] += api.sectorsStatus(randomNumbers[(int) (i & 4095)], false).log().size());
            cases.put("random", i -> {
                byte[] b = randomBodies[(int) (i & 4095)];
                sink[0] += check(dispatcher.handleHttpBody(b, b.length, 1 << 20, ctx).body());
            });
            cases.put("fixed", i -> sink[0] += check(dispatcher.handleHttpBody(fixedBody, fixedBody.length, 1 << 20,
                    ctx).body()));
            cases.put("summary", i -> sink[0] += check(dispatcher.handleHttpBody(summaryBody, summaryBody.length,
                    1 << 20, ctx).body()));
            byte[] sample = dispatcher.handleHttpBody(fixedBody, fixedBody.length, 1 << 20, ctx).body();
            System.out.println("SectorsStatus(" + fixed + ") answer: " + sample.length + " bytes");
            List<String> wanted = Arrays.asList(a.get("cases").split(","));
            System.out.printf(Locale.ROOT, "%-8s %12s %12s   (us of thread CPU per call; %d calls x %d rounds, "
                    + "last %d rounds)%n", "case", "min", "median", calls, rounds, rounds - rounds / 2);
            for (Map.Entry<String, LongConsumer> c : cases.entrySet()) {
                if (!wanted.contains(c.getKey())) {
                    continue;
                }
                List<Double> per = new ArrayList<>();
                long i = 0;
                for (int r = 0; r < rounds; r++) {
                    long cpu0 = threads.getCurrentThreadCpuTime();
                    for (int k = 0; k < calls; k++) {
                        c.getValue().accept(i++);
                    }
                    double us = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / calls;
                    if (r >= rounds / 2) {
                        per.add(us);
                    }
                }
                per.sort(null);
                System.out.printf(Locale.ROOT, "%-8s %12.2f %12.2f%n", c.getKey(), per.get(0),
                        per.get(per.size() / 2));
            }
            if (profile > 0) {
                HotSpots hs = HotSpots.start();
                long end = System.nanoTime() + profile * 1_000_000_000L;
                long i = 0;
                while (System.nanoTime() < end) {
                    cases.get(a.get("profile.case")).accept(i++);
                }
                System.out.println("JFR profile of " + a.get("profile.case") + ", " + profile + " s:");
                Path jfr = java.nio.file.Files.createDirectories(Path.of("app", "target"))
                        .resolve("status-" + a.get("profile.case") + ".jfr").toAbsolutePath();
                System.out.print(hs.stop(jfr, 40));
            }
            System.out.println("(checksum " + sink[0] + ")");
        }
    }

    private static long check(byte[] body) {
        if (body.length < 40 || !new String(body, 0, 40, StandardCharsets.US_ASCII).contains("\"result\":")) {
            throw new IllegalStateException("not a result: " + new String(body, StandardCharsets.UTF_8));
        }
        return body.length;
    }
}
