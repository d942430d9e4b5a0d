package io.minersim.app.rpc;

import java.util.concurrent.CancellationException;

/**
 * Turns what an implementation threw into the JSON-RPC error go-jsonrpc would send. Lotus methods return a Go
 * {@code error} (code 1, its text as the message) or panic (code 0,
 * {@code fatal error calling 'X': panic in rpc method 'X': <panic>}, HTTP 500).
 */
public interface ErrorMapper {
    /**
     * The error for {@code failure} thrown by {@code method} (its wire name), or {@code null} to report the failure
     * as a panic.
     */
    RpcError toError(String method, Throwable failure);

    /** The text of a panic (what Go prints for the panic value). */
    default String panicText(Throwable failure) {
        return Messages.panicText(failure);
    }

    /**
     * The default: programming errors (Java's analogues of Go runtime panics: null dereference, bad index, bad
     * cast, division by zero, and every {@link Error}) are panics; every other exception is a code-1 error whose
     * message is the exception's message (interruption and cancellation read {@code context canceled}).
     */
    static ErrorMapper defaults() {
        return (method, failure) -> Messages.isPanic(failure) ? null
                : new RpcError(RpcError.HANDLER_ERROR, Messages.errorText(failure));
    }

    /** Whether a failure means the call was cancelled. */
    static boolean isCancellation(Throwable t) {
        return t instanceof InterruptedException || t instanceof CancellationException;
    }
}
