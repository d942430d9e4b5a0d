package io.minersim.sealing.stats;

import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import java.util.Objects;

/**
 * One move of the miner's history with the sector's chain facts after it: what the statistics need
 * beyond the history entry itself.
 *
 * @param epoch the epoch of the move
 * @param sector the sector number
 * @param from the state before ({@code null} for a sector's first move)
 * @param to the state after
 * @param event the event that moved it
 * @param sectorSize the sector size in bytes
 * @param dealBytes padded bytes of deal pieces in the sector (verified ones included)
 * @param verifiedDealBytes padded bytes of verified deal pieces
 * @param dealWeight the on-chain deal weight (bytes × epochs), 0 before activation
 * @param verifiedDealWeight the on-chain verified deal weight
 * @param powerBaseEpoch the epoch the sector's power is counted from (activation, or the landing of
 *     a snap upgrade), or -1 when it is not on chain
 * @param expiration the sector's expiration epoch (0 before pre-commit)
 * @param message the chain message whose landing this move is (a pre-commit for
 *     {@code SectorPreCommitLanded}, a prove-commit for {@code SectorProving}), or {@code null}
 */
public record SectorMove(
        long epoch,
        long sector,
        SectorState from,
        SectorState to,
        SectorEvent event,
        long sectorSize,
        long dealBytes,
        long verifiedDealBytes,
        long dealWeight,
        long verifiedDealWeight,
        long powerBaseEpoch,
        long expiration,
        Message message) {

    /** No power base: the sector is not on chain. */
    public static final long NOT_ON_CHAIN = -1;

    public SectorMove {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(event, "event");
        if (epoch < 0 || sector < 0) {
            throw new InvalidInputException("move", "epoch and sector must not be negative: epoch " + epoch
                    + ", sector " + sector);
        }
        if (sectorSize <= 0 || dealBytes < 0 || verifiedDealBytes < 0 || verifiedDealBytes > dealBytes
                || dealBytes > sectorSize) {
            throw new InvalidInputException("move", "deal bytes must lie within the sector: size " + sectorSize
                    + ", deal bytes " + dealBytes + ", verified " + verifiedDealBytes);
        }
        if (dealWeight < 0 || verifiedDealWeight < 0 || powerBaseEpoch < NOT_ON_CHAIN || expiration < 0) {
            throw new InvalidInputException("move", "weights and epochs must not be negative");
        }
    }

    /** The same move at another epoch (its chain facts unchanged). */
    public SectorMove atEpoch(long newEpoch) {
        return new SectorMove(newEpoch, sector, from, to, event, sectorSize, dealBytes, verifiedDealBytes, dealWeight,
                verifiedDealWeight, powerBaseEpoch, expiration, message);
    }

    /** The power the sector has on chain after the move (its raw size when not on chain). */
    public long qualityAdjustedPower() {
        if (powerBaseEpoch == NOT_ON_CHAIN) {
            return QualityAdjustedPower.ofBytes(sectorSize, dealBytes, verifiedDealBytes);
        }
        return QualityAdjustedPower.of(sectorSize, expiration - powerBaseEpoch, dealWeight, verifiedDealWeight);
    }

    /**
     * A chain message that carried sectors.
     *
     * @param index the miner's message number (its nonce)
     * @param sectors how many sectors the message carried
     * @param aggregate whether its proofs were aggregated ({@code ProveCommitAggregate})
     */
    public record Message(long index, int sectors, boolean aggregate) {
        public Message {
            if (index < 0 || sectors < 1) {
                throw new InvalidInputException("message", "a message has an index >= 0 and at least one sector");
            }
        }
    }
}
