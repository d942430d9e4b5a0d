package io.minersim.sealing;

import io.minersim.sealing.commitment.Cid;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One commit message sent by a flush: its sectors (ascending), sectors that failed one by one with
 * the reason, the message CID, and an error when the whole batch failed.
 *
 * @param aggregated whether the proofs went as one aggregate ({@code ProveCommitAggregate}) rather
 *     than one by one in {@code ProveCommitSectors3}; not on Lotus's wire, kept for statistics
 */
public record CommitBatchResult(List<Long> sectors, SortedMap<Long, String> failedSectors, Cid message,
        String error, boolean aggregated) {

    public CommitBatchResult {
        sectors = List.copyOf(sectors);
        failedSectors = failedSectors == null ? new TreeMap<>() : new TreeMap<>(failedSectors);
        error = error == null ? "" : error;
        if (!error.isEmpty() && message != null) {
            throw new IllegalArgumentException("a failed batch has no message");
        }
    }

    @Override
    public SortedMap<Long, String> failedSectors() {
        return new TreeMap<>(failedSectors);
    }
}
