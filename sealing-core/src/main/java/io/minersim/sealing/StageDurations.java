package io.minersim.sealing;

/**
 * How many epochs each compute stage of sealing takes in the simulation (what a real miner's workers
 * spend hours on). Zero makes a stage finish in the epoch it starts.
 */
public record StageDurations(
        long addPiece,
        long packing,
        long getTicket,
        long preCommit1,
        long preCommit2,
        long committing,
        long finalizeSector,
        long replicaUpdate,
        long proveReplicaUpdate,
        long finalizeReplicaUpdate,
        long releaseSectorKey,
        long removing) {

    public StageDurations {
        long[] all = {addPiece, packing, getTicket, preCommit1, preCommit2, committing, finalizeSector,
            replicaUpdate, proveReplicaUpdate, finalizeReplicaUpdate, releaseSectorKey, removing};
        for (long v : all) {
            if (v < 0) {
                throw new InvalidInputException("stages", "stage durations must not be negative, got " + v);
            }
        }
    }

    /** Roughly a 32 GiB sector on good hardware, in 30 s epochs (PC1 about 3.5 h). */
    public static StageDurations mainnet() {
        return new StageDurations(10, 1, 1, 420, 30, 80, 10, 60, 80, 10, 1, 1);
    }

    /** One epoch per stage. */
    public static StageDurations devnet() {
        return new StageDurations(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
    }
}
