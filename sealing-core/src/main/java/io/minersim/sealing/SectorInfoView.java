package io.minersim.sealing;

import static io.minersim.sealing.Sector.NONE;

import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.piece.Piece;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link SectorInfo} a status call returns, built from the sector record: commitments, proof,
 * ticket and seed derived from the seed once per read, the log rendered by {@link SectorLogRenderer},
 * and the on-chain part when asked for and the sector is on chain.
 */
final class SectorInfoView {

    private SectorInfoView() {
    }

    static SectorInfo of(Pipeline p, Sector s, boolean onChainInfo) {
        List<Long> deals = new ArrayList<>(s.pieces.size());
        for (Piece piece : s.pieces) {
            deals.add(piece.reportedDealId());
        }
        Cid commD = s.commD == null ? null : s.commD == p.zeroCommD ? p.zeroCommDCid : Cid.unsealedCommitment(s.commD);
        // the ticket and seed are drawn once per read: the commitment and the log quote them again
        byte[] ticket = s.ticketEpoch == NONE ? null : p.random.bytes("ticket", s.ticketEpoch, 0, 32);
        byte[] seed = s.seedEpoch == NONE ? null : p.random.bytes("seed", s.seedEpoch, 0, 32);
        Cid commR = s.sealed ? Cid.sealedCommitment(commR(p, s, ticket)) : null;
        byte[] proof = s.proven ? p.random.bytes("porep", s.number, s.seedEpoch, p.config.sectorSize().proofBytes())
                : null;
        SectorInfo.Builder b = SectorInfo.builder()
                .sectorNumber(s.number)
                .state(s.state)
                .commD(commD)
                .commR(commR)
                .proof(proof)
                .deals(deals)
                .pieces(s.pieces)
                .ticket(ticket == null ? SealRandomness.NONE : new SealRandomness(ticket, s.ticketEpoch))
                .seed(seed == null ? SealRandomness.NONE : new SealRandomness(seed, s.seedEpoch))
                .preCommitMessage(messageCid(p, s.preCommitMessage))
                .commitMessage(messageCid(p, s.commitMessage))
                .retries(s.invalidProofs())
                .replicaUpdateMessage(messageCid(p, s.replicaUpdateMessage()))
                .lastErr(s.lastErr())
                .log(p.logs.render(s, commD, commR, proof, ticket, seed))
                .sealProof(p.config.sectorSize().sealProof());
        if (onChainInfo && s.onChain()) {
            // Lotus's node reads StateSectorExpiration and swallows its error (terminated, expired): 0 and 0
            io.minersim.sealing.proving.SectorExpiration due = p.proving.expirationOf(s.number);
            b.activation(s.activation)
                    .expiration(s.expiration)
                    .dealWeight(BigInteger.valueOf(s.dealWeight()))
                    .verifiedDealWeight(BigInteger.valueOf(s.verifiedDealWeight()))
                    .initialPledge(p.chain.qualityAdjustedPower(s).multiply(Miner.PLEDGE_PER_QA_BYTE))
                    .onTime(due == null ? 0 : due.onTime())
                    .early(due == null ? 0 : due.early());
        }
        return b.build();
    }

    /** CommR: derived from the ticket (drawn here when null), CommD and the sector's replica. */
    private static byte[] commR(Pipeline p, Sector s, byte[] ticket) {
        byte[] t = ticket == null ? p.random.bytes("ticket", s.ticketEpoch, 0, 32) : ticket;
        byte[] input = new byte[64];
        System.arraycopy(t, 0, input, 0, 32);
        System.arraycopy(s.commD, 0, input, 32, 32);
        return p.random.commitment("commr", s.number, s.replicaUpdateMessage(), input);
    }

    private static Cid messageCid(Pipeline p, int index) {
        return index < 0 ? null : p.messages.get(index).cid();
    }
}
