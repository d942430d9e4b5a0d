package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;
import java.util.List;

/**
 * {@code api.MiningBaseInfo}, MinerGetBaseInfo's result: what a miner needs to try to win a block at a round.
 *
 * @param minerPower the miner's quality-adjusted power at the lookback (a big.Int)
 * @param networkPower the network's (a big.Int)
 * @param sectors the sectors challenged for the Winning PoSt
 * @param workerKey the worker's key address
 * @param sectorSize the miner's sector size in bytes
 * @param prevBeaconEntry the base tipset's latest beacon entry
 * @param beaconEntries the beacon entries from it up to the round
 * @param eligibleForMining whether the miner may mine (minimum power, no fee debt)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MiningBaseInfo(
        @JsonProperty("MinerPower") @DecimalString BigInteger minerPower,
        @JsonProperty("NetworkPower") @DecimalString BigInteger networkPower,
        @JsonProperty("Sectors") List<WinningSector> sectors,
        @JsonProperty("WorkerKey") String workerKey,
        @JsonProperty("SectorSize") long sectorSize,
        @JsonProperty("PrevBeaconEntry") BlockHeader.BeaconEntry prevBeaconEntry,
        @JsonProperty("BeaconEntries") List<BlockHeader.BeaconEntry> beaconEntries,
        @JsonProperty("EligibleForMining") boolean eligibleForMining) {
    public MiningBaseInfo {
        minerPower = Checks.bigOrZero(minerPower);
        networkPower = Checks.bigOrZero(networkPower);
        sectors = Checks.listOrEmpty(sectors, "MiningBaseInfo", "Sectors");
        Checks.required(workerKey, "MiningBaseInfo", "WorkerKey");
        Checks.uint64(sectorSize, "MiningBaseInfo", "SectorSize");
        Checks.required(prevBeaconEntry, "MiningBaseInfo", "PrevBeaconEntry");
        beaconEntries = Checks.listOrEmpty(beaconEntries, "MiningBaseInfo", "BeaconEntries");
        if (minerPower.compareTo(networkPower) > 0) {
            throw new IllegalArgumentException("MiningBaseInfo.MinerPower (" + minerPower
                    + ") exceeds NetworkPower (" + networkPower + ")");
        }
    }

    /**
     * {@code builtin.ExtendedSectorInfo}: a challenged sector.
     *
     * @param sealProof its seal proof type
     * @param sectorNumber its number
     * @param sectorKey its sector key CID (snapped sectors), or null
     * @param sealedCid its sealed CID
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WinningSector(
            @JsonProperty("SealProof") long sealProof,
            @JsonProperty("SectorNumber") long sectorNumber,
            @JsonProperty("SectorKey") CidLink sectorKey,
            @JsonProperty("SealedCID") CidLink sealedCid) {
        public WinningSector {
            Checks.uint64(sectorNumber, "WinningSector", "SectorNumber");
            Checks.required(sealedCid, "WinningSector", "SealedCID");
        }
    }
}
