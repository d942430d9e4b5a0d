package io.minersim.app.cli;

import io.minersim.rpc.FullNodeApi;
import io.minersim.rpc.types.BlockHeader;
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.TipSet;
import java.time.ZoneId;

/**
 * A connected full node and the miner actor a command looks at, with the few chain facts several commands need: the
 * block delay (the node's {@code Version}) and the zone Go would print local times in.
 */
final class ChainConnection {
    private final FullNodeApi api;
    private final FullNodeEndpoint endpoint;
    private final FilAddress actor;
    private final ZoneId zone;
    private Long blockDelay;

    ChainConnection(FullNodeApi api, FullNodeEndpoint endpoint, FilAddress actor, ZoneId zone) {
        this.api = api;
        this.endpoint = endpoint;
        this.actor = actor;
        this.zone = zone;
    }

    /** The full node's methods. */
    FullNodeApi api() {
        return api;
    }

    FullNodeEndpoint endpoint() {
        return endpoint;
    }

    /** The miner actor ({@code --actor}, else the miner's {@code ActorAddress}). */
    FilAddress actor() {
        return actor;
    }

    /** Where Go's {@code time.Local} is: {@code $TZ} when set (empty is UTC), else the system's zone. */
    ZoneId zone() {
        return zone;
    }

    /** The chain's block delay in seconds. */
    long blockDelay() {
        if (blockDelay == null) {
            blockDelay = api.version().blockDelay();
        }
        return blockDelay;
    }

    /** A tipset's smallest block timestamp ({@code TipSet.MinTimestamp}). */
    static long minTimestamp(TipSet ts) {
        long min = Long.MAX_VALUE;
        for (BlockHeader b : ts.blocks()) {
            min = Math.min(min, b.timestamp());
        }
        return min;
    }

    /**
     * The block with the smallest ticket ({@code TipSet.MinTicketBlock}); minersim's tipsets hold one block each, so
     * it is the first.
     */
    static BlockHeader minTicketBlock(TipSet ts) {
        return ts.blocks().get(0);
    }

    /** The zone Go's {@code time.Local} stands for in an environment. */
    static ZoneId zone(CliEnvironment env) {
        String tz = env.variables().get("TZ");
        if (tz == null) {
            return ZoneId.systemDefault();
        }
        if (tz.isBlank()) {
            return java.time.ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(tz.startsWith(":") ? tz.substring(1) : tz);
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC; // Go falls back to UTC for a zone it cannot load
        }
    }
}
