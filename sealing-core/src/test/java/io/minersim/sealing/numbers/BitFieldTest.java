package io.minersim.sealing.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BitFieldTest {
    private static final long MAX = Long.MAX_VALUE;

    static List<Arguments> lotusExamples() {
        return List.of(
                Arguments.of(new long[] {5, 1}, new long[] {5}),
                Arguments.of(new long[] {0, 3}, new long[] {0, 1, 2}),
                Arguments.of(new long[] {5, 3, 2, 1}, new long[] {5, 6, 7, 10}),
                // go-bitfield's own doc example: {0,1,2,8,9}
                Arguments.of(new long[] {0, 3, 5, 2}, new long[] {0, 1, 2, 8, 9}),
                Arguments.of(new long[] {0}, new long[] {}));
    }

    @ParameterizedTest
    @MethodSource("lotusExamples")
    void runFormMatchesLotusExamples(long[] runs, long[] values) {
        BitField bf = BitField.fromRuns(runs);
        assertThat(bf.toArray()).containsExactly(values);
        assertThat(BitField.of(values)).isEqualTo(bf);
        assertThat(BitField.of(values).toRuns()).containsExactly(runs);
    }

    @Test
    void emptyForms() {
        assertThat(BitField.fromRuns(new long[0])).isEqualTo(BitField.empty());
        assertThat(BitField.fromRuns(new long[] {0})).isEqualTo(BitField.empty());
        assertThat(BitField.empty().toRuns()).containsExactly(0);
        assertThat(BitField.of().isEmpty()).isTrue();
        assertThat(BitField.range(7, 7).isEmpty()).isTrue();
        assertThat(BitField.empty().count()).isZero();
        assertThat(BitField.empty().toString()).isEqualTo("BitField{}");
    }

    @Test
    void trailingUnsetRunIsAcceptedAndNotEmitted() {
        BitField bf = BitField.fromRuns(new long[] {5, 1, 3});
        assertThat(bf).isEqualTo(BitField.of(5));
        assertThat(bf.toRuns()).containsExactly(5, 1);
        assertThat(BitField.fromRuns(new long[] {0, 3, 100}).toRuns()).containsExactly(0, 3);
        assertThat(BitField.fromRuns(new long[] {42}).isEmpty()).isTrue();
    }

    @Test
    void fromRunsRejectsNegativeLengths() {
        assertThatThrownBy(() -> BitField.fromRuns(new long[] {-1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("run 0 has a negative length: -1");
        assertThatThrownBy(() -> BitField.fromRuns(new long[] {1, 2, -3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
    }

    @Test
    void fromRunsRejectsZeroRunsAfterTheFirst() {
        assertThatThrownBy(() -> BitField.fromRuns(new long[] {0, 0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot have a zero-length run except at start (run 1)");
        assertThatThrownBy(() -> BitField.fromRuns(new long[] {3, 1, 0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot have a zero-length run except at start");
        assertThatThrownBy(() -> BitField.fromRuns(new long[] {3, 1, 0}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromRunsRejectsOverflow() {
        assertThat(BitField.fromRuns(new long[] {MAX, 1})).isEqualTo(BitField.of(MAX));
        assertThat(BitField.fromRuns(new long[] {0, MAX})).isEqualTo(BitField.range(0, MAX));
        assertThat(BitField.fromRuns(new long[] {0, MAX - 1, 1, 1}).last()).isEqualTo(MAX);
        assertThatThrownBy(() -> BitField.fromRuns(new long[] {MAX, 2}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflow");
        assertThatThrownBy(() -> BitField.fromRuns(new long[] {MAX, 1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflow");
        assertThatThrownBy(() -> BitField.fromRuns(new long[] {0, MAX, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overflow");
        assertThatThrownBy(() -> BitField.fromRuns(new long[] {MAX, 1, MAX, 1}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void factoriesValidate() {
        assertThatThrownBy(() -> BitField.of(3, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BitField.range(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BitField.range(5, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(BitField.of(3, 1, 2, 2, 9)).isEqualTo(BitField.fromRuns(new long[] {1, 3, 5, 1}));
    }

    @Test
    void millionConsecutiveNumbersAreOneRun() {
        BitField bf = BitField.range(0, 1_000_000);
        assertThat(bf.runCount()).isEqualTo(1);
        assertThat(bf.count()).isEqualTo(1_000_000);
        assertThat(bf.toRuns()).containsExactly(0, 1_000_000);
        assertThat(bf.contains(999_999)).isTrue();
        assertThat(bf.contains(1_000_000)).isFalse();
        assertThat(bf.lowestNotIn()).isEqualTo(1_000_000);
        BitField grown = BitField.empty();
        for (long i = 0; i < 1000; i++) {
            grown = grown.union(BitField.of(i));
        }
        assertThat(grown.runCount()).isEqualTo(1);
        assertThat(BitField.range(0, 5_000_000_000L).subtract(BitField.of(7)).runCount()).isEqualTo(2);
    }

    @Test
    void queries() {
        BitField bf = BitField.of(5, 6, 7, 10);
        assertThat(bf.contains(4)).isFalse();
        assertThat(bf.contains(5)).isTrue();
        assertThat(bf.contains(8)).isFalse();
        assertThat(bf.contains(10)).isTrue();
        assertThat(bf.contains(-5)).isFalse();
        assertThat(bf.count()).isEqualTo(4);
        assertThat(bf.first()).isEqualTo(5);
        assertThat(bf.last()).isEqualTo(10);
        assertThat(bf.lowestNotIn()).isZero();
        assertThat(BitField.of(0, 1, 2, 4).lowestNotIn()).isEqualTo(3);
        assertThat(bf.toString()).isEqualTo("BitField{5-7,10}");
        assertThat(bf).isEqualTo(BitField.fromRuns(new long[] {5, 3, 2, 1}));
        assertThat(bf.hashCode()).isEqualTo(BitField.of(10, 7, 6, 5).hashCode());
        assertThat(bf).isNotEqualTo(BitField.of(5, 6, 7));
        assertThatThrownBy(() -> BitField.empty().first()).isInstanceOf(NoSuchElementException.class);
        assertThatThrownBy(() -> BitField.empty().last()).isInstanceOf(NoSuchElementException.class);
        List<Long> seen = new ArrayList<>();
        for (long v : bf) {
            seen.add(v);
        }
        assertThat(seen).containsExactly(5L, 6L, 7L, 10L);
        PrimitiveIterator.OfLong it = BitField.empty().iterator();
        assertThat(it.hasNext()).isFalse();
        assertThatThrownBy(it::nextLong).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void lowestNotInCount() {
        BitField inUse = BitField.of(0, 1, 2, 5).union(BitField.range(10, 16));
        assertThat(inUse.lowestNotIn(0)).isEqualTo(BitField.empty());
        assertThat(inUse.lowestNotIn(2)).isEqualTo(BitField.of(3, 4));
        assertThat(inUse.lowestNotIn(9)).isEqualTo(BitField.of(3, 4, 6, 7, 8, 9, 16, 17, 18));
        assertThat(BitField.empty().lowestNotIn(3)).isEqualTo(BitField.of(0, 1, 2));
        assertThat(BitField.range(0, MAX).lowestNotIn(1)).isEqualTo(BitField.of(MAX));
        assertThatThrownBy(() -> BitField.range(0, MAX).lowestNotIn(2))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> inUse.lowestNotIn(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void largestNumbers() {
        BitField top = BitField.of(MAX - 1, MAX);
        assertThat(top.toArray()).containsExactly(MAX - 1, MAX);
        assertThat(top.toRuns()).containsExactly(MAX - 1, 2);
        assertThat(top.contains(MAX)).isTrue();
        assertThat(top.count()).isEqualTo(2);
        assertThat(top.union(BitField.of(MAX - 3))).isEqualTo(BitField.fromRuns(new long[] {MAX - 3, 1, 1, 2}));
        assertThat(top.subtract(BitField.of(MAX))).isEqualTo(BitField.of(MAX - 1));
        assertThat(BitField.range(0, MAX).union(top).runCount()).isEqualTo(1);

        BitField all = BitField.range(0, MAX).union(BitField.of(MAX));
        assertThat(all.contains(MAX)).isTrue();
        assertThatThrownBy(all::count).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(all::toRuns).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(all::lowestNotIn).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(all::toArray).isInstanceOf(IllegalStateException.class);
        assertThat(all.subtract(BitField.of(0, MAX))).isEqualTo(BitField.range(1, MAX));
    }

    @Test
    void toArrayRefusesHugeSets() {
        assertThatThrownBy(() -> BitField.range(0, BitField.TO_ARRAY_LIMIT + 1L).toArray())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("bitfield holds 10000001 numbers, more than toArray's limit of 10000000");
    }

    @Test
    void setOperationsMatchATreeSetModel() {
        Random rnd = new Random(20240517L);
        for (int round = 0; round < 3000; round++) {
            int span = 1 + rnd.nextInt(round % 3 == 0 ? 20 : 300);
            TreeSet<Long> ma = randomSet(rnd, span);
            TreeSet<Long> mb = randomSet(rnd, span);
            BitField a = build(rnd, ma);
            BitField b = build(rnd, mb);

            assertMatches(a, ma);
            assertThat(BitField.fromRuns(a.toRuns())).isEqualTo(a);
            assertThat(a.toRuns()).containsExactly(naiveRuns(ma));

            TreeSet<Long> u = new TreeSet<>(ma);
            u.addAll(mb);
            assertMatches(a.union(b), u);
            TreeSet<Long> d = new TreeSet<>(ma);
            d.removeAll(mb);
            assertMatches(a.subtract(b), d);
            TreeSet<Long> in = new TreeSet<>(ma);
            in.retainAll(mb);
            assertMatches(a.intersect(b), in);
            assertThat(a.intersects(b)).isEqualTo(!in.isEmpty());
            assertThat(a.equals(b)).isEqualTo(ma.equals(mb));

            long probe = rnd.nextInt(span + 2);
            assertThat(a.contains(probe)).isEqualTo(ma.contains(probe));

            int want = rnd.nextInt(10);
            TreeSet<Long> free = new TreeSet<>();
            for (long v = 0; free.size() < want; v++) {
                if (!ma.contains(v)) {
                    free.add(v);
                }
            }
            assertMatches(a.lowestNotIn(want), free);
        }
    }

    private static TreeSet<Long> randomSet(Random rnd, int span) {
        TreeSet<Long> s = new TreeSet<>();
        int n = rnd.nextInt(span + 1);
        double density = rnd.nextDouble();
        for (long v = 0; v < span && s.size() < n; v++) {
            if (rnd.nextDouble() < density) {
                s.add(v);
            }
        }
        return s;
    }

    /** Builds the same set by different routes, to exercise the factories. */
    private static BitField build(Random rnd, TreeSet<Long> model) {
        switch (rnd.nextInt(3)) {
            case 0:
                return BitField.of(model.stream().mapToLong(Long::longValue).toArray());
            case 1: {
                BitField bf = BitField.empty();
                for (long v : model) {
                    bf = bf.union(BitField.range(v, v + 1));
                }
                return bf;
            }
            default:
                return BitField.fromRuns(naiveRuns(model));
        }
    }

    private static long[] naiveRuns(TreeSet<Long> model) {
        if (model.isEmpty()) {
            return new long[] {0};
        }
        List<Long> runs = new ArrayList<>();
        boolean inSet = false;
        long len = 0;
        long last = model.last();
        for (long v = 0; v <= last; v++) {
            boolean has = model.contains(v);
            if (has != inSet) {
                runs.add(len);
                len = 0;
                inSet = has;
            }
            len++;
        }
        runs.add(len);
        return runs.stream().mapToLong(Long::longValue).toArray();
    }

    private static void assertMatches(BitField bf, TreeSet<Long> model) {
        assertThat(bf.toArray()).containsExactly(model.stream().mapToLong(Long::longValue).toArray());
        assertThat(bf.count()).isEqualTo(model.size());
        assertThat(bf.isEmpty()).isEqualTo(model.isEmpty());
        long lowest = 0;
        while (model.contains(lowest)) {
            lowest++;
        }
        assertThat(bf.lowestNotIn()).isEqualTo(lowest);
        if (!model.isEmpty()) {
            assertThat(bf.first()).isEqualTo(model.first());
            assertThat(bf.last()).isEqualTo(model.last());
        }
        assertThat(bf.toRuns()).containsExactly(naiveRuns(model));
        // canonical runs: never two touching runs
        long[] runs = bf.toRuns();
        for (int i = 1; i < runs.length; i++) {
            assertThat(runs[i]).isPositive();
        }
    }
}
