package io.minersim.sealing;

import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.workers.WorkerSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One call that changes a {@link Miner}, as a value: what a {@link CallRecorder} is told of, in the order the
 * calls ran under the miner's write lock, and what {@link Miner#replay} runs again. The engine is deterministic,
 * so a miner restored from a snapshot and given the calls recorded since then, in order, is the miner they were
 * recorded on, read for read. {@link MinerRecords} writes them as plain values.
 */
public sealed interface MinerCall {

    /** {@link Miner#pledgeSector()}. */
    record Pledge() implements MinerCall {
    }

    /**
     * {@link Miner#addPieceToAny(long, DealInfo)}; {@code dataCid} is the piece CID of data that does not match the
     * deal's ({@link CheckedPiece#withDataCid}), {@code null} when it matches.
     */
    record AddPiece(long unpaddedSize, DealInfo deal, Cid dataCid) implements MinerCall {
        public AddPiece(long unpaddedSize, DealInfo deal) {
            this(unpaddedSize, deal, null);
        }
    }

    /** {@link Miner#matchPendingPiecesToOpenSectors()}. */
    record MatchPendingPieces() implements MinerCall {
    }

    /**
     * An event delivered to a sector by {@link Miner#startSealing}, {@link Miner#remove}, {@link Miner#terminate}
     * or {@link Miner#abortUpgrade}.
     */
    record Deliver(long sector, SectorEvent event) implements MinerCall {
    }

    /** {@link Miner#setSealDelay}. */
    record SetSealDelay(Duration delay) implements MinerCall {
    }

    /** {@link Miner#setExpectedSealDuration}. */
    record SetExpectedSealDuration(Duration duration) implements MinerCall {
    }

    /** {@link Miner#forceState}. */
    record ForceState(long sector, SectorState state) implements MinerCall {
    }

    /** {@link Miner#preCommitFlush()}. */
    record PreCommitFlush() implements MinerCall {
    }

    /** {@link Miner#commitFlush()}. */
    record CommitFlush() implements MinerCall {
    }

    /** {@link Miner#terminateFlush()}. */
    record TerminateFlush() implements MinerCall {
    }

    /** {@link Miner#markForUpgrade}. */
    record MarkForUpgrade(long sector, boolean snap) implements MinerCall {
    }

    /** {@link Miner#declareFaults}. */
    record DeclareFaults(List<Long> sectors, boolean declared) implements MinerCall {
    }

    /** {@link Miner#recoverFaults}. */
    record RecoverFaults(List<Long> sectors) implements MinerCall {
    }

    /** {@link Miner#recoverFault}. */
    record RecoverFault(List<Long> sectors) implements MinerCall {
    }

    /** {@link Miner#withdrawBalance}: the amount in attoFIL, as a decimal string. */
    record WithdrawBalance(String amount) implements MinerCall {
    }

    /** {@link Miner#missPoSt}. */
    record MissPoSt(int deadline, List<Long> partitions) implements MinerCall {
    }

    /** {@link Miner#extendSectors}. */
    record ExtendSectors(List<Long> sectors, long newExpiration) implements MinerCall {
    }

    /** {@link Miner#expireDeals}. */
    record ExpireDeals(List<Long> dealIds) implements MinerCall {
    }

    /** {@link Miner#injectFailure}. */
    record InjectFailure(FailureRule rule) implements MinerCall {
    }

    /** {@link Miner#clearFailures()}. */
    record ClearFailures() implements MinerCall {
    }

    /** {@link Miner#receive}. */
    record Receive(long sector, SectorState target, List<Piece> pieces) implements MinerCall {
    }

    /** {@link Miner#seed}. */
    record Seed(List<SectorSeed> seeds) implements MinerCall {
    }

    /** {@link Miner#numReserve}. */
    record NumReserve(String name, BitField sectors, boolean force) implements MinerCall {
    }

    /** {@link Miner#numReserveCount}. */
    record NumReserveCount(String name, long count) implements MinerCall {
    }

    /** {@link Miner#numFree}. */
    record NumFree(String name) implements MinerCall {
    }

    /** {@link Miner#changeStorage}: a change to the storage paths or the sector index. */
    record Storage(io.minersim.sealing.storage.StorageOp op) implements MinerCall {
    }

    /** {@link Miner#restore}: the whole snapshot document. */
    record Restore(Map<String, ?> document) implements MinerCall {
    }

    /** {@link Miner#configureWorkers}. */
    record ConfigureWorkers(List<WorkerSpec> workers) implements MinerCall {
    }

    /** {@link Miner#setWorkerEnabled}. */
    record SetWorkerEnabled(String worker, boolean enabled) implements MinerCall {
    }

    /** {@link Miner#sealingAbort}. */
    record SealingAbort(long miner, long sector, String callId) implements MinerCall {
    }

    /** {@link Miner#sealingRemoveRequest}. */
    record SealingRemoveRequest(String schedId) implements MinerCall {
    }

    /** The clock told the miner itself (not through an {@link Miner#exclusive} section) that the head is here. */
    record Head(long epoch) implements MinerCall {
    }

    /** A copy of a caller's collection, nulls kept (a replay must fail where the call failed). */
    static List<Long> copy(Collection<Long> values) {
        return values == null ? null : Collections.unmodifiableList(new ArrayList<>(values));
    }
}
