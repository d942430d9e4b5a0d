package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.Piece;
import java.util.List;

/**
 * One sector's mutable record inside a {@link Miner}; only the miner's writer touches it. Values that
 * can be derived (ticket and seed bytes, CommR, the proof, message CIDs) are not stored: the epochs and
 * indexes they derive from are.
 */
final class Sector {
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
    /** The CC pieces kept while a snap upgrade replaces them, restored on abort. */
    List<Piece> ccPieces;
    byte[] commD;
    boolean sealed;
    boolean proven;

    long ticketEpoch = NONE;
    long preCommitEpoch = NONE;
    long seedEpoch = NONE;
    int preCommitMessage = -1;
    int commitMessage = -1;
    int replicaUpdateMessage = -1;
    int terminateMessage = -1;

    int preCommit1Fails;
    int preCommit2Fails;
    int invalidProofs;
    int replicaUpdateFails;
    String lastErr = "";
    SectorState returnState;
    String injectedError;

    long activation = NONE;
    /** The epoch power is counted from: the activation, or the landing of a snap upgrade. */
    long powerBaseEpoch = NONE;
    long expiration;
    long dealWeight;
    long verifiedDealWeight;
    long faultEpoch = NONE;
    long terminatedEpoch = NONE;
    /** The epoch the head passed the sector's expiration and it left the chain, or {@link #NONE}. */
    long expiredEpoch = NONE;

    final SectorLog log = new SectorLog();

    Sector(long number, long createdEpoch, boolean committedCapacity) {
        this.number = number;
        this.createdEpoch = createdEpoch;
        this.committedCapacity = committedCapacity;
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
        return activation != NONE && terminatedEpoch == NONE && expiredEpoch == NONE;
    }
}
