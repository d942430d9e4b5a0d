package io.minersim.sealing;

import java.util.Locale;

/**
 * The sector sizes Lotus supports, each with its current seal proof type
 * ({@code StackedDrg*V1_1}), WindowPoSt proof type and PoRep proof length.
 */
public enum SectorSize {
    SIZE_2KiB("2KiB", 2048L, 5, 10, 192, 2),
    SIZE_8MiB("8MiB", 8L << 20, 6, 11, 192, 2),
    SIZE_512MiB("512MiB", 512L << 20, 7, 12, 192, 2),
    SIZE_32GiB("32GiB", 32L << 30, 8, 13, 1920, 2349),
    SIZE_64GiB("64GiB", 64L << 30, 9, 14, 1920, 2300);

    private final String label;
    private final long bytes;
    private final int sealProof;
    private final int windowPoStProof;
    private final int proofBytes;
    private final int partitionSectors;

    SectorSize(String label, long bytes, int sealProof, int windowPoStProof, int proofBytes, int partitionSectors) {
        this.partitionSectors = partitionSectors;
        this.label = label;
        this.bytes = bytes;
        this.sealProof = sealProof;
        this.windowPoStProof = windowPoStProof;
        this.proofBytes = proofBytes;
    }

    /** The size in bytes (the padded sector size). */
    public long bytes() {
        return bytes;
    }

    /** {@code WindowPoStPartitionSectors}: sectors per partition of a deadline. */
    public int partitionSectors() {
        return partitionSectors;
    }

    /** The usable unpadded capacity: {@code bytes × 127/128}. */
    public long unpaddedBytes() {
        return bytes - bytes / 128;
    }

    /** The {@code RegisteredSealProof} number new sectors get (V1_1). */
    public int sealProof() {
        return sealProof;
    }

    /** The {@code RegisteredPoStProof} number of the miner's WindowPoSt (V1_1). */
    public int windowPoStProof() {
        return windowPoStProof;
    }

    /** The length of one PoRep proof in bytes. */
    public int proofBytes() {
        return proofBytes;
    }

    /** Lotus's per-sector deal limit: 256 deals, 512 for 64 GiB sectors. */
    public int maxDealsPerSector() {
        return this == SIZE_64GiB ? 512 : 256;
    }

    @Override
    public String toString() {
        return label;
    }

    /** The size of that byte count, or an error naming the sizes there are. */
    public static SectorSize ofBytes(long bytes) {
        for (SectorSize s : values()) {
            if (s.bytes == bytes) {
                return s;
            }
        }
        throw new InvalidInputException("sectorSize", "unsupported sector size " + bytes + " bytes; " + supported());
    }

    /** Parses {@code 32GiB}, {@code 32gib}, {@code 2KiB} or a byte count. */
    public static SectorSize parse(String text) {
        String t = text == null ? "" : text.trim();
        for (SectorSize s : values()) {
            if (s.label.toLowerCase(Locale.ROOT).equals(t.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        try {
            return ofBytes(Long.parseLong(t));
        } catch (NumberFormatException e) {
            throw new InvalidInputException("sectorSize", "unsupported sector size '" + text + "'; " + supported());
        }
    }

    private static String supported() {
        return "supported: 2KiB, 8MiB, 512MiB, 32GiB, 64GiB";
    }
}
