package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/**
 * {@code miner.SectorOnChainInfo}, as StateSectorGetInfo and StateMinerSectors write it. The three reward fields are
 * pointers, {@code null} for sectors activated by current actors. Built with {@link #builder()}.
 *
 * @param sectorNumber the sector number
 * @param sealProof its {@code abi.RegisteredSealProof}
 * @param sealedCid CommR
 * @param activation its activation epoch
 * @param expiration its committed expiration epoch
 * @param dealWeight its deal weight (a big.Int)
 * @param verifiedDealWeight its verified deal weight
 * @param initialPledge the pledge it locks
 * @param expectedDayReward null (current actors)
 * @param expectedStoragePledge null (current actors)
 * @param powerBaseEpoch when its power was last set
 * @param replacedDayReward null (current actors)
 * @param sectorKeyCid the CC replica's CommR of a snapped sector, else null
 * @param flags 1 ({@code SIMPLE_QA_POWER})
 * @param dailyFee its daily fee, "0" if none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SectorOnChainInfo(
        @JsonProperty("SectorNumber") long sectorNumber,
        @JsonProperty("SealProof") long sealProof,
        @JsonProperty("SealedCID") CidLink sealedCid,
        @JsonProperty("Activation") long activation,
        @JsonProperty("Expiration") long expiration,
        @JsonProperty("DealWeight") @DecimalString BigInteger dealWeight,
        @JsonProperty("VerifiedDealWeight") @DecimalString BigInteger verifiedDealWeight,
        @JsonProperty("InitialPledge") @DecimalString BigInteger initialPledge,
        @JsonProperty("ExpectedDayReward") @DecimalString BigInteger expectedDayReward,
        @JsonProperty("ExpectedStoragePledge") @DecimalString BigInteger expectedStoragePledge,
        @JsonProperty("PowerBaseEpoch") long powerBaseEpoch,
        @JsonProperty("ReplacedDayReward") @DecimalString BigInteger replacedDayReward,
        @JsonProperty("SectorKeyCID") CidLink sectorKeyCid,
        @JsonProperty("Flags") long flags,
        @JsonProperty("DailyFee") @DecimalString BigInteger dailyFee) {
    /** {@code SIMPLE_QA_POWER}: the flag every sector activated by current actors has. */
    public static final long SIMPLE_QA_POWER = 1;

    public SectorOnChainInfo {
        Checks.uint64(sectorNumber, "SectorOnChainInfo", "SectorNumber");
        Checks.required(sealedCid, "SectorOnChainInfo", "SealedCID");
        if (expiration < activation) {
            throw new IllegalArgumentException("SectorOnChainInfo: Expiration " + expiration + " before Activation "
                    + activation);
        }
        dealWeight = Checks.bigOrZero(dealWeight);
        verifiedDealWeight = Checks.bigOrZero(verifiedDealWeight);
        initialPledge = Checks.bigOrZero(initialPledge);
        Checks.uint64(flags, "SectorOnChainInfo", "Flags");
        dailyFee = Checks.bigOrZero(dailyFee);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an info with flags {@link #SIMPLE_QA_POWER}, no reward fields, no sector key, a zero daily fee. */
    public static final class Builder {
        private long sectorNumber;
        private long sealProof;
        private CidLink sealedCid;
        private long activation;
        private long expiration;
        private BigInteger dealWeight;
        private BigInteger verifiedDealWeight;
        private BigInteger initialPledge;
        private long powerBaseEpoch;
        private CidLink sectorKeyCid;
        private long flags = SIMPLE_QA_POWER;
        private BigInteger dailyFee;

        public Builder sectorNumber(long v) {
            this.sectorNumber = v;
            return this;
        }

        public Builder sealProof(long v) {
            this.sealProof = v;
            return this;
        }

        public Builder sealedCid(CidLink v) {
            this.sealedCid = v;
            return this;
        }

        public Builder activation(long v) {
            this.activation = v;
            return this;
        }

        public Builder expiration(long v) {
            this.expiration = v;
            return this;
        }

        public Builder dealWeight(BigInteger v) {
            this.dealWeight = v;
            return this;
        }

        public Builder verifiedDealWeight(BigInteger v) {
            this.verifiedDealWeight = v;
            return this;
        }

        public Builder initialPledge(BigInteger v) {
            this.initialPledge = v;
            return this;
        }

        public Builder powerBaseEpoch(long v) {
            this.powerBaseEpoch = v;
            return this;
        }

        public Builder sectorKeyCid(CidLink v) {
            this.sectorKeyCid = v;
            return this;
        }

        public Builder flags(long v) {
            this.flags = v;
            return this;
        }

        public Builder dailyFee(BigInteger v) {
            this.dailyFee = v;
            return this;
        }

        public SectorOnChainInfo build() {
            return new SectorOnChainInfo(sectorNumber, sealProof, sealedCid, activation, expiration, dealWeight,
                    verifiedDealWeight, initialPledge, null, null, powerBaseEpoch, null, sectorKeyCid, flags, dailyFee);
        }
    }
}
