package io.minersim.app.node;

import java.util.Objects;

/**
 * A {@code HOST:PORT} listen address as {@code --listen} and {@code --stats-listen} take it: the host may be an
 * IPv6 literal in brackets ({@code [::1]:2345}), port 0 picks a free port. The port's range is the caller's to
 * check.
 *
 * @param host the host, without brackets
 * @param port the port as written
 */
public record ListenAddress(String host, int port) {
    public ListenAddress {
        Objects.requireNonNull(host, "host");
    }

    /** The address {@code text} names, or null when it is not {@code HOST:PORT} with a decimal port. */
    public static ListenAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            return null;
        }
        return new ListenAddress(text.substring(0, colon).replace("[", "").replace("]", ""), port);
    }
}
