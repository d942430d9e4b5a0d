package io.minersim.sealing.numbers;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One miner's sector number bookkeeping, as in Lotus's {@code storage/pipeline/numassign.go}.
 *
 * <p>State: <b>Allocated</b>, every number ever handed out (it never shrinks); named
 * <b>reservations</b> and their aggregate <b>Reserved</b>; and the caller-supplied
 * <b>chain-allocated</b> numbers (the miner actor's AllocatedSectors). <b>InUse</b> = Reserved
 * &cup; Allocated &cup; chain-allocated, and the next number is the lowest one not in InUse.
 *
 * <p>A fresh miner with no history hands out sector 0 first. A genesis miner whose presealed
 * sectors are 1..N starts from Lotus's legacy counter N (see {@link #fromLegacyCounter}):
 * Allocated = {0..N}, so its first new sector is N+1.
 *
 * <p>Lotus quirks kept on purpose: a reservation is checked for collisions with other
 * reservations and with Allocated, but not with chain-allocated numbers; Reserved is an
 * aggregate kept beside the named reservations, so after a forced overlapping reservation,
 * freeing one of the two also drops the shared numbers from Reserved.
 *
 * <p>Not thread-safe: the owning miner must guard every call (Lotus holds its sector-number
 * lock).
 */
public final class SectorNumberAssigner {
    /** Lotus's check on reservation names ({@code reservationKey}). */
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_\\-]+");

    static final String BAD_NAME =
            "reservation name contained disallowed characters (allowed: a-z, A-Z, 0-9, '-', '_')";
    static final String NAME_EXISTS = "reservation with this name already exists";
    static final String COLLIDES_RESERVATION =
            "new reservation is colliding with another existing reservation";
    static final String COLLIDES_ALLOCATED =
            "new reservation is colliding with allocated sector numbers";
    static final String NO_SUCH_NAME = "reservation with this name doesn't exist";
    static final String EXHAUSTED = "no free sector numbers left";

    private final RunSet allocated = new RunSet();
    private final RunSet inUse = new RunSet();
    private final TreeMap<String, BitField> reservations = new TreeMap<>();
    private BitField reserved = BitField.empty();
    private BitField chainAllocated = BitField.empty();

    /** A fresh miner: nothing allocated or reserved; the first number is 0. */
    public SectorNumberAssigner() {
    }

    /**
     * A miner migrated from Lotus's legacy counter {@code /storage/nextid}, which holds the
     * highest number assigned (for a genesis miner, the highest presealed sector number, 0 when
     * none): Allocated = {0..lastAssigned}.
     */
    public static SectorNumberAssigner fromLegacyCounter(long lastAssigned) {
        if (lastAssigned < 0 || lastAssigned == Long.MAX_VALUE) {
            throw new IllegalArgumentException("legacy counter out of range: " + lastAssigned);
        }
        SectorNumberAssigner a = new SectorNumberAssigner();
        a.markAllocated(BitField.range(0, lastAssigned + 1));
        return a;
    }

    /**
     * Hands out the lowest number not in InUse and marks it allocated.
     *
     * @throws SectorNumberException when every number up to 2<sup>63</sup>-1 is in use
     */
    public long allocate() {
        long next = inUse.lowestNotIn();
        if (next < 0) {
            throw new SectorNumberException(EXHAUSTED);
        }
        allocated.add(next);
        inUse.add(next);
        return next;
    }

    /** Marks a number taken by other means (an imported sector, say) as allocated. */
    public void markAllocated(long sectorNumber) {
        if (sectorNumber < 0) {
            throw new IllegalArgumentException("sector numbers must not be negative: " + sectorNumber);
        }
        allocated.add(sectorNumber);
        inUse.add(sectorNumber);
    }

    /** Marks numbers taken by other means as allocated. */
    public void markAllocated(BitField sectorNumbers) {
        allocated.addAll(sectorNumbers);
        inUse.addAll(sectorNumbers);
    }

    /** The numbers the chain knows as allocated (empty until set). */
    public BitField chainAllocated() {
        return chainAllocated;
    }

    /** Replaces the numbers the chain knows as allocated. */
    public void setChainAllocated(BitField chainAllocated) {
        this.chainAllocated = Objects.requireNonNull(chainAllocated, "chainAllocated");
        rebuildInUse();
    }

    /**
     * Creates the reservation {@code name} for {@code sectors}, as Lotus's SectorNumReserve.
     * Unless {@code force}, it fails when the name exists, or when the numbers collide with
     * other reservations or with Allocated. With {@code force} an existing reservation of that
     * name is replaced.
     *
     * @throws SectorNumberException with Lotus's message, in Lotus's order of checks
     */
    public void reserve(String name, BitField sectors, boolean force) {
        Objects.requireNonNull(sectors, "sectors");
        checkName(name);
        BitField current = reservations.get(name);
        if (current != null && !force) {
            throw new SectorNumberException(NAME_EXISTS, name);
        }
        if (current == null) {
            current = BitField.empty();
        }
        BitField othersReserved = reserved.subtract(current);
        if (!force && othersReserved.intersects(sectors)) {
            throw new SectorNumberException(COLLIDES_RESERVATION, name);
        }
        if (!force && allocated.intersects(sectors)) {
            throw new SectorNumberException(COLLIDES_ALLOCATED, name);
        }
        reservations.put(name, sectors);
        reserved = othersReserved.union(sectors);
        if (current.isEmpty()) {
            inUse.addAll(sectors);
        } else {
            rebuildInUse();
        }
    }

    /**
     * Reserves the {@code count} lowest numbers not in InUse under {@code name} and returns
     * them, as Lotus's SectorNumReserveCount. Like Lotus, a count of 0 is not an error: it
     * creates an empty reservation.
     *
     * @throws IllegalArgumentException if count is negative
     * @throws SectorNumberException on a bad or existing name, or when not enough numbers are free
     */
    public BitField reserveCount(String name, long count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        BitField free;
        try {
            free = inUse.toBitField().lowestNotIn(count);
        } catch (IllegalStateException e) {
            throw new SectorNumberException(EXHAUSTED, name);
        }
        reserve(name, free, false);
        return free;
    }

    /**
     * Drops the reservation {@code name} and removes its numbers from Reserved, as Lotus's
     * SectorNumFree.
     *
     * @throws SectorNumberException on a bad name or when no such reservation exists
     */
    public void free(String name) {
        checkName(name);
        BitField removed = reservations.remove(name);
        if (removed == null) {
            throw new SectorNumberException(NO_SUCH_NAME, name);
        }
        reserved = reserved.subtract(removed);
        rebuildInUse();
    }

    /**
     * An assigner in a given state, as {@link #meta()} and {@link #reservations()} describe it: for
     * restoring a miner's snapshot. {@code reserved} is the aggregate kept beside the named
     * reservations (it may differ from their union after a forced overlap and a free).
     *
     * @throws SectorNumberException on a bad reservation name
     */
    public static SectorNumberAssigner restore(BitField allocated, SortedMap<String, BitField> reservations,
            BitField reserved, BitField chainAllocated) {
        SectorNumberAssigner a = new SectorNumberAssigner();
        for (String name : reservations.keySet()) {
            checkName(name);
        }
        a.allocated.addAll(allocated);
        a.reservations.putAll(reservations);
        a.reserved = Objects.requireNonNull(reserved, "reserved");
        a.chainAllocated = Objects.requireNonNull(chainAllocated, "chainAllocated");
        a.rebuildInUse();
        return a;
    }

    /** The named reservations, by name (a snapshot). */
    public SortedMap<String, BitField> reservations() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(reservations));
    }

    /**
     * The assigner state as Lotus's SectorNumAssignerMeta reports it.
     *
     * @throws SectorNumberException when every number up to 2<sup>63</sup>-1 is in use
     */
    public Meta meta() {
        long next = inUse.lowestNotIn();
        if (next < 0) {
            throw new SectorNumberException(EXHAUSTED);
        }
        return new Meta(reserved, allocated.toBitField(), inUse.toBitField(), next);
    }

    private void rebuildInUse() {
        inUse.clear();
        inUse.addAll(allocated.toBitField().union(reserved).union(chainAllocated));
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new SectorNumberException(BAD_NAME, name);
        }
    }

    /**
     * Lotus's {@code NumAssignerMeta}: the aggregate Reserved, Allocated, InUse (Reserved &cup;
     * Allocated &cup; chain-allocated) and Next, the lowest number not in InUse.
     */
    public record Meta(BitField reserved, BitField allocated, BitField inUse, long next) {
        /** Checks that no field is null. */
        public Meta {
            Objects.requireNonNull(reserved, "reserved");
            Objects.requireNonNull(allocated, "allocated");
            Objects.requireNonNull(inUse, "inUse");
        }
    }
}
