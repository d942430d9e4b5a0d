package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.CallError;
import io.minersim.rpc.types.CallId;
import io.minersim.rpc.types.PieceInfo;
import io.minersim.rpc.types.ReplicaUpdateOut;
import io.minersim.rpc.types.SectorCids;
import java.util.List;

/**
 * The calls a Lotus worker makes to return a task's result to the miner ({@code api.WorkerReturn}), served on the
 * same endpoint as {@link MinerApi}. minersim's sealing runs inside the miner, so no call is ever waiting for a
 * worker: each result comes for a call the miner has no record of, and is answered as Lotus's manager answers
 * that ({@code returnResult}): the first result of a {@link CallId} is kept (as an early return) and accepted,
 * another for the same call is refused with {@code "callRes channel already has a response"}.
 */
public interface WorkerReturnApi {

    /** {@code ReturnAddPiece}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnAddPiece")
    @RequiresPermission(Permission.ADMIN)
    void returnAddPiece(@GoType("storiface.CallID") CallId callId,
            @GoType("abi.PieceInfo") PieceInfo pi,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnDataCid}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnDataCid")
    @RequiresPermission(Permission.ADMIN)
    void returnDataCid(@GoType("storiface.CallID") CallId callId,
            @GoType("abi.PieceInfo") PieceInfo pi,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnDownloadSector}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnDownloadSector")
    @RequiresPermission(Permission.ADMIN)
    void returnDownloadSector(@GoType("storiface.CallID") CallId callId,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnFetch}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnFetch")
    @RequiresPermission(Permission.ADMIN)
    void returnFetch(@GoType("storiface.CallID") CallId callId,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnFinalizeReplicaUpdate}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnFinalizeReplicaUpdate")
    @RequiresPermission(Permission.ADMIN)
    void returnFinalizeReplicaUpdate(@GoType("storiface.CallID") CallId callId,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnFinalizeSector}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnFinalizeSector")
    @RequiresPermission(Permission.ADMIN)
    void returnFinalizeSector(@GoType("storiface.CallID") CallId callId,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnGenerateSectorKeyFromData}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnGenerateSectorKeyFromData")
    @RequiresPermission(Permission.ADMIN)
    void returnGenerateSectorKeyFromData(@GoType("storiface.CallID") CallId callId,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnMoveStorage}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnMoveStorage")
    @RequiresPermission(Permission.ADMIN)
    void returnMoveStorage(@GoType("storiface.CallID") CallId callId,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnProveReplicaUpdate1}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnProveReplicaUpdate1")
    @RequiresPermission(Permission.ADMIN)
    void returnProveReplicaUpdate1(@GoType("storiface.CallID") CallId callId,
            @GoType("storiface.ReplicaVanillaProofs") List<byte[]> vanillaProofs,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnProveReplicaUpdate2}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnProveReplicaUpdate2")
    @RequiresPermission(Permission.ADMIN)
    void returnProveReplicaUpdate2(@GoType("storiface.CallID") CallId callId,
            @GoType("storiface.ReplicaUpdateProof") byte[] proof,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnReadPiece}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnReadPiece")
    @RequiresPermission(Permission.ADMIN)
    void returnReadPiece(@GoType("storiface.CallID") CallId callId,
            @GoType("bool") boolean ok,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnReleaseUnsealed}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnReleaseUnsealed")
    @RequiresPermission(Permission.ADMIN)
    void returnReleaseUnsealed(@GoType("storiface.CallID") CallId callId,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnReplicaUpdate}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnReplicaUpdate")
    @RequiresPermission(Permission.ADMIN)
    void returnReplicaUpdate(@GoType("storiface.CallID") CallId callId,
            @GoType("storiface.ReplicaUpdateOut") ReplicaUpdateOut out,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnSealCommit1}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnSealCommit1")
    @RequiresPermission(Permission.ADMIN)
    void returnSealCommit1(@GoType("storiface.CallID") CallId callId,
            @GoType("storiface.Commit1Out") byte[] out,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnSealCommit2}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnSealCommit2")
    @RequiresPermission(Permission.ADMIN)
    void returnSealCommit2(@GoType("storiface.CallID") CallId callId,
            @GoType("storiface.Proof") byte[] proof,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnSealPreCommit1}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnSealPreCommit1")
    @RequiresPermission(Permission.ADMIN)
    void returnSealPreCommit1(@GoType("storiface.CallID") CallId callId,
            @GoType("storiface.PreCommit1Out") byte[] out,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnSealPreCommit2}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnSealPreCommit2")
    @RequiresPermission(Permission.ADMIN)
    void returnSealPreCommit2(@GoType("storiface.CallID") CallId callId,
            @GoType("storiface.SectorCids") SectorCids sealed,
            @GoType("*storiface.CallError") CallError error);

    /** {@code ReturnUnsealPiece}: a worker's result for {@code callId}, or its error. */
    @JsonRpcMethod("Filecoin.ReturnUnsealPiece")
    @RequiresPermission(Permission.ADMIN)
    void returnUnsealPiece(@GoType("storiface.CallID") CallId callId,
            @GoType("*storiface.CallError") CallError error);

    /**
     * A worker asks the miner to connect back to its API at {@code url} (what {@code lotus-worker run} calls). The
     * miner dials it as Lotus does; minersim simulates its workers itself, so a URL that answers is refused as well
     * ("connecting remote storage failed: …" with the dial's or the version check's error).
     */
    @JsonRpcMethod("Filecoin.WorkerConnect")
    @RequiresPermission(Permission.ADMIN)
    void workerConnect(String url);
}
