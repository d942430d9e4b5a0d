package io.minersim.app.cli;

import com.googlecode.jsonrpc4j.JsonRpcClientException;
import io.minersim.rpc.MinerApi;
import io.minersim.rpc.MinerClient;
import io.minersim.rpc.SimApi;
import io.minersim.rpc.types.ChainHead;

/** A connected miner: its typed APIs, where it was found, and the few facts several commands need. */
final class MinerConnection {
    private final MinerClient client;
    private final MinerEndpoint endpoint;
    private Long blockDelay;

    MinerConnection(MinerClient client, MinerEndpoint endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    MinerApi api() {
        return client.miner();
    }

    SimApi sim() {
        return client.sim();
    }

    io.minersim.rpc.StorageApi storage() {
        return client.storage();
    }

    io.minersim.rpc.BackupApi backup() {
        return client.backup();
    }

    MinerEndpoint endpoint() {
        return endpoint;
    }

    /** The chain's block delay in seconds ({@code Version}'s BlockDelay). */
    long blockDelay() {
        if (blockDelay == null) {
            blockDelay = client.miner().version().blockDelay();
        }
        return blockDelay;
    }

    /**
     * The chain head, or {@code null} when the token may not call {@code Sim.Head} (it needs admin): then
     * epochs are shown without their distance from now.
     */
    ChainHead headIfAllowed() {
        try {
            return client.sim().head();
        } catch (JsonRpcClientException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("missing permission")) {
                return null;
            }
            throw e;
        }
    }
}
