package io.minersim.sealing;

import io.minersim.sealing.commitment.Cid;
import java.util.List;

/**
 * One pre-commit batch message sent by a flush: its sectors (ascending), the message CID, and an
 * error, non-empty only when every sector of the batch failed (then there is no message).
 */
public record PreCommitBatchResult(List<Long> sectors, Cid message, String error) {

    public PreCommitBatchResult {
        sectors = List.copyOf(sectors);
        error = error == null ? "" : error;
        if (!error.isEmpty() && message != null) {
            throw new IllegalArgumentException("a failed batch has no message");
        }
    }
}
