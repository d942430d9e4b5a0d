package io.minersim.sealing.chain;

/**
 * The simulated chain's clock: the head epoch, and the wall time each epoch stands for.
 *
 * <p>Epoch {@code e} starts at {@code genesisTimestamp + e × blockDelaySeconds} (unix seconds), as on
 * a Filecoin network. How the head moves is up to the implementation: {@link ManualChainClock} only
 * when told, {@link SimulatedChainClock} when told or with wall time, as its mode says.
 */
public interface ChainClock {

    /** The current head epoch. */
    long head();

    /** Unix seconds of epoch 0. */
    long genesisTimestamp();

    /** Chain seconds per epoch (Lotus's {@code BlockDelaySecs}). */
    long blockDelaySeconds();

    /** Unix seconds at which {@code epoch} starts. */
    default long timestampOf(long epoch) {
        return genesisTimestamp() + epoch * blockDelaySeconds();
    }

    /**
     * Registers a listener for head changes. Listeners are told in registration order, on the thread
     * that moves the head.
     */
    void subscribe(HeadListener listener);

    /** Stops telling {@code listener}; a no-op for a listener that is not registered. */
    void unsubscribe(HeadListener listener);
}
