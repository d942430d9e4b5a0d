package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.stats.Level;
import io.minersim.sealing.stats.Measure;
import io.minersim.sealing.stats.MinerStatistics;
import io.minersim.sealing.stats.SectorStats;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The statistics as the engine feeds them: batches, aggregates, deals, faults and terminations. */
class MinerStatisticsEngineTest {
    private static final long S = 2048;

    /** 2 KiB devnet sectors, pre-commits in batches of up to 3, commits aggregated from 4. */
    private static SimulatedMiner miner() {
        SealingConfig s = SealingConfig.devnet().withPreCommitBatching(3, Duration.ofSeconds(40), Duration.ofSeconds(4))
                .withCommitBatching(4, 4, Duration.ofSeconds(40), Duration.ofSeconds(4));
        return new SimulatedMiner(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB).withSealing(s));
    }

    private static SectorStats today(SimulatedMiner sim) {
        MinerStatistics st = sim.miner.statistics();
        return st.day(st.dateOf(sim.clock.head()));
    }

    private static void advanceUntilAllProving(SimulatedMiner sim, int count) {
        for (int i = 0; i < 400 && sim.miner.listInStates(Set.of(SectorState.Proving)).length < count; i++) {
            sim.clock.advance(1);
        }
        assertThat(sim.miner.listInStates(Set.of(SectorState.Proving))).hasSize(count);
    }

    /** QAP of on-chain sectors as SectorsStatus reports it: InitialPledge is QAP × a fixed price. */
    private static long statusQap(SimulatedMiner sim, long n) {
        BigInteger[] qr = sim.miner.status(n, true).initialPledge().divideAndRemainder(Miner.PLEDGE_PER_QA_BYTE);
        assertThat(qr[1]).isZero();
        return qr[0].longValueExact();
    }

    @Test
    void batchesAndAggregatesAreCountedByTheMessageThatCarriedEachSector() {
        SimulatedMiner sim = miner();
        for (int i = 0; i < 7; i++) {
            sim.miner.pledgeSector();
        }
        advanceUntilAllProving(sim, 7);
        SectorStats day = today(sim);
        assertThat(day.date()).isEqualTo(LocalDate.of(2020, 8, 24));
        // pre-commits: 3 + 3 in batches, 1 alone (the wait ran out)
        assertThat(day.total(Measure.PRE_COMMIT_BATCH_SECTORS)).isEqualTo(6);
        assertThat(day.total(Measure.PRE_COMMIT_BATCH_MESSAGES)).isEqualTo(2);
        assertThat(day.averagePreCommitBatchSectors()).isEqualTo(3.0);
        assertThat(day.total(Measure.PRE_COMMIT_SECTORS)).isEqualTo(1);
        assertThat(day.total(Measure.PRE_COMMIT_RBP)).isEqualTo(S);
        // commits: 4 aggregated, 3 sent together without aggregation (below the minimum of 4)
        assertThat(day.total(Measure.PROVE_COMMIT_AGGREGATE_SECTORS)).isEqualTo(4);
        assertThat(day.total(Measure.PROVE_COMMIT_AGGREGATE_MESSAGES)).isEqualTo(1);
        assertThat(day.total(Measure.PROVE_COMMIT_AGGREGATE_RBP)).isEqualTo(4 * S);
        assertThat(day.total(Measure.PROVE_COMMIT_SECTORS)).isEqualTo(3);
        assertThat(day.total(Measure.SEALED_SECTORS)).isEqualTo(7);
        assertThat(day.total(Measure.ONBOARDED_SECTORS)).isEqualTo(7);
        assertThat(day.daily(Measure.ONBOARDED_RBP)).isEqualTo(7 * S);
        assertThat(day.total(Measure.ONBOARDED_QAP)).isEqualTo(7 * S);
        assertThat(day.level(Level.ACTIVE_SECTORS)).isEqualTo(7);
    }

    @Test
    void verifiedDealsWeighTenTimesAndAgreeWithSectorsStatus() throws Exception {
        SimulatedMiner sim = miner();
        sim.miner.addPieceToAny(1016, SimulatedMiner.marketDeal(7, 1016, PieceCommitments.zeroCommitment(1024), 1000,
                600_000, true)).get();
        sim.miner.addPieceToAny(1016, SimulatedMiner.marketDeal(8, 1016, PieceCommitments.zeroCommitment(1024), 1000,
                600_000, false)).get();
        sim.miner.pledgeSector();
        sim.miner.preCommitFlush();
        for (int i = 0; i < 400 && sim.miner.listInStates(Set.of(SectorState.Proving)).length < 2; i++) {
            sim.clock.advance(1);
            sim.miner.preCommitFlush();
            sim.miner.commitFlush();
        }
        assertThat(sim.miner.listInStates(Set.of(SectorState.Proving))).hasSize(2);
        SectorStats day = today(sim);
        long expected = statusQap(sim, 0) + statusQap(sim, 1);
        // the deal sector: half verified, half not: 1 + 9/2 = 5.5 × its size
        assertThat(statusQap(sim, 0)).isEqualTo(11 * S / 2);
        assertThat(day.total(Measure.ONBOARDED_QAP)).isEqualTo(expected).isEqualTo(13 * S / 2);
        assertThat(day.total(Measure.PRE_COMMIT_QAP) + day.total(Measure.PRE_COMMIT_BATCH_QAP)).isEqualTo(expected);
    }

    @Test
    void faultsRecoveriesAndTerminationsMoveTheLevels() {
        SimulatedMiner sim = miner();
        for (int i = 0; i < 4; i++) {
            sim.miner.pledgeSector();
        }
        advanceUntilAllProving(sim, 4);
        sim.miner.declareFaults(List.of(0L, 1L), true);
        sim.miner.declareFaults(List.of(2L), false);
        sim.clock.advance(io.minersim.sealing.proving.DeadlineInfo.PROVING_PERIOD + 60); // each deadline's PoSt skips them
        SectorStats d = today(sim);
        assertThat(d.total(Measure.FAULTED_RBP)).isEqualTo(3 * S);
        assertThat(d.level(Level.FAULTY_RBP)).isEqualTo(3 * S);
        assertThat(d.level(Level.ACTIVE_SECTORS)).isEqualTo(1);

        sim.miner.recoverFaults(List.of(1L));
        sim.miner.terminate(3);
        sim.miner.terminateFlush();
        sim.clock.advance(io.minersim.sealing.proving.DeadlineInfo.PROVING_PERIOD + 60); // declared recovered, then proven
        d = today(sim);
        assertThat(d.total(Measure.RECOVERED_RBP)).isEqualTo(S);
        assertThat(d.level(Level.FAULTY_RBP)).isEqualTo(2 * S);
        assertThat(d.total(Measure.ACTIVE_TERMINATED_RBP)).isEqualTo(S);
        assertThat(d.level(Level.ACTIVE_SECTORS)).isEqualTo(1);

        long faultAt = sim.clock.head();
        sim.clock.advanceTo(Math.max(sim.miner.status(0, true).early(), sim.miner.status(2, true).early()));
        SectorStats later = sim.miner.statistics().day(sim.miner.statistics().dateOf(sim.clock.head()));
        assertThat(later.total(Measure.PASSIVE_TERMINATED_RBP)).isEqualTo(2 * S);
        assertThat(later.level(Level.FAULTY_RBP)).isZero();
        assertThat(faultAt).isPositive();
    }

    @Test
    void aRepeatedRunGivesTheSameStatistics() {
        SectorStats[] runs = new SectorStats[2];
        for (int r = 0; r < 2; r++) {
            SimulatedMiner sim = miner();
            for (int i = 0; i < 9; i++) {
                sim.miner.pledgeSector();
            }
            advanceUntilAllProving(sim, 9);
            sim.miner.declareFaults(List.of(4L), false);
            runs[r] = today(sim);
        }
        assertThat(runs[1]).isEqualTo(runs[0]);
    }

    @Test
    void extensionsAndExpirationsAreCounted() {
        SimulatedMiner sim = miner();
        for (int i = 0; i < 4; i++) {
            sim.miner.pledgeSector();
        }
        advanceUntilAllProving(sim, 4);
        long expiration = sim.miner.status(0, true).expiration();
        long leaves = Math.max(sim.miner.status(2, true).onTime(), sim.miner.status(3, true).onTime());
        sim.clock.advance(20_000);
        sim.miner.extendSectors(List.of(0L, 1L), expiration + 10_000);
        SectorStats d = today(sim);
        assertThat(d.daily(Measure.EXTENDED_RBP)).isEqualTo(2 * S);
        assertThat(d.daily(Measure.EXTENDED_QAP)).isEqualTo(2 * S);
        double longer = d.averageActiveLifetimeDays();

        sim.clock.advanceTo(leaves);
        SectorStats after = sim.miner.statistics().day(sim.miner.statistics().dateOf(sim.clock.head()));
        assertThat(after.total(Measure.EXPIRED_RBP)).isEqualTo(2 * S);
        assertThat(after.level(Level.ACTIVE_SECTORS)).isEqualTo(2);
        assertThat(after.averageActiveLifetimeDays()).isGreaterThan(longer);
        assertThat(after.total(Measure.ACTIVE_TERMINATED_RBP) + after.total(Measure.PASSIVE_TERMINATED_RBP)).isZero();
    }

    @Test
    void aRestoredSnapshotKeepsEveryDayOfTheStatisticsAndCountsOnIdentically() {
        SimulatedMiner original = miner();
        long hour = 900;
        io.minersim.sealing.activity.MinerActivity busy = io.minersim.sealing.activity.MinerActivity.start(
                original.miner, original.clock,
                new io.minersim.sealing.activity.ActivityProfile(200, 0.5, 0.5, 0.05, 0.3, 0.01, 0.01, 0.02), 9);
        for (int h = 0; h < 36; h++) {
            original.clock.advance(hour);
        }
        busy.close();
        SimulatedMiner copy = miner();
        copy.clock.advanceTo(original.clock.head());
        copy.miner.restore(original.miner.snapshot());
        MinerStatistics a = original.miner.statistics();
        MinerStatistics b = copy.miner.statistics();
        LocalDate last = a.dateOf(original.clock.head());
        for (LocalDate d = a.genesisDate(); !d.isAfter(last); d = d.plusDays(1)) {
            assertThat(b.day(d)).as(d.toString()).isEqualTo(a.day(d));
        }
        assertThat(a.day(last).total(Measure.ONBOARDED_SECTORS)).isPositive();
        for (SimulatedMiner sim : List.of(original, copy)) {
            sim.miner.declareFaults(List.of(sim.miner.listInStates(Set.of(SectorState.Proving))[0]), true);
        }
        copy.clock.advance(4 * hour);
        original.clock.advance(4 * hour);
        LocalDate now = a.dateOf(original.clock.head());
        assertThat(copy.miner.statistics().day(now)).isEqualTo(a.day(now));
    }

    @Test
    void statisticsHeldBeforeARestoreShowTheRestoredMiner() {
        SimulatedMiner original = miner();
        for (int i = 0; i < 5; i++) {
            original.miner.pledgeSector();
        }
        advanceUntilAllProving(original, 5);
        SimulatedMiner copy = miner();
        MinerStatistics held = copy.miner.statistics(); // as the statistics API holds it from start-up
        LocalDate today = held.dateOf(original.clock.head());
        assertThat(held.day(today).total(Measure.ONBOARDED_SECTORS)).isZero();
        copy.clock.advanceTo(original.clock.head());
        copy.miner.restore(original.miner.snapshot());
        assertThat(copy.miner.statistics()).isSameAs(held);
        assertThat(held.day(today).total(Measure.ONBOARDED_SECTORS)).isEqualTo(5);
        assertThat(held.day(today)).isEqualTo(original.miner.statistics().day(today));
    }
}
