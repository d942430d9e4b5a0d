package io.minersim.sealing.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SectorNumberAssignerTest {
    private static final String BAD_NAME =
            "reservation name contained disallowed characters (allowed: a-z, A-Z, 0-9, '-', '_')";

    /** Inclusive range, like Lotus's itest helper rangeBitField(from, to). */
    private static BitField closed(long from, long to) {
        return BitField.range(from, to + 1);
    }

    @Test
    void freshMinerStartsAtZero() {
        SectorNumberAssigner a = new SectorNumberAssigner();
        assertThat(a.meta().next()).isZero();
        assertThat(a.allocate()).isZero();
        assertThat(a.allocate()).isEqualTo(1);
        assertThat(a.allocate()).isEqualTo(2);
        assertThat(a.meta().allocated()).isEqualTo(closed(0, 2));
    }

    @Test
    void genesisMinerContinuesAfterItsPreseals() {
        // Lotus itest TestAssignBasic: 2 presealed sectors (1, 2) -> Next = 3
        SectorNumberAssigner a = SectorNumberAssigner.fromLegacyCounter(2);
        SectorNumberAssigner.Meta m = a.meta();
        assertThat(m.allocated()).isEqualTo(closed(0, 2));
        assertThat(m.next()).isEqualTo(3);
        assertThat(a.allocate()).isEqualTo(3);
        assertThat(a.allocate()).isEqualTo(4);
        assertThat(SectorNumberAssigner.fromLegacyCounter(0).allocate()).isEqualTo(1);
    }

    @Test
    void lotusAssignReservationScenario() {
        // Lotus itest TestAssignReservation
        SectorNumberAssigner a = SectorNumberAssigner.fromLegacyCounter(2);
        a.reserve("test-reservation", closed(3, 10), false);

        assertThatThrownBy(() -> a.reserve("test-reservation", closed(30, 33), false))
                .isInstanceOf(SectorNumberException.class)
                .hasMessage("reservation with this name already exists");
        assertThatThrownBy(() -> a.reserve("test-reservation2", closed(7, 12), false))
                .isInstanceOf(SectorNumberException.class)
                .hasMessage("new reservation is colliding with another existing reservation");
        assertThatThrownBy(() -> a.reserve("test/reservation", closed(99, 100), false))
                .isInstanceOf(SectorNumberException.class)
                .hasMessage(BAD_NAME);

        assertThat(a.meta().next()).isEqualTo(11);
        assertThat(a.allocate()).isEqualTo(11);
        assertThat(a.allocate()).isEqualTo(12);

        a.free("test-reservation");
        assertThat(a.meta().next()).isEqualTo(3);
        assertThat(a.allocate()).isEqualTo(3);
        assertThat(a.meta().allocated()).isEqualTo(BitField.of(0, 1, 2, 3, 11, 12));
    }

    @Test
    void lotusReserveCountScenario() {
        // Lotus itest TestReserveCount
        SectorNumberAssigner a = SectorNumberAssigner.fromLegacyCounter(2);
        assertThat(a.reserveCount("r1", 2)).isEqualTo(closed(3, 4));
        a.reserve("test-reservation", closed(10, 15), false);
        assertThat(a.reserveCount("r2", 2)).isEqualTo(closed(5, 6));
        assertThat(a.reserveCount("r3", 6)).isEqualTo(closed(7, 9).union(closed(16, 18)));
        assertThat(a.reserveCount("r4", 4)).isEqualTo(closed(19, 22));

        assertThat(a.reservations()).containsOnlyKeys("r1", "r2", "r3", "r4", "test-reservation");
        assertThat(a.reservations().get("r3").toString()).isEqualTo("BitField{7-9,16-18}");
        assertThat(a.reservations().firstKey()).isEqualTo("r1");
        assertThat(a.meta().reserved()).isEqualTo(closed(3, 22));
        assertThat(a.allocate()).isEqualTo(23);
    }

    @Test
    void reserveCountSkipsChainAllocatedNumbers() {
        SectorNumberAssigner a = new SectorNumberAssigner();
        a.setChainAllocated(BitField.of(0, 1, 3));
        assertThat(a.reserveCount("x", 3)).isEqualTo(BitField.of(2, 4, 5));
    }

    @Test
    void reserveCountOfZeroCreatesAnEmptyReservation() {
        SectorNumberAssigner a = new SectorNumberAssigner();
        assertThat(a.reserveCount("none", 0)).isEqualTo(BitField.empty());
        assertThat(a.reservations()).containsEntry("none", BitField.empty());
        assertThatThrownBy(() -> a.reserveCount("none", 0))
                .isInstanceOf(SectorNumberException.class)
                .hasMessage("reservation with this name already exists");
        assertThatThrownBy(() -> a.reserveCount("neg", -1)).isInstanceOf(IllegalArgumentException.class);
        a.free("none");
        assertThat(a.reservations()).isEmpty();
    }

    @Test
    void allocateSkipsReservedAndChainAllocated() {
        SectorNumberAssigner a = new SectorNumberAssigner();
        a.reserve("low", BitField.of(0, 2), false);
        a.setChainAllocated(BitField.of(1, 4));
        assertThat(a.allocate()).isEqualTo(3);
        assertThat(a.allocate()).isEqualTo(5);
        assertThat(a.chainAllocated()).isEqualTo(BitField.of(1, 4));

        SectorNumberAssigner.Meta m = a.meta();
        assertThat(m.reserved()).isEqualTo(BitField.of(0, 2));
        assertThat(m.allocated()).isEqualTo(BitField.of(3, 5));
        assertThat(m.inUse()).isEqualTo(closed(0, 5));
        assertThat(m.next()).isEqualTo(6);

        // the chain forgetting numbers frees them for allocation again
        a.setChainAllocated(BitField.empty());
        assertThat(a.allocate()).isEqualTo(1);
        assertThat(a.allocate()).isEqualTo(4);
    }

    @Test
    void markAllocated() {
        SectorNumberAssigner a = new SectorNumberAssigner();
        a.markAllocated(closed(0, 4));
        a.markAllocated(7);
        assertThat(a.allocate()).isEqualTo(5);
        assertThat(a.allocate()).isEqualTo(6);
        assertThat(a.allocate()).isEqualTo(8);
        assertThat(a.meta().allocated()).isEqualTo(closed(0, 8));
        assertThatThrownBy(() -> a.markAllocated(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reservingAllocatedNumbersNeedsForce() {
        SectorNumberAssigner a = SectorNumberAssigner.fromLegacyCounter(5);
        SectorNumberException e = catchThrowableOfType(
                SectorNumberException.class, () -> a.reserve("r", closed(4, 8), false));
        assertThat(e).hasMessage("new reservation is colliding with allocated sector numbers");
        assertThat(e.reservationName()).contains("r");
        assertThat(a.reservations()).isEmpty();

        a.reserve("r", closed(4, 8), true);
        assertThat(a.reservations()).containsEntry("r", closed(4, 8));
        assertThat(a.meta().reserved()).isEqualTo(closed(4, 8));
        assertThat(a.allocate()).isEqualTo(9);
    }

    @Test
    void chainAllocatedNumbersDoNotBlockReservations() {
        // Lotus checks reservations against its own Allocated only, not the chain's numbers
        SectorNumberAssigner a = new SectorNumberAssigner();
        a.setChainAllocated(closed(0, 9));
        a.reserve("r", closed(5, 12), false);
        assertThat(a.meta().inUse()).isEqualTo(closed(0, 12));
        assertThat(a.allocate()).isEqualTo(13);
    }

    @Test
    void forceReplacesAReservationOfTheSameName() {
        SectorNumberAssigner a = new SectorNumberAssigner();
        a.reserve("a", closed(1, 3), false);
        a.reserve("a", BitField.of(5), true);
        assertThat(a.reservations()).containsExactly(Map.entry("a", BitField.of(5)));
        assertThat(a.meta().reserved()).isEqualTo(BitField.of(5));
        assertThat(a.allocate()).isZero();
        assertThat(a.allocate()).isEqualTo(1);
    }

    @Test
    void forcedOverlapThenFreeDropsSharedNumbersFromReserved() {
        // the Lotus quirk the CLI's --force warns about ("can lead to damaging other reservations on free")
        SectorNumberAssigner a = new SectorNumberAssigner();
        a.reserve("a", closed(1, 5), false);
        a.reserve("b", closed(3, 7), true);
        assertThat(a.meta().reserved()).isEqualTo(closed(1, 7));
        a.free("a");
        assertThat(a.reservations()).containsExactly(Map.entry("b", closed(3, 7)));
        assertThat(a.meta().reserved()).isEqualTo(closed(6, 7));
        assertThat(a.allocate()).isZero();
        assertThat(a.allocate()).isEqualTo(1);
        assertThat(a.allocate()).isEqualTo(2);
        assertThat(a.allocate()).isEqualTo(3);
    }

    @Test
    void freeReleasesNumbers() {
        SectorNumberAssigner a = new SectorNumberAssigner();
        a.reserveCount("first", 3);
        assertThat(a.allocate()).isEqualTo(3);
        a.free("first");
        assertThat(a.meta().reserved()).isEqualTo(BitField.empty());
        assertThat(a.reservations()).isEmpty();
        assertThat(a.allocate()).isZero();

        SectorNumberException e = catchThrowableOfType(SectorNumberException.class, () -> a.free("first"));
        assertThat(e).hasMessage("reservation with this name doesn't exist");
        assertThat(e.reservationName()).contains("first");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "test/reservation", "a b", "ä", "name\n", "x.y", "-+"})
    void rejectsBadNames(String name) {
        SectorNumberAssigner a = new SectorNumberAssigner();
        assertThatThrownBy(() -> a.reserve(name, BitField.of(1), false))
                .isInstanceOf(SectorNumberException.class)
                .hasMessage(BAD_NAME);
        assertThatThrownBy(() -> a.reserveCount(name, 1)).hasMessage(BAD_NAME);
        assertThatThrownBy(() -> a.free(name)).hasMessage(BAD_NAME);
        assertThat(a.reservations()).isEmpty();
        assertThat(a.meta().reserved()).isEqualTo(BitField.empty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", "-", "_", "test-reservation-0001", "A_b-9"})
    void acceptsGoodNames(String name) {
        SectorNumberAssigner a = new SectorNumberAssigner();
        a.reserve(name, BitField.of(1), false);
        assertThat(a.reservations()).containsOnlyKeys(name);
    }

    @Test
    void exceptionCarriesTheName() {
        assertThat(new SectorNumberException("m").reservationName()).isEmpty();
        assertThat(new SectorNumberException("m", "n").reservationName()).contains("n");
        assertThat(new SectorNumberException("m", "n")).isInstanceOf(RuntimeException.class).hasMessage("m");
    }

    @Test
    void reservationsIsASnapshot() {
        SectorNumberAssigner a = new SectorNumberAssigner();
        var snapshot = a.reservations();
        a.reserve("a", BitField.of(1), false);
        assertThat(snapshot).isEmpty();
        assertThatThrownBy(() -> a.reservations().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void exhaustion() {
        SectorNumberAssigner a = new SectorNumberAssigner();
        a.markAllocated(BitField.range(0, Long.MAX_VALUE));
        assertThat(a.meta().next()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> a.reserveCount("x", 2))
                .isInstanceOf(SectorNumberException.class)
                .hasMessage("no free sector numbers left");
        assertThat(a.allocate()).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(a::allocate)
                .isInstanceOf(SectorNumberException.class)
                .hasMessage("no free sector numbers left");
    }

    @Test
    void allocateStaysFastWithManyRuns() {
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            SectorNumberAssigner a = new SectorNumberAssigner();
            long[] evens = new long[100_000];
            for (int i = 0; i < evens.length; i++) {
                evens[i] = 2L * i;
            }
            a.reserve("evens", BitField.of(evens), false);
            for (int i = 0; i < 100_000; i++) {
                assertThat(a.allocate()).isEqualTo(2L * i + 1);
            }
            for (int i = 0; i < 1_000_000; i++) {
                a.allocate();
            }
            SectorNumberAssigner.Meta m = a.meta();
            assertThat(m.allocated().runCount()).isEqualTo(100_000);
            assertThat(m.inUse().runCount()).isEqualTo(1);
            assertThat(m.next()).isEqualTo(1_200_000);
        });
    }

    /** Lotus's numassign semantics written naively over TreeSets. */
    @Test
    void matchesANaiveModel() {
        Random rnd = new Random(77L);
        String[] names = {"a", "b", "c", "d", "bad/name"};
        for (int round = 0; round < 40; round++) {
            SectorNumberAssigner a = new SectorNumberAssigner();
            TreeSet<Long> allocated = new TreeSet<>();
            TreeSet<Long> reserved = new TreeSet<>();
            Map<String, TreeSet<Long>> reservations = new HashMap<>();
            TreeSet<Long> chain = new TreeSet<>();
            for (int step = 0; step < 150; step++) {
                String name = names[rnd.nextInt(names.length)];
                String expectedError = null;
                switch (rnd.nextInt(7)) {
                    case 0, 1 -> {
                        long next = lowestFree(allocated, reserved, chain);
                        assertThat(a.allocate()).isEqualTo(next);
                        allocated.add(next);
                    }
                    case 2 -> {
                        long n = rnd.nextInt(60);
                        a.markAllocated(n);
                        allocated.add(n);
                    }
                    case 3, 4 -> {
                        TreeSet<Long> want = randomSet(rnd);
                        boolean force = rnd.nextInt(4) == 0;
                        expectedError = modelReserve(name, want, force, allocated, reserved, reservations);
                        BitField bf = toBitField(want);
                        if (expectedError == null) {
                            a.reserve(name, bf, force);
                        } else {
                            assertThatThrownBy(() -> a.reserve(name, bf, force)).hasMessage(expectedError);
                        }
                    }
                    case 5 -> {
                        int count = rnd.nextInt(5);
                        TreeSet<Long> free = new TreeSet<>();
                        for (long v = 0; free.size() < count; v++) {
                            if (!allocated.contains(v) && !reserved.contains(v) && !chain.contains(v)) {
                                free.add(v);
                            }
                        }
                        expectedError = modelReserve(name, free, false, allocated, reserved, reservations);
                        if (expectedError == null) {
                            assertThat(a.reserveCount(name, count)).isEqualTo(toBitField(free));
                        } else {
                            assertThatThrownBy(() -> a.reserveCount(name, count)).hasMessage(expectedError);
                        }
                    }
                    default -> {
                        if (rnd.nextBoolean()) {
                            if (name.contains("/")) {
                                expectedError = BAD_NAME;
                            } else if (!reservations.containsKey(name)) {
                                expectedError = "reservation with this name doesn't exist";
                            } else {
                                reserved.removeAll(reservations.remove(name));
                            }
                            if (expectedError == null) {
                                a.free(name);
                            } else {
                                assertThatThrownBy(() -> a.free(name)).hasMessage(expectedError);
                            }
                        } else {
                            chain = randomSet(rnd);
                            a.setChainAllocated(toBitField(chain));
                        }
                    }
                }
                SectorNumberAssigner.Meta m = a.meta();
                assertThat(m.allocated()).isEqualTo(toBitField(allocated));
                assertThat(m.reserved()).isEqualTo(toBitField(reserved));
                TreeSet<Long> inUse = new TreeSet<>(allocated);
                inUse.addAll(reserved);
                inUse.addAll(chain);
                assertThat(m.inUse()).isEqualTo(toBitField(inUse));
                assertThat(m.next()).isEqualTo(lowestFree(allocated, reserved, chain));
                TreeMap<String, BitField> expected = new TreeMap<>();
                reservations.forEach((k, v) -> expected.put(k, toBitField(v)));
                assertThat(a.reservations()).isEqualTo(expected);
            }
        }
    }

    private static String modelReserve(String name, TreeSet<Long> want, boolean force, TreeSet<Long> allocated,
            TreeSet<Long> reserved, Map<String, TreeSet<Long>> reservations) {
        if (name.contains("/")) {
            return BAD_NAME;
        }
        TreeSet<Long> cur = reservations.get(name);
        if (cur != null && !force) {
            return "reservation with this name already exists";
        }
        TreeSet<Long> others = new TreeSet<>(reserved);
        if (cur != null) {
            others.removeAll(cur);
        }
        if (!force && want.stream().anyMatch(others::contains)) {
            return "new reservation is colliding with another existing reservation";
        }
        if (!force && want.stream().anyMatch(allocated::contains)) {
            return "new reservation is colliding with allocated sector numbers";
        }
        others.addAll(want);
        reserved.clear();
        reserved.addAll(others);
        reservations.put(name, new TreeSet<>(want));
        return null;
    }

    private static long lowestFree(TreeSet<Long> allocated, TreeSet<Long> reserved, TreeSet<Long> chain) {
        long v = 0;
        while (allocated.contains(v) || reserved.contains(v) || chain.contains(v)) {
            v++;
        }
        return v;
    }

    private static TreeSet<Long> randomSet(Random rnd) {
        TreeSet<Long> s = new TreeSet<>();
        long start = rnd.nextInt(60);
        int n = rnd.nextInt(6);
        for (int i = 0; i < n; i++) {
            s.add(start + rnd.nextInt(8));
        }
        return s;
    }

    private static BitField toBitField(TreeSet<Long> s) {
        return BitField.of(s.stream().mapToLong(Long::longValue).toArray());
    }
}
