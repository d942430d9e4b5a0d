package io.minersim.sealing;

import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.Piece;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sector's log as Lotus shows it in {@code SectorsStatus}: each stored entry (event kind, epoch,
 * argument, error) rendered to Lotus's kind, timestamp, trace and {@code {"User":{…}}} message, the
 * values an event quotes (tickets, seeds, CIDs, the proof) derived from the seed at read time.
 */
final class SectorLogRenderer {

    private static final byte[] COMMITTED_PREFIX = "{\"User\":{\"Proof\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] COMMITTED_SUFFIX = "\"}}".getBytes(StandardCharsets.US_ASCII);

    private final Pipeline p;
    /** Tipset CIDs quoted by logs, one per epoch that landed a pre-commit; filled by readers too. */
    private final ConcurrentHashMap<Long, Cid> tipSetCids = new ConcurrentHashMap<>();

    SectorLogRenderer(Pipeline p) {
        this.p = p;
    }

    /** The log; the CIDs, proof, ticket and seed the messages quote are passed in, computed once per read. */
    List<SectorLogEntry> render(Sector s, Cid commD, Cid commR, byte[] proof, byte[] ticket, byte[] seed) {
        SectorLog log = s.log();
        SectorEvent[] events = SectorEvent.values();
        List<SectorLogEntry> out = new ArrayList<>(log.size());
        for (int i = 0; i < log.size(); i++) {
            int kind = log.kind(i);
            long ts = p.clock.timestampOf(log.epoch(i));
            String text = log.text(i);
            if (kind == SectorLog.PLANNER_ERROR) {
                out.add(new SectorLogEntry("error;*xerrors.wrapError", ts, "", "state machine error: " + text));
            } else if (kind == SectorLog.TRUNCATE) {
                out.add(new SectorLogEntry("truncate", ts, "", "truncating log (above 8000 entries)"));
            } else {
                SectorEvent e = events[kind];
                String trace = e.isError() && text != null ? text : "";
                out.add(new SectorLogEntry(e.logKind(), ts, trace, message(s, e, log.arg(i), commD, commR, proof,
                        ticket, seed)));
            }
        }
        return out;
    }

    /**
     * The event's JSON, {@code {"User":{…}}}, as Lotus logs it; {@code ticket}/{@code seed} are the
     * sector's current ones (or null), reused when the event quotes them.
     */
    private String message(Sector s, SectorEvent e, long arg, Cid commD, Cid commR, byte[] proof, byte[] ticket,
            byte[] seed) {
        Base64.Encoder b64 = Base64.getEncoder();
        if (e == SectorEvent.SectorCommitted && proof != null) {
            return committedMessage(b64.encode(proof));
        }
        String user = switch (e) {
            case SectorStart, SectorStartCC -> "{\"ID\":" + s.number + ",\"SectorType\":"
                    + p.config.sectorSize().sealProof() + "}";
            case SectorTicket -> "{\"TicketValue\":\"" + b64.encodeToString(ticket != null && arg == s.ticketEpoch
                    ? ticket : p.random.bytes("ticket", arg, 0, 32))
                    + "\",\"TicketEpoch\":" + arg + "}";
            case SectorPreCommit1 -> "{\"PreCommit1Out\":\""
                    + b64.encodeToString(p.random.bytes("pc1", s.number, s.ticketEpoch, 32)) + "\"}";
            case SectorPreCommit2 -> commD == null || commR == null ? "{}"
                    : "{\"Sealed\":{\"/\":\"" + commR + "\"},\"Unsealed\":{\"/\":\"" + commD + "\"}}";
            case SectorPreCommitBatchSent, SectorCommitAggregateSent, SectorReplicaUpdateSubmitted ->
                    "{\"Message\":{\"/\":\"" + p.messages.get((int) arg).cid() + "\"}}";
            case SectorTerminating -> arg < 0 ? "{\"Message\":null}"
                    : "{\"Message\":{\"/\":\"" + p.messages.get((int) arg).cid() + "\"}}";
            case SectorPreCommitLanded -> "{\"TipSet\":[{\"/\":\"" + tipSetCid(arg) + "\"}]}";
            case SectorSeedReady -> "{\"SeedValue\":\"" + b64.encodeToString(seed != null && arg == s.seedEpoch
                    ? seed : p.random.bytes("seed", arg, 0, 32))
                    + "\",\"SeedEpoch\":" + arg + "}";
            case SectorCommitted -> "{}"; // no proof (with one: committedMessage, above)
            case SectorTerminated -> "{\"TerminatedAt\":" + arg + "}";
            case SectorPacked -> "{\"FillerPieces\":" + pieceInfos(s.pieces, (int) arg) + "}";
            case SectorForceState -> "{\"State\":\"" + SectorState.values()[(int) arg].name() + "\"}";
            case SectorExtended -> "{\"NewExpiration\":" + arg + "}";
            case SectorExpired -> "{\"ExpiredAt\":" + arg + "}";
            default -> "{}";
        };
        return "{\"User\":" + user + "}";
    }

    /**
     * SectorCommitted's message, the proof's base64 (about 2.6 KB, the longest string of a status) quoted, put
     * together in one array rather than through a string per concatenation.
     */
    private static String committedMessage(byte[] proofBase64) {
        byte[] out = new byte[COMMITTED_PREFIX.length + proofBase64.length + COMMITTED_SUFFIX.length];
        System.arraycopy(COMMITTED_PREFIX, 0, out, 0, COMMITTED_PREFIX.length);
        System.arraycopy(proofBase64, 0, out, COMMITTED_PREFIX.length, proofBase64.length);
        System.arraycopy(COMMITTED_SUFFIX, 0, out, COMMITTED_PREFIX.length + proofBase64.length,
                COMMITTED_SUFFIX.length);
        return new String(out, StandardCharsets.US_ASCII);
    }

    private static String pieceInfos(List<Piece> pieces, int from) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = Math.min(from, pieces.size()); i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            sb.append(sb.length() > 1 ? "," : "").append("{\"Size\":").append(piece.paddedSize())
                    .append(",\"PieceCID\":{\"/\":\"").append(piece.pieceCid()).append("\"}}");
        }
        return sb.append(']').toString();
    }

    private Cid tipSetCid(long epoch) {
        return tipSetCids.computeIfAbsent(epoch, e -> Cid.dagCborBlake2b256(p.random.bytes("tipset", e, 0, 32)));
    }
}
