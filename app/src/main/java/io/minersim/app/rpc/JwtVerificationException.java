package io.minersim.app.rpc;

/**
 * A token that failed verification. The message is Lotus's: {@code JWT Verification failed: <reason>}. Unchecked,
 * so that a method implementation (AuthVerify) can let it through and it becomes a code-1 error with that text.
 */
public final class JwtVerificationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    public JwtVerificationException(String reason) {
        super("JWT Verification failed: " + reason, null, false, false);
        this.reason = reason;
    }

    /** The library's error text, e.g. {@code jwt: HMAC verification failed}. */
    public String reason() {
        return reason;
    }
}
