package io.minersim.app.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the miner's API is and the token to call it with, found as lotus-miner finds it.
 *
 * <p>The order: {@code --api-url} (a multiaddr or a URL) with {@code --token}; then {@code MINER_API_INFO}
 * ({@code <token>:<multiaddr>}, a bare multiaddr, or a URL; of a comma-separated list the first); then the
 * repo's {@code api} file (the multiaddr) and {@code token} file. {@code --token}, when given, replaces the
 * token of whichever source gave the address.
 *
 * @param rpcUrl the HTTP URL of the JSON-RPC endpoint, e.g. {@code http://127.0.0.1:2345/rpc/v0}
 * @param token the JWT to send, or {@code null} for none (read-only access)
 * @param address the address as the source spelt it (the multiaddr or URL), as {@code auth api-info} prints it
 * @param source where the address came from, for messages: {@code --api-url}, {@code MINER_API_INFO} or the
 *     repo path
 */
public record MinerEndpoint(URI rpcUrl, String token, String address, String source) {

    /**
     * Finds the endpoint.
     *
     * @param apiUrl the {@code --api-url} flag, or null
     * @param token the {@code --token} flag, or null
     * @param repo the {@code --repo} flag, or null for the environment's default repo
     * @param env the environment
     * @throws CliException when no source names the miner or a value cannot be read
     */
    public static MinerEndpoint discover(String apiUrl, String token, Path repo, CliEnvironment env) {
        String flagToken = token == null || token.isBlank() ? null : token.strip();
        if (apiUrl != null && !apiUrl.isBlank()) {
            String addr = apiUrl.strip();
            return new MinerEndpoint(rpcUrl(addr, "--api-url"), flagToken, addr, "--api-url");
        }
        String info = env.get(CliEnvironment.MINER_API_INFO);
        if (info != null) {
            MinerEndpoint e = parseApiInfo(info, CliEnvironment.MINER_API_INFO);
            return flagToken == null ? e : new MinerEndpoint(e.rpcUrl, flagToken, e.address, e.source);
        }
        Path root = repo != null ? repo : env.defaultRepo();
        String addr = readFile(root.resolve("api"));
        if (addr == null) {
            throw new CliException("could not get API info: " + root + " has no api file (is `minersim run "
                    + "--repo " + root + "` running?); or set MINER_API_INFO or pass --api-url");
        }
        for (Path lockDir : new Path[] {root, root.toAbsolutePath().getParent()}) {
            if (lockDir != null && Files.exists(lockDir.resolve(io.minersim.app.state.StateStore.LOCK))
                    && !io.minersim.app.state.StateStore.locked(lockDir)) {
                throw new CliException("the api file " + root.resolve("api") + " is stale: no minersim run holds "
                        + lockDir + " (the last one stopped without cleaning up); start `minersim run --repo "
                        + lockDir + "` again");
            }
        }
        String repoToken = flagToken != null ? flagToken : readFile(root.resolve("token"));
        return new MinerEndpoint(rpcUrl(addr, root.resolve("api").toString()), repoToken, addr, root.toString());
    }

    /**
     * Parses a {@code MINER_API_INFO} value: {@code <token>:<multiaddr>}, a bare multiaddr (starting with
     * {@code /}), or a URL ({@code http://host:port}, the {@code :} followed by {@code //}). Of a
     * comma-separated list, the first entry counts.
     */
    public static MinerEndpoint parseApiInfo(String value, String source) {
        String first = value.strip();
        int comma = first.indexOf(',');
        if (comma >= 0) {
            first = first.substring(0, comma).strip();
        }
        String token = null;
        String addr = first;
        int colon = first.indexOf(':');
        if (!first.startsWith("/") && colon >= 0 && !first.startsWith("//", colon + 1)) {
            token = first.substring(0, colon);
            addr = first.substring(colon + 1);
        }
        if (addr.isEmpty()) {
            throw new CliException(source + " has no address: expected <token>:/ip4/<host>/tcp/<port>/http");
        }
        return new MinerEndpoint(rpcUrl(addr, source), token == null || token.isEmpty() ? null : token, addr,
                source);
    }

    /**
     * The HTTP URL of the JSON-RPC endpoint named by a multiaddr ({@code /ip4/H/tcp/P/http}, {@code /ip6/...},
     * {@code /dns/...}, {@code /dns4/...}, {@code /dns6/...}, ending in {@code http}, {@code https}, {@code ws},
     * {@code wss} or nothing) or by a URL ({@code http(s)://} or {@code ws(s)://}; {@code /rpc/v0} is added when
     * it has no path). WebSocket addresses are called over plain HTTP POST on the same path.
     */
    public static URI rpcUrl(String address, String source) {
        String a = address.strip();
        if (a.startsWith("/")) {
            return fromMultiaddr(a, source);
        }
        if (a.contains("://")) {
            return fromUrl(a, source);
        }
        throw new CliException(source + ": '" + a + "' is neither a multiaddr (/ip4/127.0.0.1/tcp/2345/http) "
                + "nor a URL (http://127.0.0.1:2345)");
    }

    private static URI fromMultiaddr(String ma, String source) {
        String[] parts = ma.substring(1).split("/", -1);
        String bad = source + ": cannot read multiaddr '" + ma + "'; expected /ip4/<host>/tcp/<port>/http";
        if (parts.length < 4 || !parts[2].equals("tcp")) {
            throw new CliException(bad);
        }
        String host = switch (parts[0]) {
            case "ip4", "dns", "dns4", "dns6" -> parts[1];
            case "ip6" -> "[" + parts[1] + "]";
            default -> throw new CliException(bad);
        };
        if (parts[1].isEmpty()) {
            throw new CliException(bad);
        }
        int port = port(parts[3], bad);
        boolean secure = false;
        for (int i = 4; i < parts.length; i++) {
            switch (parts[i]) {
                case "http", "ws", "" -> {
                    // plain
                }
                case "https", "wss", "tls" -> secure = true;
                default -> throw new CliException(bad);
            }
        }
        return URI.create((secure ? "https" : "http") + "://" + host + ":" + port + "/rpc/v0");
    }

    private static URI fromUrl(String url, String source) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new CliException(source + ": not a URL: '" + url + "'");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        String http = switch (scheme) {
            case "http", "ws" -> "http";
            case "https", "wss" -> "https";
            default -> throw new CliException(source + ": the URL must be http(s):// or ws(s)://, not '" + url
                    + "'");
        };
        if (u.getHost() == null) {
            throw new CliException(source + ": the URL has no host: '" + url + "'");
        }
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() || u.getRawPath().equals("/") ? "/rpc/v0"
                : u.getRawPath();
        String host = u.getHost();
        String port = u.getPort() < 0 ? "" : ":" + u.getPort();
        return URI.create(http + "://" + host + port + path);
    }

    private static int port(String text, String bad) {
        try {
            int p = Integer.parseInt(text);
            if (p <= 0 || p > 65535) {
                throw new CliException(bad);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new CliException(bad);
        }
    }

    /** A repo file's text, stripped; null when it is missing or empty. */
    static String readFile(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
