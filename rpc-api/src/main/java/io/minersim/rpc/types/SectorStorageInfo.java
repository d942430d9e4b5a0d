package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code storiface.SectorStorageInfo}: one path holding (or able to fetch) a sector's files, from
 * {@code StorageFindSector}.
 *
 * @param id the path's ID
 * @param urls the file's URL on each of the path's URLs ({@code <base>/<type>/s-t0<miner>-<number>})
 * @param baseUrls the path's URLs
 * @param weight the path's weight times the number of matching types (uint64)
 * @param canSeal whether the path takes sealing files
 * @param canStore whether the path takes finalized files
 * @param primary whether a matching declaration is primary
 * @param allowTypes the path's allowed types
 * @param denyTypes the path's denied types
 * @param allowMiners the path's allowed miners
 * @param denyMiners the path's denied miners
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorStorageInfo(
        @JsonProperty("ID") String id,
        @JsonProperty("URLs") List<String> urls,
        @JsonProperty("BaseURLs") List<String> baseUrls,
        @JsonProperty("Weight") long weight,
        @JsonProperty("CanSeal") boolean canSeal,
        @JsonProperty("CanStore") boolean canStore,
        @JsonProperty("Primary") boolean primary,
        @JsonProperty("AllowTypes") List<String> allowTypes,
        @JsonProperty("DenyTypes") List<String> denyTypes,
        @JsonProperty("AllowMiners") List<String> allowMiners,
        @JsonProperty("DenyMiners") List<String> denyMiners) {
    public SectorStorageInfo {
        id = Checks.string(id);
        urls = Checks.listOrEmpty(urls, "SectorStorageInfo", "URLs");
        baseUrls = Checks.listOrEmpty(baseUrls, "SectorStorageInfo", "BaseURLs");
        Checks.uint64(weight, "SectorStorageInfo", "Weight");
        allowTypes = Checks.listOrNull(allowTypes, "SectorStorageInfo", "AllowTypes");
        denyTypes = Checks.listOrNull(denyTypes, "SectorStorageInfo", "DenyTypes");
        allowMiners = Checks.listOrNull(allowMiners, "SectorStorageInfo", "AllowMiners");
        denyMiners = Checks.listOrNull(denyMiners, "SectorStorageInfo", "DenyMiners");
    }
}
