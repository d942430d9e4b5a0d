package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code dline.Info}, StateMinerProvingDeadline's result: one deadline of a proving period at {@code CurrentEpoch},
 * with the five WindowPoSt constants. Built by {@link #of}, which derives every epoch from the period start and
 * index as {@code dline.NewInfo} does.
 *
 * @param currentEpoch the epoch it was computed at
 * @param periodStart the proving period's first epoch
 * @param index the deadline's index, below 48 (48 only past the period's last deadline)
 * @param open the first epoch of its proof window
 * @param close the first epoch after it
 * @param challenge the epoch its challenge is drawn at (Open − 20)
 * @param faultCutoff the first epoch faults can no longer be declared for it (Open − 70)
 * @param wPoStPeriodDeadlines 48
 * @param wPoStProvingPeriod 2880
 * @param wPoStChallengeWindow 60
 * @param wPoStChallengeLookback 20
 * @param faultDeclarationCutoff 70
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProvingDeadline(
        @JsonProperty("CurrentEpoch") long currentEpoch,
        @JsonProperty("PeriodStart") long periodStart,
        @JsonProperty("Index") long index,
        @JsonProperty("Open") long open,
        @JsonProperty("Close") long close,
        @JsonProperty("Challenge") long challenge,
        @JsonProperty("FaultCutoff") long faultCutoff,
        @JsonProperty("WPoStPeriodDeadlines") long wPoStPeriodDeadlines,
        @JsonProperty("WPoStProvingPeriod") long wPoStProvingPeriod,
        @JsonProperty("WPoStChallengeWindow") long wPoStChallengeWindow,
        @JsonProperty("WPoStChallengeLookback") long wPoStChallengeLookback,
        @JsonProperty("FaultDeclarationCutoff") long faultDeclarationCutoff) {
    public static final long PERIOD_DEADLINES = 48;
    public static final long CHALLENGE_WINDOW = 60;
    public static final long PROVING_PERIOD = PERIOD_DEADLINES * CHALLENGE_WINDOW;
    public static final long CHALLENGE_LOOKBACK = 20;
    public static final long FAULT_DECLARATION_CUTOFF = 70;

    public ProvingDeadline {
        Checks.uint64(index, "ProvingDeadline", "Index");
        if (index > PERIOD_DEADLINES) {
            throw new IllegalArgumentException("ProvingDeadline.Index must be at most 48, got " + index);
        }
        if (close < open || challenge > open) {
            throw new IllegalArgumentException("ProvingDeadline: want Challenge <= Open <= Close, got " + challenge
                    + ", " + open + ", " + close);
        }
    }

    /** The deadline {@code index} of the period starting at {@code periodStart}, at {@code currentEpoch}. */
    public static ProvingDeadline of(long currentEpoch, long periodStart, long index) {
        long open;
        long close;
        long challenge;
        long cutoff;
        if (index < PERIOD_DEADLINES) {
            open = periodStart + index * CHALLENGE_WINDOW;
            close = open + CHALLENGE_WINDOW;
            challenge = open - CHALLENGE_LOOKBACK;
            cutoff = open - FAULT_DECLARATION_CUTOFF;
        } else {
            open = periodStart + PROVING_PERIOD;
            close = open;
            challenge = open;
            cutoff = 0;
        }
        return new ProvingDeadline(currentEpoch, periodStart, index, open, close, challenge, cutoff, PERIOD_DEADLINES,
                PROVING_PERIOD, CHALLENGE_WINDOW, CHALLENGE_LOOKBACK, FAULT_DECLARATION_CUTOFF);
    }
}
