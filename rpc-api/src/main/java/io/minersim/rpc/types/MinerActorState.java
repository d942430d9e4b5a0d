package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigInteger;

/**
 * The miner actor's state ({@code miner.State} of the built-in actors) as StateReadState writes it: the roots of its
 * collections as CIDs, its funds and its proving period.
 *
 * @param info the MinerInfo's CID
 * @param preCommitDeposits attoFIL locked by pre-commitments
 * @param lockedFunds attoFIL of vesting rewards still locked
 * @param vestingFunds the vesting table, or null when there is none
 * @param feeDebt attoFIL owed to the network
 * @param initialPledge attoFIL of initial pledge of the sectors
 * @param preCommittedSectors the pre-commitments' HAMT root
 * @param preCommittedSectorsCleanUp the pre-commit expiry queue's root
 * @param allocatedSectors the allocated sector numbers' CID
 * @param sectors the sectors' AMT root
 * @param provingPeriodStart the current proving period's first epoch
 * @param currentDeadline the current deadline's index (0..47)
 * @param deadlines the deadlines' CID
 * @param earlyTerminations partitions with early terminations to process (a bitfield)
 * @param deadlineCronActive whether the deadline cron is scheduled
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MinerActorState(
        @JsonProperty("Info") CidLink info,
        @JsonProperty("PreCommitDeposits") @DecimalString BigInteger preCommitDeposits,
        @JsonProperty("LockedFunds") @DecimalString BigInteger lockedFunds,
        @JsonProperty("VestingFunds") CidLink vestingFunds,
        @JsonProperty("FeeDebt") @DecimalString BigInteger feeDebt,
        @JsonProperty("InitialPledge") @DecimalString BigInteger initialPledge,
        @JsonProperty("PreCommittedSectors") CidLink preCommittedSectors,
        @JsonProperty("PreCommittedSectorsCleanUp") CidLink preCommittedSectorsCleanUp,
        @JsonProperty("AllocatedSectors") CidLink allocatedSectors,
        @JsonProperty("Sectors") CidLink sectors,
        @JsonProperty("ProvingPeriodStart") long provingPeriodStart,
        @JsonProperty("CurrentDeadline") long currentDeadline,
        @JsonProperty("Deadlines") CidLink deadlines,
        @JsonProperty("EarlyTerminations") BitFieldRuns earlyTerminations,
        @JsonProperty("DeadlineCronActive") boolean deadlineCronActive) {
    /** Deadlines per proving period. */
    private static final long DEADLINES = 48;

    public MinerActorState {
        Checks.required(info, "MinerActorState", "Info");
        preCommitDeposits = Checks.bigOrZero(preCommitDeposits);
        lockedFunds = Checks.bigOrZero(lockedFunds);
        feeDebt = Checks.bigOrZero(feeDebt);
        initialPledge = Checks.bigOrZero(initialPledge);
        Checks.required(preCommittedSectors, "MinerActorState", "PreCommittedSectors");
        Checks.required(preCommittedSectorsCleanUp, "MinerActorState", "PreCommittedSectorsCleanUp");
        Checks.required(allocatedSectors, "MinerActorState", "AllocatedSectors");
        Checks.required(sectors, "MinerActorState", "Sectors");
        Checks.required(deadlines, "MinerActorState", "Deadlines");
        Checks.required(earlyTerminations, "MinerActorState", "EarlyTerminations");
        if (currentDeadline < 0 || currentDeadline >= DEADLINES) {
            throw new IllegalArgumentException("MinerActorState.CurrentDeadline must be 0..47, got "
                    + currentDeadline);
        }
        if (preCommitDeposits.signum() < 0 || lockedFunds.signum() < 0 || feeDebt.signum() < 0
                || initialPledge.signum() < 0) {
            throw new IllegalArgumentException("MinerActorState funds must not be negative");
        }
    }
}
