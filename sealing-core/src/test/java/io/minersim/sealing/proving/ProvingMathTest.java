package io.minersim.sealing.proving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ProvingMathTest {

    @Test
    void quantizationRoundsToTheOffsetGridBothWays() {
        QuantSpec q = new QuantSpec(10, 3);
        assertThat(q.quantizeUp(3)).isEqualTo(3);
        assertThat(q.quantizeUp(4)).isEqualTo(13);
        assertThat(q.quantizeUp(13)).isEqualTo(13);
        assertThat(q.quantizeUp(-5)).isEqualTo(3);
        assertThat(q.quantizeUp(-8)).isEqualTo(-7);
        assertThat(q.quantizeUp(-7)).isEqualTo(-7);
        assertThat(q.quantizeDown(12)).isEqualTo(3);
        assertThat(q.quantizeDown(13)).isEqualTo(13);
        assertThat(new QuantSpec(10, 23).quantizeUp(4)).isEqualTo(13);
    }

    @Test
    void aDeadlineWindowIsSixtyEpochsWithItsChallengeAndCutoffBeforeIt() {
        DeadlineInfo d = DeadlineInfo.of(1000, 3, 1185);
        assertThat(d.open()).isEqualTo(1180);
        assertThat(d.close()).isEqualTo(1240);
        assertThat(d.last()).isEqualTo(1239);
        assertThat(d.challenge()).isEqualTo(1160);
        assertThat(d.faultCutoff()).isEqualTo(1110);
        assertThat(d.isOpen()).isTrue();
        assertThat(d.hasElapsed()).isFalse();
        assertThat(d.faultCutoffPassed()).isTrue();
        assertThat(d.periodEnd()).isEqualTo(1000 + 2880 - 1);
        assertThat(d.quant().quantizeUp(1240)).isEqualTo(1239 + 2880);
    }

    @Test
    void anIndexPastTheLastDeadlineOpensAndClosesAtTheNextPeriod() {
        DeadlineInfo d = DeadlineInfo.of(1000, 48, 1000);
        assertThat(d.open()).isEqualTo(3880);
        assertThat(d.close()).isEqualTo(3880);
        assertThat(d.challenge()).isEqualTo(3880);
        assertThat(d.faultCutoff()).isZero();
    }

    @Test
    void nextNotElapsedMovesAnElapsedDeadlineByWholePeriods() {
        DeadlineInfo d = DeadlineInfo.of(0, 2, 10_000);
        assertThat(d.hasElapsed()).isTrue();
        DeadlineInfo next = d.nextNotElapsed();
        assertThat(next.periodStart()).isEqualTo(11520); // at 8640 it closed at 8820
        assertThat(next.index()).isEqualTo(2);
        assertThat(next.hasElapsed()).isFalse();
        DeadlineInfo open = DeadlineInfo.of(0, 2, 130);
        assertThat(open.nextNotElapsed()).isSameAs(open);
    }

    @Test
    void thePeriodStartIsTheLatestEpochAtTheOffset() {
        assertThat(DeadlineInfo.provingPeriodStart(5000, 100)).isEqualTo(2980);
        assertThat(DeadlineInfo.provingPeriodStart(2980, 100)).isEqualTo(2980);
        assertThat(DeadlineInfo.provingPeriodStart(50, 100)).isEqualTo(100 - 2880);
        DeadlineInfo now = DeadlineInfo.current(2980, 5000);
        assertThat(now.index()).isEqualTo(33);
        assertThat(now.isOpen()).isTrue();
    }

    @Test
    void theOpenDeadlineAndTheNextAreImmutable() {
        long ps = 0;
        long epoch = 130; // deadline 2 is open
        assertThat(DeadlineInfo.isMutable(ps, 2, epoch)).isFalse();
        assertThat(DeadlineInfo.isMutable(ps, 3, epoch)).isFalse();
        assertThat(DeadlineInfo.isMutable(ps, 4, epoch)).isTrue();
        assertThat(DeadlineInfo.isMutable(ps, 1, epoch)).isTrue(); // next occurrence is a period away
        long mutable = LongStream.range(0, 48).filter(i -> DeadlineInfo.isMutable(ps, i, epoch)).count();
        assertThat(mutable).isEqualTo(46);
    }

    @Test
    void anEmptyTwoKibMinerFillsOnePartitionPerDeadlineInTurn() {
        List<DeadlineAssignment.Candidate> empty = new ArrayList<>();
        for (int i = 4; i < 48; i++) {
            empty.add(new DeadlineAssignment.Candidate(i, 0, 0));
        }
        List<List<Long>> out = DeadlineAssignment.assign(2, empty, new long[] {1, 2, 3, 4, 5});
        assertThat(out.get(4)).containsExactly(1L, 2L);
        assertThat(out.get(5)).containsExactly(3L, 4L);
        assertThat(out.get(6)).containsExactly(5L);
        assertThat(out.get(0)).isEmpty();
    }

    @Test
    void aDeadlineWithRoomInItsLastPartitionIsFilledFirst() {
        List<DeadlineAssignment.Candidate> c = List.of(new DeadlineAssignment.Candidate(1, 0, 0),
                new DeadlineAssignment.Candidate(9, 3, 3), new DeadlineAssignment.Candidate(20, 1, 1));
        // partition size 4: both 9 and 20 end up with one partition; 9 is fuller, so it takes the run
        List<List<Long>> out = DeadlineAssignment.assign(4, c, new long[] {100, 101});
        assertThat(out.get(9)).containsExactly(100L);
        assertThat(out.get(20)).containsExactly(101L);
    }

    @Test
    void terminatedSectorsCountAfterCompactionFirst() {
        // deadline 3: 4 sectors all terminated (live 0); deadline 7: 2 live; size 4
        List<DeadlineAssignment.Candidate> c = List.of(new DeadlineAssignment.Candidate(3, 0, 4),
                new DeadlineAssignment.Candidate(7, 2, 2));
        List<List<Long>> out = DeadlineAssignment.assign(4, c, new long[] {1});
        assertThat(out.get(7)).containsExactly(1L);
    }

    @Test
    void assignmentStopsAtTheMaximumPartitions() {
        long full = 2 * DeadlineAssignment.MAX_PARTITIONS_PER_DEADLINE;
        List<DeadlineAssignment.Candidate> c = List.of(new DeadlineAssignment.Candidate(0, full, full));
        assertThatThrownBy(() -> DeadlineAssignment.assign(2, c, new long[] {1}))
                .hasMessage("max partitions limit 3000 reached for all deadlines");
    }
}
