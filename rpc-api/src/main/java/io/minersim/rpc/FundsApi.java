package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.BigIntString;
import io.minersim.rpc.types.CidLink;

/**
 * Lotus's miner methods that take funds out of the miner actor ({@code node/impl/storminer.go WithdrawBalance}):
 * each pushes one {@code WithdrawBalance} message to the chain and answers its CID without waiting for it.
 */
public interface FundsApi {

    /**
     * The owner withdraws {@code amount} attoFIL ({@code "0"}: all that is available) from the miner actor's
     * available balance ({@code StateMinerAvailableBalance} at the head). More than available is refused
     * ("can't withdraw more funds than available; requested: 1 FIL; available: 0.5 FIL") and nothing is sent.
     */
    @JsonRpcMethod("Filecoin.ActorWithdrawBalance")
    @RequiresPermission(Permission.ADMIN)
    CidLink actorWithdrawBalance(@GoType("abi.TokenAmount") BigIntString amount);

    /** As {@link #actorWithdrawBalance}, sent by the miner's beneficiary. */
    @JsonRpcMethod("Filecoin.BeneficiaryWithdrawBalance")
    @RequiresPermission(Permission.ADMIN)
    CidLink beneficiaryWithdrawBalance(@GoType("abi.TokenAmount") BigIntString amount);
}
