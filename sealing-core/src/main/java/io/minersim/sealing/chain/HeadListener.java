package io.minersim.sealing.chain;

/** Told when the chain head moves. */
@FunctionalInterface
public interface HeadListener {
    /** The head is now {@code epoch}; called in epoch order, never with an epoch already reported. */
    void onHead(long epoch);
}
