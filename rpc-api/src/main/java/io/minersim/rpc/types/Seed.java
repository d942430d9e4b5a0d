package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

/**
 * {@code api.SealSeed}, SectorInfo's {@code Seed}: the interactive (PoRep seed) randomness and the epoch it was drawn at,
 * {@code {"Value":"Bw==","Epoch":10101}}. Before WaitSeed Lotus sends {@code {"Value":null,"Epoch":0}}.
 *
 * @param value the randomness, base64 on the wire; null before it is drawn (a copy is kept and returned)
 * @param epoch the chain epoch (int64)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Seed(@JsonProperty("Value") byte[] value, @JsonProperty("Epoch") long epoch) {
    /** The zero seed: {@code {"Value":null,"Epoch":0}}. */
    public static final Seed NONE = new Seed(null, 0);

    public Seed {
        value = Checks.copy(value);
    }

    @Override
    public byte[] value() {
        return Checks.copy(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Seed t && epoch == t.epoch && Arrays.equals(value, t.value);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(value) + Long.hashCode(epoch);
    }

    @Override
    public String toString() {
        return "Seed[value=" + Arrays.toString(value) + ", epoch=" + epoch + "]";
    }
}
