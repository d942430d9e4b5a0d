package io.minersim.app.api;

import io.minersim.app.fullnode.Funds;
import io.minersim.app.world.Durability;
import io.minersim.rpc.FundsApi;
import io.minersim.rpc.types.BigIntString;
import io.minersim.rpc.types.CidLink;
import io.minersim.sealing.Miner;
import io.minersim.sealing.SealingException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * {@link FundsApi} over one miner: Lotus's {@code WithdrawBalance} helper. The available balance is the full node's
 * ({@code StateMinerAvailableBalance} at the head, {@link Funds}); the message goes into the miner's journaled
 * messages, so the chain, the full node's balances and a restarted node all see it.
 */
public final class FundsApiImpl implements FundsApi {
    private final Miner miner;
    private final Durability durability;

    public FundsApiImpl(Miner miner, Durability durability) {
        this.miner = miner;
        this.durability = durability;
    }

    @Override
    public CidLink actorWithdrawBalance(BigIntString amount) {
        return withdraw(amount);
    }

    @Override
    public CidLink beneficiaryWithdrawBalance(BigIntString amount) {
        return withdraw(amount); // the beneficiary is the owner on a simulated miner: the same message
    }

    private CidLink withdraw(BigIntString requested) {
        BigInteger amount = requested == null ? BigInteger.ZERO : requested.value();
        if (amount.signum() < 0) {
            // Lotus pushes it and the message pool's gas estimate runs it: the actor refuses it
            throw new SealingException("GasEstimateMessageGas error: negative fund requested for withdrawal: " + amount);
        }
        BigInteger available = Funds.availableBalance(miner.chain(), miner.head());
        if (amount.compareTo(available) > 0) {
            throw new SealingException("can't withdraw more funds than available; requested: " + fil(amount)
                    + "; available: " + fil(available));
        }
        if (amount.signum() == 0) {
            amount = available;
        }
        CidLink sent = WireMapping.cid(miner.withdrawBalance(amount));
        durability.await();
        return sent;
    }

    /** Lotus's {@code types.FIL} as {@code %s}: attoFIL over 10^18, trailing zeros cut, then " FIL". */
    static String fil(BigInteger atto) {
        if (atto.signum() == 0) {
            return "0 FIL";
        }
        return new BigDecimal(atto).movePointLeft(18).stripTrailingZeros().toPlainString() + " FIL";
    }
}
