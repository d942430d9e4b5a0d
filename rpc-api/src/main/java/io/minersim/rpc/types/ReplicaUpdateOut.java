package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code storiface.ReplicaUpdateOut}: {@code {"NewSealed":{"/":…},"NewUnsealed":{"/":…}}}, ReplicaUpdate's result. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReplicaUpdateOut(@JsonProperty("NewSealed") CidLink newSealed,
        @JsonProperty("NewUnsealed") CidLink newUnsealed) {
}
