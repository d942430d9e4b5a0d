package io.minersim.app.api;

import io.minersim.rpc.types.BitFieldRuns;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.CommitBatchRes;
import io.minersim.rpc.types.DataActivationNotification;
import io.minersim.rpc.types.DealSchedule;
import io.minersim.rpc.types.PieceActivationManifest;
import io.minersim.rpc.types.PieceDealInfo;
import io.minersim.rpc.types.PieceInfo;
import io.minersim.rpc.types.PreCommitBatchRes;
import io.minersim.rpc.types.SectorLog;
import io.minersim.rpc.types.SectorPiece;
import io.minersim.rpc.types.SealRandomness;
import io.minersim.rpc.types.VerifiedAllocationKey;
import io.minersim.sealing.CommitBatchResult;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.PreCommitBatchResult;
import io.minersim.sealing.SectorInfo;
import io.minersim.sealing.SectorLogEntry;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.DealProposal;
import io.minersim.sealing.piece.Piece;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps the sealing core's domain values to Lotus's wire records and back. Stateless. */
final class WireMapping {
    private WireMapping() {
    }

    static CidLink cid(Cid cid) {
        return cid == null ? null : new CidLink(cid.toString());
    }

    static Cid cid(CidLink link, String field) {
        if (link == null) {
            return null;
        }
        try {
            return Cid.parse(link.value());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "invalid CID in " + field + ": " + e.getMessage());
        }
    }

    static BitFieldRuns bitField(BitField b) {
        return new BitFieldRuns(b.toRuns());
    }

    static BitField bitField(BitFieldRuns runs) {
        return BitField.fromRuns(runs.runs());
    }

    static io.minersim.rpc.types.SectorInfo sectorInfo(SectorInfo s) {
        List<SectorPiece> pieces = new ArrayList<>(s.pieces().size());
        for (Piece p : s.pieces()) {
            pieces.add(new SectorPiece(new PieceInfo(p.paddedSize(), cid(p.pieceCid())),
                    p.deal() == null ? null : pieceDealInfo(p.deal())));
        }
        List<SectorLog> log = new ArrayList<>(s.log().size());
        for (SectorLogEntry e : s.log()) {
            log.add(new SectorLog(e.kind(), e.timestamp(), e.trace(), e.message()));
        }
        return io.minersim.rpc.types.SectorInfo.builder()
                .sectorId(s.sectorNumber())
                .state(s.state().name())
                .commD(cid(s.commD()))
                .commR(cid(s.commR()))
                .proof(s.proof())
                .deals(s.deals())
                .pieces(pieces)
                .ticket(new SealRandomness(s.ticket().value(), s.ticket().epoch()))
                .seed(new SealRandomness(s.seed().value(), s.seed().epoch()))
                .preCommitMsg(cid(s.preCommitMessage()))
                .commitMsg(cid(s.commitMessage()))
                .retries(s.retries())
                .toUpgrade(s.toUpgrade())
                .replicaUpdateMessage(cid(s.replicaUpdateMessage()))
                .lastErr(s.lastErr())
                .log(log)
                .sealProof(s.sealProof())
                .activation(s.activation())
                .expiration(s.expiration())
                .dealWeight(s.dealWeight())
                .verifiedDealWeight(s.verifiedDealWeight())
                .initialPledge(s.initialPledge())
                .onTime(s.onTime())
                .early(s.early())
                .build();
    }

    static io.minersim.rpc.types.DealProposal dealProposal(DealProposal p) {
        return new io.minersim.rpc.types.DealProposal(cid(p.pieceCid()), p.pieceSize(), p.verifiedDeal(), p.client(),
                p.provider(), p.label(), p.startEpoch(), p.endEpoch(), p.storagePricePerEpoch(), p.providerCollateral(),
                p.clientCollateral());
    }

    static PieceDealInfo pieceDealInfo(DealInfo d) {
        io.minersim.rpc.types.DealProposal proposal = d.proposal() == null ? null : dealProposal(d.proposal());
        PieceActivationManifest manifest = null;
        if (d.manifest() != null) {
            io.minersim.sealing.piece.PieceActivationManifest m = d.manifest();
            List<DataActivationNotification> notify = null;
            if (!m.notifications().isEmpty()) {
                notify = new ArrayList<>();
                for (io.minersim.sealing.piece.DataActivationNotification n : m.notifications()) {
                    notify.add(new DataActivationNotification(n.address(), n.payload()));
                }
            }
            VerifiedAllocationKey key = m.verifiedAllocationKey() == null ? null
                    : new VerifiedAllocationKey(m.verifiedAllocationKey().client(), m.verifiedAllocationKey().id());
            manifest = new PieceActivationManifest(cid(m.cid()), m.size(), key, notify);
        }
        return new PieceDealInfo(cid(d.publishCid()), d.dealId(), proposal,
                new DealSchedule(d.startEpoch(), d.endEpoch()), manifest, d.keepUnsealed());
    }

    static DealInfo dealInfo(PieceDealInfo w) {
        if (w == null) {
            return null;
        }
        DealProposal proposal = null;
        if (w.dealProposal() != null) {
            io.minersim.rpc.types.DealProposal p = w.dealProposal();
            Cid piece = cid(p.pieceCid(), "DealProposal.PieceCID");
            if (piece == null) {
                throw new InvalidInputException("DealProposal.PieceCID", "deal proposal has no PieceCID");
            }
            proposal = new DealProposal(piece, p.pieceSize(), p.verifiedDeal(),
                    p.client() == null ? "" : p.client(), p.provider() == null ? "" : p.provider(), p.label(),
                    p.startEpoch(), p.endEpoch(), p.storagePricePerEpoch(), p.providerCollateral(),
                    p.clientCollateral());
        }
        io.minersim.sealing.piece.PieceActivationManifest manifest = null;
        if (w.pieceActivationManifest() != null) {
            PieceActivationManifest m = w.pieceActivationManifest();
            Cid piece = cid(m.cid(), "PieceActivationManifest.CID");
            if (piece == null) {
                throw new InvalidInputException("PieceActivationManifest.CID", "activation manifest has no CID");
            }
            List<io.minersim.sealing.piece.DataActivationNotification> notify = new ArrayList<>();
            if (m.notifications() != null) {
                for (DataActivationNotification n : m.notifications()) {
                    notify.add(new io.minersim.sealing.piece.DataActivationNotification(n.address(), n.payload()));
                }
            }
            manifest = new io.minersim.sealing.piece.PieceActivationManifest(piece, m.size(),
                    m.verifiedAllocationKey() == null ? null : new io.minersim.sealing.piece.VerifiedAllocationKey(
                            m.verifiedAllocationKey().client(), m.verifiedAllocationKey().id()), notify);
        }
        DealSchedule schedule = w.dealSchedule();
        return new DealInfo(cid(w.publishCid(), "PublishCid"), w.dealId(), proposal, manifest,
                schedule.startEpoch(), schedule.endEpoch(), w.keepUnsealed());
    }

    static PreCommitBatchRes preCommitBatch(PreCommitBatchResult r) {
        return new PreCommitBatchRes(r.sectors(), cid(r.message()), r.error());
    }

    static CommitBatchRes commitBatch(CommitBatchResult r) {
        Map<Long, String> failed = new LinkedHashMap<>(r.failedSectors());
        return new CommitBatchRes(r.sectors(), failed, cid(r.message()), r.error());
    }
}
