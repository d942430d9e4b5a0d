package io.minersim.sealing;

import io.minersim.sealing.chain.ChainPolicy;
import java.util.Objects;

/**
 * Everything that defines one simulated miner: its actor, sector size, the chain policy, sealing
 * knobs, stage durations and the seed every simulated random value is derived from.
 */
public record MinerConfig(
        long actorId,
        SectorSize sectorSize,
        ChainPolicy policy,
        SealingConfig sealing,
        StageDurations stages,
        long seed) {

    /** The default actor, {@code f01000}. */
    public static final long DEFAULT_ACTOR_ID = 1000;

    public MinerConfig {
        if (actorId < 0) {
            throw new InvalidInputException("actor", "actor id must not be negative, got " + actorId);
        }
        Objects.requireNonNull(sectorSize, "sectorSize");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(sealing, "sealing");
        Objects.requireNonNull(stages, "stages");
    }

    /** The profile's defaults for actor {@code f01000}, 32 GiB sectors and seed 0. */
    public static MinerConfig of(Profile profile) {
        return new MinerConfig(DEFAULT_ACTOR_ID, SectorSize.SIZE_32GiB, profile.policy(), profile.sealing(),
                profile.stages(), 0);
    }

    /** The actor's ID address, e.g. {@code f01000}. */
    public String actorAddress() {
        return "f0" + actorId;
    }

    /** Parses an ID address ({@code f01000} or {@code t01000}) into its actor id. */
    public static long parseActor(String address) {
        String a = address == null ? "" : address.trim();
        if (a.length() < 3 || (a.charAt(0) != 'f' && a.charAt(0) != 't') || a.charAt(1) != '0') {
            throw new InvalidInputException("actor", "not an ID address (f0…): '" + address + "'");
        }
        try {
            long id = Long.parseLong(a.substring(2));
            if (id < 0 || !Long.toString(id).equals(a.substring(2))) {
                throw new NumberFormatException(a);
            }
            return id;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("actor", "not an ID address (f0…): '" + address + "'");
        }
    }

    public MinerConfig withActorId(long id) {
        return new MinerConfig(id, sectorSize, policy, sealing, stages, seed);
    }

    public MinerConfig withSectorSize(SectorSize size) {
        return new MinerConfig(actorId, size, policy, sealing, stages, seed);
    }

    public MinerConfig withSealing(SealingConfig s) {
        return new MinerConfig(actorId, sectorSize, policy, s, stages, seed);
    }

    public MinerConfig withStages(StageDurations s) {
        return new MinerConfig(actorId, sectorSize, policy, sealing, s, seed);
    }

    public MinerConfig withSeed(long s) {
        return new MinerConfig(actorId, sectorSize, policy, sealing, stages, s);
    }
}
