package io.minersim.sealing.chain;

import io.minersim.sealing.InvalidInputException;

/**
 * A clock that moves only when told: tests and {@code --clock manual}. {@link #advance} returns after
 * every listener has handled the new head, so everything due by then has happened.
 */
public final class ManualChainClock extends ChainClockBase {
    private final Object advanceLock = new Object();
    private volatile long head;

    public ManualChainClock(long startEpoch, long genesisTimestamp, long blockDelaySeconds) {
        super(startEpoch, genesisTimestamp, blockDelaySeconds);
        this.head = startEpoch;
    }

    /** A manual clock at epoch 0 with the policy's genesis and block delay. */
    public static ManualChainClock atGenesis(ChainPolicy policy) {
        return new ManualChainClock(0, policy.genesisTimestamp(), policy.blockDelaySeconds());
    }

    @Override
    public long head() {
        return head;
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
}
