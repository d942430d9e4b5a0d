package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class LongColumnTest {

    private static long[] read(String text, int n) {
        long[] out = new long[n];
        try (LongColumn.Reader r = new LongColumn.Reader(text, n)) {
            for (int i = 0; i < n; i++) {
                out[i] = r.next();
            }
        }
        return out;
    }

    @Test
    void theReaderGivesWhatDecodeGivesWhateverTheColumn() {
        Random random = new Random(3);
        for (int n : new int[] {0, 1, 2, 1000, 200_000}) {
            long[] values = new long[n];
            for (int i = 0; i < n; i++) {
                values[i] = switch (i % 4) {
                    case 0 -> random.nextLong();
                    case 1 -> i;
                    case 2 -> -1;
                    default -> random.nextInt(10);
                };
            }
            String text = LongColumn.encode(values);
            assertThat(LongColumn.decode(text, n)).isEqualTo(values);
            assertThat(read(text, n)).isEqualTo(values);
        }
    }

    @Test
    void theReaderRefusesAColumnOfAnotherLength() {
        String three = LongColumn.encode(new long[] {1, 2, 3});
        assertThatThrownBy(() -> read(three, 4)).hasMessage("3 values where 4 were expected");
        assertThatThrownBy(() -> read(three, 2)).hasMessage("more than 2 values");
        assertThatThrownBy(() -> read(three.substring(0, 8), 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> read("not base64!", 3)).hasMessageStartingWith("not base64");
    }

    @Test
    void laterColumnsAreWrittenOutAsTheyWouldHaveBeen() {
        long[] values = {5, 4, 3, 1_000_000_000_000L};
        assertThat(LongColumn.later(values).finish()).isEqualTo(LongColumn.encode(values));
    }
}
