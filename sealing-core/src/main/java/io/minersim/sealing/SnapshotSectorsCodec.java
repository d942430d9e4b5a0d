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
            new Field("ReplicaUpdateMessage", s -> s.replicaUpdateMessage(),
                    (s, v) -> s.setReplicaUpdateMessage(Math.toIntExact(v))),
            new Field("TerminateMessage", s -> s.terminateMessage(),
                    (s, v) -> s.setTerminateMessage(Math.toIntExact(v))),
            new Field("PreCommit1Fails", s -> s.preCommit1Fails(),
                    (s, v) -> s.setPreCommit1Fails(Math.toIntExact(v))),
            new Field("PreCommit2Fails", s -> s.preCommit2Fails(),
                    (s, v) -> s.setPreCommit2Fails(Math.toIntExact(v))),
            new Field("InvalidProofs", s -> s.invalidProofs(), (s, v) -> s.setInvalidProofs(Math.toIntExact(v))),
            new Field("ReplicaUpdateFails", s -> s.replicaUpdateFails(),
                    (s, v) -> s.setReplicaUpdateFails(Math.toIntExact(v))),
            new Field("Activation", s -> s.activation, (s, v) -> s.activation = v),
            new Field("PowerBaseEpoch", s -> s.powerBaseEpoch, (s, v) -> s.powerBaseEpoch = v),
            new Field("Expiration", s -> s.expiration, (s, v) -> s.expiration = v),
            new Field("DealWeight", s -> s.dealWeight(), (s, v) -> s.setDealWeight(v)),
            new Field("VerifiedDealWeight", s -> s.verifiedDealWeight(), (s, v) -> s.setVerifiedDealWeight(v)),
            new Field("FaultEpoch", s -> s.faultEpoch(), (s, v) -> s.setFaultEpoch(v)),
            new Field("TerminatedEpoch", s -> s.terminatedEpoch(), (s, v) -> s.setTerminatedEpoch(v)),
            new Field("ExpiredEpoch", s -> s.expiredEpoch(), (s, v) -> s.setExpiredEpoch(v)));

    static Map<String, Object> encode(SectorTable table) {
        long[] all = table.allNumbers();
        int n = all.length;
        Sector[] secs = new Sector[n];
        for (int i = 0; i < n; i++) {
            secs[i] = table.get(all[i]);
        }
        // one pass over the sectors, each read once for every column (a million objects: memory, not code, is the cost)
        int k = FIELDS.size();
        long[][] cols = new long[k + 4][n];
        LongGetter[] getters = new LongGetter[k];
        for (int f = 0; f < k; f++) {
            getters[f] = FIELDS.get(f).get();
        }
        for (int i = 0; i < n; i++) {
            Sector s = secs[i];
            cols[0][i] = s.createdEpoch;
            cols[1][i] = (s.committedCapacity ? FLAG_CC : 0) | (s.sealed ? FLAG_SEALED : 0) | (s.proven ? FLAG_PROVEN : 0);
            cols[2][i] = s.state.ordinal();
            cols[3][i] = s.returnState() == null ? -1 : s.returnState().ordinal();
            for (int f = 0; f < k; f++) {
                cols[4 + f][i] = getters[f].get(s);
            }
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Count", n);
        o.put("Number", LongColumn.later(all));
        o.put("CreatedEpoch", LongColumn.later(cols[0]));
        o.put("Flags", LongColumn.later(cols[1]));
        o.put("State", LongColumn.later(cols[2]));
        o.put("ReturnState", LongColumn.later(cols[3]));
        for (int f = 0; f < k; f++) {
            o.put(FIELDS.get(f).name(), LongColumn.later(cols[4 + f]));
        }
        // pieces: a table of distinct lists; sectors point into it
        ListIndex listIndex = new ListIndex();
        List<Object> lists = listIndex.lists;
        long[] pieces = new long[n];
        long[] assigned = new long[n];
        long[] cc = new long[n];
        Map<String, Integer> commDIndex = new HashMap<>();
        Map<byte[], Integer> commDSeen = new java.util.IdentityHashMap<>();
        List<Object> commDs = new ArrayList<>();
        long[] commD = new long[n];
        List<Object> lastErrs = new ArrayList<>();
        List<Object> injected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Sector s = secs[i];
            pieces[i] = listIndex.of(s.pieces);
            assigned[i] = listIndex.of(s.assigned);
            cc[i] = s.ccPieces() == null ? -1 : listIndex.of(s.ccPieces());
            if (s.commD == null) {
                commD[i] = -1;
            } else {
                Integer at = commDSeen.get(s.commD); // most sectors share a few arrays (the zero CommD above all)
                if (at == null) {
                    String hex = HexFormat.of().formatHex(s.commD);
                    at = commDIndex.get(hex);
                    if (at == null) {
                        at = commDs.size();
                        commDIndex.put(hex, at);
                        commDs.add(hex);
                    }
                    commDSeen.put(s.commD, at);
                }
                commD[i] = at;
            }
            if (!"".equals(s.lastErr())) {
                lastErrs.add(Arrays.asList(i, s.lastErr()));
            }
            if (s.injectedError() != null) {
                injected.add(Arrays.asList(i, s.injectedError()));
            }
        }
        o.put("PieceLists", lists);
        o.put("Pieces", LongColumn.later(pieces));
        o.put("Assigned", LongColumn.later(assigned));
        o.put("CcPieces", LongColumn.later(cc));
        o.put("CommDs", commDs);
        o.put("CommD", LongColumn.later(commD));
        o.put("LastErr", lastErrs);
        o.put("InjectedError", injected);
        o.put("Log", encodeLogs(secs));
        return o;
    }

    static SectorTable decode(Map<String, Object> o, SectorState[] states, int[] logKinds, List<Piece> ccPieces,
            byte[] zeroCommD) {
        int n = count(o, "Sectors");
        List<String> keys = new ArrayList<>(List.of("Number", "CreatedEpoch", "Flags", "State", "ReturnState",
                "Pieces", "Assigned", "CcPieces", "CommD"));
        FIELDS.forEach(f -> keys.add(f.name()));
        long[][] cols = SnapshotFields.columns(o, "Sectors", n, keys);
        long[] number = cols[0];
        long[] created = cols[1];
        long[] flags = cols[2];
        long[] state = cols[3];
        long[] returnState = cols[4];
        long[][] fields = java.util.Arrays.copyOfRange(cols, 9, cols.length);
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
        long[] pieces = cols[5];
        long[] assigned = cols[6];
        long[] cc = cols[7];
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
        long[] commD = cols[8];
        SectorTable table = new SectorTable();
        Sector[] secs = new Sector[n];
        LongSetter[] setters = new LongSetter[FIELDS.size()];
        for (int f = 0; f < setters.length; f++) {
            setters[f] = FIELDS.get(f).set();
        }
        // the sector records, in slices side by side (a million of them: the biggest part of a restore)
        int slices = Math.max(1, Math.min(64, n / 16_384));
        java.util.stream.IntStream.range(0, slices).parallel().forEach(slice -> {
            for (int i = (int) ((long) n * slice / slices), end = (int) ((long) n * (slice + 1) / slices); i < end; i++) {
                if (number[i] < 0) {
                    throw new Malformed("Sectors[" + i + "]", "sector number " + number[i] + " is negative or repeated");
                }
                Sector s = new Sector(number[i], created[i], (flags[i] & FLAG_CC) != 0);
                s.sealed = (flags[i] & FLAG_SEALED) != 0;
                s.proven = (flags[i] & FLAG_PROVEN) != 0;
                s.state = states[index(state[i], states.length, "Sectors", i, ".State")];
                s.setReturnState(returnState[i] == -1 ? null
                        : states[index(returnState[i], states.length, "Sectors", i, ".ReturnState")]);
                for (int f = 0; f < setters.length; f++) {
                    setters[f].set(s, fields[f][i]);
                }
                s.pieces = lists.get(index(pieces[i], lists.size(), "Sectors", i, ".Pieces"));
                s.assigned = lists.get(index(assigned[i], lists.size(), "Sectors", i, ".Assigned"));
                s.setCcPieces(cc[i] == -1 ? null : lists.get(index(cc[i], lists.size(), "Sectors", i, ".CcPieces")));
                s.commD = commD[i] == -1 ? null : commDs.get(index(commD[i], commDs.size(), "Sectors", i, ".CommD"));
                secs[i] = s;
            }
        });
        for (Object[] sparse : pairs(o, "LastErr", n)) {
            secs[(int) sparse[0]].setLastErr((String) sparse[1]);
        }
        for (Object[] sparse : pairs(o, "InjectedError", n)) {
            secs[(int) sparse[0]].setInjectedError((String) sparse[1]);
        }
        decodeLogs(obj(o.get("Log"), "Sectors.Log"), secs, logKinds);
        for (int i = 0; i < n; i++) {
            try {
                table.add(secs[i]);
            } catch (IllegalStateException e) {
                throw new Malformed("Sectors[" + i + "]", "sector number " + number[i] + " is negative or repeated");
            }
        }
        return table;
    }

    /** Every message a sector names is one of the decoded {@code messages}. */
    static void checkMessageIndexes(SectorTable table, ChainMessages messages) {
        for (long n : table.allNumbers()) {
            Sector s = table.get(n);
            for (int idx : new int[] {s.preCommitMessage, s.commitMessage, s.replicaUpdateMessage(),
                s.terminateMessage()}) {
                if (idx < -1 || idx >= messages.size()) {
                    throw new Malformed("Sectors", "sector " + s.number + " names message " + idx + " of "
                            + messages.size());
                }
            }
        }
    }

    /**
     * The distinct piece lists in a document, each with its index: found by identity first (a million CC sectors
     * share one list object, and hashing a list of pieces is not cheap), by contents for a list object met the first
     * time.
     */
    private static final class ListIndex {
        final Map<List<Piece>, Integer> byIdentity = new java.util.IdentityHashMap<>();
        final Map<List<Piece>, Integer> byValue = new HashMap<>();
        final List<Object> lists = new ArrayList<>();

        long of(List<Piece> list) {
            Integer at = byIdentity.get(list);
            if (at == null) {
                at = byValue.get(list);
                if (at == null) {
                    at = lists.size();
                    List<Object> encoded = new ArrayList<>(list.size());
                    for (Piece p : list) {
                        encoded.add(SnapshotPieceCodec.encodePiece(p));
                    }
                    lists.add(encoded);
                    byValue.put(list, at);
                }
                byIdentity.put(list, at);
            }
            return at;
        }
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
            total += s.log().size();
        }
        long[] count = new long[secs.length];
        long[] kind = new long[total];
        long[] epoch = new long[total];
        long[] arg = new long[total];
        List<Object> texts = new ArrayList<>();
        int at = 0;
        for (int i = 0; i < secs.length; i++) {
            SectorLog log = secs[i].log();
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
        o.put("PerSector", LongColumn.later(count));
        o.put("Kind", LongColumn.later(kind));
        o.put("Epoch", LongColumn.later(epoch));
        o.put("Arg", LongColumn.later(arg));
        o.put("Text", texts);
        return o;
    }

    private static void decodeLogs(Map<String, Object> o, Sector[] secs, int[] logKinds) {
        int total = count(o, "Sectors.Log");
        long[] perSector = column(o, "PerSector", "Sectors.Log", secs.length);
        long[][] cols = SnapshotFields.columns(o, "Sectors.Log", total, List.of("Kind", "Epoch", "Arg"));
        long[] kind = cols[0];
        long[] epoch = cols[1];
        long[] arg = cols[2];
        // the texts, by entry index (few: errors and messages); looked up in order with a cursor
        Map<Integer, String> byIndex = new java.util.TreeMap<>();
        for (Object[] p : pairs(o, "Text", total)) {
            byIndex.put((Integer) p[0], (String) p[1]);
        }
        int[] textAt = byIndex.keySet().stream().mapToInt(Integer::intValue).toArray();
        String[] text = byIndex.values().toArray(new String[0]);
        // where each sector's entries start (checked in order), then the logs filled in slices side by side
        int[] start = new int[secs.length + 1];
        int at = 0;
        for (int i = 0; i < secs.length; i++) {
            if (perSector[i] < 0 || perSector[i] > SectorLog.MAX_ENTRIES + 1 || at + perSector[i] > total) {
                throw new Malformed("Sectors.Log.PerSector[" + i + "]", "bad entry count " + perSector[i]);
            }
            start[i] = at;
            at += (int) perSector[i];
        }
        start[secs.length] = at;
        int slices = Math.max(1, Math.min(64, secs.length / 16_384));
        java.util.stream.IntStream.range(0, slices).parallel().forEach(slice -> {
            int from = (int) ((long) secs.length * slice / slices);
            int to = (int) ((long) secs.length * (slice + 1) / slices);
            int next = java.util.Arrays.binarySearch(textAt, start[from]);
            next = next < 0 ? -next - 1 : next;
            for (int i = from; i < to; i++) {
                for (int e = start[i]; e < start[i + 1]; e++) {
                    int k = logKinds[index(kind[e], logKinds.length, "Sectors.Log.Kind", e, "")];
                    if (epoch[e] < 0 || epoch[e] > 0xFF_FFFF_FFFFL) {
                        throw new Malformed("Sectors.Log.Epoch[" + e + "]", "out of range");
                    }
                    String t = null;
                    if (next < textAt.length && textAt[next] == e) {
                        t = text[next++];
                    }
                    secs[i].log().append(k, epoch[e], arg[e], t);
                }
            }
        });
        if (at != total) {
            throw new Malformed("Sectors.Log", "entry counts add up to " + at + ", not " + total);
        }
    }
}
