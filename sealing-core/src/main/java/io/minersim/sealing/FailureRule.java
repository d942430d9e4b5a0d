package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorState;
import java.util.Iterator;
import java.util.List;
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
        if (StateHandlers.failureEvent(state) == null) {
            throw new InvalidInputException("State", "state " + state + " has no failure path to inject into");
        }
        error = error == null || error.isBlank() ? "injected failure in " + state : error;
    }

    /**
     * Takes the first armed rule that matches the sector entering its state, counting it down (a rule
     * with more to go moves to the end of the list); its error, or {@code null} when none matches.
     */
    static String take(List<FailureRule> rules, Sector s) {
        for (Iterator<FailureRule> it = rules.iterator(); it.hasNext(); ) {
            FailureRule r = it.next();
            if (r.state() == s.state && (r.sector() == null || r.sector() == s.number)) {
                it.remove();
                if (r.count() > 1) {
                    rules.add(new FailureRule(r.state(), r.sector(), r.count() - 1, r.error()));
                }
                return r.error();
            }
        }
        return null;
    }
}
