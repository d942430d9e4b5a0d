package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The simulated chain clock's settings (Sim.SetClock, Sim.Pause, Sim.Resume). Not a Lotus type. In a request,
 * a {@code null} field keeps the current value.
 *
 * @param mode {@code "manual"} (moved only by Sim.Advance / Sim.AdvanceTo) or {@code "real"} (moved by wall time)
 * @param blockTime the wall time per epoch of a real clock, in nanoseconds (positive)
 * @param paused whether a real clock is paused; ignored in a request
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClockSettings(
        @JsonProperty("Mode") String mode,
        @JsonProperty("BlockTime") Long blockTime,
        @JsonProperty("Paused") Boolean paused) {

    /** Manual mode. */
    public static final String MANUAL = "manual";
    /** Real (wall-clock) mode. */
    public static final String REAL = "real";

    public ClockSettings {
        if (mode != null && !mode.equals(MANUAL) && !mode.equals(REAL)) {
            throw new IllegalArgumentException("ClockSettings.Mode must be \"manual\" or \"real\", got \"" + mode + "\"");
        }
        if (blockTime != null && blockTime <= 0) {
            throw new IllegalArgumentException("ClockSettings.BlockTime must be positive nanoseconds, got " + blockTime);
        }
    }
}
