package io.minersim.app.web;

import io.minersim.app.node.MinerNode;
import io.minersim.rpc.Permission;
import io.minersim.sealing.Miner;
import java.net.URI;

/**
 * A miner as the web page sees it: its actor address and sector size, where its JSON-RPC endpoint listens, and a
 * read token for the URL {@code run} prints.
 */
public record WebMiner(String actor, String sectorSize, URI rpc, String readToken, Miner miner) {
    /** The node's miner, endpoint and a new read token. */
    public static WebMiner of(MinerNode node) {
        return new WebMiner(node.miner().config().actorAddress(), node.miner().config().sectorSize().toString(),
                node.httpUri(), node.token(Permission.READ), node.miner());
    }
}
