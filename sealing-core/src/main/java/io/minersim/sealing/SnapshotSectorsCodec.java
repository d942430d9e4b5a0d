package io.minersim.sealing;

import static io.minersim.sealing.SnapshotFields.count;
import static io.minersim.sealing.SnapshotFields.column;
import static io.minersim.sealing.SnapshotFields.enumValue;
import static io.minersim.sealing.SnapshotFields.index;
import static io.minersim.sealing.SnapshotFields.list;
import static io.minersim.sealing.SnapshotFields.names;
import static io.minersim.sealing.SnapshotFields.obj;
import static io.minersim.sealing.SnapshotFields.pairs;

import io.minersim.sealing.SnapshotFields.Malformed;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.Piece;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sectors in a snapshot: one {@link LongColumn} per scalar field (number, creation epoch, flags,
 * state, counters, epochs, message indexes), the distinct piece lists and CommDs as tables the
 * sectors point into, the sparse error texts as [index, text] pairs, and every sector's log as
 * columns over all entries (kinds by name through the {@code LogKinds} table). Encoder and decoder
 * of each part side by side.
 */
final class SnapshotSectorsCodec {
    private static final String PLANNER_ERROR = "(planner error)";
    private static final String TRUNCATE = "(truncate)";

    private static final int FLAG_CC = 1;
    private static final int FLAG_SEALED = 2;
    private static final int FLAG_PROVEN = 4;

    private SnapshotSectorsCodec() {
    }

    /** One sector field kept as a column. */
    private interface LongGetter {
        long get(Sector s);
    }

    private interface LongSetter {
        void set(Sector s, long v);
    }

    private record Field(String name, LongGetter get, LongSetter set) {
    }

    /** The sector's scalar fields, other than number, creation epoch and flags (constructor values). */
    private static final List<Field> FIELDS = List.of(
            new Field("Version", s -> s.version, (s, v) -> s.version = Math.toIntExact(v)),
            new Field("TicketEpoch", s -> s.ticketEpoch, (s, v) -> s.ticketEpoch = v),
            new Field("PreCommitEpoch", s -> s.preCommitEpoch, (s, v) -> s.preCommitEpoch = v),
            new Field("SeedEpoch", s -> s.seedEpoch, (s, v) -> s.seedEpoch = v),
            new Field("PreCommitMessage", s -> s.preCommitMessage, (s, v) -> s.preCommitMessage = Math.toIntExact(v)),
            new Field("CommitMessage", s -> s.commitMessage, (s, v) -> s.commitMessage = Math.toIntExact(v)),
            new Field("ReplicaUpdateMessage", s -> s.replicaUpdateMessage,
                    (s, v) -> s.replicaUpdateMessage = Math.toIntExact(v)),
            new Field("TerminateMessage", s -> s.terminateMessage, (s, v) -> s.terminateMessage = Math.toIntExact(v)),
            new Field("PreCommit1Fails", s -> s.preCommit1Fails, (s, v) -> s.preCommit1Fails = Math.toIntExact(v)),
            new Field("PreCommit2Fails", s -> s.preCommit2Fails, (s, v) -> s.preCommit2Fails = Math.toIntExact(v)),
            new Field("InvalidProofs", s -> s.invalidProofs, (s, v) -> s.invalidProofs = Math.toIntExact(v)),
            new Field("ReplicaUpdateFails", s -> s.replicaUpdateFails,
                    (s, v) -> s.replicaUpdateFails = Math.toIntExact(v)),
            new Field("Activation", s -> s.activation, (s, v) -> s.activation = v),
            new Field("PowerBaseEpoch", s -> s.powerBaseEpoch, (s, v) -> s.powerBaseEpoch = v),
            new Field("Expiration", s -> s.expiration, (s, v) -> s.expiration = v),
            new Field("DealWeight", s -> s.dealWeight, (s, v) -> s.dealWeight = v),
            new Field("VerifiedDealWeight", s -> s.verifiedDealWeight, (s, v) -> s.verifiedDealWeight = v),
            new Field("FaultEpoch", s -> s.faultEpoch, (s, v) -> s.faultEpoch = v),
            new Field("TerminatedEpoch", s -> s.terminatedEpoch, (s, v) -> s.terminatedEpoch = v),
            new Field("ExpiredEpoch", s -> s.expiredEpoch, (s, v) -> s.expiredEpoch = v));

    static Map<String, Object> encode(SectorTable table) {
        long[] all = table.allNumbers();
        int n = all.length;
        Sector[] secs = new Sector[n];
        for (int i = 0; i < n; i++) {
            secs[i] = table.get(all[i]);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Count", n);
        o.put("Number", LongColumn.encode(all));
        o.put("CreatedEpoch", encodeColumn(secs, s -> s.createdEpoch));
        o.put("Flags", encodeColumn(secs, s -> (s.committedCapacity ? FLAG_CC : 0) | (s.sealed ? FLAG_SEALED : 0)
                | (s.proven ? FLAG_PROVEN : 0)));
        o.put("State", encodeColumn(secs, s -> s.state.ordinal()));
        o.put("ReturnState", encodeColumn(secs, s -> s.returnState == null ? -1 : s.returnState.ordinal()));
        for (Field f : FIELDS) {
            o.put(f.name(), encodeColumn(secs, f.get()));
        }
        // pieces: a table of distinct lists; sectors point into it
        Map<List<Piece>, Integer> listIndex = new HashMap<>();
        List<Object> lists = new ArrayList<>();
        long[] pieces = new long[n];
        long[] assigned = new long[n];
        long[] cc = new long[n];
        Map<String, Integer> commDIndex = new HashMap<>();
        List<Object> commDs = new ArrayList<>();
        long[] commD = new long[n];
        List<Object> lastErrs = new ArrayList<>();
        List<Object> injected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Sector s = secs[i];
            pieces[i] = listIndex(s.pieces, listIndex, lists);
            assigned[i] = listIndex(s.assigned, listIndex, lists);
            cc[i] = s.ccPieces == null ? -1 : listIndex(s.ccPieces, listIndex, lists);
            if (s.commD == null) {
                commD[i] = -1;
            } else {
                String hex = HexFormat.of().formatHex(s.commD);
                Integer at = commDIndex.get(hex);
                if (at == null) {
                    at = commDs.size();
                    commDIndex.put(hex, at);
                    commDs.add(hex);
                }
                commD[i] = at;
            }
            if (!"".equals(s.lastErr)) {
                lastErrs.add(Arrays.asList(i, s.lastErr));
            }
            if (s.injectedError != null) {
                injected.add(Arrays.asList(i, s.injectedError));
            }
        }
        o.put("PieceLists", lists);
        o.put("Pieces", LongColumn.encode(pieces));
        o.put("Assigned", LongColumn.encode(assigned));
        o.put("CcPieces", LongColumn.encode(cc));
        o.put("CommDs", commDs);
        o.put("CommD", LongColumn.encode(commD));
        o.put("LastErr", lastErrs);
        o.put("InjectedError", injected);
        o.put("Log", encodeLogs(secs));
        return o;
    }

    static SectorTable decode(Map<String, Object> o, SectorState[] states, int[] logKinds, List<Piece> ccPieces,
            byte[] zeroCommD, Map<Long, Sector> byNumber) {
        int n = count(o, "Sectors");
        long[] number = column(o, "Number", "Sectors", n);
        long[] created = column(o, "CreatedEpoch", "Sectors", n);
        long[] flags = column(o, "Flags", "Sectors", n);
        long[] state = column(o, "State", "Sectors", n);
        long[] returnState = column(o, "ReturnState", "Sectors", n);
        long[][] fields = new long[FIELDS.size()][];
        for (int f = 0; f < fields.length; f++) {
            fields[f] = column(o, FIELDS.get(f).name(), "Sectors", n);
        }
        List<Object> rawLists = list(o.get("PieceLists"), "Sectors.PieceLists");
        List<List<Piece>> lists = new ArrayList<>(rawLists.size());
        for (int i = 0; i < rawLists.size(); i++) {
            String path = "Sectors.PieceLists[" + i + "]";
            List<Object> raw = list(rawLists.get(i), path);
            List<Piece> ps = new ArrayList<>(raw.size());
            for (int j = 0; j < raw.size(); j++) {
                ps.add(SnapshotPieceCodec.decodePiece(obj(raw.get(j), path + "[" + j + "]"), path + "[" + j + "]"));
            }
            List<Piece> list = List.copyOf(ps);
            lists.add(list.equals(ccPieces) ? ccPieces : list);
        }
        long[] pieces = column(o, "Pieces", "Sectors", n);
        long[] assigned = column(o, "Assigned", "Sectors", n);
        long[] cc = column(o, "CcPieces", "Sectors", n);
        List<Object> rawCommDs = list(o.get("CommDs"), "Sectors.CommDs");
        List<byte[]> commDs = new ArrayList<>();
        for (int i = 0; i < rawCommDs.size(); i++) {
            Object h = rawCommDs.get(i);
            if (!(h instanceof String hex) || hex.length() != 64) {
                throw new Malformed("Sectors.CommDs[" + i + "]", "not 32 bytes of hex");
            }
            byte[] bytes = HexFormat.of().parseHex(hex);
            commDs.add(Arrays.equals(bytes, zeroCommD) ? zeroCommD : bytes);
        }
        long[] commD = column(o, "CommD", "Sectors", n);
        SectorTable table = new SectorTable();
        Sector[] secs = new Sector[n];
        for (int i = 0; i < n; i++) {
            String path = "Sectors[" + i + "]";
            if (number[i] < 0 || byNumber.containsKey(number[i])) {
                throw new Malformed(path, "sector number " + number[i] + " is negative or repeated");
            }
            Sector s = new Sector(number[i], created[i], (flags[i] & FLAG_CC) != 0);
            s.sealed = (flags[i] & FLAG_SEALED) != 0;
            s.proven = (flags[i] & FLAG_PROVEN) != 0;
            s.state = states[index(state[i], states.length, path + ".State")];
            s.returnState = returnState[i] == -1 ? null
                    : states[index(returnState[i], states.length, path + ".ReturnState")];
            for (int f = 0; f < fields.length; f++) {
                FIELDS.get(f).set().set(s, fields[f][i]);
            }
            s.pieces = lists.get(index(pieces[i], lists.size(), path + ".Pieces"));
            s.assigned = lists.get(index(assigned[i], lists.size(), path + ".Assigned"));
            s.ccPieces = cc[i] == -1 ? null : lists.get(index(cc[i], lists.size(), path + ".CcPieces"));
            s.commD = commD[i] == -1 ? null : commDs.get(index(commD[i], commDs.size(), path + ".CommD"));
            secs[i] = s;
            byNumber.put(s.number, s);
        }
        for (Object[] sparse : pairs(o, "LastErr", n)) {
            secs[(int) sparse[0]].lastErr = (String) sparse[1];
        }
        for (Object[] sparse : pairs(o, "InjectedError", n)) {
            secs[(int) sparse[0]].injectedError = (String) sparse[1];
        }
        decodeLogs(obj(o.get("Log"), "Sectors.Log"), secs, logKinds);
        for (Sector s : secs) {
            table.add(s);
        }
        return table;
    }

    /** Every message a sector names is one of the decoded {@code messages}. */
    static void checkMessageIndexes(Collection<Sector> sectors, ChainMessages messages) {
        for (Sector s : sectors) {
            for (int idx : new int[] {s.preCommitMessage, s.commitMessage, s.replicaUpdateMessage,
                s.terminateMessage}) {
                if (idx < -1 || idx >= messages.size()) {
                    throw new Malformed("Sectors", "sector " + s.number + " names message " + idx + " of "
                            + messages.size());
                }
            }
        }
    }

    private static String encodeColumn(Sector[] secs, LongGetter get) {
        long[] out = new long[secs.length];
        for (int i = 0; i < secs.length; i++) {
            out[i] = get.get(secs[i]);
        }
        return LongColumn.encode(out);
    }

    private static long listIndex(List<Piece> list, Map<List<Piece>, Integer> index, List<Object> lists) {
        Integer at = index.get(list);
        if (at == null) {
            at = lists.size();
            index.put(list, at);
            List<Object> encoded = new ArrayList<>(list.size());
            for (Piece p : list) {
                encoded.add(SnapshotPieceCodec.encodePiece(p));
            }
            lists.add(encoded);
        }
        return at;
    }

    // ---- logs

    /** The {@code LogKinds} table: the events by name, then the planner error and truncation entries. */
    static List<String> logKindNames() {
        List<String> out = names(SectorEvent.values());
        out.add(PLANNER_ERROR);
        out.add(TRUNCATE);
        return out;
    }

    static int[] decodeLogKinds(Map<String, ?> doc) {
        List<Object> raw = list(doc.get("LogKinds"), "LogKinds");
        int[] out = new int[raw.size()];
        for (int i = 0; i < out.length; i++) {
            Object name = raw.get(i);
            if (PLANNER_ERROR.equals(name)) {
                out[i] = SectorLog.PLANNER_ERROR;
            } else if (TRUNCATE.equals(name)) {
                out[i] = SectorLog.TRUNCATE;
            } else {
                out[i] = enumValue(SectorEvent.class, String.valueOf(name), "LogKinds[" + i + "]").ordinal();
            }
        }
        return out;
    }

    private static Map<String, Object> encodeLogs(Sector[] secs) {
        int total = 0;
        for (Sector s : secs) {
            total += s.log.size();
        }
        long[] count = new long[secs.length];
        long[] kind = new long[total];
        long[] epoch = new long[total];
        long[] arg = new long[total];
        List<Object> texts = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < secs.length; i++) {
            SectorLog log = secs[i].log;
            count[i] = log.size();
            for (int j = 0; j < log.size(); j++, at++) {
                kind[at] = log.kind(j);
                epoch[at] = log.epoch(j);
                arg[at] = log.arg(j);
                String t = log.text(j);
                if (t != null) {
                    texts.add(Arrays.asList(at, t));
                }
            }
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Count", total);
        o.put("PerSector", LongColumn.encode(count));
        o.put("Kind", LongColumn.encode(kind));
        o.put("Epoch", LongColumn.encode(epoch));
        o.put("Arg", LongColumn.encode(arg));
        o.put("Text", texts);
        return o;
    }

    private static void decodeLogs(Map<String, Object> o, Sector[] secs, int[] logKinds) {
        int total = count(o, "Sectors.Log");
        long[] perSector = column(o, "PerSector", "Sectors.Log", secs.length);
        long[] kind = column(o, "Kind", "Sectors.Log", total);
        long[] epoch = column(o, "Epoch", "Sectors.Log", total);
        long[] arg = column(o, "Arg", "Sectors.Log", total);
        Map<Integer, String> texts = new HashMap<>();
        for (Object[] p : pairs(o, "Text", total)) {
            texts.put((Integer) p[0], (String) p[1]);
        }
        int at = 0;
        for (int i = 0; i < secs.length; i++) {
            if (perSector[i] < 0 || perSector[i] > SectorLog.MAX_ENTRIES + 1 || at + perSector[i] > total) {
                throw new Malformed("Sectors.Log.PerSector[" + i + "]", "bad entry count " + perSector[i]);
            }
            for (int j = 0; j < perSector[i]; j++, at++) {
                int k = logKinds[index(kind[at], logKinds.length, "Sectors.Log.Kind[" + at + "]")];
                if (epoch[at] < 0 || epoch[at] > 0xFF_FFFF_FFFFL) {
                    throw new Malformed("Sectors.Log.Epoch[" + at + "]", "out of range");
                }
                secs[i].log.append(k, epoch[at], arg[at], texts.get(at));
            }
        }
        if (at != total) {
            throw new Malformed("Sectors.Log", "entry counts add up to " + at + ", not " + total);
        }
    }
}
