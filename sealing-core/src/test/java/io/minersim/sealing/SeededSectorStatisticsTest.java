package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.stats.Level;
import io.minersim.sealing.stats.Measure;
import io.minersim.sealing.stats.SectorStats;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeded sectors reach the statistics as if they had been onboarded at the past their state implies. */
class SeededSectorStatisticsTest {

    private static final long START = 20_000;
    private static final long SIZE = SectorSize.SIZE_2KiB.bytes();

    private final MinerConfig config = MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB)
            .withSeed(3);
    private final ManualChainClock clock = new ManualChainClock(START, config.policy().genesisTimestamp(),
            config.policy().blockDelaySeconds());
    private final Miner m = Miner.start(config, clock);

    private static List<SectorSeed> seeds(SectorState state, int count, long age) {
        List<SectorSeed> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new SectorSeed(SectorSeed.NEXT, state, List.of(), null, age));
        }
        return out;
    }

    private SectorStats today() {
        return m.statistics().day(m.statistics().dateOf(m.head()));
    }

    private static List<SectorSeed> faulty(int count, long age) {
        List<SectorSeed> out = new ArrayList<>();
        for (SectorSeed seed : seeds(SectorState.Proving, count, age)) {
            out.add(seed.withFaulty(true));
        }
        return out;
    }

    /** The epoch the chain terminates the latest of these faulty sectors (FaultMaxAge after its fault). */
    private long lastEarly(long[] numbers) {
        long last = 0;
        for (long n : numbers) {
            last = Math.max(last, m.status(n, true).early());
        }
        return last;
    }

    /** 10 Proving (age 0), 3 faulty on chain (age 100), 1 WaitSeed, 2 PreCommit1: committed-capacity 2 KiB sectors. */
    private long[] seedMix() {
        List<SectorSeed> all = new ArrayList<>(seeds(SectorState.Proving, 10, 0));
        all.addAll(faulty(3, 100));
        all.addAll(seeds(SectorState.WaitSeed, 1, 0));
        all.addAll(seeds(SectorState.PreCommit1, 2, 0));
        return m.seed(all);
    }

    @Test
    void seededProvingFaultyAndSealingSectorsCountAsOnboarded() {
        SealingConfig sc = m.sealingConfig();
        // the layout the hand-computed figures assume: one batch per group, 10 aggregated, 3 not
        assertThat(sc.maxPreCommitBatch()).isGreaterThanOrEqualTo(10);
        assertThat(sc.maxCommitBatch()).isGreaterThanOrEqualTo(10);
        assertThat(Math.max(sc.minCommitBatch(), 4)).isBetween(4, 10);
        seedMix();
        SectorStats s = today();
        // on chain: the 10 Proving and the 3 Faulty sectors (CC: QAP = RBP)
        assertThat(s.total(Measure.ONBOARDED_SECTORS)).isEqualTo(13);
        assertThat(s.total(Measure.ONBOARDED_RBP)).isEqualTo(13 * SIZE);
        assertThat(s.total(Measure.ONBOARDED_QAP)).isEqualTo(13 * SIZE);
        assertThat(s.total(Measure.SEALED_SECTORS)).isEqualTo(13);
        // pre-commits: two batches (10 and 3), the WaitSeed sector's single message
        assertThat(s.total(Measure.PRE_COMMIT_BATCH_SECTORS)).isEqualTo(13);
        assertThat(s.total(Measure.PRE_COMMIT_BATCH_RBP)).isEqualTo(13 * SIZE);
        assertThat(s.total(Measure.PRE_COMMIT_BATCH_MESSAGES)).isEqualTo(2);
        assertThat(s.total(Measure.PRE_COMMIT_SECTORS)).isEqualTo(1);
        assertThat(s.total(Measure.PRE_COMMIT_RBP)).isEqualTo(SIZE);
        // prove-commits: one aggregate of 10, three sectors in a non-aggregated batch
        assertThat(s.total(Measure.PROVE_COMMIT_AGGREGATE_SECTORS)).isEqualTo(10);
        assertThat(s.total(Measure.PROVE_COMMIT_AGGREGATE_MESSAGES)).isEqualTo(1);
        assertThat(s.total(Measure.PROVE_COMMIT_SECTORS)).isEqualTo(3);
        // the 3 faults
        assertThat(s.total(Measure.FAULTED_RBP)).isEqualTo(3 * SIZE);
        assertThat(s.level(Level.FAULTY_RBP)).isEqualTo(3 * SIZE);
        assertThat(s.level(Level.FAULTY_QAP)).isEqualTo(3 * SIZE);
        assertThat(s.level(Level.ACTIVE_SECTORS)).isEqualTo(10);
        assertThat(m.statistics().lastEpoch()).isLessThanOrEqualTo(START);
    }

    @Test
    void seededMovesCountOnTheDaysOfTheirPastEpochs() {
        // a chain five days old; Proving sectors seeded two days back were onboarded on an earlier day
        long day = 86_400 / config.policy().blockDelaySeconds();
        ManualChainClock later = new ManualChainClock(5 * day, config.policy().genesisTimestamp(),
                config.policy().blockDelaySeconds());
        Miner old = Miner.start(config, later);
        old.seed(seeds(SectorState.Proving, 2, 2 * day));
        SectorStats past = old.statistics().day(old.statistics().dateOf(3 * day));
        SectorStats now = old.statistics().day(old.statistics().dateOf(old.head()));
        assertThat(past.date()).isBefore(now.date());
        assertThat(past.total(Measure.ONBOARDED_SECTORS)).isEqualTo(2);
        assertThat(now.daily(Measure.ONBOARDED_SECTORS)).isZero();
        assertThat(now.total(Measure.ONBOARDED_SECTORS)).isEqualTo(2);
    }

    @Test
    void aLaterFaultOnASeededSectorCounts() {
        long[] numbers = seedMix();
        m.declareFaults(List.of(numbers[0]), true);
        clock.advance(io.minersim.sealing.proving.DeadlineInfo.PROVING_PERIOD + 60); // its deadline's PoSt skips it
        SectorStats s = today();
        assertThat(s.total(Measure.FAULTED_RBP)).isEqualTo(4 * SIZE);
        assertThat(s.daily(Measure.FAULTED_RBP)).isGreaterThanOrEqualTo(SIZE);
        assertThat(s.level(Level.FAULTY_RBP)).isEqualTo(4 * SIZE);
        // 9 of the 10 seeded Proving, and the 3 seeded sealing ones, onboarded meanwhile
        assertThat(s.level(Level.ACTIVE_SECTORS)).isEqualTo(12);
        m.recoverFaults(List.of(numbers[0]));
        clock.advance(io.minersim.sealing.proving.DeadlineInfo.PROVING_PERIOD + 60); // declared, then proven
        assertThat(today().total(Measure.RECOVERED_RBP)).isEqualTo(SIZE);
        assertThat(today().level(Level.ACTIVE_SECTORS)).isEqualTo(13);
    }

    @Test
    void seededFaultsThatOutliveFaultMaxAgeCountAsPassiveTerminations() {
        long[] numbers = seedMix();
        clock.advanceTo(lastEarly(java.util.Arrays.copyOfRange(numbers, 10, 13)));
        SectorStats s = today();
        assertThat(s.total(Measure.PASSIVE_TERMINATED_RBP)).isEqualTo(3 * SIZE);
        assertThat(s.level(Level.FAULTY_RBP)).isZero();
    }

    @Test
    void seedingIntoAMinerWhoseStatisticsAreLaterCountsThePastAtTheirLastEpoch() {
        clock.advanceTo(lastEarly(m.seed(faulty(1, 100))));
        long last = m.statistics().lastEpoch();
        assertThat(last).isGreaterThan(START);
        // these sectors' pasts lie before the statistics' last move: they count, at that move's epoch
        m.seed(seeds(SectorState.Proving, 4, m.head() - START + 500));
        SectorStats s = today();
        assertThat(s.total(Measure.ONBOARDED_SECTORS)).isEqualTo(5);
        assertThat(s.level(Level.ACTIVE_SECTORS)).isEqualTo(4);
        assertThat(m.statistics().lastEpoch()).isEqualTo(last);
    }
}
