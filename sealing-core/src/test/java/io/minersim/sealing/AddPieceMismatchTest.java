package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.Piece;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A piece whose data does not commit to its deal's piece CID, as Lotus's {@code handleAddPiece} treats it: the piece
 * is assigned to a sector, the caller gets {@code got unexpected piece CID: expected:<deal's>, got:<data's>}, the
 * sector's AddPiece fails ({@code AddPieceFailed}) and goes straight back to {@code WaitDeals} without the piece.
 */
class AddPieceMismatchTest {

    private static final long START = 2000;

    private final SimulatedMiner sim = SimulatedMiner.smallSectors();

    private static byte[] data(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static DealInfo deal(long id, byte[] data) {
        return SimulatedMiner.marketDeal(id, data.length, PieceCommitments.pieceCommitment(data), START, 600_000,
                false);
    }

    /** Adds a piece for {@code deal} whose data is {@code data}. */
    private CompletableFuture<SectorLocation> add(DealInfo deal, byte[] data) {
        return sim.miner.addPieceToAny(sim.miner.checkPiece(data.length, deal)
                .withDataCid(Cid.unsealedCommitment(PieceCommitments.pieceCommitment(data))));
    }

    private static String failure(CompletableFuture<SectorLocation> f) throws Exception {
        assertThat(f).as("answered at once, as on placement").isDone();
        try {
            f.get(1, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(SealingException.class);
            return e.getCause().getMessage();
        }
        throw new AssertionError("the piece was accepted: " + f.get());
    }

    private List<String> log(long sector) {
        List<String> out = new ArrayList<>();
        for (SectorLogEntry e : sim.miner.status(sector, false).log()) {
            out.add(e.kind().replace("event;sealing.", "") + (e.trace().isEmpty() ? "" : " [" + e.trace() + "]"));
        }
        return out;
    }

    @Test
    void aPieceWhoseDataDoesNotMatchItsDealIsAssignedAndItsAddPieceFailsWithLotusError() throws Exception {
        byte[] real = data(1, 1016);
        byte[] other = data(2, 1016);
        DealInfo deal = deal(7, real);
        String expected = "got unexpected piece CID: expected:" + deal.pieceCid() + ", got:"
                + Cid.unsealedCommitment(PieceCommitments.pieceCommitment(other));

        assertThat(failure(add(deal, other))).isEqualTo(expected);
        assertThat(sim.miner.list()).as("the piece was assigned: a sector was started for it").containsExactly(0L);
        assertThat(sim.state(0)).isEqualTo(SectorState.AddPiece);

        sim.advanceUntil(0, SectorState.WaitDeals, 10);
        SectorInfo info = sim.miner.status(0, false);
        assertThat(info.pieces()).as("the piece is not in the sector").isEmpty();
        assertThat(info.deals()).isEmpty();
        assertThat(info.lastErr()).isEqualTo(expected);
        assertThat(log(0)).containsExactly("SectorStart", "SectorAddPiece", "SectorAddPieceFailed [" + expected + "]",
                "SectorRetryWaitDeals");
        List<String> moves = sim.moves(0);
        assertThat(moves).hasSize(4);
        assertThat(moves.get(2)).as("AddPieceFailed and WaitDeals in the same epoch: no cooldown")
                .isEqualTo("AddPieceFailed@" + sim.clock.head());
        assertThat(moves.get(3)).isEqualTo("WaitDeals@" + sim.clock.head());

        CompletableFuture<SectorLocation> good = sim.miner.addPieceToAny(real.length, deal);
        assertThat(good.get(1, TimeUnit.SECONDS)).as("the same sector takes the right data, where the piece would have"
                + " gone").isEqualTo(new SectorLocation(0, 0));
        sim.advanceUntil(0, SectorState.WaitDeals, 10);
        assertThat(sim.miner.status(0, false).deals()).containsExactly(7L);
        assertThat(sim.miner.status(0, false).pieces()).extracting(Piece::pieceCid).containsExactly(deal.pieceCid());
    }

    @Test
    void piecesAddedBeforeTheBadOneAreWrittenAndTheBadOneFailsInTheNextRound() throws Exception {
        byte[] first = data(3, 508);
        DealInfo good = deal(8, first);
        assertThat(sim.miner.addPieceToAny(first.length, good).get(1, TimeUnit.SECONDS))
                .isEqualTo(new SectorLocation(0, 0));
        DealInfo bad = deal(9, data(4, 508));
        assertThat(failure(add(bad, data(5, 508)))).startsWith("got unexpected piece CID: expected:" + bad.pieceCid());

        byte[] third = data(6, 508);
        CompletableFuture<SectorLocation> later = sim.miner.addPieceToAny(third.length, deal(10, third));
        assertThat(later.get(1, TimeUnit.SECONDS).sector()).as("a sector whose AddPiece will fail takes nothing more")
                .isEqualTo(1);

        for (int i = 0; i < 20 && !log(0).contains("SectorRetryWaitDeals"); i++) {
            sim.clock.advance(1);
        }
        assertThat(log(0)).containsExactly("SectorStart", "SectorAddPiece", "SectorAddPiece", "SectorPieceAdded",
                "SectorAddPiece", "SectorAddPieceFailed [got unexpected piece CID: expected:" + bad.pieceCid()
                        + ", got:" + Cid.unsealedCommitment(PieceCommitments.pieceCommitment(data(5, 508))) + "]",
                "SectorRetryWaitDeals");
        assertThat(sim.state(0)).isEqualTo(SectorState.WaitDeals);
        assertThat(sim.miner.status(0, false).deals()).as("the round before the bad piece was written")
                .containsExactly(8L);
    }

    @Test
    void aRestartBeforeTheFailedAddPieceReplaysToTheSameFailure() throws Exception {
        byte[] real = data(11, 1016);
        DealInfo deal = deal(12, real);
        List<MinerCall> journal = new ArrayList<>();
        Map<String, Object> before = sim.miner.snapshot();
        sim.miner.recordCalls((call, failed, nanos) -> journal.add(MinerRecords.call(MinerRecords.call(call))));
        String error = failure(add(deal, data(13, 1016)));
        assertThat(journal).singleElement().isInstanceOf(MinerCall.AddPiece.class);
        assertThat(((MinerCall.AddPiece) journal.get(0)).dataCid()).as("the journal carries the data's CID")
                .isEqualTo(Cid.unsealedCommitment(PieceCommitments.pieceCommitment(data(13, 1016))));
        Map<String, Object> mid = sim.miner.snapshot();

        Miner replayed = Miner.start(sim.config, ManualChainClock.atGenesis(sim.config.policy()));
        replayed.restore(before);
        journal.forEach(replayed::replay);
        assertThat(replayed.snapshot()).isEqualTo(mid);

        ManualChainClock clock = ManualChainClock.atGenesis(sim.config.policy());
        Miner restored = Miner.start(sim.config, clock);
        restored.restore(mid);
        assertThat(restored.status(0, false).state()).isEqualTo(SectorState.AddPiece);
        sim.advanceUntil(0, SectorState.WaitDeals, 10);
        clock.advance(sim.clock.head() - clock.head());
        assertThat(restored.status(0, false)).as("the snapshot carried the mismatch").isEqualTo(sim.miner.status(0,
                false));
        assertThat(restored.status(0, false).lastErr()).isEqualTo(error);
        assertThat(restored.snapshot()).isEqualTo(sim.miner.snapshot());
    }
}
