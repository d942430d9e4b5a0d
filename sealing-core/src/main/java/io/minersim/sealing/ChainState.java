package io.minersim.sealing;

import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.proving.PartitionSectors;
import io.minersim.sealing.proving.PowerPair;
import io.minersim.sealing.proving.SectorCounts;
import io.minersim.sealing.proving.SectorExpiration;
import io.minersim.sealing.proving.SectorPlace;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The miner actor's proving state at one tipset, as a full node's {@code State*} methods read it: the head's
 * ({@link ChainView}) or a recent epoch's ({@link ChainView#at}).
 */
public interface ChainState {
    /** The partitions proven in each of the 48 deadlines' current occurrence ({@code StateMinerDeadlines}). */
    List<BitField> postSubmissions();

    /**
     * {@code StateMinerPartitions}: the partitions of {@code deadline}, in index order.
     *
     * @throws InvalidInputException when the deadline is not in [0, 48)
     */
    List<PartitionSectors> partitions(long deadline);

    /** {@code StateMinerFaults}. */
    BitField faults();

    /** {@code StateMinerRecoveries}. */
    BitField recoveries();

    /** The numbers of {@code StateMinerActiveSectors}. */
    BitField activeSectors();

    /** The live sectors: activated, neither terminated nor expired. */
    BitField liveSectors();

    /** The numbers of {@code StateMinerSectors(nil)}: every sector activated by then. */
    BitField onChainSectors();

    /** {@code StateMinerSectorCount}. */
    SectorCounts sectorCounts();

    /** {@code StateSectorPartition}: empty when the sector is in no partition. */
    Optional<SectorPlace> place(long sector);

    /** {@code StateSectorExpiration}: empty when the sector is not live in a partition. */
    Optional<SectorExpiration> expiration(long sector);

    /** {@code StateSectorGetInfo}: empty when the actor has no such sector. */
    Optional<OnChainSector> sector(long number);

    /** Power of the active sectors: the power actor's claim for this miner. */
    PowerPair power();

    /** {@code StateSectorPreCommitInfo}: empty unless the pre-commitment has landed and the sector is not active. */
    Optional<PreCommitOnChain> preCommit(long number);

    /** The initial pledge locked by the live sectors. */
    BigInteger initialPledge();

    /** The deposits locked by pre-commitments that have landed and are not yet proven. */
    BigInteger preCommitDeposits();
}
