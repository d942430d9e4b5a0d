package io.minersim.app.bench;

import io.minersim.app.scenario.Scenario;
import io.minersim.app.scenario.ScenarioLoader;
import io.minersim.app.scenario.ScenarioSession;
import io.minersim.app.testing.MinerSimulator;
import io.minersim.sealing.Miner;
import io.minersim.sealing.chain.ManualChainClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Scenario loading benchmark, not a test: how long a scenario takes to read and check, to seed into a
 * miner, and to start as a whole simulator (endpoint included), repeated in one JVM; prints each round and
 * the medians, and the heap the seeded miner holds.
 *
 * <p>{@code mvn -q -pl app -Pbench test-compile exec:exec@scenario-load -Dscenario.args="FILE ROUNDS"}
 * (defaults: {@code ../scenarios/mainnet-provider.yaml 7}; the first two rounds are warm-up).
 */
public final class ScenarioLoadBench {
    private ScenarioLoadBench() {
    }

    public static void main(String[] argv) throws Exception {
        Path file = Path.of(argv.length > 0 ? argv[0] : "../scenarios/mainnet-provider.yaml");
        int rounds = argv.length > 1 ? Integer.parseInt(argv[1]) : 7;
        List<Double> parse = new ArrayList<>();
        List<Double> seed = new ArrayList<>();
        List<Double> start = new ArrayList<>();
        long heap = 0;
        long sectors = 0;
        for (int r = 0; r < rounds; r++) {
            long before = r == rounds - 1 ? usedHeapAfterGc() : 0;
            long t0 = System.nanoTime();
            Scenario s = ScenarioLoader.load(file);
            long t1 = System.nanoTime();
            ManualChainClock clock = new ManualChainClock(s.startEpoch(), s.minerConfig().policy().genesisTimestamp(),
                    s.minerConfig().policy().blockDelaySeconds());
            ScenarioSession session = s.session(clock);
            Miner miner = Miner.start(s.minerConfig(), session.clock());
            session.load(miner);
            long t2 = System.nanoTime();
            sectors = miner.sectorCount();
            if (r == rounds - 1) {
                heap = usedHeapAfterGc() - before;
            }
            miner.close();
            long t3 = System.nanoTime();
            try (MinerSimulator sim = MinerSimulator.builder().scenario(s).start()) {
                sim.client().miner().sectorsSummary();
            }
            long t4 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: read+check %.0f ms, seed %d sectors %.0f ms, whole simulator"
                    + " (read excluded, endpoint up, one call) %.0f ms%n", r, ms(t1 - t0), sectors, ms(t2 - t1),
                    ms(t4 - t3));
            if (r >= 2) {
                parse.add(ms(t1 - t0));
                seed.add(ms(t2 - t1));
                start.add(ms(t4 - t3));
            }
        }
        System.out.printf(Locale.ROOT, "median of %d rounds after warm-up: read+check %.0f ms, seed %.0f ms, whole"
                + " simulator %.0f ms; the seeded miner holds about %d MB of heap (%d B a sector)%n", parse.size(),
                median(parse), median(seed), median(start), heap >> 20, sectors == 0 ? 0 : heap / sectors);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(List<Double> xs) {
        List<Double> sorted = new ArrayList<>(xs);
        Collections.sort(sorted);
        return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
