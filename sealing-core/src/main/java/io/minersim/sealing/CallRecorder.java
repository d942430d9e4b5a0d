package io.minersim.sealing;

/**
 * Told of every {@link MinerCall} a {@link Miner} runs, under its write lock, in the order they ran: a journal.
 * Calls made inside an {@link Miner#exclusive} section are not told (the section's owner records what started
 * it, and replays it whole). The recorder must be quick and must not call back into the miner's writes.
 */
@FunctionalInterface
public interface CallRecorder {
    /**
     * @param call what ran
     * @param failed whether it threw (a replay then throws too; what it changed before, it changes again)
     * @param nanos how long it held the lock, settling included
     */
    void record(MinerCall call, boolean failed, long nanos);
}
