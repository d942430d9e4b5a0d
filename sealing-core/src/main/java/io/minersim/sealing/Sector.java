package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.Piece;
import java.util.List;

/**
 * One sector's mutable record inside a {@link Miner}; only the miner's writer touches it. Values that
 * can be derived (ticket and seed bytes, CommR, the proof, message CIDs) are not stored: the epochs and
 * indexes they derive from are.
 *
 * <p>The sector extends {@link SectorLog} for its layout only: the log's three fields sit in the sector's own object,
 * sparing an object header and a reference per sector. Read and append the log through {@link #log()}.
 */
final class Sector extends SectorLog {
    static final long NONE = -1;

    final long number;
    final long createdEpoch;
    final boolean committedCapacity;

    SectorState state;
    /** Bumped on every state entry; a timer set for an older version is stale. */
    int version;

    /** Written pieces, pads and fillers included, in sector order. Immutable lists, replaced on change. */
    List<Piece> pieces = List.of();
    /** Pieces assigned to the sector but not yet written (AddPiece). */
    List<Piece> assigned = List.of();
    byte[] commD;
    boolean sealed;
    boolean proven;

    long ticketEpoch = NONE;
    long preCommitEpoch = NONE;
    long seedEpoch = NONE;
    int preCommitMessage = -1;
    int commitMessage = -1;

    long activation = NONE;
    /** The epoch power is counted from: the activation, or the landing of a snap upgrade. */
    long powerBaseEpoch = NONE;
    long expiration;

    /** The fields most sectors never set, allocated with the first that is set; {@code null} while all are unset. */
    private Rare rare;

    /**
     * What a sector holds only with deals, on a failure, a fault, a snap upgrade or its end: kept aside, so that the
     * millions of sectors that seal and prove without one do not carry them.
     */
    private static final class Rare {
        List<Piece> ccPieces;
        int terminateMessage = -1;
        int preCommit1Fails;
        int preCommit2Fails;
        int replicaUpdateFails;
        SectorState returnState;
        String injectedError;
        long faultEpoch = NONE;
        long terminatedEpoch = NONE;
        long expiredEpoch = NONE;
        int replicaUpdateMessage = -1;
        int invalidProofs;
        String lastErr = "";
        long dealWeight;
        long verifiedDealWeight;
    }

    /** The sector's event log (this very object: see the class note). */
    SectorLog log() {
        return this;
    }

    private Rare rare() {
        if (rare == null) {
            rare = new Rare();
        }
        return rare;
    }

    Sector(long number, long createdEpoch, boolean committedCapacity) {
        this.number = number;
        this.createdEpoch = createdEpoch;
        this.committedCapacity = committedCapacity;
    }

    /** The CC pieces kept while a snap upgrade replaces them, restored on abort; {@code null} when none are kept. */
    List<Piece> ccPieces() {
        return rare == null ? null : rare.ccPieces;
    }

    void setCcPieces(List<Piece> value) {
        if (rare != null || value != null) {
            rare().ccPieces = value;
        }
    }

    /** The index of the termination message sent for the sector, or -1. */
    int terminateMessage() {
        return rare == null ? -1 : rare.terminateMessage;
    }

    void setTerminateMessage(int value) {
        if (rare != null || value != -1) {
            rare().terminateMessage = value;
        }
    }

    /** PreCommit1 failures since the sector last started sealing. */
    int preCommit1Fails() {
        return rare == null ? 0 : rare.preCommit1Fails;
    }

    void setPreCommit1Fails(int value) {
        if (rare != null || value != 0) {
            rare().preCommit1Fails = value;
        }
    }

    /** PreCommit2 failures since the last PreCommit1 failure. */
    int preCommit2Fails() {
        return rare == null ? 0 : rare.preCommit2Fails;
    }

    void setPreCommit2Fails(int value) {
        if (rare != null || value != 0) {
            rare().preCommit2Fails = value;
        }
    }

    /** Failed replica update submissions of the snap upgrade under way. */
    int replicaUpdateFails() {
        return rare == null ? 0 : rare.replicaUpdateFails;
    }

    void setReplicaUpdateFails(int value) {
        if (rare != null || value != 0) {
            rare().replicaUpdateFails = value;
        }
    }

    /** The state a deal-ID fix or a received sector returns to, or {@code null}. */
    SectorState returnState() {
        return rare == null ? null : rare.returnState;
    }

    void setReturnState(SectorState value) {
        if (rare != null || value != null) {
            rare().returnState = value;
        }
    }

    /** The injected failure the state entered last takes, or {@code null}. */
    String injectedError() {
        return rare == null ? null : rare.injectedError;
    }

    void setInjectedError(String value) {
        if (rare != null || value != null) {
            rare().injectedError = value;
        }
    }

    /** The epoch the sector was declared faulty, or {@link #NONE}. */
    long faultEpoch() {
        return rare == null ? NONE : rare.faultEpoch;
    }

    void setFaultEpoch(long value) {
        if (rare != null || value != NONE) {
            rare().faultEpoch = value;
        }
    }

    /** The epoch the sector was terminated on chain, or {@link #NONE}. */
    long terminatedEpoch() {
        return rare == null ? NONE : rare.terminatedEpoch;
    }

    void setTerminatedEpoch(long value) {
        if (rare != null || value != NONE) {
            rare().terminatedEpoch = value;
        }
    }

    /** The epoch the head passed the sector's expiration and it left the chain, or {@link #NONE}. */
    long expiredEpoch() {
        return rare == null ? NONE : rare.expiredEpoch;
    }

    void setExpiredEpoch(long value) {
        if (rare != null || value != NONE) {
            rare().expiredEpoch = value;
        }
    }

    /** The index of the replica update message of the sector's snap upgrade, or -1. */
    int replicaUpdateMessage() {
        return rare == null ? -1 : rare.replicaUpdateMessage;
    }

    void setReplicaUpdateMessage(int value) {
        if (rare != null || value != -1) {
            rare().replicaUpdateMessage = value;
        }
    }

    /** Proof computations retried since the last PreCommit1 failure (Lotus's {@code InvalidProofs}). */
    int invalidProofs() {
        return rare == null ? 0 : rare.invalidProofs;
    }

    void setInvalidProofs(int value) {
        if (rare != null || value != 0) {
            rare().invalidProofs = value;
        }
    }

    /** The last error the sector met, or the empty string. */
    String lastErr() {
        return rare == null ? "" : rare.lastErr;
    }

    void setLastErr(String value) {
        if (rare != null || !"".equals(value)) {
            rare().lastErr = value;
        }
    }

    /** The sector's deal weight (zero for a CC sector). */
    long dealWeight() {
        return rare == null ? 0 : rare.dealWeight;
    }

    void setDealWeight(long value) {
        if (rare != null || value != 0) {
            rare().dealWeight = value;
        }
    }

    /** The sector's verified deal weight (zero for a CC sector). */
    long verifiedDealWeight() {
        return rare == null ? 0 : rare.verifiedDealWeight;
    }

    void setVerifiedDealWeight(long value) {
        if (rare != null || value != 0) {
            rare().verifiedDealWeight = value;
        }
    }

    /** Padded bytes taken by written and assigned pieces. */
    long usedBytes() {
        long used = 0;
        for (Piece p : pieces) {
            used += p.paddedSize();
        }
        for (Piece p : assigned) {
            used += p.paddedSize();
        }
        return used;
    }

    /** Padded bytes of the deal pieces written (what the history records with each move). */
    long dealBytes() {
        long bytes = 0;
        for (Piece p : pieces) {
            bytes += p.isFiller() ? 0 : p.paddedSize();
        }
        return bytes;
    }

    /** Deal pieces written or assigned. */
    int dealCount() {
        int n = 0;
        for (Piece p : pieces) {
            n += p.isFiller() ? 0 : 1;
        }
        for (Piece p : assigned) {
            n += p.isFiller() ? 0 : 1;
        }
        return n;
    }

    /** The earliest start epoch of the sector's deals, or {@link Long#MAX_VALUE}. */
    long earliestDealStart() {
        long min = Long.MAX_VALUE;
        for (Piece p : pieces) {
            if (!p.isFiller()) {
                min = Math.min(min, p.deal().startEpoch());
            }
        }
        for (Piece p : assigned) {
            if (!p.isFiller()) {
                min = Math.min(min, p.deal().startEpoch());
            }
        }
        return min;
    }

    /** Whether the sector is on chain: pre-committed and proven. */
    boolean onChain() {
        return activation != NONE;
    }

    /** Whether the chain still counts the sector: on chain, neither terminated nor expired. */
    boolean live() {
        return activation != NONE && terminatedEpoch() == NONE && expiredEpoch() == NONE;
    }
}
