package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code api.APIVersion}, Version's result: {@code {"Version":"1.36.1+mainnet+git.d7491c12d","APIVersion":66816,
 * "BlockDelay":30,"Agent":"lotus"}}.
 *
 * @param version the node's user version string
 * @param apiVersion the API semver packed as {@code major<<16 | minor<<8 | patch} (uint32)
 * @param blockDelay seconds per epoch (30 on mainnet, 4 on 2k devnets)
 * @param agent {@code "lotus"}
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VersionInfo(
        @JsonProperty("Version") String version,
        @JsonProperty("APIVersion") long apiVersion,
        @JsonProperty("BlockDelay") long blockDelay,
        @JsonProperty("Agent") String agent) {
    /** The miner's API version, {@code MinerAPIVersion0} = 1.5.0 = 66816. */
    public static final long MINER_API_VERSION = semver(1, 5, 0);

    public VersionInfo {
        version = Checks.string(version);
        if (apiVersion < 0 || apiVersion > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("VersionInfo.APIVersion must be a uint32, got " + apiVersion);
        }
        Checks.uint64(blockDelay, "VersionInfo", "BlockDelay");
        agent = Checks.string(agent);
    }

    /** Packs a semver as Lotus's {@code newVer} does. Each part must fit in 8 bits (major in 16). */
    public static long semver(int major, int minor, int patch) {
        if (major < 0 || major > 0xFFFF || minor < 0 || minor > 0xFF || patch < 0 || patch > 0xFF) {
            throw new IllegalArgumentException("semver out of range: " + major + "." + minor + "." + patch);
        }
        return ((long) major << 16) | ((long) minor << 8) | patch;
    }
}
