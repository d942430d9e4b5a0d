package io.minersim.sealing.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.chain.SimulatedChainClock.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SimulatedChainClockTest {
    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong wall = new AtomicLong(5 * SECOND);
    private final List<Long> heads = new ArrayList<>();

    /** A clock on a fake wall clock; its ticker never runs, ticks are by hand. */
    private SimulatedChainClock clock(Mode mode) {
        SimulatedChainClock c = new SimulatedChainClock(0, 1000, 4, mode, Duration.ofSeconds(1), wall::get);
        c.subscribe(heads::add);
        return c;
    }

    @Test
    void aManualClockMovesOnlyWhenAdvanced() {
        SimulatedChainClock c = clock(Mode.MANUAL);
        c.start();
        wall.addAndGet(100 * SECOND);
        assertThat(c.tick()).isZero();
        assertThat(c.advance(3)).isEqualTo(3);
        assertThat(c.advanceTo(10)).isEqualTo(10);
        assertThat(heads).containsExactly(3L, 10L);
        assertThatThrownBy(() -> c.advanceTo(9)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> c.advance(-1)).isInstanceOf(InvalidInputException.class);
        assertThat(c.head()).isEqualTo(10);
    }

    @Test
    void aRealClockFollowsWallTimeOnceStartedAndRefusesAdvance() {
        SimulatedChainClock c = clock(Mode.REAL);
        wall.addAndGet(10 * SECOND);
        assertThat(c.tick()).as("not started").isZero();
        c.start();
        wall.addAndGet(3 * SECOND + SECOND / 2);
        assertThat(c.tick()).isEqualTo(3);
        assertThatThrownBy(() -> c.advance(1)).isInstanceOf(SealingException.class)
                .hasMessageContaining("the chain follows a real clock");
        assertThat(c.head()).isEqualTo(3);
    }

    @Test
    void switchingRealToManualFirstReportsTheEpochsWallTimeReached() {
        SimulatedChainClock c = clock(Mode.REAL);
        c.start();
        wall.addAndGet(7 * SECOND);
        SimulatedChainClock.Settings s = c.set(Mode.MANUAL, null);
        assertThat(s.mode()).isEqualTo(Mode.MANUAL);
        assertThat(heads).as("no due epoch skipped").containsExactly(7L);
        wall.addAndGet(50 * SECOND);
        assertThat(c.tick()).isEqualTo(7);
        assertThat(c.advance(1)).isEqualTo(8);
    }

    @Test
    void switchingManualToRealCountsWallTimeFromTheHeadNeverBackwards() {
        SimulatedChainClock c = clock(Mode.MANUAL);
        c.start();
        c.advanceTo(100);
        wall.addAndGet(2 * SECOND);
        c.set(Mode.REAL, Duration.ofMillis(500));
        assertThat(c.head()).isEqualTo(100);
        wall.addAndGet(SECOND + SECOND / 4);
        assertThat(c.tick()).isEqualTo(102);
        assertThat(heads).containsExactly(100L, 102L);
    }

    @Test
    void aNewBlockTimeAppliesFromTheEpochReachedAtTheSwitch() {
        SimulatedChainClock c = clock(Mode.REAL);
        c.start();
        wall.addAndGet(4 * SECOND + SECOND / 2);
        c.set(null, Duration.ofMillis(100));
        assertThat(c.head()).isEqualTo(4);
        wall.addAndGet(SECOND / 2);
        assertThat(c.tick()).as("the half second before the switch ran at the old speed").isEqualTo(9);
        assertThat(c.settings().blockTime()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void pauseStopsARealClockWhereItWasAndResumeGoesOnFromThere() {
        SimulatedChainClock c = clock(Mode.REAL);
        c.start();
        wall.addAndGet(5 * SECOND);
        assertThat(c.pause().paused()).isTrue();
        assertThat(c.head()).isEqualTo(5);
        wall.addAndGet(60 * SECOND);
        assertThat(c.tick()).isEqualTo(5);
        assertThatThrownBy(() -> c.advance(1)).isInstanceOf(SealingException.class).hasMessageContaining("(paused)");
        assertThat(c.resume().paused()).isFalse();
        wall.addAndGet(2 * SECOND);
        assertThat(c.tick()).isEqualTo(7);
        assertThat(heads).containsExactly(5L, 7L);
    }

    @Test
    void pauseAndResumeAreRefusedOnAManualClock() {
        SimulatedChainClock c = clock(Mode.MANUAL);
        assertThatThrownBy(c::pause).isInstanceOf(SealingException.class)
                .hasMessage("the clock is manual: only a real clock can be paused");
        assertThatThrownBy(c::resume).isInstanceOf(SealingException.class);
        assertThat(c.settings().paused()).isFalse();
    }

    @Test
    void aBadBlockTimeIsRefusedAndChangesNothing() {
        SimulatedChainClock c = clock(Mode.MANUAL);
        assertThatThrownBy(() -> c.set(Mode.REAL, Duration.ZERO)).isInstanceOf(InvalidInputException.class);
        assertThat(c.settings()).isEqualTo(new SimulatedChainClock.Settings(Mode.MANUAL, Duration.ofSeconds(1), false));
    }

    @Test
    void aStartedRealClockTicksByItself() throws Exception {
        try (SimulatedChainClock c = new SimulatedChainClock(0, 1000, 4, Mode.REAL, Duration.ofMillis(20),
                System::nanoTime)) {
            c.start();
            long deadline = System.nanoTime() + 5 * SECOND;
            while (c.head() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(c.head()).isGreaterThanOrEqualTo(3);
        }
    }
}
