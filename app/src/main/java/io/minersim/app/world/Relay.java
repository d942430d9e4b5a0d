package io.minersim.app.world;

import io.minersim.sealing.chain.ChainClock;
import io.minersim.sealing.chain.ChainView;

/**
 * One miner's view of the chain clock: the same head and times, but head moves reach its listeners (the miner,
 * or its scenario session's clock, then its activity) only when its {@link MinerHost} passes them on, under the
 * miner's write lock.
 */
final class Relay extends ChainView {
    Relay(ChainClock chain) {
        super(chain);
    }

    /** Passes a head move on to every listener, in order. */
    void pass(long epoch) {
        tell(epoch);
    }
}
