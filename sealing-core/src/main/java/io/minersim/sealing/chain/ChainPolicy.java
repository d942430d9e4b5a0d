package io.minersim.sealing.chain;

import io.minersim.sealing.InvalidInputException;

/**
 * The chain and actor constants the sealing pipeline waits on, in epochs unless named otherwise.
 *
 * @param genesisTimestamp unix seconds of epoch 0
 * @param blockDelaySeconds chain seconds per epoch
 * @param preCommitChallengeDelay epochs from pre-commit to the interactive seed
 * @param interactivePoRepConfidence extra epochs before the seed is used
 * @param messageConfidence epochs a landed message waits before its sectors move on
 * @param chainFinality epochs to finality (also the WinningPoSt sector-set lookback)
 * @param sealRandomnessLookback a ticket is drawn this many epochs behind the head
 * @param maxPreCommitRandomnessLookback the oldest ticket a pre-commit may use
 * @param maxProveCommitDuration epochs a pre-committed sector has to prove
 * @param wpostProvingPeriod epochs of one WindowPoSt proving period
 * @param faultMaxAge epochs of continuous fault after which the network terminates a sector
 * @param minSectorExpiration the shortest sector lifetime at commit
 * @param maxSectorExpirationExtension the furthest a sector's expiration may be set ahead
 * @param sectorMaxLifetime the longest total lifetime of a sector
 * @param dealMinDuration the shortest deal, and the least time left worth a snap upgrade
 */
public record ChainPolicy(
        long genesisTimestamp,
        long blockDelaySeconds,
        long preCommitChallengeDelay,
        long interactivePoRepConfidence,
        long messageConfidence,
        long chainFinality,
        long sealRandomnessLookback,
        long maxPreCommitRandomnessLookback,
        long maxProveCommitDuration,
        long wpostProvingPeriod,
        long faultMaxAge,
        long minSectorExpiration,
        long maxSectorExpirationExtension,
        long sectorMaxLifetime,
        long dealMinDuration) {

    /** Mainnet genesis, 2020-08-24T22:00:00Z. */
    public static final long MAINNET_GENESIS = 1_598_306_400L;
    /** Epochs in a day at 30 s. */
    public static final long EPOCHS_PER_DAY = 2880;

    public ChainPolicy {
        if (blockDelaySeconds <= 0) {
            throw new InvalidInputException("blockDelaySeconds", "block delay must be positive");
        }
        long[] nonNegative = {preCommitChallengeDelay, interactivePoRepConfidence, messageConfidence, chainFinality,
            sealRandomnessLookback, maxPreCommitRandomnessLookback, maxProveCommitDuration, wpostProvingPeriod,
            faultMaxAge, minSectorExpiration, maxSectorExpirationExtension, sectorMaxLifetime, dealMinDuration};
        for (long v : nonNegative) {
            if (v < 0) {
                throw new InvalidInputException("policy", "chain policy values must not be negative, got " + v);
            }
        }
        if (maxPreCommitRandomnessLookback < sealRandomnessLookback) {
            throw new InvalidInputException("maxPreCommitRandomnessLookback",
                    "the max ticket age must be at least the seal randomness lookback");
        }
    }

    /** Lotus mainnet (actors v16+): 30 s epochs and the real delays. */
    public static ChainPolicy mainnet() {
        return new ChainPolicy(MAINNET_GENESIS, 30, 150, 6, 5, 900, 900, 3780, 86_550, 2880,
                42 * 2880, 518_400, 3_680_640, 5_256_000, 518_400);
    }

    /**
     * A short-delay devnet in the manner of Lotus's 2k build: 4 s epochs and a 10-epoch challenge
     * delay; lifetimes stay mainnet's so that deal and expiration rules behave the same.
     */
    public static ChainPolicy devnet() {
        return new ChainPolicy(MAINNET_GENESIS, 4, 10, 6, 5, 900, 900, 3780, 86_550, 2880,
                42 * 2880, 518_400, 3_680_640, 5_256_000, 518_400);
    }

    /** The number of whole epochs that covers {@code seconds} of chain time (rounded up). */
    public long epochsCovering(long seconds) {
        if (seconds <= 0) {
            return 0;
        }
        return (seconds + blockDelaySeconds - 1) / blockDelaySeconds;
    }
}
