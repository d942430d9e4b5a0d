package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.MarketDeal;
import java.util.List;

/** Lotus's miner method that lists the miner's storage market deals ({@code listDeals}: the chain's deals with this provider). */
public interface MarketApi {

    /** The market deals whose provider is this miner, with their on-chain state at the head. */
    @JsonRpcMethod("Filecoin.MarketListDeals")
    @RequiresPermission(Permission.READ)
    List<MarketDeal> marketListDeals();
}
