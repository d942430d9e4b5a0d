package io.minersim.sealing;

/** Where an added piece went: the sector and the piece's padded byte offset within it. */
public record SectorLocation(long sector, long offset) {
}
