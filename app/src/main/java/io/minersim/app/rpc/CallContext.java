package io.minersim.app.rpc;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who is calling and over what: the caller's permissions (from its token, or {@code read} without one) and the
 * transport. Given to custom parameter decoders.
 */
public final class CallContext {
    /** How the request arrived. */
    public enum Transport {
        HTTP,
        WEBSOCKET
    }

    /** Lotus's {@code api.DefaultPerms}: what a caller without a token may do. */
    public static final List<String> DEFAULT_PERMISSIONS = List.of("read");

    private final Transport transport;
    private final Set<String> permissions;

    public CallContext(Transport transport, Collection<String> permissions) {
        this.transport = java.util.Objects.requireNonNull(transport, "transport");
        this.permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
    }

    public static CallContext http(Collection<String> permissions) {
        return new CallContext(Transport.HTTP, permissions);
    }

    public static CallContext webSocket(Collection<String> permissions) {
        return new CallContext(Transport.WEBSOCKET, permissions);
    }

    public Transport transport() {
        return transport;
    }

    /** Whether the caller holds {@code permission}; there is no hierarchy ({@code admin} alone does not grant read). */
    public boolean hasPermission(String permission) {
        return permissions.contains(permission);
    }

    /** Whether channel-returning methods can be served (go-jsonrpc: only over WebSocket). */
    public boolean supportsChannels() {
        return transport == Transport.WEBSOCKET;
    }

    /**
     * A context for one call of a connection: same transport and permissions, a distinct object, so that a
     * connection can tell its calls apart (two calls may carry the same id one after the other).
     */
    CallContext forCall() {
        return new CallContext(transport, permissions);
    }

    @Override
    public String toString() {
        return "CallContext[" + transport + ", " + permissions + "]";
    }
}
