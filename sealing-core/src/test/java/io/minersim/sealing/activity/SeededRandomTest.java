package io.minersim.sealing.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeededRandomTest {

    @Test
    void drawsAsTheJdksSplittableRandomAndGoesOnFromItsState() {
        for (long seed : new long[] {0, 1, -5, 1_000_003L * 7 + 1000, Long.MAX_VALUE}) {
            SplittableRandom jdk = new SplittableRandom(seed);
            SeededRandom ours = SeededRandom.seeded(seed);
            Random pick = new Random(seed);
            for (int i = 0; i < 200_000; i++) {
                if (i == 100_000) {
                    ours = SeededRandom.atState(ours.state()); // as a restored activity
                }
                switch (pick.nextInt(4)) {
                    case 0 -> assertThat(ours.nextDouble()).isEqualTo(jdk.nextDouble());
                    case 1 -> assertThat(ours.nextBoolean()).isEqualTo(jdk.nextBoolean());
                    case 2 -> {
                        int bound = 1 + pick.nextInt(i % 3 == 0 ? 64 : Integer.MAX_VALUE);
                        assertThat(ours.nextInt(bound)).isEqualTo(jdk.nextInt(bound));
                    }
                    default -> assertThat(ours.nextLong()).isEqualTo(jdk.nextLong());
                }
            }
        }
    }
}
