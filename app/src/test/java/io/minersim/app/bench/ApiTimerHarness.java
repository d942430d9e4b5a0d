package io.minersim.app.bench;

import io.minersim.app.api.MinerApiImpl;
import io.minersim.app.metrics.MinerMetrics;
import io.minersim.app.rpc.CallContext;
import io.minersim.app.rpc.RpcDispatcher;
import io.minersim.rpc.MinerApi;
import io.minersim.rpc.Permission;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.chain.ManualChainClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * What timing every miner API call ({@code lotus_api_request_duration_ms}) costs on the hot path: one miner with
 * {@code sectors} Proving CC sectors, the same {@link MinerApiImpl} served by two dispatchers, one without a call
 * timer and one with the node's ({@link MinerMetrics#apiTimer()}), each driven in-process through
 * {@link RpcDispatcher#handleHttpBody} with {@code SectorsStatus} (HTTP body in, response bytes out, no sockets).
 * Rounds alternate the two so machine noise falls on both; prints ns per call, the median and spread over rounds.
 * First, the timer alone: two clock reads and one observation into the method's series, per call.
 *
 * <pre>
 * java -Xms4g -Xmx4g -cp app/target/test-classes:app/target/classes:$(cat CP) io.minersim.app.bench.ApiTimerHarness \
 *     [sectors=100000] [calls=200000] [rounds=10]
 * </pre>
 */
public final class ApiTimerHarness {
    private ApiTimerHarness() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = BenchArgs.read(new LinkedHashMap<>(
                Map.of("sectors", "100000", "calls", "200000", "rounds", "10")), args);
        int sectors = Integer.parseInt(opt.get("sectors"));
        int calls = Integer.parseInt(opt.get("calls"));
        int rounds = Integer.parseInt(opt.get("rounds"));
        MinerConfig cfg = MinerConfig.of(Profile.DEVNET);
        ManualChainClock clock = ManualChainClock.atGenesis(cfg.policy());
        Miner miner = Miner.start(cfg, clock);
        for (int done = 0; done < sectors; ) {
            int n = Math.min(50_000, sectors - done);
            for (int i = 0; i < n; i++) {
                miner.pledgeSector();
            }
            done += n;
            while (miner.summary().getOrDefault(SectorState.Proving, 0L) < done) {
                clock.advance(1);
            }
        }
        MinerApiImpl api = new MinerApiImpl(miner, "devnet", new NoTokens(), reader -> {
            throw new java.io.IOException("no piece data in this harness");
        }, () -> { }, Duration.ofSeconds(1));
        MinerMetrics metrics = new MinerMetrics(miner, "devnet", () -> 0);
        RpcDispatcher plain = RpcDispatcher.builder().register(MinerApi.class, api).build();
        RpcDispatcher timed = RpcDispatcher.builder().register(MinerApi.class, api).callTimer(metrics.apiTimer())
                .build();
        CallContext ctx = CallContext.http(EnumSet.allOf(Permission.class));
        io.minersim.app.rpc.CallTimer.Recorder recorder = metrics.apiTimer().forMethod("Filecoin.SectorsList",
                "SectorsList");
        double[] alone = new double[rounds];
        for (int r = -2; r < rounds; r++) { // two rounds of warm-up
            long t0 = System.nanoTime();
            for (int i = 0; i < calls * 10; i++) {
                long start = System.nanoTime();
                recorder.took(System.nanoTime() - start);
            }
            if (r >= 0) {
                alone[r] = (System.nanoTime() - t0) / (calls * 10.0);
            }
        }
        System.out.printf("the timer alone (2 x System.nanoTime + observe), %d x %d calls: median %.1f ns, min %.1f,"
                + " max %.1f%n", rounds, calls * 10, median(alone), min(alone), max(alone));
        byte[][] random = new byte[4096][];
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < random.length; i++) {
            random[i] = body(1 + rnd.nextInt(sectors));
        }
        byte[][] fixed = {body(sectors / 2)};
        for (String mode : List.of("one sector", "random sector")) {
            byte[][] bodies = mode.equals("one sector") ? fixed : random;
            run(plain, ctx, bodies, calls); // warm-up
            run(timed, ctx, bodies, calls);
            double[] a = new double[rounds];
            double[] b = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                a[r] = run(plain, ctx, bodies, calls);
                b[r] = run(timed, ctx, bodies, calls);
            }
            System.out.printf("SectorsStatus, %s, %d sectors, %d calls x %d rounds:%n", mode, sectors, calls, rounds);
            System.out.printf("  untimed ns/call: median %.0f, min %.0f, max %.0f%n", median(a), min(a), max(a));
            System.out.printf("  timed   ns/call: median %.0f, min %.0f, max %.0f%n", median(b), min(b), max(b));
            double[] d = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                d[r] = b[r] - a[r];
            }
            System.out.printf("  timed - untimed, per round: median %+.0f ns (%+.1f %%), min %+.0f, max %+.0f%n",
                    median(d), 100 * median(d) / median(a), min(d), max(d));
        }
        String scrape = new String(metrics.scrape(), StandardCharsets.UTF_8);
        scrape.lines().filter(l -> l.startsWith("lotus_api_request_duration_ms_count")).forEach(System.out::println);
    }

    private static byte[] body(long sector) {
        return ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorsStatus\",\"params\":[" + sector
                + ",false]}").getBytes(StandardCharsets.UTF_8);
    }

    private static long sink;

    private static double run(RpcDispatcher d, CallContext ctx, byte[][] bodies, int calls) {
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            byte[] b = bodies[i % bodies.length];
            RpcDispatcher.HttpReply r = d.handleHttpBody(b, b.length, 1 << 20, ctx);
            if (r.status() != 200) {
                throw new IllegalStateException(r.bodyText());
            }
            sink += r.body().length;
        }
        return (System.nanoTime() - t0) / (double) calls;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(0);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(0);
    }

    /** The harness signs no token. */
    private static final class NoTokens implements io.minersim.app.api.TokenAuthority {
        @Override
        public String sign(List<String> allow) {
            throw new UnsupportedOperationException("no tokens in this harness");
        }

        @Override
        public List<String> verify(String token) {
            throw new UnsupportedOperationException("no tokens in this harness");
        }
    }
}
