package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * {@code api.SectorInfo}, the result of SectorsStatus, field for field in Lotus's order.
 *
 * <p>Absent CIDs and proofs are {@code null}; {@code Deals}, {@code Pieces} and {@code Log} are {@code []} when empty
 * (a null list is read as empty); the on-chain fields are 0 / {@code "0"} unless SectorsStatus was asked for on-chain
 * info and the sector is on chain.
 *
 * @param sectorId the sector number (uint64)
 * @param state the FSM state name
 * @param commD the unsealed CID ({@code baga6ea4sea...}), set after PreCommit2, else null
 * @param commR the sealed CID ({@code bagboea4b5abc...}), set after PreCommit2, else null
 * @param proof the PoRep proof, base64 on the wire, else null (a copy is kept and returned)
 * @param deals one entry per piece: the DealID of legacy market pieces, 0 for filler and DDO pieces
 * @param pieces the sector's pieces
 * @param ticket the seal ticket; null reads as {@link SealRandomness#NONE}
 * @param seed the interactive seed; null reads as {@link SealRandomness#NONE}
 * @param preCommitMsg the PreCommit message CID, or null
 * @param commitMsg the ProveCommit message CID, or null
 * @param retries Lotus's InvalidProofs counter (uint64)
 * @param toUpgrade always {@code false} in current Lotus
 * @param replicaUpdateMessage the snap-deal update message CID, or null
 * @param lastErr the last recorded error, {@code ""} if none
 * @param log the sector's event log
 * @param sealProof the {@code abi.RegisteredSealProof} number
 * @param activation on-chain activation epoch, else 0
 * @param expiration on-chain expiration epoch, else 0
 * @param dealWeight on-chain deal weight; null reads as 0
 * @param verifiedDealWeight on-chain verified deal weight; null reads as 0
 * @param initialPledge on-chain initial pledge in attoFIL; null reads as 0
 * @param onTime on-time expiration epoch from StateSectorExpiration, else 0
 * @param early early-termination epoch (non-zero means faulty), else 0
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorInfo(
        @JsonProperty("SectorID") long sectorId,
        @JsonProperty("State") String state,
        @JsonProperty("CommD") CidLink commD,
        @JsonProperty("CommR") CidLink commR,
        @JsonProperty("Proof") byte[] proof,
        @JsonProperty("Deals") List<Long> deals,
        @JsonProperty("Pieces") List<SectorPiece> pieces,
        @JsonProperty("Ticket") SealRandomness ticket,
        @JsonProperty("Seed") SealRandomness seed,
        @JsonProperty("PreCommitMsg") CidLink preCommitMsg,
        @JsonProperty("CommitMsg") CidLink commitMsg,
        @JsonProperty("Retries") long retries,
        @JsonProperty("ToUpgrade") boolean toUpgrade,
        @JsonProperty("ReplicaUpdateMessage") CidLink replicaUpdateMessage,
        @JsonProperty("LastErr") String lastErr,
        @JsonProperty("Log") List<SectorLog> log,
        @JsonProperty("SealProof") long sealProof,
        @JsonProperty("Activation") long activation,
        @JsonProperty("Expiration") long expiration,
        @JsonProperty("DealWeight") @DecimalString BigInteger dealWeight,
        @JsonProperty("VerifiedDealWeight") @DecimalString BigInteger verifiedDealWeight,
        @JsonProperty("InitialPledge") @DecimalString BigInteger initialPledge,
        @JsonProperty("OnTime") long onTime,
        @JsonProperty("Early") long early) {
    public SectorInfo {
        Checks.uint64(sectorId, "SectorInfo", "SectorID");
        state = Checks.string(state);
        proof = Checks.copy(proof);
        deals = Checks.uint64ListOrEmpty(deals, "SectorInfo", "Deals");
        pieces = Checks.listOrEmpty(pieces, "SectorInfo", "Pieces");
        ticket = ticket == null ? SealRandomness.NONE : ticket;
        seed = seed == null ? SealRandomness.NONE : seed;
        Checks.uint64(retries, "SectorInfo", "Retries");
        lastErr = Checks.string(lastErr);
        log = Checks.listOrEmpty(log, "SectorInfo", "Log");
        dealWeight = Checks.bigOrZero(dealWeight);
        verifiedDealWeight = Checks.bigOrZero(verifiedDealWeight);
        initialPledge = Checks.bigOrZero(initialPledge);
        if (deals.size() != pieces.size()) {
            throw new IllegalArgumentException("SectorInfo.Deals must have one entry per piece: "
                    + deals.size() + " deals for " + pieces.size() + " pieces");
        }
    }

    @Override
    public byte[] proof() {
        return Checks.copy(proof);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SectorInfo s
                && sectorId == s.sectorId
                && state.equals(s.state)
                && Objects.equals(commD, s.commD)
                && Objects.equals(commR, s.commR)
                && Arrays.equals(proof, s.proof)
                && deals.equals(s.deals)
                && pieces.equals(s.pieces)
                && ticket.equals(s.ticket)
                && seed.equals(s.seed)
                && Objects.equals(preCommitMsg, s.preCommitMsg)
                && Objects.equals(commitMsg, s.commitMsg)
                && retries == s.retries
                && toUpgrade == s.toUpgrade
                && Objects.equals(replicaUpdateMessage, s.replicaUpdateMessage)
                && lastErr.equals(s.lastErr)
                && log.equals(s.log)
                && sealProof == s.sealProof
                && activation == s.activation
                && expiration == s.expiration
                && dealWeight.equals(s.dealWeight)
                && verifiedDealWeight.equals(s.verifiedDealWeight)
                && initialPledge.equals(s.initialPledge)
                && onTime == s.onTime
                && early == s.early;
    }

    @Override
    public int hashCode() {
        return Objects.hash(sectorId, state, commD, commR, Arrays.hashCode(proof), deals, pieces, ticket, seed,
                preCommitMsg, commitMsg, retries, toUpgrade, replicaUpdateMessage, lastErr, log, sealProof,
                activation, expiration, dealWeight, verifiedDealWeight, initialPledge, onTime, early);
    }

    @Override
    public String toString() {
        return "SectorInfo[SectorID=" + sectorId + ", State=" + state + ", CommD=" + commD + ", CommR=" + commR
                + ", Proof=" + (proof == null ? "null" : proof.length + " bytes") + ", Deals=" + deals
                + ", Pieces=" + pieces + ", Ticket=" + ticket + ", Seed=" + seed + ", PreCommitMsg=" + preCommitMsg
                + ", CommitMsg=" + commitMsg + ", Retries=" + retries + ", ToUpgrade=" + toUpgrade
                + ", ReplicaUpdateMessage=" + replicaUpdateMessage + ", LastErr=" + lastErr + ", Log="
                + log.size() + " entries, SealProof=" + sealProof + ", Activation=" + activation + ", Expiration="
                + expiration + ", DealWeight=" + dealWeight + ", VerifiedDealWeight=" + verifiedDealWeight
                + ", InitialPledge=" + initialPledge + ", OnTime=" + onTime + ", Early=" + early + "]";
    }

    /** A builder; unset fields take the record's values for absent ones (null CIDs, empty lists, zeros). */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link SectorInfo} field by field, by name. */
    public static final class Builder {
        private long sectorId;
        private String state;
        private CidLink commD;
        private CidLink commR;
        private byte[] proof;
        private List<Long> deals;
        private List<SectorPiece> pieces;
        private SealRandomness ticket;
        private SealRandomness seed;
        private CidLink preCommitMsg;
        private CidLink commitMsg;
        private long retries;
        private boolean toUpgrade;
        private CidLink replicaUpdateMessage;
        private String lastErr;
        private List<SectorLog> log;
        private long sealProof;
        private long activation;
        private long expiration;
        private BigInteger dealWeight;
        private BigInteger verifiedDealWeight;
        private BigInteger initialPledge;
        private long onTime;
        private long early;

        private Builder() {
        }

        public Builder sectorId(long value) {
            this.sectorId = value;
            return this;
        }

        public Builder state(String value) {
            this.state = value;
            return this;
        }

        public Builder commD(CidLink value) {
            this.commD = value;
            return this;
        }

        public Builder commR(CidLink value) {
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

        public Builder pieces(List<SectorPiece> value) {
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

        public Builder preCommitMsg(CidLink value) {
            this.preCommitMsg = value;
            return this;
        }

        public Builder commitMsg(CidLink value) {
            this.commitMsg = value;
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

        public Builder replicaUpdateMessage(CidLink value) {
            this.replicaUpdateMessage = value;
            return this;
        }

        public Builder lastErr(String value) {
            this.lastErr = value;
            return this;
        }

        public Builder log(List<SectorLog> value) {
            this.log = value;
            return this;
        }

        public Builder sealProof(long value) {
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
            return new SectorInfo(sectorId, state, commD, commR, proof, deals,
                    pieces, ticket, seed, preCommitMsg, commitMsg, retries, toUpgrade,
                    replicaUpdateMessage, lastErr, log, sealProof, activation, expiration,
                    dealWeight, verifiedDealWeight, initialPledge, onTime, early);
        }
    }
}
