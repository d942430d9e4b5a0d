package io.minersim.app.api;

import io.minersim.rpc.SimApi;
import io.minersim.rpc.types.ChainHead;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.Miner;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.chain.ChainClock;
import io.minersim.sealing.chain.ManualChainClock;

/**
 * The simulator's own control methods. {@code Sim.Advance} moves a manual clock and returns once
 * everything due up to the new head has happened; on a real clock it is refused.
 */
public final class SimApiImpl implements SimApi {
    private final Miner miner;
    private final ChainClock clock;

    public SimApiImpl(Miner miner, ChainClock clock) {
        this.miner = miner;
        this.clock = clock;
    }

    @Override
    public ChainHead head() {
        long epoch = miner.head();
        return new ChainHead(epoch, clock.timestampOf(epoch));
    }

    @Override
    public ChainHead advance(long epochs) {
        if (!(clock instanceof ManualChainClock manual)) {
            throw new SealingException("the chain follows a real clock: start minersim with --clock manual to advance it");
        }
        if (epochs < 0) {
            throw new InvalidInputException("epochs", "cannot advance by a negative number of epochs: " + epochs);
        }
        manual.advance(epochs);
        return head();
    }
}
