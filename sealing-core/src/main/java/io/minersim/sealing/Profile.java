package io.minersim.sealing;

import io.minersim.sealing.chain.ChainPolicy;
import java.time.Duration;

/** A network flavour: its chain policy, sealing knobs, stage durations and real-time block time. */
public enum Profile {
    /** Lotus mainnet: 30 s epochs, real delays and config defaults. */
    MAINNET,
    /** A fast devnet: 4 s chain epochs, one second of wall time each, short delays and waits. */
    DEVNET;

    public ChainPolicy policy() {
        return switch (this) {
            case MAINNET -> ChainPolicy.mainnet();
            case DEVNET -> ChainPolicy.devnet();
        };
    }

    public SealingConfig sealing() {
        return switch (this) {
            case MAINNET -> SealingConfig.mainnet();
            case DEVNET -> SealingConfig.devnet();
        };
    }

    public StageDurations stages() {
        return switch (this) {
            case MAINNET -> StageDurations.mainnet();
            case DEVNET -> StageDurations.devnet();
        };
    }

    /** Wall time per epoch for a real-time clock. */
    public Duration defaultBlockTime() {
        return switch (this) {
            case MAINNET -> Duration.ofSeconds(30);
            case DEVNET -> Duration.ofSeconds(1);
        };
    }

    /** Parses {@code mainnet} or {@code devnet}, in any case. */
    public static Profile parse(String text) {
        for (Profile p : values()) {
            if (p.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return p;
            }
        }
        throw new InvalidInputException("profile", "unknown profile '" + text + "'; supported: mainnet, devnet");
    }
}
