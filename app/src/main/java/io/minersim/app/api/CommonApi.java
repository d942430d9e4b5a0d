package io.minersim.app.api;

import io.minersim.rpc.types.VersionInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Lotus's common methods ({@code api.Common}) as every minersim endpoint serves them, the miner's and the full
 * node's: {@code Version}, {@code AuthNew}, {@code AuthVerify} and {@code Session}. Each API implementation answers
 * them from its own instance (its tokens, its session, its API version).
 */
public final class CommonApi {
    private final TokenAuthority tokens;
    private final String version;
    private final long apiVersion;
    private final long blockDelaySeconds;
    private final UUID session = UUID.randomUUID();

    /**
     * @param tokens signs and verifies the endpoint's tokens
     * @param profile the profile's name as the version string shows it ({@code devnet}, {@code mainnet})
     * @param apiVersion the API semver, packed as {@link VersionInfo#semver}
     * @param blockDelaySeconds seconds per epoch
     */
    public CommonApi(TokenAuthority tokens, String profile, long apiVersion, long blockDelaySeconds) {
        this.tokens = tokens;
        this.version = "1.36.1+" + profile + "+minersim";
        this.apiVersion = apiVersion;
        this.blockDelaySeconds = blockDelaySeconds;
    }

    /** {@code Version}. */
    public VersionInfo version() {
        return new VersionInfo(version, apiVersion, blockDelaySeconds, "lotus");
    }

    /** {@code AuthNew}: a token allowing exactly these permissions (none for null), as its bytes. */
    public byte[] authNew(List<String> permissions) {
        return tokens.sign(permissions == null ? List.of() : permissions).getBytes(StandardCharsets.US_ASCII);
    }

    /** {@code AuthVerify}: a valid token's permissions. */
    public List<String> authVerify(String token) {
        return tokens.verify(token);
    }

    /** {@code Session}: this endpoint's id, new each start. */
    public UUID session() {
        return session;
    }
}
