package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorState;
import java.util.Objects;

/**
 * A failure to inject: the next {@code count} times a sector (the given one, or any when
 * {@code sector} is {@code null}) enters {@code state}, the state's work fails with {@code error}
 * and the sector follows Lotus's failure path.
 */
public record FailureRule(SectorState state, Long sector, int count, String error) {

    public FailureRule {
        Objects.requireNonNull(state, "state");
        if (count <= 0) {
            throw new InvalidInputException("Count", "failure count must be positive, got " + count);
        }
        if (sector != null && sector < 0) {
            throw new InvalidInputException("Sector", "sector number must not be negative, got " + sector);
        }
        if (FailurePaths.failureEvent(state) == null) {
            throw new InvalidInputException("State", "state " + state + " has no failure path to inject into");
        }
        error = error == null || error.isBlank() ? "injected failure in " + state : error;
    }
}
