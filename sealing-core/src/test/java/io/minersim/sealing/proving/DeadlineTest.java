package io.minersim.sealing.proving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.numbers.BitField;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DeadlineTest {

    private final Deadline dl = new Deadline(DeadlineInfo.of(0, 7, 0).quant(), 2);

    private void add(long... sectors) {
        Map<Long, Long> m = new TreeMap<>();
        for (long s : sectors) {
            m.put(s, 1_000_000L);
        }
        dl.addSectors(m);
    }

    @Test
    void sectorsFillTheLastPartitionBeforeOpeningANewOne() {
        add(1);
        add(2, 3, 4, 5);
        assertThat(dl.partitions()).hasSize(3);
        assertThat(dl.partitions().get(0).sectors()).isEqualTo(BitField.of(1, 2));
        assertThat(dl.partitions().get(1).sectors()).isEqualTo(BitField.of(3, 4));
        assertThat(dl.partitions().get(2).sectors()).isEqualTo(BitField.of(5));
        assertThat(dl.liveSectors()).isEqualTo(5);
        assertThat(dl.partitionOf(4)).isEqualTo(1);
        assertThat(dl.partitionOf(9)).isEqualTo(-1);
    }

    @Test
    void anUnprovenPartitionAtTheCloseIsDetectedFaulty() {
        add(1, 2, 3);
        dl.recordProven(List.of(new Deadline.PoStPartition(0, BitField.of(2))), 200_000);
        assertThat(dl.postSubmissions()).isEqualTo(BitField.of(0));
        assertThat(dl.processDeadlineEnd(200_000)).isEqualTo(BitField.of(3));
        assertThat(dl.union(Partition::faults)).isEqualTo(BitField.of(2, 3));
        assertThat(dl.postSubmissions().isEmpty()).isTrue();
        // a fully faulty partition is not detected again
        assertThat(dl.processDeadlineEnd(200_000)).isEqualTo(BitField.of(1));
        assertThat(dl.processDeadlineEnd(200_000).isEmpty()).isTrue();
    }

    @Test
    void aPartitionIsProvenOncePerOccurrence() {
        add(1, 2);
        dl.recordProven(List.of(new Deadline.PoStPartition(0, BitField.empty())), 0);
        assertThatThrownBy(() -> dl.recordProven(List.of(new Deadline.PoStPartition(0, BitField.empty())), 0))
                .hasMessage("partition already proven: 0");
        assertThatThrownBy(() -> dl.recordProven(List.of(new Deadline.PoStPartition(4, BitField.empty())), 0))
                .hasMessage("no such partition 4");
    }

    @Test
    void terminationsAndExpirationsLeaveTotalsButNotLive() {
        add(1, 2, 3);
        assertThat(dl.terminate(BitField.of(2))).isEqualTo(BitField.of(2));
        assertThat(dl.liveSectors()).isEqualTo(2);
        assertThat(dl.totalSectors()).isEqualTo(3);
        Partition.ExpirationSet expired = dl.popExpired(2_000_000);
        assertThat(expired.onTime().union(expired.early())).isEqualTo(BitField.of(1, 3));
        assertThat(dl.liveSectors()).isZero();
    }
}
