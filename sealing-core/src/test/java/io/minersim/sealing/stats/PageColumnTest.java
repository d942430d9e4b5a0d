package io.minersim.sealing.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A packed page reads as a plain array of longs would, whatever is set in whatever order. */
class PageColumnTest {

    @Test
    void readsAsAPlainArrayThroughEveryWidthAndBackToZero() {
        Random random = new Random(14);
        for (int round = 0; round < 200; round++) {
            PageColumn column = new PageColumn(64);
            long[] plain = new long[64];
            long base = random.nextInt(4) == 0 ? random.nextLong() : 34_359_738_368L;
            for (int step = 0; step < 300; step++) {
                int i = random.nextInt(64);
                long value = switch (random.nextInt(9)) {
                    case 0 -> 0;
                    case 1 -> base + random.nextInt(100) - 50;
                    case 2 -> base - 128;
                    case 3 -> base + Short.MIN_VALUE;
                    case 4 -> base + Integer.MIN_VALUE;
                    case 5 -> random.nextLong();
                    case 6 -> Long.MIN_VALUE;
                    case 7 -> Long.MAX_VALUE;
                    default -> base + random.nextInt(1 << 20);
                };
                column.set(i, value);
                plain[i] = value;
                for (int k = 0; k < 64; k++) {
                    assertThat(column.get(k)).as("round %d step %d index %d", round, step, k).isEqualTo(plain[k]);
                }
            }
        }
    }

    @Test
    void unsetValuesReadZeroBesideNarrowOnes() {
        PageColumn column = new PageColumn(1024);
        column.set(3, 34_359_738_368L);
        column.set(4, 34_359_738_368L - 127);
        assertThat(column.get(0)).isZero();
        assertThat(column.get(3)).isEqualTo(34_359_738_368L);
        assertThat(column.get(4)).isEqualTo(34_359_738_368L - 127);
        column.set(3, 0);
        assertThat(column.get(3)).isZero();
    }
}
