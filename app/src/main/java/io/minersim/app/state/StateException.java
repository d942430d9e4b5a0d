package io.minersim.app.state;

/** A state directory that cannot be used as it is: one line naming the file and what is wrong. */
public final class StateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
