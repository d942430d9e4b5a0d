package io.minersim.sealing.numbers;

import io.minersim.sealing.SealingException;
import java.util.Optional;

/**
 * A sector number assignment or reservation request that Lotus would refuse. The message is
 * Lotus's error text; the reservation name is attached when the request named one.
 */
public final class SectorNumberException extends SealingException {
    private static final long serialVersionUID = 1L;

    /** The reservation the failed request named, or null. */
    private final String reservationName;

    /** An error that concerns no particular reservation. */
    public SectorNumberException(String message) {
        this(message, null);
    }

    /** An error about the reservation {@code reservationName} (may be null). */
    public SectorNumberException(String message, String reservationName) {
        super(message);
        this.reservationName = reservationName;
    }

    /** The reservation name the failed request named, if any. */
    public Optional<String> reservationName() {
        return Optional.ofNullable(reservationName);
    }
}
