package io.minersim.rpc;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * Lotus's API permissions. A token holds a set of them and a method needs exactly one; there is no
 * hierarchy ({@code admin} alone cannot call a {@code read} method), which is why tokens are issued
 * with cumulative lists.
 */
public enum Permission {
    READ("read"),
    WRITE("write"),
    SIGN("sign"),
    ADMIN("admin");

    private final String wire;

    Permission(String wire) {
        this.wire = wire;
    }

    /** The permission as Lotus spells it on the wire and in tokens. */
    @JsonValue
    public String wire() {
        return wire;
    }

    /** The permission of that wire name, or {@code null} for a string Lotus does not know. */
    @JsonCreator
    public static Permission fromWire(String name) {
        for (Permission p : values()) {
            if (p.wire.equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** The cumulative list the Lotus CLI issues for {@code p}: read, then up to {@code p}. */
    public List<Permission> cumulative() {
        return List.of(values()).subList(0, ordinal() + 1);
    }
}
