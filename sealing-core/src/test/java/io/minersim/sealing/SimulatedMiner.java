package io.minersim.sealing;

import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.DealProposal;
import io.minersim.sealing.piece.PieceActivationManifest;
import io.minersim.sealing.piece.VerifiedAllocationKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** A miner on a manual clock, with helpers to drive it in tests. */
final class SimulatedMiner {
    final MinerConfig config;
    final ManualChainClock clock;
    final Miner miner;

    SimulatedMiner(MinerConfig config) {
        this.config = config;
        this.clock = ManualChainClock.atGenesis(config.policy());
        this.miner = Miner.start(config, clock);
    }

    static SimulatedMiner devnet() {
        return new SimulatedMiner(MinerConfig.of(Profile.DEVNET));
    }

    /** A devnet miner with 2 KiB sectors. */
    static SimulatedMiner smallSectors() {
        return new SimulatedMiner(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB));
    }

    /** Pledges a committed-capacity sector and seals it to Proving; returns its number. */
    long provingCc() {
        long n = miner.pledgeSector();
        advanceUntil(n, SectorState.Proving, 100);
        return n;
    }

    SectorState state(long n) {
        return miner.status(n, false).state();
    }

    /** Advances one epoch at a time until the sector is in {@code state}; fails after {@code maxEpochs}. */
    long advanceUntil(long n, SectorState state, long maxEpochs) {
        for (long i = 0; i <= maxEpochs; i++) {
            if (state(n) == state) {
                return clock.head();
            }
            clock.advance(1);
        }
        throw new AssertionError("sector " + n + " did not reach " + state + " within " + maxEpochs
                + " epochs; it is " + state(n));
    }

    /**
     * Advances one epoch at a time until the sector is in {@code last}, then returns every state it
     * entered, from the history, as {@code State@epoch}.
     */
    List<String> walk(long n, SectorState last, long maxEpochs) {
        advanceUntil(n, last, maxEpochs);
        return moves(n);
    }

    /** Every state the sector has entered, in order, as {@code State@epoch}. */
    List<String> moves(long n) {
        List<String> out = new ArrayList<>();
        for (HistoryEvent e : miner.history(0, Integer.MAX_VALUE)) {
            if (e.sector() == n) {
                out.add(e.to() + "@" + e.epoch());
            }
        }
        return out;
    }

    /** A legacy market deal for a piece of {@code unpadded} bytes with the given commitment. */
    static DealInfo marketDeal(long dealId, long unpadded, byte[] commP, long start, long end, boolean verified) {
        Cid piece = Cid.unsealedCommitment(commP);
        long padded = PieceCommitments.paddedSize(unpadded);
        DealProposal proposal = new DealProposal(piece, padded, verified, "f01234", "f01000", "label-" + dealId,
                start, end, BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO);
        Cid publish = Cid.dagCborBlake2b256(("publish-" + dealId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new DealInfo(publish, dealId, proposal, null, start, end, true);
    }

    /** A legacy market deal (unverified, ending at 600 000) for 1016 bytes of data seeded by the deal's ID. */
    static DealInfo randomMarketDeal(long dealId, long start) {
        byte[] data = new byte[1016];
        new java.util.Random(dealId).nextBytes(data);
        return marketDeal(dealId, 1016, PieceCommitments.pieceCommitment(data), start, 600_000, false);
    }

    /** A DDO piece with a verified allocation. */
    static DealInfo ddoPiece(long unpadded, byte[] commP, long start, long end, long allocationId) {
        PieceActivationManifest manifest = new PieceActivationManifest(Cid.unsealedCommitment(commP),
                PieceCommitments.paddedSize(unpadded), new VerifiedAllocationKey(1234, allocationId), List.of());
        return new DealInfo(null, 0, null, manifest, start, end, false);
    }
}
