package io.minersim.sealing.proving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.numbers.BitField;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PartitionTest {

    /** Deadline 5 of a period starting at 0: last epoch 359, quantized per 2880. */
    private final QuantSpec quant = DeadlineInfo.of(0, 5, 0).quant();

    private Partition withSectors(long... numbersAndExpirations) {
        Partition p = new Partition(quant);
        Map<Long, Long> add = new TreeMap<>();
        for (int i = 0; i < numbersAndExpirations.length; i += 2) {
            add.put(numbersAndExpirations[i], numbersAndExpirations[i + 1]);
        }
        p.addSectors(add);
        return p;
    }

    @Test
    void newSectorsAreLiveButUnprovenUntilTheFirstPost() {
        Partition p = withSectors(1, 10_000, 2, 20_000);
        assertThat(p.live()).isEqualTo(BitField.of(1, 2));
        assertThat(p.active().isEmpty()).isTrue();
        assertThat(p.expirationOf(1)).isEqualTo(Map.entry(quant.quantizeUp(10_000), false));
        p.recordProven(BitField.empty(), 100_000);
        assertThat(p.active()).isEqualTo(BitField.of(1, 2));
        assertThat(p.unproven().isEmpty()).isTrue();
    }

    @Test
    void aFaultMovesALaterExpirationToTheFaultMaxAgeAndARecoveryMovesItBack() {
        Partition p = withSectors(1, 1_000_000, 2, 5_000);
        p.recordProven(BitField.empty(), 0);
        long faultExpiration = 359 + 120_960;
        assertThat(p.recordFaults(BitField.of(1, 2), faultExpiration)).isEqualTo(BitField.of(1, 2));
        assertThat(p.expirationOf(1)).isEqualTo(Map.entry(quant.quantizeUp(faultExpiration), true));
        assertThat(p.expirationOf(2)).isEqualTo(Map.entry(quant.quantizeUp(5_000), false)); // due before
        assertThat(p.active().isEmpty()).isTrue();
        assertThat(p.declareRecovered(BitField.of(1, 3))).isEqualTo(BitField.of(1));
        assertThat(p.recordProven(BitField.empty(), faultExpiration)).isEqualTo(BitField.of(1));
        assertThat(p.faults()).isEqualTo(BitField.of(2));
        assertThat(p.expirationOf(1)).isEqualTo(Map.entry(quant.quantizeUp(1_000_000), false));
    }

    @Test
    void aSkippedSectorBecomesFaultyAndRetractsItsRecovery() {
        Partition p = withSectors(1, 1_000_000, 2, 1_000_000);
        p.recordProven(BitField.empty(), 0);
        p.recordFaults(BitField.of(2), 200_000);
        p.declareRecovered(BitField.of(2));
        p.recordProven(BitField.of(1, 2), 200_000);
        assertThat(p.faults()).isEqualTo(BitField.of(1, 2));
        assertThat(p.recoveries().isEmpty()).isTrue();
        assertThatThrownBy(() -> p.recordProven(BitField.of(9), 0))
                .hasMessage("skipped faults contains sectors outside partition");
    }

    @Test
    void aMissedPostMakesEveryLiveSectorFaultyAndClearsRecoveries() {
        Partition p = withSectors(1, 1_000_000, 2, 1_000_000, 3, 1_000_000);
        p.recordProven(BitField.empty(), 0);
        p.recordFaults(BitField.of(1), 200_000);
        p.declareRecovered(BitField.of(1));
        p.terminate(BitField.of(3));
        assertThat(p.recordMissedPost(200_000)).isEqualTo(BitField.of(2));
        assertThat(p.faults()).isEqualTo(BitField.of(1, 2));
        assertThat(p.recoveries().isEmpty()).isTrue();
        assertThat(p.live()).isEqualTo(BitField.of(1, 2));
    }

    @Test
    void expiredSectorsAreTerminatedOnTimeOrEarly() {
        Partition p = withSectors(1, 3_000, 2, 1_000_000);
        p.recordProven(BitField.empty(), 0);
        p.recordFaults(BitField.of(2), 6_000);
        Partition.ExpirationSet first = p.popExpired(quant.quantizeUp(3_000));
        assertThat(first.onTime()).isEqualTo(BitField.of(1));
        assertThat(first.early().isEmpty()).isTrue();
        Partition.ExpirationSet second = p.popExpired(quant.quantizeUp(6_000));
        assertThat(second.early()).isEqualTo(BitField.of(2));
        assertThat(p.terminated()).isEqualTo(BitField.of(1, 2));
        assertThat(p.faults().isEmpty()).isTrue();
        assertThat(p.expirations()).isEmpty();
    }

    @Test
    void onlyLiveSectorsCanBeTerminated() {
        Partition p = withSectors(1, 1_000_000);
        p.terminate(BitField.of(1));
        assertThat(p.expirationOf(1)).isNull();
        assertThatThrownBy(() -> p.terminate(BitField.of(1))).hasMessage("can only terminate live sectors");
    }
}
