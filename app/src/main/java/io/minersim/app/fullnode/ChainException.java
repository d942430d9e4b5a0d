package io.minersim.app.fullnode;

/**
 * A full-node method's error as Lotus returns it: its message, and the JSON-RPC code (1, or Lotus's registered code
 * such as 11 for {@code api.ErrActorNotFound}).
 */
public final class ChainException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** go-jsonrpc's code of a plain Go error. */
    public static final int GENERIC = 1;
    /** {@code EActorNotFound}: FirstUserCode (2) + 9. */
    public static final int ACTOR_NOT_FOUND = 11;

    private final int code;

    ChainException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    ChainException(String message) {
        this(GENERIC, message);
    }

    public int code() {
        return code;
    }
}
