package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.SectorRef;
import io.minersim.rpc.types.SubmitWindowedPoStParams;
import java.util.List;
import java.util.Map;

/**
 * Lotus's miner methods about proving the sealed sectors, served on the same endpoint as {@link MinerApi}
 * ({@code node/impl/storminer.go}); kept apart from it, as {@link BackupApi} is.
 */
public interface ProvingApi {

    /**
     * The sectors among {@code sectors} the miner could not prove now, each with Lotus's reason
     * ({@code storage/sealer/faults.go}): {@code "getting commR: …"} for an unknown sector or one without a
     * sealed CID yet, {@code "can't get proof type"} for a seal proof with no Window PoSt proof, and
     * {@code "generating vanilla proof: sector not found"} for a sector whose files the miner cannot read
     * (made unreadable by {@code Sim.DeclareFaults}, or removed). An empty map when all are provable.
     */
    @JsonRpcMethod("Filecoin.CheckProvable")
    @RequiresPermission(Permission.ADMIN)
    Map<String, String> checkProvable(@GoType("abi.RegisteredPoStProof") long postProof,
            @GoType("[]storiface.SectorRef") List<SectorRef> sectors);

    /**
     * Lotus's {@code ManualFaultRecovery}: the miner declares these sectors recovered now, in one
     * {@code DeclareFaultsRecovered} message per call, and answers its CID. A sector in no partition is refused
     * ("failed to fetch partition and deadline details for sector N: sector N not due at any deadline") and nothing
     * is sent. As on chain, a deadline past its fault cutoff fails the message, and only faulty sectors recover;
     * the deadline's next Window PoSt proves them if the miner can read them.
     */
    @JsonRpcMethod("Filecoin.RecoverFault")
    @RequiresPermission(Permission.ADMIN)
    List<CidLink> recoverFault(@GoType(value = "[]abi.SectorNumber", unsigned = true) List<Long> sectors);

    /**
     * The Window PoSt the miner would submit for deadline {@code deadline} at the tipset {@code tipSetKey} ({@code []}:
     * the head), computed and not sent (Lotus's {@code ComputePoSt}, a check run): every partition's live and
     * recovering sectors, faulty ones included, those the miner cannot read skipped; a partition with nothing
     * readable is left out; partitions batched per message as the miner submits them. A deadline index past the
     * last is refused with the full node's error ("getting partitions: failed to load the deadline: invalid deadline
     * N").
     */
    @JsonRpcMethod("Filecoin.ComputeWindowPoSt")
    @RequiresPermission(Permission.ADMIN)
    List<SubmitWindowedPoStParams> computeWindowPoSt(@GoType(value = "uint64", unsigned = true) long deadline,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);
}
