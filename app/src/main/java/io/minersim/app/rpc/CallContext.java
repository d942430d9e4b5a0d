package io.minersim.app.rpc;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Who is calling and over what: the caller's permissions (from its token, or {@code read} without one) and the
 * transport. Available to custom parameter decoders and, through {@link #current()}, to implementations while they
 * run.
 */
public final class CallContext {
    /** How the request arrived. */
    public enum Transport {
        HTTP,
        WEBSOCKET
    }

    /** Lotus's {@code api.DefaultPerms}: what a caller without a token may do. */
    public static final List<String> DEFAULT_PERMISSIONS = List.of("read");

    private static final ThreadLocal<CallContext> CURRENT = new ThreadLocal<>();

    private final Transport transport;
    private final Set<String> permissions;
    private final AtomicBoolean cancelled = new AtomicBoolean();

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

    /** The caller's permissions. There is no hierarchy: {@code admin} alone does not grant {@code read}. */
    public Set<String> permissions() {
        return permissions;
    }

    public boolean hasPermission(String permission) {
        return permissions.contains(permission);
    }

    /** Whether channel-returning methods can be served (go-jsonrpc: only over WebSocket). */
    public boolean supportsChannels() {
        return transport == Transport.WEBSOCKET;
    }

    /** Whether the caller cancelled the call ({@code xrpc.cancel}) or went away. */
    public boolean isCancelled() {
        return cancelled.get();
    }

    void cancel() {
        cancelled.set(true);
    }

    /** A context for one call of a connection: same transport and permissions, its own cancellation flag. */
    CallContext forCall() {
        return new CallContext(transport, permissions);
    }

    /** The context of the call running on this thread, if any. */
    public static Optional<CallContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    CallContext enter() {
        CallContext previous = CURRENT.get();
        CURRENT.set(this);
        return previous;
    }

    static void restore(CallContext previous) {
        if (previous == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    @Override
    public String toString() {
        return "CallContext[" + transport + ", " + permissions + "]";
    }
}
