package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code sealiface.CommitBatchRes}, one element of SectorCommitFlush's result:
 * {@code {"Sectors":[123,124],"FailedSectors":{"123":"reason"},"Msg":{"/":"bafy..."},"Error":""}}.
 *
 * @param sectors the batched sector numbers; null reads as {@code []}
 * @param failedSectors sector number → failure reason; JSON keys are decimal strings; null reads as {@code {}};
 *     kept sorted by sector number
 * @param msg the (aggregate) ProveCommit message CID, or null
 * @param error the batch error, {@code ""} on success
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CommitBatchRes(
        @JsonProperty("Sectors") List<Long> sectors,
        @JsonProperty("FailedSectors") Map<Long, String> failedSectors,
        @JsonProperty("Msg") CidLink msg,
        @JsonProperty("Error") String error) {
    public CommitBatchRes {
        sectors = Checks.uint64ListOrEmpty(sectors, "CommitBatchRes", "Sectors");
        failedSectors = Checks.uint64KeyedMapOrEmpty(failedSectors, "CommitBatchRes", "FailedSectors");
        error = Checks.string(error);
    }
}
