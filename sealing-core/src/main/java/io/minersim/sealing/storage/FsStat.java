package io.minersim.sealing.storage;

/**
 * Lotus's {@code fsutil.FsStat} of a path, in bytes.
 *
 * @param capacity the file system's size
 * @param available what the path may still take: {@code fsAvailable − reserved}, cut to the limit when there is one
 * @param fsAvailable the file system's free bytes
 * @param reserved bytes reserved for work in progress and not yet written
 * @param max the path's limit ({@code MaxStorage}), 0 for none
 * @param used the bytes in the path when it has a limit, else 0
 */
public record FsStat(long capacity, long available, long fsAvailable, long reserved, long max, long used) {
    /** All zero: Go's zero value. */
    public static final FsStat ZERO = new FsStat(0, 0, 0, 0, 0, 0);
}
