package io.minersim.sealing;

/**
 * The root of every error the sealing core reports to a caller. A caller's bad input or a request
 * the sector's state does not allow fails with a subclass that carries its context, and changes
 * nothing.
 */
public class SealingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SealingException(String message) {
        super(message);
    }
}
