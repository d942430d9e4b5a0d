package io.minersim.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options every command that calls the miner takes: where the miner is, and whether to print the raw
 * JSON result. The environment comes in through {@link CliEnvironment#factory()}.
 */
public final class ApiOptions {
    private final CliEnvironment env;

    @Option(names = "--api-url", paramLabel = "ADDR",
            description = "The miner's API: a multiaddr (/ip4/127.0.0.1/tcp/2345/http) or a URL "
                    + "(http://127.0.0.1:2345/rpc/v0). Default: $MINER_API_INFO, then the repo's api file.")
    String apiUrl;

    @Option(names = "--token", paramLabel = "JWT",
            description = "The API token to send (default: the one in MINER_API_INFO or the repo's token file).")
    String token;

    @Option(names = "--repo", paramLabel = "DIR",
            description = "The repo whose api and token files name the miner (default: $MINERSIM_PATH or "
                    + "~/.minersim).")
    Path repo;

    @Option(names = "--json", description = "Print the raw JSON result instead of text.")
    boolean json;

    public ApiOptions(CliEnvironment env) {
        this.env = env;
    }

    /** The environment the command runs in. */
    public CliEnvironment env() {
        return env;
    }

    /** Whether {@code --json} was given. */
    public boolean json() {
        return json;
    }

    /** Finds the miner from the flags, then the environment, then the repo. */
    public MinerEndpoint endpoint() {
        return MinerEndpoint.discover(apiUrl, token, repo, env);
    }
}
