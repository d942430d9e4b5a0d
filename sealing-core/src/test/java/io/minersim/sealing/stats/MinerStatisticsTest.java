package io.minersim.sealing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MinerStatisticsTest {
    /** 2024-01-01T00:00:00Z, 30 s epochs: 2880 a day. */
    private static final long GENESIS = 1_704_067_200L;
    private static final long S = 2048;

    private static SectorMove proving(long epoch, long sector, long lifetime) {
        return new SectorMove(epoch, sector, SectorState.CommitWait, SectorState.FinalizeSector,
                SectorEvent.SectorProving, S, 0, 0, 0, 0, epoch, epoch + lifetime, new SectorMove.Message(sector, 1,
                        false));
    }

    @Test
    void daysAreUtcDatesOfTheChainAndTheLastCompleteDayIsTheDayBeforeTheHeads() {
        MinerStatistics st = new MinerStatistics(GENESIS - 3600, 30);
        assertThat(st.genesisDate()).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(st.dateOf(119)).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(st.dateOf(120)).isEqualTo(LocalDate.of(2024, 1, 1));
        assertThat(st.lastCompleteDate(119)).isNull();
        assertThat(st.lastCompleteDate(120)).isEqualTo(LocalDate.of(2023, 12, 31));
    }

    @Test
    void pastDaysAreFrozenAndLaterDaysCarryTotalsWithoutDailyActivity() {
        MinerStatistics st = new MinerStatistics(GENESIS, 30);
        st.record(proving(10, 0, 2880));
        st.record(proving(2880 * 2 + 5, 1, 2880));
        SectorStats day1 = st.day(LocalDate.of(2024, 1, 1));
        SectorStats day2 = st.day(LocalDate.of(2024, 1, 2));
        SectorStats day3 = st.day(LocalDate.of(2024, 1, 3));
        SectorStats day9 = st.day(LocalDate.of(2024, 1, 9));
        assertThat(day1.daily(Measure.ONBOARDED_SECTORS)).isEqualTo(1);
        assertThat(day2.daily(Measure.ONBOARDED_SECTORS)).isZero();
        assertThat(day2.total(Measure.ONBOARDED_SECTORS)).isEqualTo(1);
        assertThat(day3.daily(Measure.ONBOARDED_SECTORS)).isEqualTo(1);
        assertThat(day9.daily(Measure.ONBOARDED_SECTORS)).isZero();
        assertThat(day9.total(Measure.ONBOARDED_RBP)).isEqualTo(2 * S);
        assertThat(day9.averageActiveLifetimeDays()).isEqualTo(1.0);
        assertThat(day9.activeLifetimeStdDevDays()).isZero();
    }

    @Test
    void aSecondOnboardingOrATerminationOfANonLiveSectorCountsNothing() {
        MinerStatistics st = new MinerStatistics(GENESIS, 30);
        st.record(proving(10, 0, 2880));
        st.record(proving(11, 0, 2880));
        st.record(new SectorMove(12, 5, SectorState.TerminateWait, SectorState.TerminateFinality,
                SectorEvent.SectorTerminated, S, 0, 0, 0, 0, SectorMove.NOT_ON_CHAIN, 0, null));
        SectorStats d = st.day(LocalDate.of(2024, 1, 1));
        assertThat(d.total(Measure.ONBOARDED_SECTORS)).isEqualTo(1);
        assertThat(d.total(Measure.ACTIVE_TERMINATED_RBP)).isZero();
    }

    @Test
    void movesOutOfEpochOrderAndDaysBeforeGenesisAreRefused() {
        MinerStatistics st = new MinerStatistics(GENESIS, 30);
        st.record(proving(100, 0, 2880));
        assertThatThrownBy(() -> st.record(proving(99, 1, 2880))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("epoch order");
        assertThat(st.day(LocalDate.of(2024, 1, 1)).total(Measure.ONBOARDED_SECTORS)).isEqualTo(1);
        assertThatThrownBy(() -> st.day(LocalDate.of(2023, 12, 31))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("before the chain's genesis");
    }

    @Test
    void movesCheckTheirInvariants() {
        assertThatThrownBy(() -> new SectorMove(1, 0, null, SectorState.Proving, SectorEvent.SectorProving, S, S + 1,
                0, 0, 0, 1, 2, null)).isInstanceOf(InvalidInputException.class).hasMessageContaining("deal bytes");
        assertThatThrownBy(() -> new SectorMove.Message(0, 0, false)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void addingMinersAddsEveryCounterAndKeepsTheDurationExact() {
        MinerStatistics a = new MinerStatistics(GENESIS, 30);
        MinerStatistics b = new MinerStatistics(GENESIS, 30);
        a.record(proving(10, 0, 2880));
        b.record(proving(10, 0, 3 * 2880));
        LocalDate day = LocalDate.of(2024, 1, 1);
        SectorStats sum = a.day(day).plus(b.day(day));
        assertThat(sum.total(Measure.ONBOARDED_SECTORS)).isEqualTo(2);
        assertThat(sum.averageActiveLifetimeDays()).isEqualTo(2.0);
        assertThat(sum.activeLifetimeStdDevDays()).isEqualTo(1.0);
        assertThatThrownBy(() -> a.day(day).plus(b.day(day.plusDays(1)))).hasMessageContaining("cannot add");
    }
}
