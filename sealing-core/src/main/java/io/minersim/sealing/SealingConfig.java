package io.minersim.sealing;

import java.time.Duration;

/**
 * Lotus's sealing and batching knobs ({@code [Sealing]} in config.toml), with the same names and
 * meanings. Durations are chain time: the engine turns them into whole epochs.
 */
public record SealingConfig(
        int maxWaitDealsSectors,
        int maxSealingSectors,
        int maxSealingSectorsForDeals,
        Duration waitDealsDelay,
        boolean makeCCSectorsAvailable,
        Duration committedCapacitySectorLifetime,
        long startEpochSealingBuffer,
        int maxPreCommitBatch,
        Duration preCommitBatchWait,
        Duration preCommitBatchSlack,
        int minCommitBatch,
        int maxCommitBatch,
        Duration commitBatchWait,
        Duration commitBatchSlack,
        int terminateBatchMin,
        int terminateBatchMax,
        Duration terminateBatchWait,
        Duration minRetryTime) {

    public SealingConfig {
        nonNegative("MaxWaitDealsSectors", maxWaitDealsSectors);
        nonNegative("MaxSealingSectors", maxSealingSectors);
        nonNegative("MaxSealingSectorsForDeals", maxSealingSectorsForDeals);
        nonNegative("StartEpochSealingBuffer", startEpochSealingBuffer);
        positive("MaxPreCommitBatch", maxPreCommitBatch);
        positive("MinCommitBatch", minCommitBatch);
        positive("MaxCommitBatch", maxCommitBatch);
        positive("TerminateBatchMin", terminateBatchMin);
        positive("TerminateBatchMax", terminateBatchMax);
        if (minCommitBatch > maxCommitBatch) {
            throw new InvalidInputException("MinCommitBatch",
                    "MinCommitBatch (" + minCommitBatch + ") exceeds MaxCommitBatch (" + maxCommitBatch + ")");
        }
        if (terminateBatchMin > terminateBatchMax) {
            throw new InvalidInputException("TerminateBatchMin", "TerminateBatchMin (" + terminateBatchMin
                    + ") exceeds TerminateBatchMax (" + terminateBatchMax + ")");
        }
        duration("WaitDealsDelay", waitDealsDelay);
        duration("CommittedCapacitySectorLifetime", committedCapacitySectorLifetime);
        duration("PreCommitBatchWait", preCommitBatchWait);
        duration("PreCommitBatchSlack", preCommitBatchSlack);
        duration("CommitBatchWait", commitBatchWait);
        duration("CommitBatchSlack", commitBatchSlack);
        duration("TerminateBatchWait", terminateBatchWait);
        duration("MinRetryTime", minRetryTime);
    }

    /** Lotus's defaults ({@code node/config/def.go}). */
    public static SealingConfig mainnet() {
        return new SealingConfig(2, 0, 0, Duration.ofHours(6), false, Duration.ofSeconds(1_555_200L * 30), 480,
                256, Duration.ofHours(24), Duration.ofHours(3), 4, 819, Duration.ofHours(24), Duration.ofHours(1),
                1, 100, Duration.ofMinutes(5), Duration.ofMinutes(1));
    }

    /** Lotus's knobs with devnet waits: batches leave within seconds of chain time. */
    public static SealingConfig devnet() {
        return new SealingConfig(2, 0, 0, Duration.ofSeconds(40), false, Duration.ofSeconds(1_555_200L * 30), 480,
                256, Duration.ofSeconds(8), Duration.ofSeconds(4), 4, 819, Duration.ofSeconds(8), Duration.ofSeconds(4),
                1, 100, Duration.ofSeconds(8), Duration.ofSeconds(8));
    }

    /** A copy with another {@code WaitDealsDelay} (what {@code SectorSetSealDelay} sets). */
    public SealingConfig withWaitDealsDelay(Duration delay) {
        Builder b = toBuilder();
        b.waitDealsDelay = delay;
        return b.build();
    }

    /** A copy with other pre-commit batching knobs. */
    public SealingConfig withPreCommitBatching(int max, Duration wait, Duration slack) {
        Builder b = toBuilder();
        b.maxPreCommitBatch = max;
        b.preCommitBatchWait = wait;
        b.preCommitBatchSlack = slack;
        return b.build();
    }

    /** A copy with other commit aggregation knobs. */
    public SealingConfig withCommitBatching(int min, int max, Duration wait, Duration slack) {
        Builder b = toBuilder();
        b.minCommitBatch = min;
        b.maxCommitBatch = max;
        b.commitBatchWait = wait;
        b.commitBatchSlack = slack;
        return b.build();
    }

    /** A copy with other terminate batching knobs. */
    public SealingConfig withTerminateBatching(int min, int max, Duration wait) {
        Builder b = toBuilder();
        b.terminateBatchMin = min;
        b.terminateBatchMax = max;
        b.terminateBatchWait = wait;
        return b.build();
    }

    /** A copy with other input limits. */
    public SealingConfig withLimits(int maxWaitDeals, int maxSealing, int maxSealingForDeals) {
        Builder b = toBuilder();
        b.maxWaitDealsSectors = maxWaitDeals;
        b.maxSealingSectors = maxSealing;
        b.maxSealingSectorsForDeals = maxSealingForDeals;
        return b.build();
    }

    /** A mutable copy of every knob, for building variations; {@link Builder#build()} validates. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Every knob of {@link SealingConfig}, settable. */
    public static final class Builder {
        public int maxWaitDealsSectors;
        public int maxSealingSectors;
        public int maxSealingSectorsForDeals;
        public Duration waitDealsDelay;
        public boolean makeCCSectorsAvailable;
        public Duration committedCapacitySectorLifetime;
        public long startEpochSealingBuffer;
        public int maxPreCommitBatch;
        public Duration preCommitBatchWait;
        public Duration preCommitBatchSlack;
        public int minCommitBatch;
        public int maxCommitBatch;
        public Duration commitBatchWait;
        public Duration commitBatchSlack;
        public int terminateBatchMin;
        public int terminateBatchMax;
        public Duration terminateBatchWait;
        public Duration minRetryTime;

        private Builder(SealingConfig c) {
            maxWaitDealsSectors = c.maxWaitDealsSectors;
            maxSealingSectors = c.maxSealingSectors;
            maxSealingSectorsForDeals = c.maxSealingSectorsForDeals;
            waitDealsDelay = c.waitDealsDelay;
            makeCCSectorsAvailable = c.makeCCSectorsAvailable;
            committedCapacitySectorLifetime = c.committedCapacitySectorLifetime;
            startEpochSealingBuffer = c.startEpochSealingBuffer;
            maxPreCommitBatch = c.maxPreCommitBatch;
            preCommitBatchWait = c.preCommitBatchWait;
            preCommitBatchSlack = c.preCommitBatchSlack;
            minCommitBatch = c.minCommitBatch;
            maxCommitBatch = c.maxCommitBatch;
            commitBatchWait = c.commitBatchWait;
            commitBatchSlack = c.commitBatchSlack;
            terminateBatchMin = c.terminateBatchMin;
            terminateBatchMax = c.terminateBatchMax;
            terminateBatchWait = c.terminateBatchWait;
            minRetryTime = c.minRetryTime;
        }

        public SealingConfig build() {
            return new SealingConfig(maxWaitDealsSectors, maxSealingSectors, maxSealingSectorsForDeals,
                    waitDealsDelay, makeCCSectorsAvailable, committedCapacitySectorLifetime, startEpochSealingBuffer,
                    maxPreCommitBatch, preCommitBatchWait, preCommitBatchSlack, minCommitBatch, maxCommitBatch,
                    commitBatchWait, commitBatchSlack, terminateBatchMin, terminateBatchMax, terminateBatchWait,
                    minRetryTime);
        }
    }

    private static void nonNegative(String name, long v) {
        if (v < 0) {
            throw new InvalidInputException(name, name + " must not be negative, got " + v);
        }
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new InvalidInputException(name, name + " must be positive, got " + v);
        }
    }

    private static void duration(String name, Duration d) {
        if (d == null || d.isNegative()) {
            throw new InvalidInputException(name, name + " must be a non-negative duration, got " + d);
        }
    }
}
