package io.minersim.app.rpc;

import io.minersim.rpc.Permission;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
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
    public static final Set<Permission> DEFAULT_PERMISSIONS = Collections.unmodifiableSet(EnumSet.of(Permission.READ));

    private final Transport transport;
    private final Set<Permission> permissions;

    private CallContext(Transport transport, Set<Permission> permissions) {
        this.transport = transport;
        this.permissions = permissions;
    }

    /** A caller over HTTP holding {@code permissions} (copied; null for none). */
    public static CallContext http(Collection<Permission> permissions) {
        return new CallContext(Transport.HTTP, frozen(permissions));
    }

    /** A WebSocket connection's caller holding {@code permissions} (copied; null for none). */
    public static CallContext webSocket(Collection<Permission> permissions) {
        return new CallContext(Transport.WEBSOCKET, frozen(permissions));
    }

    private static Set<Permission> frozen(Collection<Permission> permissions) {
        EnumSet<Permission> copy = EnumSet.noneOf(Permission.class);
        if (permissions != null) {
            copy.addAll(permissions);
        }
        return Collections.unmodifiableSet(copy);
    }

    public Transport transport() {
        return transport;
    }

    /** Whether the caller holds {@code permission}; there is no hierarchy ({@code admin} alone does not grant read). */
    public boolean hasPermission(Permission permission) {
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
