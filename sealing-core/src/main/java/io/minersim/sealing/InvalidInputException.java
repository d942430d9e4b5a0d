package io.minersim.sealing;

/**
 * An argument the core refuses: a malformed piece, a deal out of date, an unknown state name, a
 * setting out of range. The message says which argument and why.
 */
public final class InvalidInputException extends SealingException {
    private static final long serialVersionUID = 1L;

    private final String argument;

    public InvalidInputException(String argument, String message) {
        super(message);
        this.argument = argument;
    }

    /** The name of the argument at fault, e.g. {@code size} or {@code dealInfo.DealSchedule}. */
    public String argument() {
        return argument;
    }
}
