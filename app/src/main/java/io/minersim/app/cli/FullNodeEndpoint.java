package io.minersim.app.cli;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where the full node's API is and the token to call it with, found as lotus-miner finds its full node:
 * {@code FULLNODE_API_INFO} ({@code <token>:<multiaddr>}), else the daemon's {@code api} and {@code token} files,
 * which {@code minersim run} keeps in {@code REPO/full/} (a fleet's miner repos sit beside it, so
 * {@code REPO/../full/} is tried too). A multiaddr or a URL without a path names {@code /rpc/v1}, the full node's
 * v1 API.
 *
 * @param rpcUrl the HTTP URL of the JSON-RPC endpoint, e.g. {@code http://127.0.0.1:1234/rpc/v1}
 * @param token the JWT to send, or {@code null} for none (read-only access)
 * @param source where the address came from, for messages
 */
public record FullNodeEndpoint(URI rpcUrl, String token, String source) {
    /** The variable naming the full node's API, as lotus-miner reads it. */
    public static final String FULLNODE_API_INFO = "FULLNODE_API_INFO";

    /**
     * Finds the full node.
     *
     * @param repo the {@code --repo} flag, or null for the environment's default repo
     * @throws CliException when no source names a full node or a value cannot be read
     */
    public static FullNodeEndpoint discover(Path repo, CliEnvironment env) {
        String info = env.get(FULLNODE_API_INFO);
        if (info != null) {
            MinerEndpoint e = MinerEndpoint.parseApiInfo(info, FULLNODE_API_INFO);
            return new FullNodeEndpoint(v1(e.rpcUrl(), e.address()), e.token(), FULLNODE_API_INFO);
        }
        Path root = repo != null ? repo : env.defaultRepo();
        Path parent = root.toAbsolutePath().getParent();
        for (Path dir : parent == null ? new Path[] {root.resolve("full")}
                : new Path[] {root.resolve("full"), parent.resolve("full")}) {
            String addr = MinerEndpoint.readFile(dir.resolve("api"));
            if (addr != null) {
                URI url = v1(MinerEndpoint.rpcUrl(addr, dir.resolve("api").toString()), addr);
                return new FullNodeEndpoint(url, MinerEndpoint.readFile(dir.resolve("token")), dir.toString());
            }
        }
        throw new CliException("could not get full node API info: set FULLNODE_API_INFO (minersim run prints it) or "
                + "run `minersim run --repo " + root + "`, which keeps the full node's api file in "
                + root.resolve("full"));
    }

    /** The v1 endpoint for an address that named no path (a multiaddr, or a URL without one). */
    private static URI v1(URI url, String address) {
        return address.contains("/rpc/") ? url : url.resolve("/rpc/v1");
    }

}
