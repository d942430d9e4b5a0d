package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code storiface.SectorLocks}: the sector locks held now, by sector number, {@code {"Locks":[...]}} ({@code []}
 * when none).
 *
 * @param locks one entry per locked sector
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorLocks(@JsonProperty("Locks") List<Lock> locks) {
    public SectorLocks {
        locks = Checks.listOrEmpty(locks, "SectorLocks", "Locks");
    }

    /**
     * {@code storiface.SectorLock}: per file-type bit (6), the writers (0 or 1) and readers of one sector.
     *
     * @param sector the sector
     * @param write writers per type bit
     * @param read readers per type bit
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Lock(@JsonProperty("Sector") SectorId sector, @JsonProperty("Write") List<Long> write,
            @JsonProperty("Read") List<Long> read) {
        public Lock {
            sector = Checks.required(sector, "SectorLock", "Sector");
            write = Checks.uint64ListOrEmpty(write, "SectorLock", "Write");
            read = Checks.uint64ListOrEmpty(read, "SectorLock", "Read");
            if (write.size() != 6 || read.size() != 6) {
                throw new IllegalArgumentException("SectorLock.Write and .Read have one entry per file type (6)");
            }
        }
    }
}
