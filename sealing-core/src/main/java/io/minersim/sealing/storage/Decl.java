package io.minersim.sealing.storage;

/**
 * Lotus's {@code storiface.Decl}: the files of one sector declared in one path.
 *
 * @param miner the sector's miner actor ID
 * @param number the sector number
 * @param types the file types, OR-ed
 */
public record Decl(long miner, long number, long types) {
}
