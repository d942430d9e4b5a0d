package io.minersim.app.cli;

import com.googlecode.jsonrpc4j.JsonRpcClientException;
import io.minersim.rpc.FullNodeApi;
import io.minersim.rpc.FullNodeClient;
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.TipSet;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ConnectException;
import picocli.CommandLine.Option;

/**
 * A command that reads the chain as lotus-miner's {@code info} and {@code proving} commands do: the full node
 * ({@code FULLNODE_API_INFO}, else {@code REPO/full/}) for the miner actor's state, and the miner's API for its
 * actor address (unless {@code --actor} names it) and what only the miner knows.
 */
abstract class ChainCommand extends MinerCommand {
    @Option(names = "--actor", paramLabel = "ADDR",
            description = "The miner actor to look at (default: the miner's ActorAddress).")
    String actor;

    /** Does the work; {@code miner} is null when {@code --actor} was given and the command needs no miner. */
    abstract void run(ChainConnection chain, MinerConnection miner) throws Exception;

    /** Whether the command calls the miner's API even when {@code --actor} is given ({@code info} does). */
    boolean needsMiner() {
        return false;
    }

    @Override
    final boolean offline() {
        return actor != null && !needsMiner();
    }

    @Override
    final void runOffline() throws Exception {
        run(connect(null), null);
    }

    @Override
    final void run(MinerConnection miner) throws Exception {
        run(connect(miner), miner);
    }

    private ChainConnection connect(MinerConnection miner) {
        FullNodeEndpoint endpoint = FullNodeEndpoint.discover(api.repo, env());
        FullNodeClient client = FullNodeClient.connect(endpoint.rpcUrl(), endpoint.token());
        client.http().setConnectionTimeoutMillis(10_000);
        client.http().setReadTimeoutMillis(0);
        String address = actor != null ? actor : miner.api().actorAddress();
        FilAddress maddr;
        try {
            maddr = new FilAddress(address);
        } catch (IllegalArgumentException e) {
            throw new CliException("parsing address " + address + ": " + e.getMessage(), e);
        }
        return new ChainConnection(reporting(client.fullNode(), endpoint), endpoint, maddr,
                ChainConnection.zone(env()));
    }

    /** The head ({@code ChainHead}). */
    static TipSet head(ChainConnection chain) {
        return chain.api().chainHead();
    }

    /**
     * The full node's methods, with a failure to reach it said as such (its address, not the miner's); the node's own
     * errors pass unchanged.
     */
    private static FullNodeApi reporting(FullNodeApi api, FullNodeEndpoint endpoint) {
        InvocationHandler h = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(api, args);
            }
            try {
                return method.invoke(api, args);
            } catch (InvocationTargetException e) {
                throw transportFailure(e.getCause(), endpoint);
            }
        };
        return (FullNodeApi) Proxy.newProxyInstance(FullNodeApi.class.getClassLoader(),
                new Class<?>[] {FullNodeApi.class}, h);
    }

    private static Throwable transportFailure(Throwable e, FullNodeEndpoint endpoint) {
        if (e instanceof JsonRpcClientException) {
            return e;
        }
        Throwable t = e;
        while (t.getCause() != null && !(t instanceof IOException)) {
            t = t.getCause();
        }
        String where = "the full node at " + endpoint.rpcUrl();
        if (t instanceof ConnectException) {
            return new CliException("could not connect to " + where + ": connection refused (is minersim running? see "
                    + "FULLNODE_API_INFO, --repo)", e);
        }
        if (t instanceof IOException) {
            String m = String.valueOf(t.getMessage());
            return new CliException("calling " + where + ": " + (m.contains("401")
                    ? "401 Unauthorized (the token is not valid for this full node)" : m.replace('\n', ' ')), e);
        }
        return e;
    }
}
