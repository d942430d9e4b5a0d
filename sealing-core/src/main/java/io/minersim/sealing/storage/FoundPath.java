package io.minersim.sealing.storage;

import java.util.List;

/**
 * One answer of {@code StorageFindSector}: Lotus's {@code SectorStorageInfo}.
 *
 * @param meta the path
 * @param urls the file's URLs on each of the path's URLs
 * @param weight the path's weight times the number of matching types (0 for a fetch target)
 * @param primary whether a matching declaration is primary
 */
public record FoundPath(PathMeta meta, List<String> urls, long weight, boolean primary) {
    public FoundPath {
        urls = List.copyOf(urls);
    }
}
