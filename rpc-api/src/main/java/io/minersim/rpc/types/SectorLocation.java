package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code storiface.SectorLocation}: where SectorReceive fetches a sector file from,
 * {@code {"Local":false,"URL":"https://...","Headers":[{"Key":"...","Value":"..."}]}}.
 *
 * @param local whether the file is already in local storage
 * @param url the URL to fetch it from
 * @param headers headers to send with the fetch, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorLocation(
        @JsonProperty("Local") boolean local,
        @JsonProperty("URL") String url,
        @JsonProperty("Headers") List<SecDataHttpHeader> headers) {
    public SectorLocation {
        url = Checks.string(url);
        headers = Checks.listOrNull(headers, "SectorLocation", "Headers");
    }
}
