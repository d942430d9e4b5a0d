package io.minersim.sealing.stats;

/** What the statistics hold at the end of a day, rather than count. */
public enum Level {
    /** Faulty sectors not recovered, terminated or expired. */
    FAULTY_RBP,
    FAULTY_QAP,
    /** Active sectors: on chain, not faulty, terminated or expired. */
    ACTIVE_SECTORS,
    /** The sum of active sectors' lifetimes (expiration − activation), in seconds of chain time. */
    ACTIVE_LIFETIME_SECONDS
}
