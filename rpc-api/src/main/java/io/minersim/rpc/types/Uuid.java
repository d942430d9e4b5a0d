package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A {@code uuid.UUID} on the wire: a string in its canonical form; Go's {@code uuid.Parse} forms are accepted and
 * anything else is refused with its error text ({@code SealingRemoveRequest}'s SchedId).
 *
 * @param value the canonical, lower-case form
 */
public record Uuid(@JsonValue String value) {

    @JsonCreator
    public Uuid {
        value = new CallId(null, java.util.Objects.requireNonNull(value, "UUID")).id();
    }
}
