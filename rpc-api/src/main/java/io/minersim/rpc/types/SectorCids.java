package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code storiface.SectorCids}: {@code {"Unsealed":{"/":…},"Sealed":{"/":…}}}, PreCommit2's result. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorCids(@JsonProperty("Unsealed") CidLink unsealed, @JsonProperty("Sealed") CidLink sealed) {
}
