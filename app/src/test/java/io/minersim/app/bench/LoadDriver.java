package io.minersim.app.bench;

import java.net.URI;

/** A closed-loop load generator: {@code connections} keep-alive connections, each one request at a time. */
interface LoadDriver {
    String describe();

    LoadResult run(URI uri, Workload w, int seconds) throws Exception;
}
