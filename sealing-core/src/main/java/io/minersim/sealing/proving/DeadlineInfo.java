package io.minersim.sealing.proving;

/**
 * One WindowPoSt deadline as the miner actor and Lotus's {@code dline.Info} describe it
 * ({@code deadline_info.rs}), at {@code currentEpoch}: the proving period it belongs to, its index,
 * its proof window [{@code open}, {@code close}), its challenge epoch and its fault cutoff. The JSON of
 * {@code StateMinerProvingDeadline} is these fields plus the five constants.
 */
public record DeadlineInfo(long currentEpoch, long periodStart, long index, long open, long close, long challenge,
        long faultCutoff) {

    /** Deadlines per proving period ({@code WPoStPeriodDeadlines}). */
    public static final long PERIOD_DEADLINES = 48;
    /** Epochs per deadline ({@code WPoStChallengeWindow}). */
    public static final long CHALLENGE_WINDOW = 60;
    /** Epochs per proving period ({@code WPoStProvingPeriod}, 48 × 60). */
    public static final long PROVING_PERIOD = PERIOD_DEADLINES * CHALLENGE_WINDOW;
    /** How far before its opening a deadline's challenge is drawn ({@code WPoStChallengeLookback}). */
    public static final long CHALLENGE_LOOKBACK = 20;
    /** How far before its opening faults and recoveries for a deadline must be declared. */
    public static final long FAULT_DECLARATION_CUTOFF = CHALLENGE_LOOKBACK + 50;

    /** The deadline {@code index} of the period starting at {@code periodStart}, seen at {@code currentEpoch}. */
    public static DeadlineInfo of(long periodStart, long index, long currentEpoch) {
        if (index < PERIOD_DEADLINES) {
            long open = periodStart + index * CHALLENGE_WINDOW;
            return new DeadlineInfo(currentEpoch, periodStart, index, open, open + CHALLENGE_WINDOW,
                    open - CHALLENGE_LOOKBACK, open - FAULT_DECLARATION_CUTOFF);
        }
        long after = periodStart + PROVING_PERIOD;
        return new DeadlineInfo(currentEpoch, periodStart, index, after, after, after, 0);
    }

    /**
     * The latest epoch at or before {@code epoch} that is {@code offset} modulo the proving period: the
     * start of the proving period {@code epoch} falls in, for a miner with that period offset.
     */
    public static long provingPeriodStart(long epoch, long offset) {
        long currentModulus = Math.floorMod(epoch, PROVING_PERIOD);
        long periodProgress = Math.floorMod(currentModulus - offset, PROVING_PERIOD);
        return epoch - periodProgress;
    }

    /** The deadline open at {@code epoch} in the period starting at {@code periodStart}. */
    public static DeadlineInfo current(long periodStart, long epoch) {
        long index = Math.floorDiv(epoch - periodStart, CHALLENGE_WINDOW);
        return of(periodStart, index, epoch);
    }

    /** The deadline's last epoch, when the actor's cron closes it. */
    public long last() {
        return close - 1;
    }

    public boolean periodStarted() {
        return currentEpoch >= periodStart;
    }

    public boolean isOpen() {
        return currentEpoch >= open && currentEpoch < close;
    }

    public boolean hasElapsed() {
        return currentEpoch >= close;
    }

    public boolean faultCutoffPassed() {
        return currentEpoch >= faultCutoff;
    }

    /** The last epoch of the proving period. */
    public long periodEnd() {
        return periodStart + PROVING_PERIOD - 1;
    }

    public long nextPeriodStart() {
        return periodStart + PROVING_PERIOD;
    }

    /** This deadline, or its next occurrence that has not closed yet. */
    public DeadlineInfo nextNotElapsed() {
        if (!hasElapsed()) {
            return this;
        }
        long gap = currentEpoch - close;
        long periods = 1 + gap / PROVING_PERIOD;
        return of(periodStart + PROVING_PERIOD * periods, index, currentEpoch);
    }

    /** Expirations in this deadline's queues are quantized to its last epoch of each period. */
    public QuantSpec quant() {
        return new QuantSpec(PROVING_PERIOD, last());
    }

    /**
     * Whether sectors may be added to or terminated in deadline {@code index} at {@code epoch}: not the
     * open one nor the next ({@code deadline_is_mutable}).
     */
    public static boolean isMutable(long periodStart, long index, long epoch) {
        DeadlineInfo next = of(periodStart, index, epoch).nextNotElapsed();
        return epoch < next.open - CHALLENGE_WINDOW;
    }
}
