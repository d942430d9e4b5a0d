package io.minersim.app.scenario;

import io.minersim.sealing.SealingException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A scenario that cannot run: every problem found, each with the JSON path of the field at fault
 * (for example {@code $.miner.counts[2].state}) and why.
 */
public final class ScenarioException extends SealingException {
    private static final long serialVersionUID = 1L;

    /** One bad field: where ({@code $…}) and why. */
    public record Problem(String path, String message) {
        @Override
        public String toString() {
            return path + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public ScenarioException(String source, List<Problem> problems) {
        super("scenario " + source + " is invalid: " + problems.stream().map(Problem::toString)
                .collect(Collectors.joining("; ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}
