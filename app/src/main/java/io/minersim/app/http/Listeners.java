package io.minersim.app.http;

import org.eclipse.jetty.server.ServerConnector;

/** How both servers listen: as Go's net/http does where Jetty's defaults differ. */
public final class Listeners {
    /**
     * The listen backlog: Go's {@code net.Listen} asks for the kernel's {@code somaxconn} (4096 on current Linux);
     * Jetty's default leaves the JVM's 50, so a burst of connections (hundreds of clients at once) had its SYNs
     * dropped and retried a second later while the acceptor caught up.
     */
    static final int ACCEPT_QUEUE = 4096;
    /** On stop, how long Jetty lets idle connections linger (its default 1 s); Go's Shutdown closes them at once. */
    static final long SHUTDOWN_IDLE_MILLIS = 10;

    private Listeners() {
    }

    /** Applies both to a connector before it starts. */
    public static ServerConnector likeGo(ServerConnector connector) {
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_MILLIS);
        return connector;
    }
}
