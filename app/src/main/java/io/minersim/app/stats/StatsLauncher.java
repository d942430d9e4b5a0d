package io.minersim.app.stats;

import io.minersim.app.node.ListenAddress;
import io.minersim.app.node.MinerNode;
import io.minersim.app.web.WebMiner;
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
    public static Started start(List<MinerNode> nodes, Path repo, List<String> extraKeys, String listen, long seed)
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
        List<WebMiner> web = new ArrayList<>();
        for (MinerNode n : nodes) {
            all.add(StatsMiner.of(n.miner()));
            web.add(WebMiner.of(n));
        }
        StatsServer server = StatsServer.start(new StatsService(all), keys, seed, address.host(), address.port(), repo,
                web);
        List<String> stored = StatsKeys.stored(repo);
        String key = stored.isEmpty() ? extraKeys.get(0) : stored.get(0);
        return new Started(server, "minersim: statistics at " + server.uri() + StatsEndpoint.PREFIX + " (keys in "
                + repo.resolve(StatsKeys.FILE) + made + ")" + System.lineSeparator() + "minersim: web page at "
                + pageUrl(server.uri(), key, web));
    }

    /**
     * The page's URL with its credentials in the fragment (never sent to a server, never in a log): a statistics key
     * for the charts and events, and each miner's read token ({@code token} alone for one miner).
     */
    static String pageUrl(java.net.URI base, String key, List<WebMiner> miners) {
        StringBuilder url = new StringBuilder(base.toString()).append("/#key=").append(key);
        if (miners.size() == 1) {
            url.append("&token=").append(miners.get(0).readToken());
        } else {
            miners.forEach(m -> url.append("&token.").append(m.actor()).append('=').append(m.readToken()));
        }
        return url.toString();
    }
}
