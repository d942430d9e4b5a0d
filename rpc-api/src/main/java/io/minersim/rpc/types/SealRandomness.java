package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * Lotus's {@code api.SealTicket} and {@code api.SealSeed}, one JSON shape: SectorInfo's {@code Ticket}
 * (the seal randomness) and {@code Seed} (the interactive PoRep randomness), each with the epoch it was
 * drawn at, {@code {"Value":"Bw==","Epoch":10101}}. Before it is drawn Lotus sends
 * {@code {"Value":null,"Epoch":0}}.
 *
 * @param value the randomness, base64 on the wire; null before it is drawn (a copy is kept and returned)
 * @param epoch the chain epoch (int64)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SealRandomness(@JsonProperty("Value") byte[] value, @JsonProperty("Epoch") long epoch) {
    /** Not drawn yet: {@code {"Value":null,"Epoch":0}}. */
    public static final SealRandomness NONE = new SealRandomness(null, 0);

    public SealRandomness {
        value = Checks.copy(value);
    }

    @Override
    public byte[] value() {
        return Checks.copy(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SealRandomness t && epoch == t.epoch && Arrays.equals(value, t.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(value) + Long.hashCode(epoch);
    }

    @Override
    public String toString() {
        return "SealRandomness[value=" + Arrays.toString(value) + ", epoch=" + epoch + "]";
    }
}
