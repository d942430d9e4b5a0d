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

    /** Jetty's padding of its shared counters, in references per cache line; Jetty asks JMX for it when unset. */
    static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private Listeners() {
    }

    /**
     * Call before the first Jetty server is made. Jetty's {@code MemoryUtils} sizes the padding of its counters by
     * asking the platform MBean server whether the JVM compresses references: starting JMX (the MBean server, the
     * JVM's MXBeans, a cgroup probe) took about a tenth of a second on the start path. This gives Jetty the same answer
     * without it, unless the property is already set: compressed references below a 32 GiB heap (the JVM's default),
     * so a cache line of Jetty's size (64 bytes unless set) over 4 bytes, else over 8. Only padding depends on it.
     */
    public static void withoutJmxProbe() {
        if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
            System.setProperty(REFERENCES_PER_CACHE_LINE, Integer.toString(referencesPerCacheLine()));
        }
    }

    /** What Jetty would work out through JMX: its cache line over the size of a reference. */
    static int referencesPerCacheLine() {
        int line = Integer.getInteger("org.eclipse.jetty.util.cacheLineBytes", 64);
        boolean compressed = Runtime.getRuntime().maxMemory() < (32L << 30);
        return Math.max(1, line / (compressed ? 4 : 8));
    }

    /** Applies both to a connector before it starts. */
    public static ServerConnector likeGo(ServerConnector connector) {
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        connector.setShutdownIdleTimeout(SHUTDOWN_IDLE_MILLIS);
        return connector;
    }
}
