package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.piece.DataActivationNotification;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.PieceActivationManifest;
import io.minersim.sealing.piece.VerifiedAllocationKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SnapshotTest {

    private static SimulatedMiner miner() {
        return new SimulatedMiner(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB).withSeed(7));
    }

    private static DealInfo deal(long id, long start) {
        byte[] data = new byte[1016];
        new Random(id).nextBytes(data);
        return SimulatedMiner.marketDeal(id, 1016, PieceCommitments.pieceCommitment(data), start, 600_000, id % 2 == 0);
    }

    private static DealInfo ddo(long allocation, long start) {
        byte[] data = new byte[508];
        new Random(allocation).nextBytes(data);
        PieceActivationManifest manifest = new PieceActivationManifest(
                Cid.unsealedCommitment(PieceCommitments.pieceCommitment(data)), 512,
                new VerifiedAllocationKey(1234, allocation),
                List.of(new DataActivationNotification("f05", new byte[] {1, 2, 3})));
        return new DealInfo(null, 0, null, manifest, start, 650_000, false);
    }

    /**
     * A miner with a bit of everything in flight: sealing CC and deal sectors, queued batches, failures
     * armed and taken, faults, a termination, an extension, an expiry, an expired deal, a snap upgrade,
     * reservations, a forced state and a waiting piece.
     */
    private static SimulatedMiner busy() throws Exception {
        SimulatedMiner sim = miner();
        Miner m = sim.miner;
        m.numReserve("held", BitField.of(100, 101, 102), false);
        m.injectFailure(new FailureRule(SectorState.PreCommit1, null, 1, "disk full"));
        for (int i = 0; i < 4; i++) {
            m.pledgeSector();
        }
        m.injectFailure(new FailureRule(SectorState.Committing, 2L, 2, "bad proof"));
        for (long n = 0; n < 4; n++) {
            sim.advanceUntil(n, SectorState.Proving, 400);
        }
        m.addPieceToAny(1016, deal(41, 2000)).get();
        m.addPieceToAny(508, ddo(9, 2000)).get();
        m.addPieceToAny(1016, deal(42, 2000)).get();
        m.setSealDelay(Duration.ofMinutes(3));
        sim.clock.advance(5);
        m.expireDeals(List.of(42L));
        m.declareFaults(List.of(0L), false);
        m.extendSectors(List.of(3L), m.status(3, true).expiration() + 10);
        m.markForUpgrade(2, true);
        m.addPieceToAny(1016, deal(43, 3000)).get();
        m.forceState(3, SectorState.FaultReported);
        m.pledgeSector();
        m.pledgeSector();
        m.injectFailure(new FailureRule(SectorState.PreCommit2, null, 3, null));
        sim.clock.advance(3);
        m.terminate(1);
        m.setExpectedSealDuration(Duration.ofHours(3));
        assertThat(m.preCommitPending().size() + m.commitPending().size() + m.terminatePending().size())
                .as("something queued in a batcher").isPositive();
        return sim;
    }

    /** Every read the miner offers, as comparable values. */
    static List<Object> reads(Miner m) {
        List<Object> out = new ArrayList<>();
        out.add(m.head());
        out.add(java.util.Arrays.toString(m.list()));
        out.add(m.summary());
        out.add(m.sectorCount());
        for (SectorState s : SectorState.values()) {
            out.add(java.util.Arrays.toString(m.listInStates(List.of(s))));
        }
        out.add(java.util.Arrays.toString(m.listInStates(List.of(SectorState.values()))));
        for (long n : m.list()) {
            out.add(m.status(n, false));
            out.add(m.status(n, true));
        }
        out.add(m.preCommitPending());
        out.add(m.commitPending());
        out.add(m.terminatePending());
        out.add(m.sealDelay());
        out.add(m.expectedSealDuration());
        out.add(m.sealingConfig());
        out.add(m.history(0, Integer.MAX_VALUE));
        out.add(m.numAssignerMeta());
        out.add(m.numReservations());
        out.add(m.failureRules());
        out.add(m.expiredDeals());
        return out;
    }

    /** The same calls on two miners. */
    private static void continueWith(SimulatedMiner sim) throws Exception {
        Miner m = sim.miner;
        sim.clock.advance(40);
        m.pledgeSector();
        m.addPieceToAny(1016, deal(44, sim.clock.head() + 1000)).get();
        m.recoverFaults(List.of(0L));
        m.terminateFlush();
        m.numFree("held");
        sim.clock.advance(300);
        m.preCommitFlush();
        m.commitFlush();
        sim.clock.advance(2000);
    }

    private static SimulatedMiner restoredCopy(SimulatedMiner original) {
        Map<String, Object> doc = original.miner.snapshot();
        SimulatedMiner copy = miner();
        copy.clock.advanceTo(original.clock.head());
        copy.miner.restore(doc);
        return copy;
    }

    @Test
    void aRestoredMinerAnswersEveryReadAsTheOriginal() throws Exception {
        SimulatedMiner original = busy();
        SimulatedMiner copy = restoredCopy(original);
        assertThat(reads(copy.miner)).isEqualTo(reads(original.miner));
    }

    @Test
    void aRestoredMinerContinuesIdenticallyUnderTheSameCalls() throws Exception {
        SimulatedMiner original = busy();
        SimulatedMiner copy = restoredCopy(original);
        continueWith(original);
        continueWith(copy);
        assertThat(reads(copy.miner)).isEqualTo(reads(original.miner));
        assertThat(copy.miner.snapshot()).isEqualTo(original.miner.snapshot());
    }

    @Test
    void snapshotIsOnlyPlainJsonValues() throws Exception {
        walk(busy().miner.snapshot(), "");
    }

    private static void walk(Object o, String path) {
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                assertThat(k).as(path).isInstanceOf(String.class);
                walk(v, path + "." + k);
            });
        } else if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]");
            }
        } else if (o != null) {
            assertThat(o).as(path).isInstanceOfAny(String.class, Long.class, Integer.class, Boolean.class);
        }
    }

    @Test
    void restoringAnEarlierSnapshotRewindsTheSameMiner() throws Exception {
        SimulatedMiner sim = busy();
        Map<String, Object> doc = sim.miner.snapshot();
        List<Object> before = reads(sim.miner);
        continueWith(sim);
        sim.miner.restore(doc);
        assertThat(reads(sim.miner)).isEqualTo(before);
    }

    @Test
    void aWaitingPieceIsPartOfTheSnapshotAndCallersOfTheReplacedStateAreFailed() throws Exception {
        MinerConfig config = MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB)
                .withSealing(MinerConfig.of(Profile.DEVNET).sealing().withLimits(1, 0, 0));
        SimulatedMiner sim = new SimulatedMiner(config);
        sim.miner.setSealDelay(Duration.ofDays(30));
        sim.miner.addPieceToAny(1016, deal(51, 3000)).get();
        sim.clock.advance(1);
        assertThat(sim.state(0)).isEqualTo(SectorState.WaitDeals);
        Map<String, Object> withoutWaiting = sim.miner.snapshot();
        byte[] full = new byte[2032];
        new Random(52).nextBytes(full);
        CompletableFuture<SectorLocation> waiting = sim.miner.addPieceToAny(2032, SimulatedMiner.marketDeal(52, 2032,
                PieceCommitments.pieceCommitment(full), 3000, 600_000, false));
        assertThat(waiting).as("the one open sector has no room and no other may open").isNotDone();

        SimulatedMiner copy = new SimulatedMiner(config);
        copy.miner.restore(sim.miner.snapshot());
        assertThat(reads(copy.miner)).isEqualTo(reads(sim.miner));
        sim.miner.startSealing(0);
        copy.miner.startSealing(0);
        assertThat(waiting).isCompletedWithValue(new SectorLocation(1, 0));
        assertThat(reads(copy.miner)).isEqualTo(reads(sim.miner));

        CompletableFuture<SectorLocation> again = sim.miner.addPieceToAny(2032, SimulatedMiner.marketDeal(53, 2032,
                PieceCommitments.pieceCommitment(full), 3000, 600_000, false));
        assertThat(again).isNotDone();
        sim.miner.restore(withoutWaiting);
        assertThat(again).isCompletedExceptionally();
        assertThat(sim.miner.list()).containsExactly(0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void malformedOrIncompatibleDocumentsAreRefusedAndChangeNothing() throws Exception {
        SimulatedMiner sim = busy();
        Map<String, Object> good = sim.miner.snapshot();
        SimulatedMiner target = miner();
        target.miner.pledgeSector();
        target.clock.advance(3);
        List<Object> before = reads(target.miner);

        List<Consumer<Map<String, Object>>> breakages = List.of(
                d -> d.put("Format", "something else"),
                d -> d.put("Version", 99),
                d -> d.remove("Sectors"),
                d -> d.put("Head", -1),
                d -> d.put("Head", "twelve"),
                d -> section(d, "Sectors").put("Number", "%%%not base64"),
                d -> section(d, "Sectors").put("Count", 999),
                d -> ((List<Object>) d.get("States")).set(0, "NoSuchState"),
                d -> section(d, "History").put("Event", LongColumn.encode(new long[] {999})),
                d -> section(d, "Timers").put("NextSeq", 0),
                d -> section(d, "Miner").put("Seed", 8),
                d -> section(d, "Miner").put("SectorSize", 34359738368L),
                d -> section(d, "Sealing").put("MaxCommitBatch", 0),
                d -> d.put("Messages", List.of(Map.of("Method", "PRE_COMMIT_SECTOR_BATCH2", "SentEpoch", 1,
                        "Sectors", LongColumn.encode(new long[] {0}), "CID", "bafy-not-this-one"))));
        for (int i = 0; i < breakages.size(); i++) {
            Map<String, Object> doc = deepCopy(good);
            breakages.get(i).accept(doc);
            try {
                target.miner.restore(doc);
                throw new AssertionError("breakage " + i + " was accepted");
            } catch (InvalidInputException e) {
                assertThat(e.getMessage()).as("breakage %d", i).matches("(malformed|incompatible) snapshot.*");
            }
            assertThat(reads(target.miner)).as("breakage %d changes nothing", i).isEqualTo(before);
        }
        assertThatThrownBy(() -> target.miner.restore(null)).isInstanceOf(InvalidInputException.class);
        target.miner.restore(good);
        assertThat(reads(target.miner)).isEqualTo(reads(sim.miner));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> d, String key) {
        return (Map<String, Object>) d.get(key);
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T o) {
        if (o instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, deepCopy(v)));
            return (T) out;
        }
        if (o instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(deepCopy(v)));
            return (T) out;
        }
        return o;
    }
}
