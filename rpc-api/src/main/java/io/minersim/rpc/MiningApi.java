package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.BlockHeader;
import io.minersim.rpc.types.ExtendedSectorInfo;
import io.minersim.rpc.types.TipSet;
import java.util.List;

/** Lotus's miner methods of block production: the tipset it mines on and the winning PoSt prover. */
public interface MiningApi {

    /** The tipset the miner would mine its next block on: the full node's head ({@code GetBestMiningCandidate}). */
    @JsonRpcMethod("Filecoin.MiningBase")
    @RequiresPermission(Permission.READ)
    TipSet miningBase();

    /**
     * A winning PoSt over {@code sectors} with {@code randomness} (Lotus's {@code StorageWpp.ComputeProof}): one proof
     * of the sectors' winning PoSt type. No sectors, a seal proof with no winning PoSt, or a sector the miner cannot
     * read (unknown, without files, declared faulty) is refused with Lotus's error.
     */
    @JsonRpcMethod("Filecoin.ComputeProof")
    @RequiresPermission(Permission.READ)
    List<BlockHeader.PoStProof> computeProof(@GoType("[]builtinactors.ExtendedSectorInfo") List<ExtendedSectorInfo> sectors,
            @GoType("abi.PoStRandomness") byte[] randomness, @GoType("abi.ChainEpoch") long epoch,
            @GoType("abinetwork.Version") long networkVersion);
}
