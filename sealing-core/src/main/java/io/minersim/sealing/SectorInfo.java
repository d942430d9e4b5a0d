package io.minersim.sealing;

import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.Piece;
import java.math.BigInteger;
import java.util.List;

/**
 * Everything Lotus's {@code SectorsStatus} tells about a sector, as domain values; {@code app} maps it
 * to the wire. Absent values are {@code null} (CIDs, proof) or 0; the on-chain part (activation to
 * early) is filled only when asked for and the sector is on chain.
 */
public record SectorInfo(
        long sectorNumber,
        SectorState state,
        Cid commD,
        Cid commR,
        byte[] proof,
        List<Long> deals,
        List<Piece> pieces,
        SealRandomness ticket,
        SealRandomness seed,
        Cid preCommitMessage,
        Cid commitMessage,
        long retries,
        boolean toUpgrade,
        Cid replicaUpdateMessage,
        String lastErr,
        List<SectorLogEntry> log,
        int sealProof,
        long activation,
        long expiration,
        BigInteger dealWeight,
        BigInteger verifiedDealWeight,
        BigInteger initialPledge,
        long onTime,
        long early) {

    public SectorInfo {
        deals = List.copyOf(deals);
        pieces = List.copyOf(pieces);
        log = List.copyOf(log);
        proof = proof == null ? null : proof.clone();
    }

    @Override
    public byte[] proof() {
        return proof == null ? null : proof.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SectorInfo i && sectorNumber == i.sectorNumber && state == i.state
                && java.util.Objects.equals(commD, i.commD) && java.util.Objects.equals(commR, i.commR)
                && java.util.Arrays.equals(proof, i.proof) && deals.equals(i.deals) && pieces.equals(i.pieces)
                && ticket.equals(i.ticket) && seed.equals(i.seed)
                && java.util.Objects.equals(preCommitMessage, i.preCommitMessage)
                && java.util.Objects.equals(commitMessage, i.commitMessage) && retries == i.retries
                && toUpgrade == i.toUpgrade && java.util.Objects.equals(replicaUpdateMessage, i.replicaUpdateMessage)
                && lastErr.equals(i.lastErr) && log.equals(i.log) && sealProof == i.sealProof
                && activation == i.activation && expiration == i.expiration && dealWeight.equals(i.dealWeight)
                && verifiedDealWeight.equals(i.verifiedDealWeight) && initialPledge.equals(i.initialPledge)
                && onTime == i.onTime && early == i.early;
    }

    @Override
    public String toString() {
        return "SectorInfo[sectorNumber=" + sectorNumber + ", state=" + state + ", commD=" + commD + ", commR=" + commR
                + ", proof=" + (proof == null ? "null" : java.util.Base64.getEncoder().encodeToString(proof))
                + ", deals=" + deals + ", pieces=" + pieces + ", ticket=" + ticket + ", seed=" + seed
                + ", preCommitMessage=" + preCommitMessage + ", commitMessage=" + commitMessage + ", retries=" + retries
                + ", toUpgrade=" + toUpgrade + ", replicaUpdateMessage=" + replicaUpdateMessage + ", lastErr=" + lastErr
                + ", log=" + log + ", sealProof=" + sealProof + ", activation=" + activation + ", expiration="
                + expiration + ", dealWeight=" + dealWeight + ", verifiedDealWeight=" + verifiedDealWeight
                + ", initialPledge=" + initialPledge + ", onTime=" + onTime + ", early=" + early + "]";
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(sectorNumber, state, commD, commR, java.util.Arrays.hashCode(proof), deals,
                pieces, ticket, seed, log);
    }
}
