package io.minersim.app.cli;

import io.minersim.rpc.MinerApi;
import io.minersim.rpc.MinerClient;
import io.minersim.rpc.SimApi;

/** A connected miner: its typed APIs and where it was found. */
final class MinerConnection {
    private final MinerClient client;
    private final MinerEndpoint endpoint;

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

    io.minersim.rpc.WorkersApi workers() {
        return client.workers();
    }

    io.minersim.rpc.BackupApi backup() {
        return client.backup();
    }

    MinerEndpoint endpoint() {
        return endpoint;
    }
}
