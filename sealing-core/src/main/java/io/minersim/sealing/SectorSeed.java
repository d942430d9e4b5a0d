package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.Piece;
import java.util.List;
import java.util.Objects;

/**
 * One sector to materialise directly in a state, as a scenario describes it; {@link SectorSeeder}
 * gives it the past a sector in that state has (ticket, CommD and CommR, messages, on-chain info,
 * log, failure) and it goes on from there as the clock runs.
 *
 * @param number the sector number, or {@link #NEXT} for the lowest free one
 * @param state the state the sector is in
 * @param pieces its deal pieces in sector order (no fillers; alignment pads are added as Lotus adds
 *     them); empty for a committed-capacity sector
 * @param error for a failure state, the error its log and {@code LastErr} show; {@code null} for a
 *     default text naming the failed step
 * @param age epochs since the sector entered {@code state}; 0 means it entered it at the head
 * @param faulty faulty on chain (the sealing state is not a fault state: Lotus keeps a faulty sector in
 *     {@code Proving}) since {@code age} epochs ago, or its activation if later: the chain terminates
 *     it FaultMaxAge after that; only for a sector the chain proves
 */
public record SectorSeed(long number, SectorState state, List<Piece> pieces, String error, long age,
        boolean faulty) {

    /** Take the lowest free sector number. */
    public static final long NEXT = -1;

    public SectorSeed {
        Objects.requireNonNull(state, "state");
        pieces = pieces == null ? List.of() : List.copyOf(pieces);
        if (number < NEXT) {
            throw new InvalidInputException("Number", "sector number must not be negative, got " + number);
        }
        if (age < 0) {
            throw new InvalidInputException("Age", "age must not be negative, got " + age);
        }
        for (Piece p : pieces) {
            if (p.isFiller()) {
                throw new InvalidInputException("Pieces", "a seeded piece needs its deal; fillers are added by the"
                        + " miner");
            }
        }
    }

    /** A seed that is not faulty on chain. */
    public SectorSeed(long number, SectorState state, List<Piece> pieces, String error, long age) {
        this(number, state, pieces, error, age, false);
    }

    /** A committed-capacity sector with the next free number, entering {@code state} at the head. */
    public static SectorSeed of(SectorState state) {
        return new SectorSeed(NEXT, state, List.of(), null, 0);
    }

    /** This seed, faulty on chain or not. */
    public SectorSeed withFaulty(boolean onChainFault) {
        return new SectorSeed(number, state, pieces, error, age, onChainFault);
    }
}
