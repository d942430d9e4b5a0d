package io.minersim.sealing;

/** The miner has no sector of that number. */
public final class SectorNotFoundException extends SealingException {
    private static final long serialVersionUID = 1L;

    public SectorNotFoundException(long sectorNumber) {
        super("sector " + Long.toUnsignedString(sectorNumber) + " not found");
    }
}
