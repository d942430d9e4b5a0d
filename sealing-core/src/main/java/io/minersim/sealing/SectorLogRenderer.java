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
        SectorLog log = s.log;
        SectorEvent[] events = SectorEvent.values();
        List<SectorLogEntry> out = new ArrayList<>(log.size());
        // one builder for every message of the read: string concatenation here compiled to a method-handle
        // chain per site that the JIT did not inline (it showed as a fifth of a status read's samples)
        StringBuilder sb = new StringBuilder(256);
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
                String message;
                if (e == SectorEvent.SectorCommitted && proof != null) {
                    message = committedMessage(Base64.getEncoder().encode(proof));
                } else {
                    sb.setLength(0);
                    sb.append("{\"User\":");
                    user(sb, s, e, log.arg(i), commD, commR, ticket, seed);
                    message = sb.append('}').toString();
                }
                out.add(new SectorLogEntry(e.logKind(), ts, trace, message));
            }
        }
        return out;
    }

    /**
     * Appends the event's {@code User} JSON, as Lotus logs it; {@code ticket}/{@code seed} are the sector's
     * current ones (or null), reused when the event quotes them.
     */
    private void user(StringBuilder sb, Sector s, SectorEvent e, long arg, Cid commD, Cid commR, byte[] ticket,
            byte[] seed) {
        switch (e) {
            case SectorStart, SectorStartCC -> sb.append("{\"ID\":").append(s.number).append(",\"SectorType\":")
                    .append(p.config.sectorSize().sealProof()).append('}');
            case SectorTicket -> base64(sb.append("{\"TicketValue\":\""), ticket != null && arg == s.ticketEpoch
                    ? ticket : p.random.bytes("ticket", arg, 0, 32)).append("\",\"TicketEpoch\":").append(arg)
                    .append('}');
            case SectorPreCommit1 -> base64(sb.append("{\"PreCommit1Out\":\""),
                    p.random.bytes("pc1", s.number, s.ticketEpoch, 32)).append("\"}");
            case SectorPreCommit2 -> {
                if (commD == null || commR == null) {
                    sb.append("{}");
                } else {
                    sb.append("{\"Sealed\":{\"/\":\"").append(commR).append("\"},\"Unsealed\":{\"/\":\"")
                            .append(commD).append("\"}}");
                }
            }
            case SectorPreCommitBatchSent, SectorCommitAggregateSent, SectorReplicaUpdateSubmitted ->
                    sb.append("{\"Message\":{\"/\":\"").append(p.messages.get((int) arg).cid()).append("\"}}");
            case SectorTerminating -> {
                if (arg < 0) {
                    sb.append("{\"Message\":null}");
                } else {
                    sb.append("{\"Message\":{\"/\":\"").append(p.messages.get((int) arg).cid()).append("\"}}");
                }
            }
            case SectorPreCommitLanded -> sb.append("{\"TipSet\":[{\"/\":\"").append(tipSetCid(arg)).append("\"}]}");
            case SectorSeedReady -> base64(sb.append("{\"SeedValue\":\""), seed != null && arg == s.seedEpoch
                    ? seed : p.random.bytes("seed", arg, 0, 32)).append("\",\"SeedEpoch\":").append(arg).append('}');
            case SectorCommitted -> sb.append("{}"); // no proof (with one: committedMessage, in render)
            case SectorTerminated -> sb.append("{\"TerminatedAt\":").append(arg).append('}');
            case SectorPacked -> pieceInfos(sb.append("{\"FillerPieces\":"), s.pieces, (int) arg).append('}');
            case SectorForceState -> sb.append("{\"State\":\"").append(SectorState.values()[(int) arg].name())
                    .append("\"}");
            case SectorExtended -> sb.append("{\"NewExpiration\":").append(arg).append('}');
            case SectorExpired -> sb.append("{\"ExpiredAt\":").append(arg).append('}');
            default -> sb.append("{}");
        }
    }

    /** Appends standard base64 with padding: 32 bytes are 44 characters, no string or array in between. */
    private static StringBuilder base64(StringBuilder sb, byte[] bytes) {
        int i = 0;
        for (; i + 3 <= bytes.length; i += 3) {
            int v = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff);
            sb.append(B64[v >>> 18]).append(B64[(v >>> 12) & 0x3f]).append(B64[(v >>> 6) & 0x3f])
                    .append(B64[v & 0x3f]);
        }
        int rest = bytes.length - i;
        if (rest == 1) {
            int v = (bytes[i] & 0xff) << 16;
            sb.append(B64[v >>> 18]).append(B64[(v >>> 12) & 0x3f]).append("==");
        } else if (rest == 2) {
            int v = (bytes[i] & 0xff) << 16 | (bytes[i + 1] & 0xff) << 8;
            sb.append(B64[v >>> 18]).append(B64[(v >>> 12) & 0x3f]).append(B64[(v >>> 6) & 0x3f]).append('=');
        }
        return sb;
    }

    private static final char[] B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".toCharArray();

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
        // all ASCII: decoded as Latin-1, a plain copy (US-ASCII decoding scans for bytes above 127 first)
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static StringBuilder pieceInfos(StringBuilder sb, List<Piece> pieces, int from) {
        sb.append('[');
        for (int i = Math.min(from, pieces.size()); i < pieces.size(); i++) {
            Piece piece = pieces.get(i);
            if (i > Math.min(from, pieces.size())) {
                sb.append(',');
            }
            sb.append("{\"Size\":").append(piece.paddedSize()).append(",\"PieceCID\":{\"/\":\"")
                    .append(piece.pieceCid()).append("\"}}");
        }
        return sb.append(']');
    }

    private Cid tipSetCid(long epoch) {
        return tipSetCids.computeIfAbsent(epoch, e -> Cid.dagCborBlake2b256(p.random.bytes("tipset", e, 0, 32)));
    }
}
