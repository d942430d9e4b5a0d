package io.minersim.sealing;

import java.util.Arrays;

/**
 * A ticket or an interactive seed: the randomness and the epoch it was drawn at. Before the sector
 * has one, the value is {@code null} and the epoch 0, as in Lotus's {@code SectorInfo}.
 */
public record SealRandomness(byte[] value, long epoch) {

    public static final SealRandomness NONE = new SealRandomness(null, 0);

    public SealRandomness {
        value = value == null ? null : value.clone();
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealRandomness r && epoch == r.epoch && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(epoch) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "SealRandomness[epoch=" + epoch + ", value="
                + (value == null ? "null" : java.util.Base64.getEncoder().encodeToString(value)) + "]";
    }
}
