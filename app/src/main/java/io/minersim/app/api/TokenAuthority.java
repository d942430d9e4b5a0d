package io.minersim.app.api;

import java.util.List;

/** Signs and verifies the miner's API tokens (the JWT library stays behind this). */
public interface TokenAuthority {
    /** A token allowing exactly {@code allow}. */
    String sign(List<String> allow);

    /** The {@code Allow} list of a valid token; an exception with Lotus's message otherwise. */
    List<String> verify(String token);
}
