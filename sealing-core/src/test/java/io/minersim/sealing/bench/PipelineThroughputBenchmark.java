package io.minersim.sealing.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * Events through the whole pipeline: one operation is a fresh devnet miner on a manual clock, {@code
 * sectors} CC sectors pledged at once, and the chain moved one epoch at a time until all of them are
 * {@code Proving} (checked: the operation throws otherwise). The primary score is sealed batches per
 * second; the auxiliary counters {@code moves} (history entries, one per state a sector enters) and
 * {@code sealedSectors} are per second too, which is the figure to read.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@State(Scope.Thread)
public class PipelineThroughputBenchmark {

    @Param({"10000"})
    public int sectors;

    private BenchRig rig;

    /** Per-second counters JMH reports beside the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counters {
        /** Sector moves (history entries) processed. */
        public long moves;
        /** Sectors pledged and sealed to Proving. */
        public long sealedSectors;

        @Setup(Level.Iteration)
        public void reset() {
            moves = 0;
            sealedSectors = 0;
        }
    }

    @Setup(Level.Invocation)
    public void freshMiner() {
        rig = BenchRig.devnet();
    }

    @TearDown(Level.Invocation)
    public void closeMiner() {
        rig.miner.close();
        rig = null;
    }

    @Benchmark
    public long pledgeAndSealToProving(Counters counters) {
        for (int i = 0; i < sectors; i++) {
            rig.miner.pledgeSector();
        }
        rig.advanceUntilProving(sectors);
        rig.requireAllProving(sectors);
        long moves = rig.miner.historySize();
        counters.moves += moves;
        counters.sealedSectors += sectors;
        return moves;
    }
}
