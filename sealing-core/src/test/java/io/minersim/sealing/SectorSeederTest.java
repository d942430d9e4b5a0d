package io.minersim.sealing;

import static io.minersim.sealing.SimulatedMiner.marketDeal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.Piece;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SectorSeederTest {

    private static final long START = 20_000;

    /** A devnet miner with 2 KiB sectors whose chain starts at {@link #START}. */
    private static Miner miner(long seed) {
        MinerConfig config = MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB).withSeed(seed);
        ManualChainClock clock = new ManualChainClock(START, config.policy().genesisTimestamp(),
                config.policy().blockDelaySeconds());
        return Miner.start(config, clock);
    }

    private static ManualChainClock clockOf(Miner m) {
        return (ManualChainClock) clocks.get(m);
    }

    private static final Map<Miner, Object> clocks = new java.util.IdentityHashMap<>();

    private static Miner minerWithClock(long seed) {
        MinerConfig config = MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB).withSeed(seed);
        ManualChainClock clock = new ManualChainClock(START, config.policy().genesisTimestamp(),
                config.policy().blockDelaySeconds());
        Miner m = Miner.start(config, clock);
        clocks.put(m, clock);
        return m;
    }

    private static List<Piece> deals(long firstDealId, int count) {
        List<Piece> out = new ArrayList<>();
        Random r = new Random(firstDealId);
        for (int i = 0; i < count; i++) {
            byte[] data = new byte[254];
            r.nextBytes(data);
            var deal = marketDeal(firstDealId + i, 254, PieceCommitments.pieceCommitment(data), START + 5000,
                    START + 600_000, i % 2 == 0);
            out.add(new Piece(deal.pieceSize(), deal.pieceCid(), deal));
        }
        return out;
    }

    private static List<SectorState> seedable(boolean withDeals) {
        List<SectorState> out = new ArrayList<>();
        for (SectorState s : SectorState.values()) {
            if (SectorSeeder.whyNotSeedable(s, withDeals).isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    @Test
    void everySeedableStateIsMaterialisedAndCounted() {
        Miner m = miner(7);
        List<SectorSeed> seeds = new ArrayList<>();
        for (SectorState s : seedable(false)) {
            seeds.add(new SectorSeed(SectorSeed.NEXT, s, List.of(), null, 0));
        }
        long id = 100;
        for (SectorState s : seedable(true)) {
            seeds.add(new SectorSeed(SectorSeed.NEXT, s, deals(id, 1), null, 0));
            id += 10;
        }
        long[] numbers = m.seed(seeds);

        assertThat(numbers).hasSize(seeds.size());
        for (int i = 0; i < seeds.size(); i++) {
            assertThat(numbers[i]).isEqualTo(i);
        }
        // what the seeds asked, right after seeding (before the clock moves)
        List<HistoryEvent> history = m.history(0, Integer.MAX_VALUE);
        for (int i = 0; i < seeds.size(); i++) {
            SectorState asked = seeds.get(i).state();
            assertThat(history.get(i).to()).isEqualTo(asked);
            assertThat(history.get(i).from()).isNull();
            assertThat(history.get(i).epoch()).isEqualTo(START);
            if (asked == SectorState.SnapDealsWaitDeals) {
                // as in Lotus, WaitDealsDelay counts from the sector's creation: an old CC sector packs at once
                continue;
            }
            assertThat(m.status(numbers[i], false).state()).as("seed %s", seeds.get(i)).isEqualTo(asked);
        }
        assertThat(seedable(false)).contains(SectorState.Proving, SectorState.WaitDeals,
                SectorState.SealPreCommit1Failed, SectorState.Terminating, SectorState.Removed)
                .doesNotContain(SectorState.PreCommitting, SectorState.ReceiveSector, SectorState.Empty,
                        SectorState.Faulty, SectorState.FaultReported, SectorState.FaultedFinal);
        assertThat(seedable(true)).contains(SectorState.UpdateReplica, SectorState.AddPiece)
                .doesNotContain(SectorState.Available);
        assertThat(m.sectorCount()).isEqualTo(seeds.size());
    }

    @Test
    void aSeededProvingSectorHasEverythingASealedOneHas() {
        SimulatedMiner sealed = SimulatedMiner.devnet();
        long n = sealed.miner.pledgeSector();
        sealed.advanceUntil(n, SectorState.Proving, 200);
        SectorInfo live = sealed.miner.status(n, true);

        MinerConfig config = MinerConfig.of(Profile.DEVNET);
        Miner m = Miner.start(config, new ManualChainClock(START, config.policy().genesisTimestamp(), 4));
        long seeded = m.seed(List.of(SectorSeed.of(SectorState.Proving)))[0];
        SectorInfo info = m.status(seeded, true);

        assertThat(info.log()).extracting(SectorLogEntry::kind)
                .containsExactlyElementsOf(live.log().stream().map(SectorLogEntry::kind).toList());
        assertThat(info.commD()).isEqualTo(live.commD());
        assertThat(info.commR()).isNotNull();
        assertThat(info.proof()).hasSize(live.proof().length);
        assertThat(info.ticket().value()).hasSize(32);
        assertThat(info.seed().value()).hasSize(32);
        assertThat(info.ticket().epoch()).isLessThan(info.seed().epoch());
        assertThat(info.preCommitMessage()).isNotNull();
        assertThat(info.commitMessage()).isNotNull().isNotEqualTo(info.preCommitMessage());
        assertThat(info.activation()).isPositive().isLessThanOrEqualTo(START);
        assertThat(info.expiration()).isGreaterThan(START + config.policy().minSectorExpiration());
        assertThat(info.initialPledge()).isEqualTo(live.initialPledge());
        assertThat(info.lastErr()).isEmpty();
        // the log ends when the sector entered Proving: at the head
        assertThat(info.log().get(info.log().size() - 1).timestamp()).isEqualTo(m.timestampOf(START));
    }

    @Test
    void seededSectorsGoOnAsTheClockRuns() {
        Miner m = minerWithClock(3);
        List<SectorState> sealing = List.of(SectorState.Packing, SectorState.PreCommit1, SectorState.PreCommit2,
                SectorState.SubmitPreCommitBatch, SectorState.PreCommitBatchWait, SectorState.WaitSeed,
                SectorState.Committing, SectorState.SubmitCommitAggregate, SectorState.CommitAggregateWait,
                SectorState.FinalizeSector, SectorState.SealPreCommit1Failed, SectorState.SealPreCommit2Failed,
                SectorState.PreCommitFailed, SectorState.ComputeProofFailed, SectorState.CommitFailed,
                SectorState.FinalizeFailed);
        List<SectorSeed> seeds = new ArrayList<>();
        for (SectorState s : sealing) {
            seeds.add(SectorSeed.of(s));
        }
        seeds.add(new SectorSeed(SectorSeed.NEXT, SectorState.WaitDeals, deals(500, 2), null, 0));
        seeds.add(new SectorSeed(SectorSeed.NEXT, SectorState.UpdateReplica, deals(600, 1), null, 0));
        seeds.add(SectorSeed.of(SectorState.Terminating));
        seeds.add(SectorSeed.of(SectorState.Proving).withFaulty(true));
        long[] numbers = m.seed(seeds);

        clockOf(m).advance(1200);

        for (int i = 0; i < sealing.size() + 2; i++) {
            assertThat(m.status(numbers[i], false).state()).as("seeded %s", seeds.get(i).state())
                    .isEqualTo(SectorState.Proving);
        }
        assertThat(m.status(numbers[sealing.size() + 2], false).state()).isIn(SectorState.TerminateFinality,
                SectorState.Removed);
        assertThat(m.status(numbers[sealing.size() + 3], false).state()).isEqualTo(SectorState.Proving);
        assertThat(m.chain().faults().contains(numbers[sealing.size() + 3])).isTrue();
        // a deal sector keeps its deals through sealing; the snap upgrade carries its new ones
        assertThat(m.status(numbers[sealing.size()], false).deals()).contains(500L, 501L);
        assertThat(m.status(numbers[sealing.size() + 1], false).deals()).contains(600L);
    }

    @Test
    void aSeededFailureShowsItsErrorAndRetries() {
        Miner m = minerWithClock(1);
        long n = m.seed(List.of(new SectorSeed(SectorSeed.NEXT, SectorState.SealPreCommit1Failed, List.of(),
                "disk full", 0)))[0];
        SectorInfo info = m.status(n, false);
        assertThat(info.lastErr()).isEqualTo("disk full");
        assertThat(info.log()).last().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("event;sealing.SectorSealPreCommit1Failed");
            assertThat(e.trace()).isEqualTo("disk full");
        });
        clockOf(m).advance(30);
        assertThat(m.status(n, false).state()).isNotEqualTo(SectorState.SealPreCommit1Failed);
    }

    @Test
    void aSeededFaultIsFaultyOnChainAndTheChainTerminatesItAfterFaultMaxAge() {
        Miner m = minerWithClock(1);
        long n = m.seed(List.of(SectorSeed.of(SectorState.Proving).withFaulty(true)))[0];
        assertThat(m.chain().faults()).isEqualTo(io.minersim.sealing.numbers.BitField.of(n));
        long early = m.status(n, true).early();
        assertThat(early).isGreaterThan(START + m.config().policy().faultMaxAge() - 1);
        assertThat(m.status(n, false).state()).isEqualTo(SectorState.Proving);
        clockOf(m).advanceTo(early - 1);
        assertThat(m.chain().sectorCounts().faulty()).isEqualTo(1);
        clockOf(m).advance(1);
        assertThat(m.chain().sectorCounts().live()).isZero();
        assertThat(m.status(n, false).state()).isEqualTo(SectorState.Proving);
    }

    @Test
    void theFaultStatesLotusNeverReachesByItselfAreRefusedWithWhatToWriteInstead() {
        Miner m = minerWithClock(1);
        for (SectorState s : List.of(SectorState.Faulty, SectorState.FaultReported, SectorState.FaultedFinal)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.seed(List.of(SectorSeed.of(s))))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("\"faulty\": true");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> m.seed(List.of(
                SectorSeed.of(SectorState.PreCommit1).withFaulty(true))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("only a sector the chain proves");
        assertThat(m.sectorCount()).isZero();
    }

    @Test
    void manySectorsShareBatchedMessages() {
        Miner m = miner(1);
        List<SectorSeed> seeds = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            seeds.add(SectorSeed.of(SectorState.Proving));
        }
        m.seed(seeds);
        Set<Object> preCommits = new java.util.HashSet<>();
        Set<Object> commits = new java.util.HashSet<>();
        for (long n : m.list()) {
            SectorInfo info = m.status(n, false);
            preCommits.add(info.preCommitMessage());
            commits.add(info.commitMessage());
        }
        int maxPre = m.sealingConfig().maxPreCommitBatch();
        int maxCommit = m.sealingConfig().maxCommitBatch();
        assertThat(preCommits).hasSize((1000 + maxPre - 1) / maxPre);
        assertThat(commits).hasSize((1000 + maxCommit - 1) / maxCommit);
    }

    @Test
    void theSameSeedsGiveTheSameSectors() {
        List<SectorSeed> seeds = List.of(SectorSeed.of(SectorState.Proving),
                new SectorSeed(SectorSeed.NEXT, SectorState.WaitSeed, deals(10, 3), null, 2),
                new SectorSeed(42, SectorState.TerminateWait, List.of(), null, 0));
        Miner a = miner(9);
        Miner b = miner(9);
        a.seed(seeds);
        b.seed(seeds);
        for (long n : a.list()) {
            assertThat(b.status(n, true)).isEqualTo(a.status(n, true));
        }
        assertThat(b.history(0, 100)).isEqualTo(a.history(0, 100));
    }

    @Test
    void explicitNumbersAreKeptAndTheRestTakeTheLowestFree() {
        Miner m = miner(0);
        long[] numbers = m.seed(List.of(SectorSeed.of(SectorState.Proving),
                new SectorSeed(1, SectorState.Proving, List.of(), null, 0), SectorSeed.of(SectorState.Proving)));
        assertThat(numbers).containsExactly(0, 1, 2);
        assertThat(m.pledgeSector()).isEqualTo(3);
    }

    @Test
    void anInvalidSeedChangesNothing() {
        Miner m = miner(0);
        long before = m.numAssignerMeta().next();
        assertThatThrownBy(() -> m.seed(List.of(SectorSeed.of(SectorState.Proving),
                SectorSeed.of(SectorState.PreCommitting))))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("seed 1")
                .hasMessageContaining("PreCommitting")
                .extracting(e -> ((InvalidInputException) e).argument()).isEqualTo("[1].State");
        assertThatThrownBy(() -> m.seed(List.of(SectorSeed.of(SectorState.AddPiece))))
                .hasMessageContaining("needs deal pieces");
        assertThatThrownBy(() -> m.seed(List.of(new SectorSeed(SectorSeed.NEXT, SectorState.Proving,
                deals(1, 20), null, 0)))).hasMessageContaining("do not fit");
        m.seed(List.of(new SectorSeed(5, SectorState.Proving, List.of(), null, 0)));
        assertThatThrownBy(() -> m.seed(List.of(SectorSeed.of(SectorState.Proving),
                new SectorSeed(5, SectorState.Proving, List.of(), null, 0))))
                .hasMessageContaining("sector number 5 is already taken");
        assertThat(m.sectorCount()).isEqualTo(1);
        assertThat(m.numAssignerMeta().next()).isEqualTo(before);
        assertThat(m.summary()).containsOnlyKeys(SectorState.Proving);
    }

    @Test
    void aRouteLongerThanTheChainsPastIsCompressedAtGenesis() {
        MinerConfig config = MinerConfig.of(Profile.MAINNET);
        ManualChainClock clock = ManualChainClock.atGenesis(config.policy());
        Miner m = Miner.start(config, clock);
        long n = m.seed(List.of(SectorSeed.of(SectorState.Proving)))[0];
        SectorInfo info = m.status(n, true);
        assertThat(info.ticket().epoch()).isZero();
        assertThat(info.activation()).isZero();
        Set<SectorState> states = EnumSet.copyOf(m.summary().keySet());
        assertThat(states).containsExactly(SectorState.Proving);
    }
}
