package io.minersim.sealing.stats;

import io.minersim.sealing.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Objects;

/**
 * One day of a miner's (or several miners') sector statistics: each {@link Measure} for the day and
 * cumulated to its end, and each {@link Level} at its end. Immutable; {@link #plus} adds up miners.
 */
public final class SectorStats {
    private static final int MEASURES = Measure.values().length;
    private static final int LEVELS = Level.values().length;
    private static final long SECONDS_PER_DAY = 86_400;

    private final LocalDate date;
    private final long[] daily;
    private final long[] total;
    private final long[] level;
    private final BigInteger lifetimeSquares;

    SectorStats(LocalDate date, long[] daily, long[] total, long[] level, BigInteger lifetimeSquares) {
        this.date = Objects.requireNonNull(date, "date");
        if (daily.length != MEASURES || total.length != MEASURES || level.length != LEVELS) {
            throw new InvalidInputException("stats", "a day of statistics has " + MEASURES + " measures and "
                    + LEVELS + " levels");
        }
        this.daily = daily.clone();
        this.total = total.clone();
        this.level = level.clone();
        this.lifetimeSquares = Objects.requireNonNull(lifetimeSquares, "lifetimeSquares");
    }

    /** The day's values in one array: daily, then total (one per {@link Measure}), then each {@link Level}. */
    long[] row() {
        long[] out = new long[2 * MEASURES + LEVELS];
        System.arraycopy(daily, 0, out, 0, MEASURES);
        System.arraycopy(total, 0, out, MEASURES, MEASURES);
        System.arraycopy(level, 0, out, 2 * MEASURES, LEVELS);
        return out;
    }

    /** The values of a day's {@link #row()}. */
    static SectorStats ofRow(LocalDate date, long[] row, int from, BigInteger lifetimeSquares) {
        long[] d = java.util.Arrays.copyOfRange(row, from, from + MEASURES);
        long[] t = java.util.Arrays.copyOfRange(row, from + MEASURES, from + 2 * MEASURES);
        long[] l = java.util.Arrays.copyOfRange(row, from + 2 * MEASURES, from + 2 * MEASURES + LEVELS);
        return new SectorStats(date, d, t, l, lifetimeSquares);
    }

    /** Longs in a {@link #row()}. */
    static int rowLength() {
        return 2 * MEASURES + LEVELS;
    }

    public LocalDate date() {
        return date;
    }

    /** What happened on the day. */
    public long daily(Measure m) {
        return daily[m.ordinal()];
    }

    /** What happened from genesis to the end of the day. */
    public long total(Measure m) {
        return total[m.ordinal()];
    }

    /** The level at the end of the day. */
    public long level(Level l) {
        return level[l.ordinal()];
    }

    /** The sum of the squares of active sectors' lifetimes, in seconds². */
    public BigInteger lifetimeSquares() {
        return lifetimeSquares;
    }

    /** Sectors per pre-commit batch message, cumulated; 0 without any. */
    public double averagePreCommitBatchSectors() {
        return ratio(total(Measure.PRE_COMMIT_BATCH_SECTORS), total(Measure.PRE_COMMIT_BATCH_MESSAGES));
    }

    /** Sectors per {@code ProveCommitAggregate} message, cumulated; 0 without any. */
    public double averageProveCommitAggregateSectors() {
        return ratio(total(Measure.PROVE_COMMIT_AGGREGATE_SECTORS), total(Measure.PROVE_COMMIT_AGGREGATE_MESSAGES));
    }

    /** The mean lifetime of active sectors in days; 0 without any. */
    public double averageActiveLifetimeDays() {
        long n = level(Level.ACTIVE_SECTORS);
        return n == 0 ? 0 : new BigDecimal(level(Level.ACTIVE_LIFETIME_SECONDS))
                .divide(BigDecimal.valueOf(n).multiply(BigDecimal.valueOf(SECONDS_PER_DAY)), MathContext.DECIMAL64)
                .doubleValue();
    }

    /**
     * The (population) standard deviation of active sectors' lifetimes in days: every active sector
     * is counted, so the set is the whole population. 0 without any.
     */
    public double activeLifetimeStdDevDays() {
        long n = level(Level.ACTIVE_SECTORS);
        if (n == 0) {
            return 0;
        }
        BigInteger sum = BigInteger.valueOf(level(Level.ACTIVE_LIFETIME_SECONDS));
        BigInteger count = BigInteger.valueOf(n);
        BigInteger spread = count.multiply(lifetimeSquares).subtract(sum.multiply(sum));
        double variance = new BigDecimal(spread).divide(new BigDecimal(count.multiply(count)), MathContext.DECIMAL128)
                .doubleValue();
        return Math.sqrt(Math.max(0, variance)) / SECONDS_PER_DAY;
    }

    /** This day's figures added to another miner's for the same day. */
    public SectorStats plus(SectorStats other) {
        if (!date.equals(other.date)) {
            throw new InvalidInputException("date", "cannot add statistics of " + date + " and " + other.date);
        }
        long[] d = new long[MEASURES];
        long[] t = new long[MEASURES];
        long[] l = new long[LEVELS];
        for (int i = 0; i < MEASURES; i++) {
            d[i] = Math.addExact(daily[i], other.daily[i]);
            t[i] = Math.addExact(total[i], other.total[i]);
        }
        for (int i = 0; i < LEVELS; i++) {
            l[i] = Math.addExact(level[i], other.level[i]);
        }
        return new SectorStats(date, d, t, l, lifetimeSquares.add(other.lifetimeSquares));
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SectorStats s && date.equals(s.date) && Arrays.equals(daily, s.daily)
                && Arrays.equals(total, s.total) && Arrays.equals(level, s.level)
                && lifetimeSquares.equals(s.lifetimeSquares);
    }

    @Override
    public int hashCode() {
        return Objects.hash(date, Arrays.hashCode(daily), Arrays.hashCode(total), Arrays.hashCode(level),
                lifetimeSquares);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SectorStats[").append(date);
        for (Measure m : Measure.values()) {
            if (daily(m) != 0 || total(m) != 0) {
                sb.append(", ").append(m).append('=').append(daily(m)).append('/').append(total(m));
            }
        }
        for (Level l : Level.values()) {
            sb.append(", ").append(l).append('=').append(level(l));
        }
        return sb.append(']').toString();
    }
}
