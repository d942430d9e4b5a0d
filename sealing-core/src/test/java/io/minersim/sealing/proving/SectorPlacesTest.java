package io.minersim.sealing.proving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SectorPlacesTest {

    @Test
    void placesAreKeptPerSectorNumberDenseOrFarApart() {
        SectorPlaces places = new SectorPlaces();
        assertThat(places.isEmpty()).isTrue();
        places.put(0, 0, 0);
        places.put(4095, 47, 3);
        places.put(4096, 12, SectorPlaces.MAX_PARTITIONS - 1);
        places.put(1L << 40, 5, 7);

        assertThat(places.get(0)).isEqualTo(new SectorPlace(0, 0));
        assertThat(places.get(4095)).isEqualTo(new SectorPlace(47, 3));
        assertThat(places.get(4096)).isEqualTo(new SectorPlace(12, SectorPlaces.MAX_PARTITIONS - 1));
        assertThat(places.get(1L << 40)).isEqualTo(new SectorPlace(5, 7));
        assertThat(places.get(1)).isNull();
        assertThat(places.contains(1L << 41)).isFalse();
        assertThat(places.sectors()).containsExactly(0, 4095, 4096, 1L << 40);
        assertThat(places.isEmpty()).isFalse();
    }

    @Test
    void aPartitionIndexBeyondThePackedRangeIsRefused() {
        assertThatThrownBy(() -> new SectorPlaces().put(1, 0, SectorPlaces.MAX_PARTITIONS))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
