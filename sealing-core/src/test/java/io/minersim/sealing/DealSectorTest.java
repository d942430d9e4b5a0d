package io.minersim.sealing;

import static io.minersim.sealing.SimulatedMiner.ddoPiece;
import static io.minersim.sealing.SimulatedMiner.marketDeal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.DealProposal;
import io.minersim.sealing.piece.Piece;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class DealSectorTest {

    private static byte[] data(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void mixedPieceSizesGetLotusOffsetsPaddingAndCommD() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        byte[] d1 = data(127, 1);
        byte[] d2 = data(508, 2);
        byte[] d3 = data(254, 3);
        SectorLocation l1 = sim.miner.addPieceToAny(127, marketDeal(11, 127,
                PieceCommitments.pieceCommitment(d1), 1000, 600_000, false)).get();
        SectorLocation l2 = sim.miner.addPieceToAny(508, marketDeal(12, 508,
                PieceCommitments.pieceCommitment(d2), 1000, 600_000, false)).get();
        SectorLocation l3 = sim.miner.addPieceToAny(254, marketDeal(13, 254,
                PieceCommitments.pieceCommitment(d3), 1000, 600_000, false)).get();

        assertThat(List.of(l1, l2, l3)).containsExactly(new SectorLocation(0, 0), new SectorLocation(0, 512),
                new SectorLocation(0, 1024));

        sim.advanceUntil(0, SectorState.Proving, 200);
        SectorInfo info = sim.miner.status(0, true);
        assertThat(info.pieces()).extracting(Piece::paddedSize).containsExactly(128L, 128L, 256L, 512L, 256L,
                256L, 512L);
        assertThat(info.deals()).containsExactly(11L, 0L, 0L, 12L, 13L, 0L, 0L);
        assertThat(info.pieces().get(1).pieceCid())
                .isEqualTo(Cid.unsealedCommitment(PieceCommitments.zeroCommitment(128)));

        byte[] sector = new byte[2032];
        System.arraycopy(d1, 0, sector, 0, 127);
        System.arraycopy(d2, 0, sector, 512 * 127 / 128, 508);
        System.arraycopy(d3, 0, sector, 1024 * 127 / 128, 254);
        assertThat(info.commD()).isEqualTo(Cid.unsealedCommitment(PieceCommitments.pieceCommitment(sector)));
        assertThat(info.proof()).hasSize(192);
    }

    @Test
    void dealWeightsAndVerifiedWeightsFollowPieceSizesAndSectorLifetime() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        sim.miner.addPieceToAny(508, marketDeal(21, 508, PieceCommitments.pieceCommitment(data(508, 4)),
                1000, 600_000, false)).get();
        sim.miner.addPieceToAny(1016, ddoPiece(1016, PieceCommitments.pieceCommitment(data(1016, 5)),
                1000, 700_000, 99)).get();
        sim.advanceUntil(0, SectorState.Proving, 200);
        SectorInfo info = sim.miner.status(0, true);
        long lifetime = info.expiration() - info.activation();
        assertThat(info.expiration()).isGreaterThanOrEqualTo(700_000);
        assertThat(info.dealWeight()).isEqualTo(BigInteger.valueOf(512L * lifetime));
        assertThat(info.verifiedDealWeight()).isEqualTo(BigInteger.valueOf(1024L * lifetime));
        assertThat(info.deals()).startsWith(21L).contains(0L);
        BigInteger ccPledge = Miner.PLEDGE_PER_QA_BYTE.multiply(BigInteger.valueOf(2048));
        assertThat(info.initialPledge()).isGreaterThan(ccPledge);
    }

    @Test
    void aFullSectorStartsPackingAsSoonAsItsPieceIsWritten() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        sim.miner.addPieceToAny(2032, marketDeal(1, 2032, PieceCommitments.pieceCommitment(data(2032, 6)),
                1000, 600_000, false)).get();
        assertThat(sim.walk(0, SectorState.GetTicket, 20)).containsExactly("WaitDeals@0", "AddPiece@0",
                "WaitDeals@1", "Packing@1", "GetTicket@2");
    }

    @Test
    void reachingTheDealLimitStartsPacking() throws Exception {
        SimulatedMiner sim = new SimulatedMiner(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_8MiB));
        sim.miner.setSealDelay(Duration.ofHours(6));
        byte[] commP = PieceCommitments.pieceCommitment(data(127, 12));
        for (int i = 0; i < 256; i++) {
            assertThat(sim.miner.addPieceToAny(127, marketDeal(1000 + i, 127, commP, 100_000, 600_000, false))
                    .get()).isEqualTo(new SectorLocation(0, 128L * i));
        }
        assertThat(sim.miner.addPieceToAny(127, marketDeal(2000, 127, commP, 100_000, 600_000, false)).get())
                .as("the 257th deal opens another sector").isEqualTo(new SectorLocation(1, 0));
        assertThat(sim.walk(0, SectorState.Packing, 5)).containsExactly("WaitDeals@0", "AddPiece@0", "WaitDeals@1",
                "Packing@1");
        assertThat(sim.miner.status(0, false).deals()).hasSize(256).doesNotContain(0L);
        assertThat(sim.state(1)).isEqualTo(SectorState.WaitDeals);
    }

    @Test
    void sealDelayStartsPackingWhenItPasses() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        sim.miner.setSealDelay(Duration.ofSeconds(20));
        sim.miner.addPieceToAny(127, marketDeal(1, 127, PieceCommitments.pieceCommitment(data(127, 7)),
                1000, 600_000, false)).get();
        assertThat(sim.walk(0, SectorState.Packing, 20)).containsExactly("WaitDeals@0", "AddPiece@0",
                "WaitDeals@1", "Packing@5");
        assertThat(sim.miner.sealDelay()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void aNearingDealStartStartsPackingBeforeTheSealDelay() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        sim.miner.setSealDelay(Duration.ofHours(6));
        sim.miner.addPieceToAny(127, marketDeal(1, 127, PieceCommitments.pieceCommitment(data(127, 8)),
                485, 600_000, false)).get();
        assertThat(sim.walk(0, SectorState.Packing, 20)).containsExactly("WaitDeals@0", "AddPiece@0",
                "WaitDeals@1", "Packing@5");
    }

    @Test
    void startSealingPacksAWaitingSectorAtOnce() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        sim.miner.addPieceToAny(127, marketDeal(1, 127, PieceCommitments.pieceCommitment(data(127, 9)),
                1000, 600_000, false)).get();
        sim.clock.advance(1);
        assertThat(sim.state(0)).isEqualTo(SectorState.WaitDeals);
        sim.miner.startSealing(0);
        assertThat(sim.state(0)).isEqualTo(SectorState.Packing);
    }

    @Test
    void piecesThatDoNotFitOpenANewSectorUpToMaxWaitDealsSectorsThenWait() throws Exception {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        DealInfo big = marketDeal(1, 1016, PieceCommitments.pieceCommitment(data(1016, 10)), 1000, 600_000, false);
        assertThat(sim.miner.addPieceToAny(1016, big).get()).isEqualTo(new SectorLocation(0, 0));
        assertThat(sim.miner.addPieceToAny(1016, big).get()).isEqualTo(new SectorLocation(0, 1024));
        assertThat(sim.miner.addPieceToAny(1016, big).get()).isEqualTo(new SectorLocation(1, 0));
        assertThat(sim.miner.addPieceToAny(1016, big).get()).isEqualTo(new SectorLocation(1, 1024));
        CompletableFuture<SectorLocation> fifth = sim.miner.addPieceToAny(1016, big);
        assertThat(fifth).isNotDone();
        sim.clock.advance(2);
        assertThat(fifth).isCompletedWithValue(new SectorLocation(2, 0));
    }

    @Test
    void invalidPiecesAreRefusedAndChangeNothing() {
        SimulatedMiner sim = SimulatedMiner.smallSectors();
        byte[] commP = PieceCommitments.pieceCommitment(data(127, 11));
        DealInfo good = marketDeal(1, 127, commP, 1000, 600_000, false);
        assertRefused(sim, 100, good, "cannot allocate unpadded piece");
        assertRefused(sim, 4064, marketDeal(1, 4064, PieceCommitments.zeroCommitment(4096), 1000, 600_000, false),
                "piece cannot fit into a sector");
        assertRefused(sim, 254, good, "does not match the deal's piece size");
        assertRefused(sim, 127, marketDeal(1, 127, commP, 1000, 900, false), "is not after its start epoch");
        assertRefused(sim, 127, marketDeal(1, 127, commP, 400, 600_000, false),
                "current epoch 0 has passed deal proposal start epoch 400");
        assertRefused(sim, 127, new DealInfo(null, 0, null, null, 1000, 600_000, false),
                "piece deal info has neither legacy deal info nor piece activation manifest");
        DealInfo ddo = ddoPiece(127, commP, 1000, 600_000, 1);
        assertRefused(sim, 127, new DealInfo(good.publishCid(), 1, good.proposal(), ddo.manifest(), 1000, 600_000,
                false), "piece deal info has both legacy deal info and piece activation manifest");
        DealProposal sealedCid = new DealProposal(Cid.sealedCommitment(commP), 128, false, "f01234", "f01000", "",
                1000, 600_000, null, null, null);
        assertRefused(sim, 127, new DealInfo(good.publishCid(), 1, sealedCid, null, 1000, 600_000, false),
                "is not a piece commitment");
        assertRefused(sim, 127, null, "piece deal info is missing");
    }

    private static void assertRefused(SimulatedMiner sim, long size, DealInfo deal, String message) {
        long sectors = sim.miner.sectorCount();
        long history = sim.miner.historySize();
        assertThatThrownBy(() -> sim.miner.addPieceToAny(size, deal)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(message);
        assertThat(sim.miner.sectorCount()).isEqualTo(sectors);
        assertThat(sim.miner.historySize()).isEqualTo(history);
        assertThat(sim.miner.numAssignerMeta().next()).isEqualTo(sectors);
    }
}
