package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code miner.VerifiedAllocationKey}: the verified-registry allocation a DDO piece claims, {@code {"Client":1234,
 * "ID":5}}.
 *
 * @param client the client's actor ID (uint64)
 * @param id the allocation ID (uint64)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VerifiedAllocationKey(@JsonProperty("Client") long client, @JsonProperty("ID") long id) {
    public VerifiedAllocationKey {
        Checks.uint64(client, "VerifiedAllocationKey", "Client");
        Checks.uint64(id, "VerifiedAllocationKey", "ID");
    }
}
