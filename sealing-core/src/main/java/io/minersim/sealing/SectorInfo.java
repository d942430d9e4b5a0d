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

    /** A builder with the values of a sector that has nothing yet: no CIDs, empty lists, zero on-chain part. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SectorInfo} field by field, by name; unset fields keep the empty values of {@link #builder()}. */
    public static final class Builder {
        private long sectorNumber = 0;
        private SectorState state;
        private Cid commD;
        private Cid commR;
        private byte[] proof;
        private List<Long> deals = List.of();
        private List<Piece> pieces = List.of();
        private SealRandomness ticket = SealRandomness.NONE;
        private SealRandomness seed = SealRandomness.NONE;
        private Cid preCommitMessage;
        private Cid commitMessage;
        private long retries = 0;
        private boolean toUpgrade = false;
        private Cid replicaUpdateMessage;
        private String lastErr = "";
        private List<SectorLogEntry> log = List.of();
        private int sealProof = 0;
        private long activation = 0;
        private long expiration = 0;
        private BigInteger dealWeight = BigInteger.ZERO;
        private BigInteger verifiedDealWeight = BigInteger.ZERO;
        private BigInteger initialPledge = BigInteger.ZERO;
        private long onTime = 0;
        private long early = 0;

        private Builder() {
        }

        public Builder sectorNumber(long value) {
            this.sectorNumber = value;
            return this;
        }

        public Builder state(SectorState value) {
            this.state = value;
            return this;
        }

        public Builder commD(Cid value) {
            this.commD = value;
            return this;
        }

        public Builder commR(Cid value) {
            this.commR = value;
            return this;
        }

        public Builder proof(byte[] value) {
            this.proof = value;
            return this;
        }

        public Builder deals(List<Long> value) {
            this.deals = value;
            return this;
        }

        public Builder pieces(List<Piece> value) {
            this.pieces = value;
            return this;
        }

        public Builder ticket(SealRandomness value) {
            this.ticket = value;
            return this;
        }

        public Builder seed(SealRandomness value) {
            this.seed = value;
            return this;
        }

        public Builder preCommitMessage(Cid value) {
            this.preCommitMessage = value;
            return this;
        }

        public Builder commitMessage(Cid value) {
            this.commitMessage = value;
            return this;
        }

        public Builder retries(long value) {
            this.retries = value;
            return this;
        }

        public Builder toUpgrade(boolean value) {
            this.toUpgrade = value;
            return this;
        }

        public Builder replicaUpdateMessage(Cid value) {
            this.replicaUpdateMessage = value;
            return this;
        }

        public Builder lastErr(String value) {
            this.lastErr = value;
            return this;
        }

        public Builder log(List<SectorLogEntry> value) {
            this.log = value;
            return this;
        }

        public Builder sealProof(int value) {
            this.sealProof = value;
            return this;
        }

        public Builder activation(long value) {
            this.activation = value;
            return this;
        }

        public Builder expiration(long value) {
            this.expiration = value;
            return this;
        }

        public Builder dealWeight(BigInteger value) {
            this.dealWeight = value;
            return this;
        }

        public Builder verifiedDealWeight(BigInteger value) {
            this.verifiedDealWeight = value;
            return this;
        }

        public Builder initialPledge(BigInteger value) {
            this.initialPledge = value;
            return this;
        }

        public Builder onTime(long value) {
            this.onTime = value;
            return this;
        }

        public Builder early(long value) {
            this.early = value;
            return this;
        }

        public SectorInfo build() {
            return new SectorInfo(sectorNumber, state, commD, commR, proof, deals,
                    pieces, ticket, seed, preCommitMessage, commitMessage, retries, toUpgrade,
                    replicaUpdateMessage, lastErr, log, sealProof, activation, expiration, dealWeight,
                    verifiedDealWeight, initialPledge, onTime, early);
        }
    }
}
