package io.minersim.sealing.fsm;

/**
 * The coarse bucket Lotus counts a sector in when it throttles sealing ({@code toStatState}): a
 * sector is staging deals, sealing, proving, or failed.
 */
public enum StatsBucket {
    STAGING,
    SEALING,
    PROVING,
    FAILED
}
