package io.minersim.sealing.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.InvalidInputException;
import org.junit.jupiter.api.Test;

class QualityAdjustedPowerTest {
    private static final long S = 34_359_738_368L;
    private static final long D = 1_555_200;

    @Test
    void ccAndUnverifiedDealsWeighTheirSizeAndVerifiedDealsTenTimes() {
        assertThat(QualityAdjustedPower.of(S, D, 0, 0)).isEqualTo(S);
        assertThat(QualityAdjustedPower.of(S, D, S * D, 0)).isEqualTo(S);
        assertThat(QualityAdjustedPower.of(S, D, 0, S * D)).isEqualTo(10 * S);
        assertThat(QualityAdjustedPower.of(S, D, S / 2 * D, S / 2 * D)).isEqualTo(11 * S / 2);
        assertThat(QualityAdjustedPower.ofBytes(S, S, S / 2)).isEqualTo(11 * S / 2);
    }

    @Test
    void roundsAsTheActorsDoWithTwentyBitsOfQualityPrecision() {
        // values from the actors' formula evaluated with arbitrary-precision integers
        assertThat(QualityAdjustedPower.of(S, D, 5_000_000_000_000_000L, 12_345_678_901_234_567L))
                .isEqualTo(105_804_627_968L);
        assertThat(QualityAdjustedPower.of(2048, 7, 1000, 3001)).isEqualTo(5906);
    }

    @Test
    void aSectorWithNoLifeLeftHasItsRawSize() {
        assertThat(QualityAdjustedPower.of(S, 0, 0, 0)).isEqualTo(S);
    }

    @Test
    void weightsBeyondTheSectorsSpaceTimeOrNegativeAreRefused() {
        assertThatThrownBy(() -> QualityAdjustedPower.of(2048, 10, 20_000, 1000))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("exceed");
        assertThatThrownBy(() -> QualityAdjustedPower.of(2048, 10, -1, 0)).isInstanceOf(InvalidInputException.class);
    }
}
