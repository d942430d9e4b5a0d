package io.minersim.sealing;

import io.minersim.sealing.commitment.Cid;
import java.math.BigInteger;
import java.util.List;

/**
 * A sector as the miner actor keeps it ({@code SectorOnChainInfo}), from activation until the chain
 * forgets it (never, as minersim does not compact partitions): terminated and expired sectors stay.
 * {@code sectorKeyCid} is the CC replica's CommR of a snapped sector, else {@code null}.
 */
public record OnChainSector(long number, int sealProof, Cid sealedCid, List<Long> dealIds, long activation,
        long expiration, BigInteger dealWeight, BigInteger verifiedDealWeight, BigInteger initialPledge,
        long powerBaseEpoch, Cid sectorKeyCid) {

    public OnChainSector {
        dealIds = List.copyOf(dealIds);
    }
}
