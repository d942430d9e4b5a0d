package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.chain.ChainPolicy;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CcSectorPipelineTest {

    /** Distinct durations per stage, so a stage taking another stage's time would show. */
    private static final StageDurations STAGES = new StageDurations(2, 3, 4, 5, 6, 7, 8, 1, 1, 1, 1, 1);

    @Test
    void ccSectorWalksLotusStatesToProvingInTheConfiguredEpochs() {
        MinerConfig cfg = MinerConfig.of(Profile.DEVNET).withStages(STAGES)
                .withSealing(SealingConfig.devnet().withPreCommitBatching(256, Duration.ofSeconds(12),
                        Duration.ofSeconds(4)).withCommitBatching(4, 819, Duration.ofSeconds(20), Duration.ofSeconds(4)));
        SimulatedMiner sim = new SimulatedMiner(cfg);
        ChainPolicy p = cfg.policy();
        long n = sim.miner.pledgeSector();

        long ticketDone = 3 + 4;
        long submitPreCommit = ticketDone + 5 + 6;
        long preCommitSent = submitPreCommit + 12 / 4;
        long preCommitEpoch = preCommitSent + 1;
        long waitSeed = preCommitEpoch + p.messageConfidence();
        long committing = preCommitEpoch + p.preCommitChallengeDelay() + p.interactivePoRepConfidence();
        long submitCommit = committing + 7;
        long commitSent = submitCommit + 20 / 4;
        long activation = commitSent + 1;
        long finalize = activation + p.messageConfidence();
        long proving = finalize + 8;

        assertThat(sim.walk(n, SectorState.Proving, 500)).containsExactly(
                "Packing@0", "GetTicket@3", "PreCommit1@" + ticketDone, "PreCommit2@" + (ticketDone + 5),
                "SubmitPreCommitBatch@" + submitPreCommit, "PreCommitBatchWait@" + preCommitSent,
                "WaitSeed@" + waitSeed, "Committing@" + committing, "SubmitCommitAggregate@" + submitCommit,
                "CommitAggregateWait@" + commitSent, "FinalizeSector@" + finalize, "Proving@" + proving);

        SectorInfo info = sim.miner.status(n, true);
        assertThat(info.activation()).isEqualTo(activation);
        assertThat(info.ticket().epoch()).isEqualTo(0);
        assertThat(info.seed().epoch()).isEqualTo(preCommitEpoch + p.preCommitChallengeDelay());
    }

    @Test
    void mainnetCcSectorWaitsOnLotusDefaultBatchTimersAndChainDelays() {
        SimulatedMiner sim = new SimulatedMiner(MinerConfig.of(Profile.MAINNET));
        long n = sim.miner.pledgeSector();
        long submitPreCommit = 1 + 1 + 420 + 30;
        long preCommitSent = submitPreCommit + 2880;
        long committing = preCommitSent + 1 + 150 + 6;
        long commitSent = committing + 80 + 2880;
        assertThat(sim.walk(n, SectorState.Proving, 10_000)).containsExactly("Packing@0", "GetTicket@1",
                "PreCommit1@2", "PreCommit2@422", "SubmitPreCommitBatch@" + submitPreCommit,
                "PreCommitBatchWait@" + preCommitSent, "WaitSeed@" + (preCommitSent + 6), "Committing@" + committing,
                "SubmitCommitAggregate@" + (committing + 80), "CommitAggregateWait@" + commitSent,
                "FinalizeSector@" + (commitSent + 6), "Proving@" + (commitSent + 16));
        SectorInfo info = sim.miner.status(n, true);
        assertThat(info.expiration() - info.activation()).as("CommittedCapacitySectorLifetime, 540 days")
                .isEqualTo(1_555_200 - (commitSent + 1 - submitPreCommit));
    }

    @Test
    void provingCcSectorShowsEverythingSectorsStatusShows() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.advanceUntil(n, SectorState.Proving, 100);

        SectorInfo info = sim.miner.status(n, true);
        byte[] zero = PieceCommitments.zeroCommitment(SectorSize.SIZE_32GiB.bytes());
        assertThat(info.commD()).isEqualTo(Cid.unsealedCommitment(zero));
        assertThat(info.commD().toString())
                .isEqualTo("baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq");
        assertThat(info.commR().toString()).startsWith("bagboea4b5abc");
        assertThat(info.proof()).hasSize(1920);
        assertThat(info.deals()).containsExactly(0L);
        assertThat(info.pieces()).singleElement().satisfies(p -> {
            assertThat(p.paddedSize()).isEqualTo(SectorSize.SIZE_32GiB.bytes());
            assertThat(p.isFiller()).isTrue();
        });
        assertThat(info.ticket().value()).hasSize(32);
        assertThat(info.seed().value()).hasSize(32);
        assertThat(info.preCommitMessage().toString()).startsWith("bafy2bza");
        assertThat(info.commitMessage().toString()).startsWith("bafy2bza");
        assertThat(info.commitMessage()).isNotEqualTo(info.preCommitMessage());
        assertThat(info.sealProof()).isEqualTo(8);
        assertThat(info.lastErr()).isEmpty();
        assertThat(info.retries()).isZero();
        assertThat(info.toUpgrade()).isFalse();
        assertThat(info.expiration()).isGreaterThan(info.activation());
        assertThat(info.onTime()).as("quantized to the last epoch of the sector's deadline")
                .isBetween(info.expiration(), info.expiration() + io.minersim.sealing.proving.DeadlineInfo.PROVING_PERIOD - 1);
        assertThat(info.early()).isZero();
        assertThat(info.dealWeight()).isEqualTo(BigInteger.ZERO);
        assertThat(info.initialPledge()).isPositive();
        assertThat(info.log()).extracting(SectorLogEntry::kind).containsExactly(
                "event;sealing.SectorStartCC", "event;sealing.SectorPacked", "event;sealing.SectorTicket",
                "event;sealing.SectorPreCommit1", "event;sealing.SectorPreCommit2",
                "event;sealing.SectorPreCommitBatchSent", "event;sealing.SectorPreCommitLanded",
                "event;sealing.SectorSeedReady", "event;sealing.SectorCommitted",
                "event;sealing.SectorCommitAggregateSent", "event;sealing.SectorProving",
                "event;sealing.SectorFinalized");
        assertThat(info.log().get(0).message()).isEqualTo("{\"User\":{\"ID\":" + n + ",\"SectorType\":8}}");
        assertThat(info.log().get(0).timestamp()).isEqualTo(ChainPolicy.MAINNET_GENESIS);
        assertThat(info.log().get(5).message()).contains(info.preCommitMessage().toString());
        assertThat(info.log().get(1).message()).isEqualTo("{\"User\":{\"FillerPieces\":[{\"Size\":34359738368,"
                + "\"PieceCID\":{\"/\":\"baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq\"}}]}}");
        assertThat(info.log().get(8).message()).isEqualTo("{\"User\":{\"Proof\":\""
                + java.util.Base64.getEncoder().encodeToString(info.proof()) + "\"}}");
    }

    @Test
    void onChainFieldsAreZeroUnlessAskedFor() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.advanceUntil(n, SectorState.Proving, 100);
        SectorInfo info = sim.miner.status(n, false);
        assertThat(List.of(info.activation(), info.expiration(), info.onTime(), info.early()))
                .containsOnly(0L);
        assertThat(List.of(info.dealWeight(), info.verifiedDealWeight(), info.initialPledge()))
                .containsOnly(BigInteger.ZERO);
    }

    @Test
    void sectorNumbersStartAtZeroAndSkipReservations() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        sim.miner.numReserve("keep", io.minersim.sealing.numbers.BitField.of(1, 2), false);
        assertThat(sim.miner.pledgeSector()).isZero();
        assertThat(sim.miner.pledgeSector()).isEqualTo(3);
        assertThat(sim.miner.numAssignerMeta().next()).isEqualTo(4);
    }
}
