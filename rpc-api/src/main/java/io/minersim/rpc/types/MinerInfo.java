package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.List;

/**
 * {@code api.MinerInfo}, StateMinerInfo's result, in Lotus's field order. Built with {@link #builder()}.
 *
 * @param owner the owner address
 * @param worker the worker address
 * @param newWorker the pending new worker, or {@code "<empty>"} (Go's undefined address) when none
 * @param controlAddresses the control addresses, or null when none
 * @param workerChangeEpoch when the pending worker change takes effect, or -1
 * @param peerId the libp2p peer ID, or null
 * @param multiaddrs the advertised multiaddrs (bytes, base64), or null
 * @param windowPoStProofType the {@code abi.RegisteredPoStProof} of its Window PoSts
 * @param sectorSize the sector size in bytes
 * @param windowPoStPartitionSectors sectors per partition
 * @param consensusFaultElapsed the end of its consensus fault, or -1
 * @param pendingOwnerAddress a proposed new owner, or null
 * @param beneficiary the beneficiary address
 * @param beneficiaryTerm the beneficiary's quota, used quota and expiration
 * @param pendingBeneficiaryTerm a proposed beneficiary change, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MinerInfo(
        @JsonProperty("Owner") String owner,
        @JsonProperty("Worker") String worker,
        @JsonProperty("NewWorker") String newWorker,
        @JsonProperty("ControlAddresses") List<String> controlAddresses,
        @JsonProperty("WorkerChangeEpoch") long workerChangeEpoch,
        @JsonProperty("PeerId") String peerId,
        @JsonProperty("Multiaddrs") List<byte[]> multiaddrs,
        @JsonProperty("WindowPoStProofType") long windowPoStProofType,
        @JsonProperty("SectorSize") long sectorSize,
        @JsonProperty("WindowPoStPartitionSectors") long windowPoStPartitionSectors,
        @JsonProperty("ConsensusFaultElapsed") long consensusFaultElapsed,
        @JsonProperty("PendingOwnerAddress") String pendingOwnerAddress,
        @JsonProperty("Beneficiary") String beneficiary,
        @JsonProperty("BeneficiaryTerm") BeneficiaryTerm beneficiaryTerm,
        @JsonProperty("PendingBeneficiaryTerm") PendingBeneficiaryChange pendingBeneficiaryTerm) {
    /** Go's undefined address as it marshals. */
    public static final String UNDEF_ADDRESS = "<empty>";

    public MinerInfo {
        Checks.required(owner, "MinerInfo", "Owner");
        Checks.required(worker, "MinerInfo", "Worker");
        newWorker = newWorker == null ? UNDEF_ADDRESS : newWorker;
        controlAddresses = Checks.listOrNull(controlAddresses, "MinerInfo", "ControlAddresses");
        multiaddrs = Checks.listOrNull(multiaddrs, "MinerInfo", "Multiaddrs");
        if (sectorSize <= 0 || Long.bitCount(sectorSize) != 1) {
            throw new IllegalArgumentException("MinerInfo.SectorSize must be a power of two, got " + sectorSize);
        }
        if (windowPoStPartitionSectors <= 0) {
            throw new IllegalArgumentException("MinerInfo.WindowPoStPartitionSectors must be positive, got "
                    + windowPoStPartitionSectors);
        }
        Checks.required(beneficiary, "MinerInfo", "Beneficiary");
        Checks.required(beneficiaryTerm, "MinerInfo", "BeneficiaryTerm");
    }

    /**
     * {@code miner.BeneficiaryTerm}.
     *
     * @param quota what the beneficiary may withdraw (a big.Int)
     * @param usedQuota what it has withdrawn
     * @param expiration when the term ends
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record BeneficiaryTerm(
            @JsonProperty("Quota") @DecimalString BigInteger quota,
            @JsonProperty("UsedQuota") @DecimalString BigInteger usedQuota,
            @JsonProperty("Expiration") long expiration) {
        public BeneficiaryTerm {
            quota = Checks.bigOrZero(quota);
            usedQuota = Checks.bigOrZero(usedQuota);
        }
    }

    /**
     * {@code miner.PendingBeneficiaryChange}.
     *
     * @param newBeneficiary the proposed beneficiary
     * @param newQuota its quota
     * @param newExpiration its term's end
     * @param approvedByBeneficiary whether the current beneficiary approved
     * @param approvedByNominee whether the nominee approved
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PendingBeneficiaryChange(
            @JsonProperty("NewBeneficiary") String newBeneficiary,
            @JsonProperty("NewQuota") @DecimalString BigInteger newQuota,
            @JsonProperty("NewExpiration") long newExpiration,
            @JsonProperty("ApprovedByBeneficiary") boolean approvedByBeneficiary,
            @JsonProperty("ApprovedByNominee") boolean approvedByNominee) {
        public PendingBeneficiaryChange {
            Checks.required(newBeneficiary, "PendingBeneficiaryChange", "NewBeneficiary");
            newQuota = Checks.bigOrZero(newQuota);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a MinerInfo: no pending changes, no consensus fault and no peer unless set. */
    public static final class Builder {
        private String owner;
        private String worker;
        private String newWorker = UNDEF_ADDRESS;
        private List<String> controlAddresses;
        private long workerChangeEpoch = -1;
        private String peerId;
        private List<byte[]> multiaddrs;
        private long windowPoStProofType;
        private long sectorSize;
        private long windowPoStPartitionSectors;
        private long consensusFaultElapsed = -1;
        private String pendingOwnerAddress;
        private String beneficiary;
        private BeneficiaryTerm beneficiaryTerm = new BeneficiaryTerm(BigInteger.ZERO, BigInteger.ZERO, 0);
        private PendingBeneficiaryChange pendingBeneficiaryTerm;

        public Builder owner(String v) {
            this.owner = v;
            return this;
        }

        public Builder worker(String v) {
            this.worker = v;
            return this;
        }

        public Builder newWorker(String v, long changeEpoch) {
            this.newWorker = v;
            this.workerChangeEpoch = changeEpoch;
            return this;
        }

        public Builder controlAddresses(List<String> v) {
            this.controlAddresses = v;
            return this;
        }

        public Builder peerId(String v) {
            this.peerId = v;
            return this;
        }

        public Builder multiaddrs(List<byte[]> v) {
            this.multiaddrs = v;
            return this;
        }

        public Builder windowPoStProofType(long v) {
            this.windowPoStProofType = v;
            return this;
        }

        public Builder sectorSize(long v) {
            this.sectorSize = v;
            return this;
        }

        public Builder windowPoStPartitionSectors(long v) {
            this.windowPoStPartitionSectors = v;
            return this;
        }

        public Builder consensusFaultElapsed(long v) {
            this.consensusFaultElapsed = v;
            return this;
        }

        public Builder pendingOwnerAddress(String v) {
            this.pendingOwnerAddress = v;
            return this;
        }

        public Builder beneficiary(String v, BeneficiaryTerm term) {
            this.beneficiary = v;
            this.beneficiaryTerm = term;
            return this;
        }

        public Builder pendingBeneficiaryTerm(PendingBeneficiaryChange v) {
            this.pendingBeneficiaryTerm = v;
            return this;
        }

        public MinerInfo build() {
            return new MinerInfo(owner, worker, newWorker, controlAddresses, workerChangeEpoch, peerId, multiaddrs,
                    windowPoStProofType, sectorSize, windowPoStPartitionSectors, consensusFaultElapsed,
                    pendingOwnerAddress, beneficiary, beneficiaryTerm, pendingBeneficiaryTerm);
        }
    }
}
