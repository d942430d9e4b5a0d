package io.minersim.sealing.chain;

import io.minersim.sealing.InvalidInputException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What every clock shares: its genesis, its block delay, its start epoch and its listeners. */
abstract class ChainClockBase implements ChainClock {
    private final long genesisTimestamp;
    private final long blockDelaySeconds;
    /** Listeners in registration order; the implementation calls them. */
    final List<HeadListener> listeners = new CopyOnWriteArrayList<>();

    ChainClockBase(long startEpoch, long genesisTimestamp, long blockDelaySeconds) {
        if (startEpoch < 0) {
            throw new InvalidInputException("startEpoch", "start epoch must not be negative, got " + startEpoch);
        }
        if (blockDelaySeconds <= 0) {
            throw new InvalidInputException("blockDelaySeconds",
                    "block delay must be positive, got " + blockDelaySeconds);
        }
        this.genesisTimestamp = genesisTimestamp;
        this.blockDelaySeconds = blockDelaySeconds;
    }

    @Override
    public final long genesisTimestamp() {
        return genesisTimestamp;
    }

    @Override
    public final long blockDelaySeconds() {
        return blockDelaySeconds;
    }

    @Override
    public final void subscribe(HeadListener listener) {
        listeners.add(listener);
    }

    @Override
    public final void unsubscribe(HeadListener listener) {
        listeners.remove(listener);
    }
}
