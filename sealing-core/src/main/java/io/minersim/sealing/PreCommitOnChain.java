package io.minersim.sealing;

import io.minersim.sealing.commitment.Cid;
import java.math.BigInteger;
import java.util.List;

/**
 * A pre-commitment as the miner actor keeps it ({@code SectorPreCommitOnChainInfo}) between its landing
 * and the sector's activation.
 */
public record PreCommitOnChain(long number, int sealProof, Cid sealedCid, long sealRandEpoch, List<Long> dealIds,
        long expiration, Cid unsealedCid, BigInteger deposit, long preCommitEpoch) {

    public PreCommitOnChain {
        dealIds = List.copyOf(dealIds);
    }
}
