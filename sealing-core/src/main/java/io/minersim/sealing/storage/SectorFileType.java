package io.minersim.sealing.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * Lotus's {@code storiface.SectorFileType} bits ({@code storage/sealer/storiface/filetype.go}): one file (or, for the
 * caches, one directory) of a sector on a storage path, with its name on disk and Lotus's space budgets
 * ({@code FSOverheadSeal} while sealing, {@code FsOverheadFinalized} once finalized, in tenths of the sector size).
 */
public enum SectorFileType {
    UNSEALED(1, "unsealed", 10, 10),
    SEALED(2, "sealed", 10, 10),
    CACHE(4, "cache", 141, 1),
    UPDATE(8, "update", 10, 10),
    UPDATE_CACHE(16, "update-cache", 21, 1),
    PIECE(32, "piece", 10, 10);

    /** Every known bit: {@code FTAll}. */
    public static final int ALL = 63;
    /** The five types a sector's own files use (no piece). */
    public static final int SECTOR_FILES = 31;
    private static final int OVERHEAD_DEN = 10;

    private final int bit;
    private final String wireName;
    private final int sealOverhead;
    private final int finalizedOverhead;

    SectorFileType(int bit, String wireName, int sealOverhead, int finalizedOverhead) {
        this.bit = bit;
        this.wireName = wireName;
        this.sealOverhead = sealOverhead;
        this.finalizedOverhead = finalizedOverhead;
    }

    public int bit() {
        return bit;
    }

    /** The name Lotus uses on disk and in URLs: {@code unsealed}, {@code update-cache}, … */
    public String wireName() {
        return wireName;
    }

    /** Bytes Lotus budgets for this file of a sector of {@code sectorSize} while sealing. */
    public long sealBytes(long sectorSize) {
        return sealOverhead * sectorSize / OVERHEAD_DEN;
    }

    /** Bytes Lotus budgets for this file of a finalized sector. */
    public long finalizedBytes(long sectorSize) {
        return finalizedOverhead * sectorSize / OVERHEAD_DEN;
    }

    /** The type named {@code name} ({@code TypeFromString}), or null. */
    public static SectorFileType fromName(String name) {
        for (SectorFileType t : values()) {
            if (t.wireName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Whether {@code mask} has this type's bit. */
    public boolean in(long mask) {
        return (mask & bit) != 0;
    }

    /** {@code SealSpaceUse}: the seal budgets of the known types in {@code mask}. */
    public static long sealSpaceUse(long mask, long sectorSize) {
        long sum = 0;
        for (SectorFileType t : values()) {
            if (t.in(mask)) {
                sum += t.sealBytes(sectorSize);
            }
        }
        return sum;
    }

    /** {@code StoreSpaceUse}: the finalized budgets of the known types in {@code mask}. */
    public static long storeSpaceUse(long mask, long sectorSize) {
        long sum = 0;
        for (SectorFileType t : values()) {
            if (t.in(mask)) {
                sum += t.finalizedBytes(sectorSize);
            }
        }
        return sum;
    }

    /**
     * Go's {@code SectorFileType.String()}: a single known type's name; otherwise
     * {@code <unknown N [name name]>} with the known types the mask holds.
     */
    public static String toString(long mask) {
        for (SectorFileType t : values()) {
            if (mask == t.bit) {
                return t.wireName;
            }
        }
        List<String> names = new ArrayList<>();
        for (SectorFileType t : values()) {
            if (t.in(mask)) {
                names.add(t.wireName);
            }
        }
        return "<unknown " + mask + " " + names.toString().replace(",", "") + ">";
    }

    /** Whether a type of {@code mask} may go to a path with these lists ({@code AnyAllowed}). */
    public static boolean anyAllowed(long mask, List<String> allowTypes, List<String> denyTypes) {
        for (SectorFileType t : values()) {
            if (t.in(mask) && t.allowed(allowTypes, denyTypes)) {
                return true;
            }
        }
        return false;
    }

    /** Lotus's {@code Allowed}: in the allow list when there is one, and not in the deny list. */
    public boolean allowed(List<String> allowTypes, List<String> denyTypes) {
        if (allowTypes != null && !allowTypes.isEmpty() && !allowTypes.contains(wireName)) {
            return false;
        }
        return denyTypes == null || !denyTypes.contains(wireName);
    }
}
