package io.minersim.sealing.chain;

import io.minersim.sealing.InvalidInputException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that moves only when told: tests and {@code --clock manual}. {@link #advance} returns after
 * every listener has handled the new head, so everything due by then has happened.
 */
public final class ManualChainClock implements ChainClock {
    private final long genesisTimestamp;
    private final long blockDelaySeconds;
    private final List<HeadListener> listeners = new CopyOnWriteArrayList<>();
    private final Object advanceLock = new Object();
    private volatile long head;

    public ManualChainClock(long startEpoch, long genesisTimestamp, long blockDelaySeconds) {
        if (startEpoch < 0) {
            throw new InvalidInputException("startEpoch", "start epoch must not be negative, got " + startEpoch);
        }
        if (blockDelaySeconds <= 0) {
            throw new InvalidInputException("blockDelaySeconds",
                    "block delay must be positive, got " + blockDelaySeconds);
        }
        this.head = startEpoch;
        this.genesisTimestamp = genesisTimestamp;
        this.blockDelaySeconds = blockDelaySeconds;
    }

    /** A manual clock at epoch 0 with the policy's genesis and block delay. */
    public static ManualChainClock atGenesis(ChainPolicy policy) {
        return new ManualChainClock(0, policy.genesisTimestamp(), policy.blockDelaySeconds());
    }

    @Override
    public long head() {
        return head;
    }

    @Override
    public long genesisTimestamp() {
        return genesisTimestamp;
    }

    @Override
    public long blockDelaySeconds() {
        return blockDelaySeconds;
    }

    /** Moves the head forward by {@code epochs} (≥ 0) and returns the new head. */
    public long advance(long epochs) {
        if (epochs < 0) {
            throw new InvalidInputException("epochs", "cannot advance by a negative number of epochs: " + epochs);
        }
        synchronized (advanceLock) {
            return moveTo(Math.addExact(head, epochs));
        }
    }

    /** Moves the head to {@code epoch}, which must not be behind the head, and returns it. */
    public long advanceTo(long epoch) {
        synchronized (advanceLock) {
            if (epoch < head) {
                throw new InvalidInputException("epoch",
                        "cannot move the chain back from epoch " + head + " to " + epoch);
            }
            return moveTo(epoch);
        }
    }

    private long moveTo(long epoch) {
        if (epoch != head) {
            head = epoch;
            for (HeadListener l : listeners) {
                l.onHead(epoch);
            }
        }
        return epoch;
    }

    @Override
    public void subscribe(HeadListener listener) {
        listeners.add(listener);
    }

    @Override
    public void unsubscribe(HeadListener listener) {
        listeners.remove(listener);
    }
}
