package io.minersim.sealing.stats;

/**
 * What the statistics count. Each measure is kept for the day it happened on ({@link
 * SectorStats#daily}) and cumulated from genesis to the end of the day ({@link SectorStats#total}).
 * RBP is raw byte power (sector size); QAP is quality-adjusted power, both in bytes.
 */
public enum Measure {
    /** Sectors whose power came on chain: proven, or received already proven. */
    ONBOARDED_SECTORS,
    ONBOARDED_RBP,
    /** QAP at onboarding. */
    ONBOARDED_QAP,
    /** Sectors proven by the miner's own prove-commit messages (alone or aggregated). */
    SEALED_SECTORS,

    /** Sectors pre-committed in a message that carried only them ({@code PreCommitSector}). */
    PRE_COMMIT_SECTORS,
    PRE_COMMIT_RBP,
    /** QAP the pre-committed sectors' deals give them. */
    PRE_COMMIT_QAP,
    /** Sectors pre-committed in messages that carried several ({@code PreCommitSectorBatch}). */
    PRE_COMMIT_BATCH_SECTORS,
    PRE_COMMIT_BATCH_RBP,
    PRE_COMMIT_BATCH_QAP,
    /** Pre-commit batch messages (with more than one sector) that landed. */
    PRE_COMMIT_BATCH_MESSAGES,

    /** Sectors proven by a message that did not aggregate proofs ({@code ProveCommitSector(s)}). */
    PROVE_COMMIT_SECTORS,
    PROVE_COMMIT_RBP,
    PROVE_COMMIT_QAP,
    /** Sectors proven by {@code ProveCommitAggregate}. */
    PROVE_COMMIT_AGGREGATE_SECTORS,
    PROVE_COMMIT_AGGREGATE_RBP,
    PROVE_COMMIT_AGGREGATE_QAP,
    /** {@code ProveCommitAggregate} messages that landed. */
    PROVE_COMMIT_AGGREGATE_MESSAGES,

    /** Terminated by the miner ({@code TerminateSectors}). */
    ACTIVE_TERMINATED_RBP,
    ACTIVE_TERMINATED_QAP,
    /** Terminated by the network after FaultMaxAge in fault. */
    PASSIVE_TERMINATED_RBP,
    PASSIVE_TERMINATED_QAP,

    /** Sectors that became faulty (declared or detected). */
    FAULTED_RBP,
    FAULTED_QAP,
    /** Faulty sectors proven again. */
    RECOVERED_RBP,
    RECOVERED_QAP,
    /** Sectors that reached their expiration. */
    EXPIRED_RBP,
    EXPIRED_QAP,
    /** Sectors whose expiration was extended (QAP after the extension). */
    EXTENDED_RBP,
    EXTENDED_QAP,
    /** CC sectors given deals by a snap upgrade ({@code ProveReplicaUpdates}; QAP after it). */
    SNAPPED_RBP,
    SNAPPED_QAP
}
