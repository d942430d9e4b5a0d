package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.fsm.SectorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {

    @Test
    void concurrentPledgesReadsAndClockTicksStayConsistent() throws Exception {
        SimulatedMiner sim = SimulatedMiner.devnet();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch readerRunning = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            work.add(pool.submit(() -> {
                readerRunning.await(60, TimeUnit.SECONDS);
                for (int i = 0; i < 500; i++) {
                    sim.miner.pledgeSector();
                }
                return null;
            }));
        }
        Future<?> clock = pool.submit(() -> {
            while (!done.get()) {
                sim.clock.advance(1);
            }
            return null;
        });
        Future<Integer> reader = pool.submit(() -> {
            int reads = 0;
            long lastTotal = 0;
            while (!done.get()) {
                long total = sim.miner.summary().values().stream().mapToLong(Long::longValue).sum();
                assertThat(total).isGreaterThanOrEqualTo(lastTotal);
                lastTotal = total;
                long[] proving = sim.miner.listInStates(Set.of(SectorState.Proving));
                for (int i = 1; i < proving.length; i++) {
                    assertThat(proving[i]).isGreaterThan(proving[i - 1]);
                }
                reads++;
                readerRunning.countDown();
            }
            return reads;
        });
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        done.set(true);
        clock.get(60, TimeUnit.SECONDS);
        assertThat(reader.get(60, TimeUnit.SECONDS)).isPositive();
        pool.shutdown();

        sim.clock.advance(200);
        assertThat(sim.miner.summary()).containsExactly(java.util.Map.entry(SectorState.Proving, 1000L));
        long[] all = sim.miner.list();
        assertThat(all).hasSize(1000);
        assertThat(all[0]).isZero();
        assertThat(all[999]).isEqualTo(999);
    }
}
