package io.minersim.app.cli;

/**
 * A command failed for a reason the user can act on; its message is the one line printed to stderr.
 * Commands throw it for refused arguments, missing API info and errors from the miner.
 */
public final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CliException(String message) {
        super(message);
    }

    public CliException(String message, Throwable cause) {
        super(message, cause);
    }
}
