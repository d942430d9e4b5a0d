package io.minersim.sealing.stats;

import io.minersim.sealing.InvalidInputException;
import java.math.BigInteger;

/**
 * Quality-adjusted power as the builtin actors compute it ({@code QualityForWeight} and
 * {@code QAPowerForWeight}):
 *
 * <pre>
 * spaceTime = size × duration
 * weighted  = (spaceTime − dealWeight − verifiedWeight) × 10 + dealWeight × 10 + verifiedWeight × 100
 * quality   = ((weighted &lt;&lt; 20) / spaceTime) / 10          (integer divisions)
 * QAP       = (size × quality) &gt;&gt; 20
 * </pre>
 *
 * <p>{@code duration} is the sector's expiration less its power base epoch (its activation, or the
 * epoch a snap upgrade landed), and the weights are deal bytes × the epochs they stay in the
 * sector; so a CC sector has exactly its size, and verified deal space counts ten times.
 */
public final class QualityAdjustedPower {
    /** {@code QualityBaseMultiplier}, also {@code DealWeightMultiplier}. */
    static final BigInteger BASE_MULTIPLIER = BigInteger.TEN;
    /** {@code VerifiedDealWeightMultiplier}. */
    static final BigInteger VERIFIED_MULTIPLIER = BigInteger.valueOf(100);
    /** {@code SectorQualityPrecision}. */
    static final int QUALITY_PRECISION = 20;

    private QualityAdjustedPower() {
    }

    /**
     * The power of a sector of {@code sectorSize} bytes committed for {@code duration} epochs with
     * these weights (bytes × epochs); a sector with no duration left has its raw size.
     */
    public static long of(long sectorSize, long duration, long dealWeight, long verifiedDealWeight) {
        if (sectorSize <= 0 || dealWeight < 0 || verifiedDealWeight < 0) {
            throw new InvalidInputException("weight", "sector size must be positive and weights not negative: size "
                    + sectorSize + ", deal weight " + dealWeight + ", verified deal weight " + verifiedDealWeight);
        }
        if (duration <= 0) {
            return sectorSize;
        }
        BigInteger size = BigInteger.valueOf(sectorSize);
        BigInteger spaceTime = size.multiply(BigInteger.valueOf(duration));
        BigInteger deal = BigInteger.valueOf(dealWeight);
        BigInteger verified = BigInteger.valueOf(verifiedDealWeight);
        if (spaceTime.compareTo(deal.add(verified)) < 0) {
            throw new InvalidInputException("weight", "deal weights " + dealWeight + " + " + verifiedDealWeight
                    + " exceed the sector's space-time " + spaceTime);
        }
        BigInteger weighted = spaceTime.subtract(deal).subtract(verified).multiply(BASE_MULTIPLIER)
                .add(deal.multiply(BASE_MULTIPLIER)).add(verified.multiply(VERIFIED_MULTIPLIER));
        BigInteger quality = weighted.shiftLeft(QUALITY_PRECISION).divide(spaceTime).divide(BASE_MULTIPLIER);
        return size.multiply(quality).shiftRight(QUALITY_PRECISION).longValueExact();
    }

    /**
     * The power of a sector by its deal bytes alone (as if every deal lasted the sector's whole
     * life): what a pre-committed sector will weigh once proven.
     */
    public static long ofBytes(long sectorSize, long dealBytes, long verifiedDealBytes) {
        return of(sectorSize, 1, dealBytes - verifiedDealBytes, verifiedDealBytes);
    }
}
