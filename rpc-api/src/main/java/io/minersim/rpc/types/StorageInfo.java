package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code storiface.StorageInfo}: a storage path as the sector index knows it (the result of {@code StorageInfo} and
 * {@code StorageBestAlloc}, the first param of {@code StorageAttach}). Lists are Go slices: null stays null.
 *
 * @param id the path's ID
 * @param urls where the path is served
 * @param weight the allocation weight (uint64; 0 = read-only)
 * @param maxStorage the byte limit (uint64; 0 = none)
 * @param canSeal whether sealing files may be allocated here
 * @param canStore whether finalized files may be stored here
 * @param groups the path's groups
 * @param allowTo the groups files may be fetched to from here
 * @param allowTypes the only file types allowed, when not empty
 * @param denyTypes the file types not allowed
 * @param allowMiners the only miners allowed, when not empty
 * @param denyMiners the miners not allowed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StorageInfo(
        @JsonProperty("ID") String id,
        @JsonProperty("URLs") List<String> urls,
        @JsonProperty("Weight") long weight,
        @JsonProperty("MaxStorage") long maxStorage,
        @JsonProperty("CanSeal") boolean canSeal,
        @JsonProperty("CanStore") boolean canStore,
        @JsonProperty("Groups") List<String> groups,
        @JsonProperty("AllowTo") List<String> allowTo,
        @JsonProperty("AllowTypes") List<String> allowTypes,
        @JsonProperty("DenyTypes") List<String> denyTypes,
        @JsonProperty("AllowMiners") List<String> allowMiners,
        @JsonProperty("DenyMiners") List<String> denyMiners) {
    public StorageInfo {
        id = Checks.string(id);
        urls = Checks.listOrNull(urls, "StorageInfo", "URLs");
        Checks.uint64(weight, "StorageInfo", "Weight");
        Checks.uint64(maxStorage, "StorageInfo", "MaxStorage");
        groups = Checks.listOrNull(groups, "StorageInfo", "Groups");
        allowTo = Checks.listOrNull(allowTo, "StorageInfo", "AllowTo");
        allowTypes = Checks.listOrNull(allowTypes, "StorageInfo", "AllowTypes");
        denyTypes = Checks.listOrNull(denyTypes, "StorageInfo", "DenyTypes");
        allowMiners = Checks.listOrNull(allowMiners, "StorageInfo", "AllowMiners");
        denyMiners = Checks.listOrNull(denyMiners, "StorageInfo", "DenyMiners");
    }
}
