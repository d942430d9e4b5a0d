package io.minersim.sealing.chain;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that shows another's head and times but tells its own listeners, when and as its owner decides (a miner's
 * view of a shared chain: the head moves reach it in order, with what reacts to them). {@link #tell} tells every
 * listener in subscription order.
 */
public abstract class ChainView implements ChainClock {
    /** The clock whose head and times this one shows. */
    protected final ChainClock chain;
    /** Listeners in subscription order. */
    protected final List<HeadListener> listeners = new CopyOnWriteArrayList<>();

    protected ChainView(ChainClock chain) {
        this.chain = chain;
    }

    @Override
    public long head() {
        return chain.head();
    }

    @Override
    public long genesisTimestamp() {
        return chain.genesisTimestamp();
    }

    @Override
    public long blockDelaySeconds() {
        return chain.blockDelaySeconds();
    }

    @Override
    public void subscribe(HeadListener listener) {
        listeners.add(listener);
    }

    @Override
    public void unsubscribe(HeadListener listener) {
        listeners.remove(listener);
    }

    /** Tells every listener, in order; a failure stops there and reaches the caller (as on a manual clock). */
    protected void tell(long epoch) {
        for (HeadListener l : listeners) {
            l.onHead(epoch);
        }
    }
}
