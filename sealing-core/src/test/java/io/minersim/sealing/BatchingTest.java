package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchingTest {

    /** Devnet with every stage one epoch: CC sectors pledged at 0 reach SubmitPreCommitBatch at 4. */
    private static SimulatedMiner miner(int maxPreCommit, Duration preCommitWait, int minCommit, int maxCommit,
            Duration commitWait) {
        SealingConfig s = SealingConfig.devnet().withPreCommitBatching(maxPreCommit, preCommitWait, Duration.ofSeconds(4))
                .withCommitBatching(minCommit, maxCommit, commitWait, Duration.ofSeconds(4));
        return new SimulatedMiner(MinerConfig.of(Profile.DEVNET).withSealing(s));
    }

    private static void pledge(SimulatedMiner sim, int n) {
        for (int i = 0; i < n; i++) {
            sim.miner.pledgeSector();
        }
    }

    @Test
    void preCommitBatchSendsAtMaxThenWaitsForTheTimer() {
        SimulatedMiner sim = miner(3, Duration.ofSeconds(40), 4, 819, Duration.ofHours(1));
        pledge(sim, 7);
        sim.clock.advanceTo(4);
        assertThat(sim.miner.listInStates(Set.of(SectorState.PreCommitBatchWait))).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(sim.miner.preCommitPending()).containsExactly(6L);
        assertThat(sim.miner.status(0, false).preCommitMessage()).isEqualTo(sim.miner.status(2, false).preCommitMessage())
                .isNotEqualTo(sim.miner.status(3, false).preCommitMessage());
        sim.clock.advanceTo(13);
        assertThat(sim.miner.preCommitPending()).containsExactly(6L);
        sim.clock.advanceTo(14);
        assertThat(sim.miner.preCommitPending()).isEmpty();
        assertThat(sim.state(6)).isEqualTo(SectorState.PreCommitBatchWait);
    }

    @Test
    void preCommitFlushSendsWhatIsPendingAndSectorsMoveOnOnlyAfterTheMessageConfidence() {
        SimulatedMiner sim = miner(256, Duration.ofHours(24), 4, 819, Duration.ofHours(24));
        assertThat(sim.miner.preCommitFlush()).isEmpty();
        pledge(sim, 3);
        sim.clock.advanceTo(4);
        assertThat(sim.miner.preCommitPending()).containsExactly(0L, 1L, 2L);

        Optional<List<PreCommitBatchResult>> flushed = sim.miner.preCommitFlush();
        assertThat(flushed).get().satisfies(results -> {
            assertThat(results).singleElement().satisfies(r -> {
                assertThat(r.sectors()).containsExactly(0L, 1L, 2L);
                assertThat(r.error()).isEmpty();
                assertThat(r.message()).isEqualTo(sim.miner.status(1, false).preCommitMessage());
            });
        });
        assertThat(sim.miner.preCommitPending()).isEmpty();
        assertThat(sim.miner.preCommitFlush()).isEmpty();

        long confidence = sim.config.policy().messageConfidence();
        sim.clock.advanceTo(4 + confidence);
        assertThat(sim.state(0)).isEqualTo(SectorState.PreCommitBatchWait);
        sim.clock.advanceTo(5 + confidence);
        assertThat(sim.state(0)).isEqualTo(SectorState.WaitSeed);
    }

    @Test
    void preCommitBatchLeavesBeforeTheEarliestDealCutoffLessSlack() throws Exception {
        SimulatedMiner sim = new SimulatedMiner(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB)
                .withSealing(SealingConfig.devnet().withPreCommitBatching(256, Duration.ofHours(24),
                        Duration.ofSeconds(8))));
        sim.miner.addPieceToAny(2032, SimulatedMiner.marketDeal(1, 2032, PieceCommitments.zeroCommitment(2048),
                600, 900_000, false)).get();
        sim.advanceUntil(0, SectorState.SubmitPreCommitBatch, 50);
        sim.clock.advanceTo(597);
        assertThat(sim.miner.preCommitPending()).containsExactly(0L);
        sim.clock.advanceTo(598);
        assertThat(sim.miner.preCommitPending()).isEmpty();
        assertThat(sim.state(0)).isEqualTo(SectorState.PreCommitBatchWait);
    }

    @Test
    void commitAggregatorAggregatesFromMinAndSendsAtMax() {
        SimulatedMiner sim = miner(256, Duration.ofSeconds(4), 4, 5, Duration.ofHours(24));
        pledge(sim, 8);
        sim.advanceUntil(7, SectorState.SubmitCommitAggregate, 100);
        assertThat(sim.miner.listInStates(Set.of(SectorState.CommitAggregateWait))).containsExactly(0, 1, 2, 3, 4);
        assertThat(sim.miner.commitPending()).containsExactly(5L, 6L, 7L);

        List<CommitBatchResult> results = sim.miner.commitFlush().orElseThrow();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.sectors()).containsExactly(5L, 6L, 7L);
            assertThat(r.aggregated()).as("3 < MinCommitBatch: proofs go one by one").isFalse();
            assertThat(r.failedSectors()).isEmpty();
            assertThat(r.error()).isEmpty();
            assertThat(r.message()).isEqualTo(sim.miner.status(6, false).commitMessage());
        });
        assertThat(sim.miner.commitFlush()).isEmpty();
        assertThat(sim.miner.status(0, false).commitMessage()).isNotEqualTo(sim.miner.status(5, false).commitMessage());
    }

    @Test
    void commitFlushOfAtLeastMinAggregates() {
        SimulatedMiner sim = miner(256, Duration.ofSeconds(4), 4, 819, Duration.ofHours(24));
        pledge(sim, 4);
        sim.advanceUntil(3, SectorState.SubmitCommitAggregate, 100);
        assertThat(sim.miner.commitFlush().orElseThrow()).singleElement()
                .satisfies(r -> assertThat(r.aggregated()).isTrue());
    }

    @Test
    void pendingListsAreSortedByNumber() {
        SimulatedMiner sim = miner(256, Duration.ofHours(24), 4, 819, Duration.ofHours(24));
        pledge(sim, 6);
        sim.miner.forceState(5, SectorState.SubmitPreCommitBatch);
        sim.miner.forceState(2, SectorState.SubmitPreCommitBatch);
        sim.miner.forceState(4, SectorState.SubmitPreCommitBatch);
        assertThat(sim.miner.preCommitPending()).containsExactly(2L, 4L, 5L);
        sim.miner.forceState(4, SectorState.Packing);
        assertThat(sim.miner.preCommitPending()).as("leaving the state leaves the queue").containsExactly(2L, 5L);
    }

    @Test
    void aBatchLargerThanMaxIsSplitIntoSeveralMessagesOnFlush() {
        SimulatedMiner sim = miner(2, Duration.ofHours(24), 4, 819, Duration.ofHours(24));
        pledge(sim, 5);
        for (long n = 0; n < 5; n++) {
            sim.miner.forceState(n, SectorState.SubmitPreCommitBatch);
        }
        assertThat(sim.miner.preCommitPending()).containsExactly(4L);
        assertThat(sim.miner.preCommitFlush().orElseThrow()).extracting(PreCommitBatchResult::sectors)
                .containsExactly(List.of(4L));
    }
}
