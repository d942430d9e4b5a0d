package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code api.NatInfo}, NetAutoNatStatus's result.
 *
 * @param reachability libp2p's {@code network.Reachability}: 0 unknown, 1 public, 2 private
 * @param publicAddrs the node's public multiaddrs (only when public), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record NatInfo(
        @JsonProperty("Reachability") int reachability,
        @JsonProperty("PublicAddrs") List<String> publicAddrs) {
    public static final int UNKNOWN = 0;
    public static final int PUBLIC = 1;
    public static final int PRIVATE = 2;

    public NatInfo {
        if (reachability < UNKNOWN || reachability > PRIVATE) {
            throw new IllegalArgumentException("NatInfo.Reachability must be 0, 1 or 2, got " + reachability);
        }
        publicAddrs = Checks.listOrNull(publicAddrs, "NatInfo", "PublicAddrs");
        if (publicAddrs != null && reachability != PUBLIC) {
            throw new IllegalArgumentException("NatInfo.PublicAddrs is set only for a public node");
        }
    }
}
