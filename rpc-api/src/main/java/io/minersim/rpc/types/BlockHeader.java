package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.List;

/**
 * {@code types.BlockHeader}, in Lotus's JSON field order. Built with {@link #builder()}.
 *
 * @param miner the block's miner (an address)
 * @param ticket the election ticket
 * @param electionProof the election proof
 * @param beaconEntries drand entries ({@code []} when none)
 * @param winPoStProof the winning PoSt proofs
 * @param parents the parent tipset's key
 * @param parentWeight the parent tipset's weight (a big.Int)
 * @param height the epoch
 * @param parentStateRoot the state after the parent tipset
 * @param parentMessageReceipts the receipts of the parent's messages
 * @param messages the root of this block's messages
 * @param blsAggregate the aggregate BLS signature of the block's messages
 * @param timestamp the block's time (unix seconds)
 * @param blockSig the miner's signature
 * @param forkSignaling always 0
 * @param parentBaseFee the base fee (a big.Int)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BlockHeader(
        @JsonProperty("Miner") String miner,
        @JsonProperty("Ticket") Ticket ticket,
        @JsonProperty("ElectionProof") ElectionProof electionProof,
        @JsonProperty("BeaconEntries") List<BeaconEntry> beaconEntries,
        @JsonProperty("WinPoStProof") List<PoStProof> winPoStProof,
        @JsonProperty("Parents") List<CidLink> parents,
        @JsonProperty("ParentWeight") @DecimalString BigInteger parentWeight,
        @JsonProperty("Height") long height,
        @JsonProperty("ParentStateRoot") CidLink parentStateRoot,
        @JsonProperty("ParentMessageReceipts") CidLink parentMessageReceipts,
        @JsonProperty("Messages") CidLink messages,
        @JsonProperty("BLSAggregate") Signature blsAggregate,
        @JsonProperty("Timestamp") long timestamp,
        @JsonProperty("BlockSig") Signature blockSig,
        @JsonProperty("ForkSignaling") long forkSignaling,
        @JsonProperty("ParentBaseFee") @DecimalString BigInteger parentBaseFee) {
    public BlockHeader {
        Checks.required(miner, "BlockHeader", "Miner");
        Checks.required(ticket, "BlockHeader", "Ticket");
        beaconEntries = Checks.listOrEmpty(beaconEntries, "BlockHeader", "BeaconEntries");
        winPoStProof = Checks.listOrEmpty(winPoStProof, "BlockHeader", "WinPoStProof");
        parents = Checks.listOrEmpty(parents, "BlockHeader", "Parents");
        parentWeight = Checks.bigOrZero(parentWeight);
        if (height < 0) {
            throw new IllegalArgumentException("BlockHeader.Height must not be negative, got " + height);
        }
        Checks.required(parentStateRoot, "BlockHeader", "ParentStateRoot");
        Checks.required(parentMessageReceipts, "BlockHeader", "ParentMessageReceipts");
        Checks.required(messages, "BlockHeader", "Messages");
        Checks.uint64(timestamp, "BlockHeader", "Timestamp");
        Checks.uint64(forkSignaling, "BlockHeader", "ForkSignaling");
        parentBaseFee = Checks.bigOrZero(parentBaseFee);
    }

    /** {@code {"VRFProof": base64}}. */
    public record Ticket(@JsonProperty("VRFProof") byte[] vrfProof) {
        public Ticket {
            vrfProof = Checks.copy(vrfProof);
        }

        @Override
        public byte[] vrfProof() {
            return Checks.copy(vrfProof);
        }
    }

    /** {@code {"WinCount": n, "VRFProof": base64}}. */
    public record ElectionProof(@JsonProperty("WinCount") long winCount, @JsonProperty("VRFProof") byte[] vrfProof) {
        public ElectionProof {
            vrfProof = Checks.copy(vrfProof);
        }

        @Override
        public byte[] vrfProof() {
            return Checks.copy(vrfProof);
        }
    }

    /** A drand entry: {@code {"Round": n, "Data": base64}}. */
    public record BeaconEntry(@JsonProperty("Round") long round, @JsonProperty("Data") byte[] data) {
        public BeaconEntry {
            Checks.uint64(round, "BeaconEntry", "Round");
            data = Checks.copy(data);
        }

        @Override
        public byte[] data() {
            return Checks.copy(data);
        }
    }

    /** {@code {"PoStProof": proof type, "ProofBytes": base64}}. */
    public record PoStProof(@JsonProperty("PoStProof") long postProof, @JsonProperty("ProofBytes") byte[] proofBytes) {
        public PoStProof {
            proofBytes = Checks.copy(proofBytes);
        }

        @Override
        public byte[] proofBytes() {
            return Checks.copy(proofBytes);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a header; every field but the lists and big numbers must be set. */
    public static final class Builder {
        private String miner;
        private Ticket ticket;
        private ElectionProof electionProof;
        private List<BeaconEntry> beaconEntries;
        private List<PoStProof> winPoStProof;
        private List<CidLink> parents;
        private BigInteger parentWeight;
        private long height;
        private CidLink parentStateRoot;
        private CidLink parentMessageReceipts;
        private CidLink messages;
        private Signature blsAggregate;
        private long timestamp;
        private Signature blockSig;
        private long forkSignaling;
        private BigInteger parentBaseFee;

        public Builder miner(String v) {
            this.miner = v;
            return this;
        }

        public Builder ticket(Ticket v) {
            this.ticket = v;
            return this;
        }

        public Builder electionProof(ElectionProof v) {
            this.electionProof = v;
            return this;
        }

        public Builder beaconEntries(List<BeaconEntry> v) {
            this.beaconEntries = v;
            return this;
        }

        public Builder winPoStProof(List<PoStProof> v) {
            this.winPoStProof = v;
            return this;
        }

        public Builder parents(List<CidLink> v) {
            this.parents = v;
            return this;
        }

        public Builder parentWeight(BigInteger v) {
            this.parentWeight = v;
            return this;
        }

        public Builder height(long v) {
            this.height = v;
            return this;
        }

        public Builder parentStateRoot(CidLink v) {
            this.parentStateRoot = v;
            return this;
        }

        public Builder parentMessageReceipts(CidLink v) {
            this.parentMessageReceipts = v;
            return this;
        }

        public Builder messages(CidLink v) {
            this.messages = v;
            return this;
        }

        public Builder blsAggregate(Signature v) {
            this.blsAggregate = v;
            return this;
        }

        public Builder timestamp(long v) {
            this.timestamp = v;
            return this;
        }

        public Builder blockSig(Signature v) {
            this.blockSig = v;
            return this;
        }

        public Builder forkSignaling(long v) {
            this.forkSignaling = v;
            return this;
        }

        public Builder parentBaseFee(BigInteger v) {
            this.parentBaseFee = v;
            return this;
        }

        public BlockHeader build() {
            return new BlockHeader(miner, ticket, electionProof, beaconEntries, winPoStProof, parents, parentWeight,
                    height, parentStateRoot, parentMessageReceipts, messages, blsAggregate, timestamp, blockSig,
                    forkSignaling, parentBaseFee);
        }
    }
}
