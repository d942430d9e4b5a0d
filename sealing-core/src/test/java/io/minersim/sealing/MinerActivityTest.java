package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.activity.ActivityProfile;
import io.minersim.sealing.activity.MinerActivity;
import io.minersim.sealing.stats.Level;
import io.minersim.sealing.stats.Measure;
import io.minersim.sealing.stats.SectorStats;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MinerActivityTest {
    private static final ActivityProfile BUSY = new ActivityProfile(120, 0.5, 0.5, 0.05, 0.3, 0.01, 0.02, 0.05);

    /** A 2 KiB devnet miner driven for {@code days} of chain time, an hour at a time. */
    private static SectorStats run(long seed, int days) {
        SimulatedMiner sim = new SimulatedMiner(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB)
                .withSeed(seed));
        try (MinerActivity activity = MinerActivity.start(sim.miner, sim.clock, BUSY, seed)) {
            long hour = 3600 / sim.config.policy().blockDelaySeconds();
            long end = days * 24 * hour;
            while (sim.clock.head() < end) {
                sim.clock.advance(hour);
            }
            assertThat(activity).isNotNull();
        }
        LocalDate last = sim.miner.statistics().lastCompleteDate(sim.clock.head());
        return sim.miner.statistics().day(last);
    }

    @Test
    void aBusyMinerProducesEveryKindOfActivity() {
        SectorStats d = run(1, 8);
        assertThat(d.total(Measure.ONBOARDED_SECTORS)).isGreaterThan(500);
        assertThat(d.total(Measure.ONBOARDED_QAP)).as("verified deals").isGreaterThan(d.total(Measure.ONBOARDED_RBP));
        assertThat(d.total(Measure.PRE_COMMIT_BATCH_SECTORS)).isPositive();
        assertThat(d.total(Measure.FAULTED_RBP)).isPositive();
        assertThat(d.total(Measure.RECOVERED_RBP)).isPositive();
        assertThat(d.total(Measure.ACTIVE_TERMINATED_RBP)).isPositive();
        assertThat(d.total(Measure.PASSIVE_TERMINATED_RBP)).as("after FaultMaxAge, 5.6 devnet days").isPositive();
        assertThat(d.total(Measure.SNAPPED_RBP)).isPositive();
        assertThat(d.total(Measure.EXTENDED_RBP)).isPositive();
        assertThat(d.level(Level.ACTIVE_SECTORS)).isPositive();
    }

    @Test
    void theSameSeedGivesTheSameDaysAndAnotherSeedOtherDays() {
        SectorStats a = run(7, 3);
        assertThat(run(7, 3)).isEqualTo(a);
        assertThat(run(8, 3)).isNotEqualTo(a);
    }

    @Test
    void anActivityResumedFromItsStateOnARestoredMinerGoesOnExactlyAsTheOriginal() {
        MinerConfig cfg = MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB).withSeed(3);
        SimulatedMiner sim = new SimulatedMiner(cfg);
        long hour = 3600 / cfg.policy().blockDelaySeconds();
        try (MinerActivity activity = MinerActivity.start(sim.miner, sim.clock, BUSY, 3)) {
            for (int h = 0; h < 30; h++) {
                sim.clock.advance(hour);
            }
            java.util.Map<String, Object> snapshot = sim.miner.snapshot();
            MinerActivity.State state = activity.state();
            io.minersim.sealing.chain.ManualChainClock clock = new io.minersim.sealing.chain.ManualChainClock(
                    sim.clock.head(), cfg.policy().genesisTimestamp(), cfg.policy().blockDelaySeconds());
            Miner restored = Miner.start(cfg, clock);
            restored.restore(snapshot);
            try (MinerActivity resumed = MinerActivity.resume(restored, clock, BUSY, state)) {
                for (int h = 0; h < 30; h++) {
                    sim.clock.advance(hour);
                    clock.advance(hour);
                }
                assertThat(resumed.state()).isEqualTo(activity.state());
            }
            assertThat(restored.snapshot()).isEqualTo(sim.miner.snapshot());
            assertThat(restored.historySize()).isGreaterThan(snapshotHistory(snapshot));
        }
    }

    private static long snapshotHistory(java.util.Map<String, Object> snapshot) {
        return ((Number) ((java.util.Map<?, ?>) snapshot.get("History")).get("Count")).longValue();
    }

    @Test
    void profilesParseOverTheRealisticDefaultsAndRefuseNonsense() {
        ActivityProfile p = ActivityProfile.parse("onboarding=10, faults=0.5");
        assertThat(p.onboardingPerDay()).isEqualTo(10);
        assertThat(p.faultRate()).isEqualTo(0.5);
        assertThat(p.dealShare()).isEqualTo(ActivityProfile.realistic().dealShare());
        assertThatThrownBy(() -> ActivityProfile.parse("faults=2")).hasMessageContaining("between 0 and 1");
        assertThatThrownBy(() -> ActivityProfile.parse("speed=2")).hasMessageContaining("not an activity setting");
        assertThatThrownBy(() -> ActivityProfile.parse("faults=x")).hasMessageContaining("not a number");
    }
}
