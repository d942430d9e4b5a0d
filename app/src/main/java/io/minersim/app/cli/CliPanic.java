package io.minersim.app.cli;

/**
 * Where lotus-miner panics on bad input (e.g. {@code uuid.Must(uuid.Parse(arg))}): printed as Go prints a panic's
 * first line, {@code panic: <message>}, with Go's exit status 2, and without the goroutine dump that follows it in
 * Go.
 */
final class CliPanic extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliPanic(String message) {
        super(message);
    }
}
