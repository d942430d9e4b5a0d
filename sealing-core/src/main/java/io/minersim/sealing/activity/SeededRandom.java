package io.minersim.sealing.activity;

/**
 * The draws of {@code java.util.SplittableRandom(seed)} (SplitMix64: a 64-bit state stepped by the golden gamma,
 * each value a mix of it), bit for bit, with the state readable and settable: what an activity's snapshot keeps, so
 * a restored activity draws on exactly as the original would. {@code SeededRandomTest} checks it against the JDK's.
 */
final class SeededRandom {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    private SeededRandom(long state) {
        this.state = state;
    }

    /** As {@code new SplittableRandom(seed)}. */
    static SeededRandom seeded(long seed) {
        return new SeededRandom(seed);
    }

    /** A generator whose next draw is the one after {@link #state()} was read. */
    static SeededRandom atState(long state) {
        return new SeededRandom(state);
    }

    /** Everything the generator is. */
    long state() {
        return state;
    }

    private long nextSeed() {
        return state += GOLDEN_GAMMA;
    }

    private static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static int mix32(long z) {
        z = (z ^ (z >>> 33)) * 0x62a9d9ed799705f5L;
        return (int) (((z ^ (z >>> 28)) * 0xcb24d0a5c88c35b3L) >>> 32);
    }

    long nextLong() {
        return mix64(nextSeed());
    }

    int nextInt() {
        return mix32(nextSeed());
    }

    /** Uniform in [0, bound), as the JDK's bounded draw (a power of two masked, else rejection on 31 bits). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive");
        }
        int r = nextInt();
        int m = bound - 1;
        if ((bound & m) == 0) {
            return r & m;
        }
        for (int u = r >>> 1; u + m - (r = u % bound) < 0; u = nextInt() >>> 1) {
            // rejected: draw again
        }
        return r;
    }

    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean nextBoolean() {
        return nextInt() < 0;
    }
}
