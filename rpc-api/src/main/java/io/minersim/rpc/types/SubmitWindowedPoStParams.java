package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code miner.SubmitWindowedPoStParams}, an element of {@code ComputeWindowPoSt}'s result: one Window PoSt message's
 * parameters. {@code ComputeWindowPoSt} computes without sending, so the chain commit is left unset (0 and null), as
 * in Lotus, which fills it in only when it submits.
 *
 * @param deadline the deadline index
 * @param partitions the partitions proven, each with the sectors it skips
 * @param proofs the proofs
 * @param chainCommitEpoch the epoch whose randomness the message commits to (0 when not sent)
 * @param chainCommitRand that randomness (null when not sent)
 */
public record SubmitWindowedPoStParams(@JsonProperty("Deadline") long deadline,
        @JsonProperty("Partitions") List<Partition> partitions,
        @JsonProperty("Proofs") List<BlockHeader.PoStProof> proofs,
        @JsonProperty("ChainCommitEpoch") long chainCommitEpoch,
        @JsonProperty("ChainCommitRand") byte[] chainCommitRand) {

    public SubmitWindowedPoStParams {
        Checks.uint64(deadline, "SubmitWindowedPoStParams", "Deadline");
        partitions = List.copyOf(partitions);
        proofs = List.copyOf(proofs);
        chainCommitRand = chainCommitRand == null ? null : chainCommitRand.clone();
    }

    @Override
    public byte[] chainCommitRand() {
        return chainCommitRand == null ? null : chainCommitRand.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubmitWindowedPoStParams p && deadline == p.deadline && partitions.equals(p.partitions)
                && proofs.equals(p.proofs) && chainCommitEpoch == p.chainCommitEpoch
                && java.util.Arrays.equals(chainCommitRand, p.chainCommitRand);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(deadline) * 31 + partitions.hashCode();
    }

    @Override
    public String toString() {
        return "SubmitWindowedPoStParams[deadline " + deadline + ", partitions " + partitions + "]";
    }

    /** {@code miner.PoStPartition}: a partition's index in its deadline and the sectors its proof skips. */
    public record Partition(@JsonProperty("Index") long index, @JsonProperty("Skipped") BitFieldRuns skipped) {
        public Partition {
            Checks.uint64(index, "PoStPartition", "Index");
            if (skipped == null) {
                throw new IllegalArgumentException("PoStPartition.Skipped is a bitfield, never null");
            }
        }
    }
}
