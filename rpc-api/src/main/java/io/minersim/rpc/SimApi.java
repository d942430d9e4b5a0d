package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.ChainHead;

/**
 * The simulator's own admin methods, in the {@code Sim} namespace (no Lotus counterpart): reading and moving the
 * simulated chain clock. Served on the same endpoint as {@link MinerApi}.
 */
public interface SimApi {

    /** The simulated chain head. */
    @JsonRpcMethod("Sim.Head")
    @RequiresPermission(Permission.ADMIN)
    ChainHead head();

    /**
     * Moves the simulated chain forward.
     *
     * @param epochs how many epochs to advance
     * @return the new head
     */
    @JsonRpcMethod("Sim.Advance")
    @RequiresPermission(Permission.ADMIN)
    ChainHead advance(@GoType("abi.ChainEpoch") long epochs);
}
