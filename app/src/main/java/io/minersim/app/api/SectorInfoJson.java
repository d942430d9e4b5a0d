package io.minersim.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.rpc.GoJsonWriter;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.SealRandomness;
import io.minersim.rpc.types.SectorInfo;
import io.minersim.rpc.types.SectorLog;
import io.minersim.rpc.types.SectorPiece;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON of {@code SectorsStatus}'s result, written by hand: the same bytes the RPC mapper writes for a
 * {@link SectorInfo} (field order, Go's escaping, base64, decimal strings), at a fraction of the cost. A
 * sealed sector's answer is about 8 KB, most of it the proof's base64, twice (in {@code Proof} and in the
 * SectorCommitted log message). Deal information, rare and deep, is left to the mapper.
 */
final class SectorInfoJson {
    private final ObjectMapper mapper;

    SectorInfoJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    byte[] encode(SectorInfo s) throws JsonProcessingException {
        GoJsonWriter w = new GoJsonWriter(0);
        encode(s, w);
        return w.toByteArray();
    }

    /** Appends the JSON of {@code s} to {@code w}. */
    void encode(SectorInfo s, GoJsonWriter w) throws JsonProcessingException {
        byte[] proof = s.proof();
        byte[] proofBase64 = proof == null ? null : Base64.getEncoder().encode(proof);
        w.reserve(1024 + (proof == null ? 0 : 3 * proof.length) + 160 * s.log().size());
        w.raw("{\"SectorID\":").number(s.sectorId());
        w.raw(",\"State\":").string(s.state());
        w.raw(",\"CommD\":");
        cid(w, s.commD());
        w.raw(",\"CommR\":");
        cid(w, s.commR());
        w.raw(",\"Proof\":");
        if (proofBase64 == null) {
            w.nullValue();
        } else {
            w.raw('"').raw(proofBase64).raw('"');
        }
        w.raw(",\"Deals\":[");
        List<Long> deals = s.deals();
        for (int i = 0; i < deals.size(); i++) {
            if (i > 0) {
                w.raw(',');
            }
            w.number(deals.get(i));
        }
        w.raw("],\"Pieces\":[");
        List<SectorPiece> pieces = s.pieces();
        for (int i = 0; i < pieces.size(); i++) {
            SectorPiece p = pieces.get(i);
            w.raw(i > 0 ? ",{\"Piece\":{\"Size\":" : "{\"Piece\":{\"Size\":").number(p.piece().size());
            w.raw(",\"PieceCID\":");
            cid(w, p.piece().pieceCid());
            w.raw("},\"DealInfo\":");
            if (p.dealInfo() == null) {
                w.nullValue();
            } else {
                w.raw(mapper.writeValueAsBytes(p.dealInfo()));
            }
            w.raw('}');
        }
        w.raw("],\"Ticket\":");
        randomness(w, s.ticket());
        w.raw(",\"Seed\":");
        randomness(w, s.seed());
        w.raw(",\"PreCommitMsg\":");
        cid(w, s.preCommitMsg());
        w.raw(",\"CommitMsg\":");
        cid(w, s.commitMsg());
        w.raw(",\"Retries\":").number(s.retries());
        w.raw(",\"ToUpgrade\":").bool(s.toUpgrade());
        w.raw(",\"ReplicaUpdateMessage\":");
        cid(w, s.replicaUpdateMessage());
        w.raw(",\"LastErr\":").string(s.lastErr());
        w.raw(",\"Log\":[");
        List<SectorLog> log = s.log();
        for (int i = 0; i < log.size(); i++) {
            SectorLog e = log.get(i);
            w.raw(i > 0 ? ",{\"Kind\":" : "{\"Kind\":").raw(kindJson(e.kind()));
            w.raw(",\"Timestamp\":").number(e.timestamp());
            w.raw(",\"Trace\":").string(e.trace());
            w.raw(",\"Message\":");
            if (proofBase64 != null && quotesProof(e.message(), proofBase64)) {
                w.raw(COMMITTED_PREFIX).raw(proofBase64).raw(COMMITTED_SUFFIX);
            } else {
                w.string(e.message());
            }
            w.raw('}');
        }
        w.raw("],\"SealProof\":").number(s.sealProof());
        w.raw(",\"Activation\":").number(s.activation());
        w.raw(",\"Expiration\":").number(s.expiration());
        w.raw(",\"DealWeight\":").string(s.dealWeight().toString());
        w.raw(",\"VerifiedDealWeight\":").string(s.verifiedDealWeight().toString());
        w.raw(",\"InitialPledge\":").string(s.initialPledge().toString());
        w.raw(",\"OnTime\":").number(s.onTime());
        w.raw(",\"Early\":").number(s.early());
        w.raw('}');
    }

    /** Log kinds as quoted JSON: a few dozen constant strings, escaped once, not in every entry of every read. */
    private static final ConcurrentHashMap<String, byte[]> KINDS = new ConcurrentHashMap<>();
    private static final int MAX_KINDS = 256;

    private static byte[] kindJson(String kind) {
        byte[] json = KINDS.get(kind);
        if (json == null) {
            json = new GoJsonWriter(kind.length() + 8).string(kind).toByteArray();
            if (KINDS.size() < MAX_KINDS) { // kinds are Lotus's event names; never let odd ones grow the map
                KINDS.putIfAbsent(kind, json);
            }
        }
        return json;
    }

    /** SectorCommitted's message, {@code {"User":{"Proof":"<the proof's base64>"}}}, around the base64. */
    private static final String PROOF_MESSAGE_PREFIX = "{\"User\":{\"Proof\":\"";
    private static final String PROOF_MESSAGE_SUFFIX = "\"}}";
    /** The same two parts as JSON string content, quoted and escaped as {@link GoJsonWriter#string} writes them. */
    private static final byte[] COMMITTED_PREFIX = escapedStart(PROOF_MESSAGE_PREFIX);
    private static final byte[] COMMITTED_SUFFIX = escapedEnd(PROOF_MESSAGE_SUFFIX);

    /**
     * Whether {@code message} is SectorCommitted's, quoting exactly this base64: then it is written from the bytes
     * already encoded for {@code Proof}, as only its few bytes around them need escaping (base64 has no character
     * JSON escapes). Escaping the ~2.6 KB byte by byte was the largest single cost of encoding a status; the
     * comparison here is two bulk copies and a vectorized mismatch.
     */
    private static boolean quotesProof(String message, byte[] base64) {
        int p = PROOF_MESSAGE_PREFIX.length();
        if (message.length() != p + base64.length + PROOF_MESSAGE_SUFFIX.length()
                || !message.startsWith(PROOF_MESSAGE_PREFIX) || !message.endsWith(PROOF_MESSAGE_SUFFIX)) {
            return false;
        }
        // a character outside Latin-1 becomes '?', which base64 never holds: no false match
        byte[] latin1 = message.getBytes(StandardCharsets.ISO_8859_1);
        return Arrays.equals(latin1, p, p + base64.length, base64, 0, base64.length);
    }

    private static byte[] escapedStart(String s) {
        byte[] quoted = new GoJsonWriter(0).string(s).toByteArray();
        return Arrays.copyOf(quoted, quoted.length - 1); // the opening quote, not the closing one
    }

    private static byte[] escapedEnd(String s) {
        byte[] quoted = new GoJsonWriter(0).string(s).toByteArray();
        return Arrays.copyOfRange(quoted, 1, quoted.length); // the closing quote, not the opening one
    }

    private static void cid(GoJsonWriter w, CidLink c) {
        if (c == null) {
            w.nullValue();
        } else {
            w.raw("{\"/\":").string(c.value()).raw('}');
        }
    }

    private static void randomness(GoJsonWriter w, SealRandomness r) {
        w.raw("{\"Value\":").base64(r.value()).raw(",\"Epoch\":").number(r.epoch()).raw('}');
    }
}
