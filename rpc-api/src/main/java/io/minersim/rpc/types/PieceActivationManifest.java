package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code miner.PieceActivationManifest}: the direct-data-onboarding (DDO) description of a piece,
 * {@code {"CID":{"/":"baga..."},"Size":2048,"VerifiedAllocationKey":null,"Notify":null}}.
 *
 * @param cid the piece CID
 * @param size the PADDED piece size (uint64)
 * @param verifiedAllocationKey the claimed verified allocation, or {@code null}
 * @param notifications ({@code Notify}) actors to notify on activation; {@code null} when none (a Go nil slice), kept as given
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PieceActivationManifest(
        @JsonProperty("CID") CidLink cid,
        @JsonProperty("Size") long size,
        @JsonProperty("VerifiedAllocationKey") VerifiedAllocationKey verifiedAllocationKey,
        @JsonProperty("Notify") List<DataActivationNotification> notifications) {
    public PieceActivationManifest {
        Checks.uint64(size, "PieceActivationManifest", "Size");
        notifications = Checks.listOrNull(notifications, "PieceActivationManifest", "Notify");
    }
}
