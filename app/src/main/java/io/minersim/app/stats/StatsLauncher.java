package io.minersim.app.stats;

import io.minersim.app.node.ListenAddress;
import io.minersim.sealing.Miner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the statistics server of a running simulator: parses {@code --stats-listen}, gathers the
 * keys (the repo's, plus {@code --stats-key}; a first key is made in the repo when there is none),
 * and serves every miner.
 */
public final class StatsLauncher {
    /** The default listen address. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:2346";

    private StatsLauncher() {
    }

    /** A started server and what to tell the user about it. */
    public record Started(StatsServer server, String banner) {
    }

    /** {@code --stats-listen} as an address ({@code HOST:PORT}, port 0 to 65535), or null for {@code off}. */
    public static ListenAddress address(String listen) {
        if (listen.equalsIgnoreCase("off")) {
            return null;
        }
        ListenAddress address = ListenAddress.parse(listen);
        if (address == null || address.port() < 0 || address.port() > 65_535) {
            throw new IllegalArgumentException("--stats-listen must be HOST:PORT or off, not '" + listen + "'");
        }
        return address;
    }

    /**
     * Serves {@code miners} on {@code listen} ({@code HOST:PORT}, port 0 for a free one); returns
     * null when {@code listen} is {@code off}.
     */
    public static Started start(List<Miner> miners, Path repo, List<String> extraKeys, String listen, long seed)
            throws Exception {
        ListenAddress address = address(listen);
        if (address == null) {
            return null;
        }
        StatsKeys keys = StatsKeys.load(repo, extraKeys);
        String made = "";
        if (keys.isEmpty()) {
            StatsKeys.create(repo);
            keys = StatsKeys.load(repo, extraKeys);
            made = ", a first key made";
        }
        List<StatsMiner> all = new ArrayList<>();
        for (Miner m : miners) {
            all.add(StatsMiner.of(m));
        }
        StatsServer server = StatsServer.start(new StatsService(all), keys, seed, address.host(), address.port(), repo);
        return new Started(server, "minersim: statistics at " + server.uri() + StatsEndpoint.PREFIX + " (keys in "
                + repo.resolve(StatsKeys.FILE) + made + ")");
    }
}
