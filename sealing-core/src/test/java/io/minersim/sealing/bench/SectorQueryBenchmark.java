package io.minersim.sealing.bench;

import io.minersim.sealing.SectorInfo;
import io.minersim.sealing.fsm.SectorState;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Read latency on a big miner: {@code sectors} CC sectors sealed to {@code Proving} once per fork, then
 * {@code marked} of them, spread over the number range, marked for a snap upgrade (they wait for deals in
 * {@code SnapDealsWaitDeals}: a fault no longer moves a sector's sealing state, as in Lotus). The clock does
 * not move while measuring, so the miner stays as built. The heap is pre-touched: on a fresh VM the
 * first pass of allocation through a large young generation otherwise pays page faults for seconds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms12g", "-Xmx12g", "-XX:+AlwaysPreTouch"})
@State(Scope.Benchmark)
public class SectorQueryBenchmark {

    private static final Set<SectorState> PROVING = Set.of(SectorState.Proving);
    private static final Set<SectorState> MARKED = Set.of(SectorState.SnapDealsWaitDeals);

    @Param({"1000000"})
    public int sectors;

    @Param({"100"})
    public int marked;

    private BenchRig rig;
    private long probe;

    @Setup(Level.Trial)
    public void build() {
        rig = BenchRig.devnet();
        rig.sealCc(sectors, 50_000);
        long stride = sectors / Math.max(1, marked);
        for (int i = 0; i < marked; i++) {
            rig.miner.markForUpgrade(i * stride + 1, true);
        }
        SortedMap<SectorState, Long> summary = rig.miner.summary();
        if (summary.getOrDefault(SectorState.Proving, 0L) != sectors - marked
                || summary.getOrDefault(SectorState.SnapDealsWaitDeals, 0L) != marked || rig.miner.sectorCount() != sectors) {
            throw new IllegalStateException("miner not as intended: " + summary);
        }
        probe = sectors / 2;
        if (rig.miner.status(probe, false).state() != SectorState.Proving) {
            throw new IllegalStateException("probe sector " + probe + " is not Proving");
        }
        // The build leaves garbage behind: collect it now, not in the first measured iterations.
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    @TearDown(Level.Trial)
    public void check() {
        if (rig.miner.listInStates(PROVING).length != sectors - marked) {
            throw new IllegalStateException("the miner changed while measuring: " + rig.miner.summary());
        }
        rig.miner.close();
    }

    @Benchmark
    public SortedMap<SectorState, Long> summary() {
        return rig.miner.summary();
    }

    @Benchmark
    public long[] listInStatesProving() {
        return rig.miner.listInStates(PROVING);
    }

    @Benchmark
    public long[] listInStatesMarked() {
        return rig.miner.listInStates(MARKED);
    }

    @Benchmark
    public SectorInfo statusWithOnChainInfo() {
        return rig.miner.status(probe, true);
    }

    @Benchmark
    public SectorInfo statusWithoutOnChainInfo() {
        return rig.miner.status(probe, false);
    }
}
