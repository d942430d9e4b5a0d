package io.minersim.app.api;

import io.minersim.rpc.WorkerReturnApi;
import io.minersim.rpc.types.CallError;
import io.minersim.rpc.types.CallId;
import io.minersim.rpc.types.PieceInfo;
import io.minersim.rpc.types.ReplicaUpdateOut;
import io.minersim.rpc.types.SectorCids;
import io.minersim.sealing.SealingException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link WorkerReturnApi}: every result is for a call the miner never handed to a worker, so it is kept as
 * Lotus's manager keeps an early return, and a second result for the same call is refused. Lotus keeps these in
 * memory without bound; here the oldest are forgotten past {@link #KEPT} calls, so a client cannot grow the
 * heap without limit (a result for a forgotten call is accepted again).
 */
public final class WorkerReturnApiImpl implements WorkerReturnApi {

    /** How many early-returned calls are remembered. */
    static final int KEPT = 65_536;

    private final Map<CallId, Boolean> returned = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<CallId, Boolean> eldest) {
            return size() > KEPT;
        }
    };

    /** Every result so far, a refused second one included (Lotus counts each before it looks further). */
    private long untracked;

    /** Lotus's {@code returnResult} for a call it does not track. */
    private synchronized void result(CallId callId) {
        untracked++;
        if (returned.putIfAbsent(callId, Boolean.TRUE) != null) {
            throw new SealingException("callRes channel already has a response");
        }
    }

    /**
     * How many results came for calls the miner has no record of since the process started (Lotus's
     * {@code lotus_sealing_worker_untracked_calls_returned}): every result, as minersim hands no call to a worker.
     */
    public synchronized long untrackedReturns() {
        return untracked;
    }

    /** The calls returned so far, oldest first (what Lotus's {@code SealingSchedDiag} lists as EarlyRet). */
    public synchronized List<CallId> earlyReturns() {
        return List.copyOf(returned.keySet());
    }

    @Override
    public void returnAddPiece(CallId callId, PieceInfo pi, CallError error) {
        result(callId);
    }

    @Override
    public void returnDataCid(CallId callId, PieceInfo pi, CallError error) {
        result(callId);
    }

    @Override
    public void returnDownloadSector(CallId callId, CallError error) {
        result(callId);
    }

    @Override
    public void returnFetch(CallId callId, CallError error) {
        result(callId);
    }

    @Override
    public void returnFinalizeReplicaUpdate(CallId callId, CallError error) {
        result(callId);
    }

    @Override
    public void returnFinalizeSector(CallId callId, CallError error) {
        result(callId);
    }

    @Override
    public void returnGenerateSectorKeyFromData(CallId callId, CallError error) {
        result(callId);
    }

    @Override
    public void returnMoveStorage(CallId callId, CallError error) {
        result(callId);
    }

    @Override
    public void returnProveReplicaUpdate1(CallId callId, List<byte[]> vanillaProofs, CallError error) {
        result(callId);
    }

    @Override
    public void returnProveReplicaUpdate2(CallId callId, byte[] proof, CallError error) {
        result(callId);
    }

    @Override
    public void returnReadPiece(CallId callId, boolean ok, CallError error) {
        result(callId);
    }

    @Override
    public void returnReleaseUnsealed(CallId callId, CallError error) {
        result(callId);
    }

    @Override
    public void returnReplicaUpdate(CallId callId, ReplicaUpdateOut out, CallError error) {
        result(callId);
    }

    @Override
    public void returnSealCommit1(CallId callId, byte[] out, CallError error) {
        result(callId);
    }

    @Override
    public void returnSealCommit2(CallId callId, byte[] proof, CallError error) {
        result(callId);
    }

    @Override
    public void returnSealPreCommit1(CallId callId, byte[] out, CallError error) {
        result(callId);
    }

    @Override
    public void returnSealPreCommit2(CallId callId, SectorCids sealed, CallError error) {
        result(callId);
    }

    @Override
    public void returnUnsealPiece(CallId callId, CallError error) {
        result(callId);
    }

    @Override
    public void workerConnect(String url) {
        WorkerDialer.connect(url);
    }
}
