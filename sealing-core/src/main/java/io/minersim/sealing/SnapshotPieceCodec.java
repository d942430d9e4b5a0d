package io.minersim.sealing;

import static io.minersim.sealing.SnapshotFields.bool;
import static io.minersim.sealing.SnapshotFields.list;
import static io.minersim.sealing.SnapshotFields.lng;
import static io.minersim.sealing.SnapshotFields.obj;
import static io.minersim.sealing.SnapshotFields.str;

import io.minersim.sealing.SnapshotFields.Malformed;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.piece.DataActivationNotification;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.DealProposal;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.piece.PieceActivationManifest;
import io.minersim.sealing.piece.VerifiedAllocationKey;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A piece and its deal in a snapshot: size, piece CID and, for a deal piece, the deal (publish CID,
 * deal ID, the legacy market proposal or the DDO activation manifest, epochs), every CID as text and
 * every token amount as a decimal string. The sectors' piece lists and the pieces waiting for a
 * sector are written this way.
 */
final class SnapshotPieceCodec {
    private SnapshotPieceCodec() {
    }

    static Map<String, Object> encodePiece(Piece p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Size", p.paddedSize());
        o.put("CID", p.pieceCid().toString());
        if (p.deal() != null) {
            o.put("Deal", encodeDeal(p.deal()));
        }
        return o;
    }

    static Piece decodePiece(Map<String, Object> o, String path) {
        Object deal = o.get("Deal");
        try {
            return new Piece(lng(o, "Size", path), cid(str(o, "CID", path), path + ".CID"),
                    deal == null ? null : decodeDeal(obj(deal, path + ".Deal"), path + ".Deal"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Malformed(path, String.valueOf(e.getMessage()));
        }
    }

    static Map<String, Object> encodeDeal(DealInfo d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("PublishCID", d.publishCid() == null ? null : d.publishCid().toString());
        o.put("DealID", d.dealId());
        if (d.proposal() != null) {
            DealProposal p = d.proposal();
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("PieceCID", p.pieceCid().toString());
            q.put("PieceSize", p.pieceSize());
            q.put("VerifiedDeal", p.verifiedDeal());
            q.put("Client", p.client());
            q.put("Provider", p.provider());
            q.put("Label", p.label());
            q.put("StartEpoch", p.startEpoch());
            q.put("EndEpoch", p.endEpoch());
            q.put("StoragePricePerEpoch", p.storagePricePerEpoch().toString());
            q.put("ProviderCollateral", p.providerCollateral().toString());
            q.put("ClientCollateral", p.clientCollateral().toString());
            o.put("Proposal", q);
        }
        if (d.manifest() != null) {
            PieceActivationManifest a = d.manifest();
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("CID", a.cid().toString());
            q.put("Size", a.size());
            if (a.verifiedAllocationKey() != null) {
                Map<String, Object> k = new LinkedHashMap<>();
                k.put("Client", a.verifiedAllocationKey().client());
                k.put("ID", a.verifiedAllocationKey().id());
                q.put("VerifiedAllocationKey", k);
            }
            List<Object> notes = new ArrayList<>();
            for (DataActivationNotification dn : a.notifications()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("Address", dn.address());
                x.put("Payload", Base64.getEncoder().encodeToString(dn.payload()));
                notes.add(x);
            }
            q.put("Notify", notes);
            o.put("Manifest", q);
        }
        o.put("StartEpoch", d.startEpoch());
        o.put("EndEpoch", d.endEpoch());
        o.put("KeepUnsealed", d.keepUnsealed());
        return o;
    }

    static DealInfo decodeDeal(Map<String, Object> o, String path) {
        Object publish = o.get("PublishCID");
        DealProposal proposal = null;
        if (o.get("Proposal") != null) {
            String p = path + ".Proposal";
            Map<String, Object> q = obj(o.get("Proposal"), p);
            proposal = new DealProposal(cid(str(q, "PieceCID", p), p + ".PieceCID"), lng(q, "PieceSize", p),
                    bool(q, "VerifiedDeal", p), str(q, "Client", p), str(q, "Provider", p), str(q, "Label", p),
                    lng(q, "StartEpoch", p), lng(q, "EndEpoch", p), big(q, "StoragePricePerEpoch", p),
                    big(q, "ProviderCollateral", p), big(q, "ClientCollateral", p));
        }
        PieceActivationManifest manifest = null;
        if (o.get("Manifest") != null) {
            String p = path + ".Manifest";
            Map<String, Object> q = obj(o.get("Manifest"), p);
            VerifiedAllocationKey key = null;
            if (q.get("VerifiedAllocationKey") != null) {
                Map<String, Object> k = obj(q.get("VerifiedAllocationKey"), p + ".VerifiedAllocationKey");
                key = new VerifiedAllocationKey(lng(k, "Client", p), lng(k, "ID", p));
            }
            List<DataActivationNotification> notes = new ArrayList<>();
            List<Object> raw = list(q.get("Notify"), p + ".Notify");
            for (int i = 0; i < raw.size(); i++) {
                Map<String, Object> x = obj(raw.get(i), p + ".Notify[" + i + "]");
                notes.add(new DataActivationNotification(str(x, "Address", p),
                        Base64.getDecoder().decode(str(x, "Payload", p))));
            }
            manifest = new PieceActivationManifest(cid(str(q, "CID", p), p + ".CID"), lng(q, "Size", p), key,
                    notes);
        }
        return new DealInfo(publish == null ? null : cid(str(o, "PublishCID", path), path + ".PublishCID"),
                lng(o, "DealID", path), proposal, manifest, lng(o, "StartEpoch", path), lng(o, "EndEpoch", path),
                bool(o, "KeepUnsealed", path));
    }

    /** A CID written as text; a malformed one names {@code path}. */
    static Cid cid(String text, String path) {
        try {
            return Cid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new Malformed(path, e.getMessage());
        }
    }

    private static BigInteger big(Map<String, Object> o, String key, String path) {
        try {
            return new BigInteger(str(o, key, path));
        } catch (NumberFormatException e) {
            throw new Malformed(path + "." + key, "not an integer");
        }
    }
}
