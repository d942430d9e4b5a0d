package io.minersim.sealing.storage;

import java.util.List;
import java.util.Objects;

/**
 * What the index knows of a storage path: Lotus's {@code storiface.StorageInfo} (and, for a local path, its
 * {@code sectorstore.json}, {@code LocalStorageMeta}, whose fields are the same but the URLs). Lists may be null, as
 * Go's nil slices.
 *
 * @param id the path's ID (Lotus mints a UUID; any string is an ID)
 * @param urls where the path is served ({@code http://<remote listen>/remote} for the miner's own paths)
 * @param weight the allocation weight; 0 makes the path read-only
 * @param maxStorage the byte limit of the path, 0 for none
 * @param canSeal whether sealing files may be allocated here
 * @param canStore whether finalized files may be moved here
 * @param groups the path's groups
 * @param allowTo the groups finalized files may be fetched to from here
 * @param allowTypes the only file types allowed here, when not empty
 * @param denyTypes file types not allowed here
 * @param allowMiners the only miners allowed here, when not empty
 * @param denyMiners miners not allowed here
 */
public record PathMeta(String id, List<String> urls, long weight, long maxStorage, boolean canSeal, boolean canStore,
        List<String> groups, List<String> allowTo, List<String> allowTypes, List<String> denyTypes,
        List<String> allowMiners, List<String> denyMiners) {

    public PathMeta {
        Objects.requireNonNull(id, "id");
        urls = copy(urls);
        groups = copy(groups);
        allowTo = copy(allowTo);
        allowTypes = copy(allowTypes);
        denyTypes = copy(denyTypes);
        allowMiners = copy(allowMiners);
        denyMiners = copy(denyMiners);
    }

    private static List<String> copy(List<String> l) {
        return l == null ? null : List.copyOf(l);
    }

    /** The same path with other URLs. */
    public PathMeta withUrls(List<String> u) {
        return new PathMeta(id, u, weight, maxStorage, canSeal, canStore, groups, allowTo, allowTypes, denyTypes,
                allowMiners, denyMiners);
    }

    /** The same path with its type lists cut to the names Lotus knows ({@code StorageAttach} drops the others). */
    PathMeta withKnownTypes() {
        return new PathMeta(id, urls, weight, maxStorage, canSeal, canStore, groups, allowTo, known(allowTypes),
                known(denyTypes), allowMiners, denyMiners);
    }

    private static List<String> known(List<String> types) {
        if (types == null) {
            return List.of();
        }
        return types.stream().filter(t -> SectorFileType.fromName(t) != null).toList();
    }

    /** Lotus's {@code MinerFilter}: whether miner {@code actorId} may use this path. */
    public boolean allowsMiner(long actorId) {
        if (allowMiners != null && !allowMiners.isEmpty() && !listsMiner(allowMiners, actorId)) {
            return false;
        }
        return denyMiners == null || denyMiners.isEmpty() || !listsMiner(denyMiners, actorId);
    }

    private static boolean listsMiner(List<String> miners, long actorId) {
        for (String m : miners) {
            String a = m.trim();
            if (a.length() > 2 && (a.charAt(0) == 'f' || a.charAt(0) == 't') && a.charAt(1) == '0'
                    && a.substring(2).equals(Long.toString(actorId))) {
                return true;
            }
        }
        return false;
    }
}
