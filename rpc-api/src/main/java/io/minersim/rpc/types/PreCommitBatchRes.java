package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code sealiface.PreCommitBatchRes}, one element of SectorPreCommitFlush's result:
 * {@code {"Sectors":[123,124],"Msg":{"/":"bafy..."},"Error":""}}. A non-empty Error means every listed sector
 * failed and Msg is null.
 *
 * @param sectors the batched sector numbers; null reads as {@code []}
 * @param msg the PreCommit message CID, or null
 * @param error the batch error, {@code ""} on success
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PreCommitBatchRes(
        @JsonProperty("Sectors") List<Long> sectors,
        @JsonProperty("Msg") CidLink msg,
        @JsonProperty("Error") String error) {
    public PreCommitBatchRes {
        sectors = Checks.uint64ListOrEmpty(sectors, "PreCommitBatchRes", "Sectors");
        error = Checks.string(error);
    }
}
