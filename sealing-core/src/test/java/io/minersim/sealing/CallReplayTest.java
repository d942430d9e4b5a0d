package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.piece.Piece;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A journal in the small: every call a miner runs is recorded, written as plain values and read back, and replayed
 * in order on a miner restored from a snapshot taken before them; the replayed miner is the original, read for read,
 * and every call fails on replay exactly where it failed when it ran.
 */
class CallReplayTest {

    private record Recorded(Map<String, Object> call, boolean failed) {
    }

    @Test
    void replayingTheRecordedCallsOnTheSnapshotGivesTheSameMiner() throws Exception {
        SimulatedMiner sim = new SimulatedMiner(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB)
                .withSeed(11));
        Miner miner = sim.miner;
        miner.pledgeSector();
        sim.clock.advance(3);
        Map<String, Object> before = miner.snapshot();
        List<Recorded> journal = new ArrayList<>();
        miner.recordCalls((call, failed, nanos) -> journal.add(new Recorded(MinerRecords.call(call), failed)));

        drive(sim, new Random(5));

        Miner replayed = Miner.start(sim.config, ManualChainClock.atGenesis(sim.config.policy()));
        replayed.restore(before);
        for (Recorded r : journal) {
            MinerCall call = MinerRecords.call(r.call());
            assertThat(MinerRecords.call(call)).as("written again the same").isEqualTo(r.call());
            boolean failed = false;
            try {
                replayed.replay(call);
            } catch (RuntimeException e) {
                failed = true;
            }
            assertThat(failed).as("%s fails on replay as it did", r.call()).isEqualTo(r.failed());
        }
        assertThat(journal).hasSizeGreaterThan(100);
        assertThat(journal).anyMatch(Recorded::failed);
        assertThat(journal.stream().map(r -> r.call().get("Call")).distinct())
                .as("every kind of call").hasSize(MinerCall.class.getPermittedSubclasses().length);
        assertThat(replayed.snapshot()).isEqualTo(miner.snapshot());
        for (long n : miner.list()) {
            assertThat(replayed.status(n, true)).isEqualTo(miner.status(n, true));
        }
        assertThat(replayed.history(0, Integer.MAX_VALUE)).isEqualTo(miner.history(0, Integer.MAX_VALUE));
    }

    @Test
    void callsInsideAnExclusiveSectionAreNotRecordedAndNothingElseRunsMeanwhile() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        List<MinerCall> recorded = new ArrayList<>();
        sim.miner.recordCalls((call, failed, nanos) -> recorded.add(call));
        CompletableFuture<Long> other = new CompletableFuture<>();
        sim.miner.exclusive(() -> {
            sim.miner.pledgeSector();
            Thread t = new Thread(() -> other.complete(sim.miner.pledgeSector()));
            t.start();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertThat(other).as("another writer waits for the section").isNotDone();
            sim.miner.pledgeSector();
            return null;
        });
        assertThat(other.get()).isEqualTo(2);
        assertThat(recorded).containsExactly(new MinerCall.Pledge());
    }

    @Test
    void aMalformedCallIsRefusedWithItsField() {
        assertThatThrownBy(() -> MinerRecords.call(Map.of("Call", "Teleport"))).isInstanceOf(
                InvalidInputException.class).hasMessageContaining("unknown call \"Teleport\"");
        assertThatThrownBy(() -> MinerRecords.call(Map.of("Call", "ForceState", "Sector", 1L, "State", "Nowhere")))
                .hasMessageContaining("ForceState.State");
    }

    @Test
    void theConfigurationComesBackWhole() {
        MinerConfig c = MinerConfig.of(Profile.MAINNET).withActorId(1234).withSectorSize(SectorSize.SIZE_64GiB)
                .withSeed(-3).withSealing(SealingConfig.mainnet().withTerminateBatching(3, 9, Duration.ofMinutes(7)))
                .withStages(new StageDurations(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12));
        assertThat(MinerRecords.config(MinerRecords.config(c))).isEqualTo(c);
    }

    /** Every kind of call, with refusals among them, and the clock moving in between. */
    private static void drive(SimulatedMiner sim, Random random) throws Exception {
        Miner m = sim.miner;
        Consumer<Runnable> tryIt = r -> {
            try {
                r.run();
            } catch (SealingException | IllegalArgumentException e) {
                // refused: recorded as failed
            }
        };
        for (int i = 0; i < 6; i++) {
            m.pledgeSector();
        }
        byte[] data = new byte[1016];
        random.nextBytes(data);
        m.addPieceToAny(1016, SimulatedMiner.marketDeal(77, 1016, PieceCommitments.pieceCommitment(data), 2000,
                600_000, true));
        m.addPieceToAny(508, SimulatedMiner.ddoPiece(508, PieceCommitments.zeroCommitment(512), 2000, 600_000, 5));
        m.addPieceToAny(m.checkPiece(1016, SimulatedMiner.marketDeal(79, 1016, PieceCommitments.pieceCommitment(data),
                2000, 600_000, false)).withDataCid(io.minersim.sealing.commitment.Cid.unsealedCommitment(
                PieceCommitments.zeroCommitment(1024)))); // data not the deal's: assigned, its AddPiece fails
        tryIt.accept(() -> m.addPieceToAny(1016, SimulatedMiner.marketDeal(78, 1016,
                PieceCommitments.pieceCommitment(data), 1, 600_000, false))); // start passed: refused
        m.matchPendingPiecesToOpenSectors();
        m.setSealDelay(Duration.ofSeconds(20));
        m.setExpectedSealDuration(Duration.ofHours(3));
        m.injectFailure(new FailureRule(SectorState.PreCommit2, null, 2, "flaky"));
        m.numReserve("r", BitField.of(100, 101), false);
        m.numReserveCount("c", 3);
        tryIt.accept(() -> m.numReserve("r", BitField.of(5), false)); // the name is taken
        m.receive(40, SectorState.Proving, List.of(new Piece(2048, sim.miner.config().sectorSize() == SectorSize.SIZE_2KiB
                ? io.minersim.sealing.commitment.Cid.unsealedCommitment(PieceCommitments.zeroCommitment(2048)) : null,
                null)));
        for (int e = 0; e < 80; e++) {
            sim.clock.advance(1 + random.nextInt(2));
            if (e == 3) {
                m.setWorkerEnabled(io.minersim.sealing.workers.WorkerSpec.LOCAL_HOSTNAME, false);
                m.sealingAbort(m.config().actorId(), 99, "11111111-2222-3333-4444-555555555555");
                tryIt.accept(() -> m.sealingRemoveRequest("11111111-2222-3333-4444-555555555555"));
                tryIt.accept(() -> m.configureWorkers(List.of(io.minersim.sealing.workers.WorkerSpec.local())));
            }
            if (e == 8) {
                m.setWorkerEnabled(io.minersim.sealing.workers.WorkerSpec.LOCAL_HOSTNAME, true);
            }
            if (e == 10) {
                m.preCommitFlush();
            }
            if (e == 25) {
                m.commitFlush();
            }
            if (e == 30) {
                m.startSealing(7);
                tryIt.accept(() -> m.startSealing(999));
            }
        }
        m.declareFaults(List.of(0L), true);
        m.declareFaults(List.of(1L), false);
        tryIt.accept(() -> m.declareFaults(List.of(999L), true));
        m.recoverFaults(List.of(1L));
        m.recoverFault(List.of(0L, 1L));
        tryIt.accept(() -> m.recoverFault(List.of(999L)));
        m.withdrawBalance(java.math.BigInteger.TEN.pow(19));
        tryIt.accept(() -> m.withdrawBalance(java.math.BigInteger.valueOf(-1)));
        m.missPoSt(m.chain().place(2).orElseThrow().deadline(), List.of());
        tryIt.accept(() -> m.missPoSt(48, List.of()));
        m.extendSectors(List.of(2L), m.status(2, true).expiration() + 100);
        m.expireDeals(List.of(77L));
        tryIt.accept(() -> m.expireDeals(List.of(123_456L)));
        m.terminate(3);
        m.terminateFlush();
        m.markForUpgrade(4, true);
        m.abortUpgrade(4);
        m.forceState(5, SectorState.FaultReported);
        m.remove(6);
        m.clearFailures();
        m.numFree("c");
        String home = io.minersim.sealing.storage.StorageIndex.defaultPath(m.config().actorId());
        io.minersim.sealing.storage.PathMeta disk = new io.minersim.sealing.storage.PathMeta("disk-2", null, 5, 0,
                false, true, null, null, null, null, null, null);
        m.changeStorage(new io.minersim.sealing.storage.StorageOp.Configure(List.of(
                io.minersim.sealing.storage.StorageIndex.defaultDisk(m.config().actorId(), 11),
                new io.minersim.sealing.storage.SimulatedDisk("/mnt/disk2", 1L << 40, disk)), List.of(home)));
        m.changeStorage(new io.minersim.sealing.storage.StorageOp.AddLocal("/mnt/disk2"));
        tryIt.accept(() -> m.changeStorage(new io.minersim.sealing.storage.StorageOp.AddLocal("/mnt/none")));
        m.changeStorage(new io.minersim.sealing.storage.StorageOp.Declare("disk-2", 1000, 0, 1, false));
        m.changeStorage(new io.minersim.sealing.storage.StorageOp.Drop("disk-2", 1000, 2, 6));
        tryIt.accept(() -> m.changeStorage(new io.minersim.sealing.storage.StorageOp.ReportHealth("nope",
                io.minersim.sealing.storage.FsStat.ZERO, "")));
        Map<String, Object> snap = m.snapshot();
        sim.clock.advance(50);
        m.restore(snap);
        m.seed(List.of(SectorSeed.of(SectorState.Proving), SectorSeed.of(SectorState.WaitDeals)));
        m.pledgeSector();
        sim.clock.advance(40);
        m.replay(new MinerCall.Head(m.head() + 5));
    }
}
