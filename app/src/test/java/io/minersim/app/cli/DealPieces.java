package io.minersim.app.cli;

import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.DealProposal;
import io.minersim.rpc.types.DealSchedule;
import io.minersim.rpc.types.PieceDealInfo;
import io.minersim.rpc.types.ReaderStream;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/** Adds deal pieces through the API (a null reader: the piece is all zeros). */
final class DealPieces {
    private DealPieces() {
    }

    /** Adds a 254-byte legacy-market deal piece (deal 42) and returns the sector it went to. */
    static long addDeal(CliFixture sim) {
        CidLink piece = new CidLink(Cid.unsealedCommitment(PieceCommitments.zeroCommitment(256)).toString());
        DealProposal proposal = new DealProposal(piece, 256, false, "f01234", "f01000", "deal 42", 2000, 600_000,
                BigInteger.TEN, BigInteger.ZERO, BigInteger.ZERO);
        CidLink publish = new CidLink(Cid.dagCborBlake2b256("publish 42".getBytes(StandardCharsets.UTF_8))
                .toString());
        PieceDealInfo deal = new PieceDealInfo(publish, 42, proposal, new DealSchedule(2000, 600_000), null, true);
        long sector = sim.client().miner().sectorAddPieceToAny(254, new ReaderStream("null", "254"), deal).sector();
        sim.client().sim().advance(1);
        return sector;
    }
}
