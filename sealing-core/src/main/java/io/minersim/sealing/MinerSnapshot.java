package io.minersim.sealing;

import io.minersim.sealing.ChainMessages.Message;
import io.minersim.sealing.ChainMessages.Method;
import io.minersim.sealing.EpochScheduler.Action;
import io.minersim.sealing.EpochScheduler.Timer;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.numbers.SectorNumberAssigner;
import io.minersim.sealing.piece.DataActivationNotification;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.DealProposal;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.piece.PieceActivationManifest;
import io.minersim.sealing.piece.VerifiedAllocationKey;
import io.minersim.sealing.stats.MinerStatistics;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A miner's whole state as one document of plain values, and back. The document is a tree of
 * {@code Map<String, ?>}, {@code List<?>}, {@code String}, integral {@code Number}, {@code Boolean}
 * and {@code null}, so the app writes it as JSON as it stands; the core knows no JSON library.
 *
 * <p>Design: a state dump, not a journal of calls. It holds every sector record (pieces, deals,
 * commitments, counters, epochs, log), the history, the pending timers with their order numbers, the
 * three batchers' queues and loop epochs, the sent messages, the number assigner, the failure rules,
 * the expiration buckets, the expired deals, the waiting pieces and the sealing knobs in force, so a
 * restored miner answers every read as the original did and continues identically. A journal would
 * replay every call and epoch since start (its size and restore time grow with the run, not the
 * miner); the dump's grow with the sectors and their history. Bulky number columns (one value per
 * sector, log entry or history move) are {@link LongColumn}s; states, events and timer kinds are
 * written by name through tables in the document, so the format does not hang on enum order.
 *
 * <p>Top-level fields: {@code Format} ({@value #FORMAT}), {@code Version}, {@code Miner} (the
 * configuration a restoring miner must share), {@code Head}, {@code Sealing}, {@code
 * ExpectedSealDuration}, name tables, {@code Numbers}, {@code Messages}, {@code Timers},
 * {@code Batchers}, {@code FailureRules}, {@code PendingPieces}, {@code Expirations},
 * {@code ExpiredDeals}, {@code Sectors}, {@code History}.
 */
final class MinerSnapshot {
    static final String FORMAT = "minersim-snapshot";
    static final int VERSION = 1;

    private static final String PLANNER_ERROR = "(planner error)";
    private static final String TRUNCATE = "(truncate)";

    private static final int FLAG_CC = 1;
    private static final int FLAG_SEALED = 2;
    private static final int FLAG_PROVEN = 4;

    private MinerSnapshot() {
    }

    /** The new state a snapshot decodes to; the miner swaps it in whole. */
    record Restored(SectorTable sectors, EpochScheduler timers, SectorNumberAssigner numbers, SectorBatcher preCommits,
            SectorBatcher commits, SectorBatcher terminations, ChainMessages messages, SectorHistory history,
            List<FailureRule> failureRules, ExpirationQueue expirations, Set<Long> expiredDeals,
            ArrayDeque<PieceInput.PendingPiece> pendingPieces, SealingConfig sealing, Duration expectedSealDuration,
            long head, MinerStatistics statistics) {
    }

    // =============================================================================================
    // encode

    static Map<String, Object> encode(Miner m) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("Format", FORMAT);
        doc.put("Version", VERSION);
        doc.put("Miner", minerIdentity(m.config()));
        doc.put("Head", m.pipeline.head);
        doc.put("Sealing", recordToMap(m.pipeline.sealing));
        doc.put("ExpectedSealDuration", m.pipeline.expectedSealDuration.toNanos());
        doc.put("States", names(SectorState.values()));
        doc.put("Events", names(SectorEvent.values()));
        doc.put("LogKinds", logKinds());
        doc.put("Actions", names(Action.values()));
        doc.put("Numbers", encodeNumbers(m.pipeline.numbers));
        doc.put("Messages", encodeMessages(m.pipeline.messages));
        doc.put("Timers", encodeTimers(m.pipeline.timers));
        Map<String, Object> batchers = new LinkedHashMap<>();
        batchers.put("PreCommit", encodeBatcher(m.pipeline.preCommits));
        batchers.put("Commit", encodeBatcher(m.pipeline.commits));
        batchers.put("Terminate", encodeBatcher(m.pipeline.terminations));
        doc.put("Batchers", batchers);
        List<Object> rules = new ArrayList<>();
        for (FailureRule r : m.pipeline.failureRules) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("State", r.state().name());
            o.put("Sector", r.sector());
            o.put("Count", r.count());
            o.put("Error", r.error());
            rules.add(o);
        }
        doc.put("FailureRules", rules);
        List<Object> pending = new ArrayList<>();
        for (PieceInput.PendingPiece p : m.pipeline.pendingPieces) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("UnpaddedSize", p.unpaddedSize());
            o.put("Piece", encodePiece(p.piece()));
            pending.add(o);
        }
        doc.put("PendingPieces", pending);
        doc.put("Expirations", encodeExpirations(m.pipeline.expirations));
        doc.put("ExpiredDeals", LongColumn.encode(m.pipeline.expiredDeals.stream().mapToLong(Long::longValue).toArray()));
        doc.put("Sectors", encodeSectors(m));
        doc.put("History", encodeHistory(m.pipeline.history));
        doc.put("Statistics", encodeStatistics(m.pipeline.statistics.exportState()));
        return doc;
    }

    /** What a restoring miner must share with the one the snapshot was taken from. */
    private static Map<String, Object> minerIdentity(MinerConfig c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Actor", c.actorAddress());
        o.put("SectorSize", c.sectorSize().bytes());
        o.put("Seed", c.seed());
        o.put("Policy", recordToMap(c.policy()));
        o.put("Stages", recordToMap(c.stages()));
        return o;
    }

    private static Map<String, Object> encodeNumbers(SectorNumberAssigner a) {
        SectorNumberAssigner.Meta meta = a.meta();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Allocated", runs(meta.allocated()));
        o.put("Reserved", runs(meta.reserved()));
        o.put("ChainAllocated", runs(a.chainAllocated()));
        Map<String, Object> reservations = new TreeMap<>();
        a.reservations().forEach((k, v) -> reservations.put(k, runs(v)));
        o.put("Reservations", reservations);
        return o;
    }

    private static String runs(BitField b) {
        return LongColumn.encode(b.toRuns());
    }

    private static List<Object> encodeMessages(ChainMessages messages) {
        List<Object> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Message msg = messages.get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("Method", msg.method().name());
            o.put("SentEpoch", msg.sentEpoch());
            o.put("Sectors", LongColumn.encode(msg.sectors()));
            o.put("CID", msg.cid().toString());
            out.add(o);
        }
        return out;
    }

    private static Map<String, Object> encodeTimers(EpochScheduler timers) {
        Timer[] pending = timers.pending();
        long[] epoch = new long[pending.length];
        long[] seq = new long[pending.length];
        long[] action = new long[pending.length];
        long[] sector = new long[pending.length];
        long[] version = new long[pending.length];
        for (int i = 0; i < pending.length; i++) {
            Timer t = pending[i];
            epoch[i] = t.epoch;
            seq[i] = t.seq;
            action[i] = t.action.ordinal();
            sector[i] = t.sector == null ? -1 : t.sector.number;
            version[i] = t.version;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("NextSeq", timers.nextSeq());
        o.put("Count", pending.length);
        o.put("Epoch", LongColumn.encode(epoch));
        o.put("Seq", LongColumn.encode(seq));
        o.put("Action", LongColumn.encode(action));
        o.put("Sector", LongColumn.encode(sector));
        o.put("Version", LongColumn.encode(version));
        return o;
    }

    private static Map<String, Object> encodeBatcher(SectorBatcher b) {
        List<Long> numbers = b.numbers();
        long[] n = new long[numbers.size()];
        long[] cutoff = new long[n.length];
        for (int i = 0; i < n.length; i++) {
            n[i] = numbers.get(i);
            cutoff[i] = b.cutoffOf(n[i]);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("LastLoop", b.lastLoopEpoch());
        o.put("ArmedAt", b.armedAt);
        o.put("Count", n.length);
        o.put("Sector", LongColumn.encode(n));
        o.put("Cutoff", LongColumn.encode(cutoff));
        return o;
    }

    private static Map<String, Object> encodeExpirations(ExpirationQueue q) {
        List<Long> epochs = new ArrayList<>();
        List<long[]> buckets = new ArrayList<>();
        q.forEach((e, numbers) -> {
            epochs.add(e);
            buckets.add(numbers);
        });
        long[] epoch = new long[epochs.size()];
        long[] count = new long[epochs.size()];
        int total = 0;
        for (int i = 0; i < epoch.length; i++) {
            epoch[i] = epochs.get(i);
            count[i] = buckets.get(i).length;
            total += buckets.get(i).length;
        }
        long[] sectors = new long[total];
        int at = 0;
        for (long[] b : buckets) {
            System.arraycopy(b, 0, sectors, at, b.length);
            at += b.length;
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Count", epoch.length);
        o.put("Epoch", LongColumn.encode(epoch));
        o.put("Size", LongColumn.encode(count));
        o.put("Sector", LongColumn.encode(sectors));
        return o;
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

    private static Map<String, Object> encodeSectors(Miner m) {
        long[] all = m.pipeline.sectors.allNumbers();
        int n = all.length;
        Sector[] secs = new Sector[n];
        for (int i = 0; i < n; i++) {
            secs[i] = m.pipeline.sectors.get(all[i]);
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Count", n);
        o.put("Number", LongColumn.encode(all));
        o.put("CreatedEpoch", column(secs, s -> s.createdEpoch));
        o.put("Flags", column(secs, s -> (s.committedCapacity ? FLAG_CC : 0) | (s.sealed ? FLAG_SEALED : 0)
                | (s.proven ? FLAG_PROVEN : 0)));
        o.put("State", column(secs, s -> s.state.ordinal()));
        o.put("ReturnState", column(secs, s -> s.returnState == null ? -1 : s.returnState.ordinal()));
        for (Field f : FIELDS) {
            o.put(f.name(), column(secs, f.get()));
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

    private static String column(Sector[] secs, LongGetter get) {
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
                encoded.add(encodePiece(p));
            }
            lists.add(encoded);
        }
        return at;
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

    private static Map<String, Object> encodeHistory(SectorHistory h) {
        int n = Math.toIntExact(h.size());
        long[] epoch = new long[n];
        long[] sector = new long[n];
        long[] from = new long[n];
        long[] to = new long[n];
        long[] event = new long[n];
        long[] dealBytes = new long[n];
        long[] dealWeight = new long[n];
        long[] verified = new long[n];
        for (int i = 0; i < n; i++) {
            HistoryEvent e = h.get(i);
            epoch[i] = e.epoch();
            sector[i] = e.sector();
            from[i] = e.from() == null ? -1 : e.from().ordinal();
            to[i] = e.to().ordinal();
            event[i] = e.event().ordinal();
            dealBytes[i] = e.dealBytes();
            dealWeight[i] = e.dealWeight();
            verified[i] = e.verifiedDealWeight();
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Count", n);
        o.put("Epoch", LongColumn.encode(epoch));
        o.put("Sector", LongColumn.encode(sector));
        o.put("From", LongColumn.encode(from));
        o.put("To", LongColumn.encode(to));
        o.put("Event", LongColumn.encode(event));
        o.put("DealBytes", LongColumn.encode(dealBytes));
        o.put("DealWeight", LongColumn.encode(dealWeight));
        o.put("VerifiedDealWeight", LongColumn.encode(verified));
        return o;
    }

    private static Map<String, Object> encodeStatistics(MinerStatistics.State st) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("LastEpoch", st.lastEpoch());
        o.put("Rows", LongColumn.encode(st.rows()));
        o.put("LifetimeSquares", new ArrayList<Object>(st.lifetimeSquares()));
        o.put("Sectors", LongColumn.encode(st.sectors()));
        o.put("PreCommitBatchMessages", LongColumn.encode(st.preCommitBatchMessages()));
        o.put("AggregateMessages", LongColumn.encode(st.aggregateMessages()));
        return o;
    }

    private static Map<String, Object> encodePiece(Piece p) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Size", p.paddedSize());
        o.put("CID", p.pieceCid().toString());
        if (p.deal() != null) {
            o.put("Deal", encodeDeal(p.deal()));
        }
        return o;
    }

    private static Map<String, Object> encodeDeal(DealInfo d) {
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

    /** A record of longs, ints, booleans and durations (nanoseconds) as a map by component name. */
    private static Map<String, Object> recordToMap(Record r) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            o.put(knob(c.getName()), v instanceof Duration d ? (Object) d.toNanos() : v);
        }
        return o;
    }

    /** A record component's name as Lotus writes its knobs: {@code maxCommitBatch} → {@code MaxCommitBatch}. */
    private static String knob(String component) {
        return Character.toUpperCase(component.charAt(0)) + component.substring(1);
    }

    private static List<String> names(Enum<?>[] values) {
        List<String> out = new ArrayList<>(values.length);
        for (Enum<?> v : values) {
            out.add(v.name());
        }
        return out;
    }

    private static List<String> logKinds() {
        List<String> out = names(SectorEvent.values());
        out.add(PLANNER_ERROR);
        out.add(TRUNCATE);
        return out;
    }

    // =============================================================================================
    // decode

    /** A document that does not have the shape of a snapshot, with the path of the bad field. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String path, String why) {
            super(path + ": " + why);
        }
    }

    static Restored decode(Miner m, Map<String, ?> doc) {
        if (doc == null) {
            throw new InvalidInputException("snapshot", "the snapshot is missing");
        }
        Object format = doc.get("Format");
        Object version = doc.get("Version");
        if (!FORMAT.equals(format) || !(version instanceof Number v) || v.longValue() != VERSION) {
            throw new InvalidInputException("snapshot", "incompatible snapshot: expected Format \"" + FORMAT
                    + "\" Version " + VERSION + ", got Format " + quoted(format) + " Version " + version);
        }
        Map<String, Object> want = minerIdentity(m.config());
        Object got = doc.get("Miner");
        if (!(got instanceof Map<?, ?> gotMap)) {
            throw new InvalidInputException("snapshot", "malformed snapshot: Miner: missing or not an object");
        }
        for (Map.Entry<String, Object> e : want.entrySet()) {
            Object g = normalise(gotMap.get(e.getKey()));
            if (!normalise(e.getValue()).equals(g)) {
                throw new InvalidInputException("snapshot", "incompatible snapshot: it was taken from a miner with "
                        + e.getKey() + " " + g + ", this miner has " + e.getValue());
            }
        }
        try {
            return new Decoder(m, doc).decode();
        } catch (Malformed e) {
            throw new InvalidInputException("snapshot", "malformed snapshot: " + e.getMessage());
        } catch (SealingException e) {
            throw new InvalidInputException("snapshot", "malformed snapshot: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidInputException("snapshot", "malformed snapshot: " + e);
        }
    }

    private static String quoted(Object o) {
        return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o);
    }

    /** Numbers compared by value whatever their boxed type; maps and lists element by element. */
    private static Object normalise(Object o) {
        if (o instanceof Number n) {
            return new BigInteger(n.toString());
        }
        if (o instanceof Map<?, ?> map) {
            Map<Object, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
            return out;
        }
        return o == null ? "null" : o;
    }

    private static final class Decoder {
        private final Miner m;
        private final Map<String, ?> doc;
        private final Map<Long, Sector> byNumber = new HashMap<>();

        Decoder(Miner m, Map<String, ?> doc) {
            this.m = m;
            this.doc = doc;
        }

        Restored decode() {
            long head = nonNegative(lng(doc, "Head", ""), "Head");
            SealingConfig sealing = decodeSealing(obj(doc.get("Sealing"), "Sealing"));
            Duration expected = Duration.ofNanos(nonNegative(lng(doc, "ExpectedSealDuration", ""),
                    "ExpectedSealDuration"));
            SectorState[] states = table(doc, "States", SectorState.class);
            SectorEvent[] events = table(doc, "Events", SectorEvent.class);
            Action[] actions = table(doc, "Actions", Action.class);
            int[] logKinds = logKinds();

            SectorTable sectors = decodeSectors(obj(doc.get("Sectors"), "Sectors"), states, logKinds);
            SectorNumberAssigner numbers = decodeNumbers(obj(doc.get("Numbers"), "Numbers"));
            ChainMessages messages = decodeMessages(list(doc.get("Messages"), "Messages"));
            for (Sector s : byNumber.values()) {
                for (int idx : new int[] {s.preCommitMessage, s.commitMessage, s.replicaUpdateMessage,
                    s.terminateMessage}) {
                    if (idx < -1 || idx >= messages.size()) {
                        throw new Malformed("Sectors", "sector " + s.number + " names message " + idx + " of "
                                + messages.size());
                    }
                }
            }
            EpochScheduler timers = decodeTimers(obj(doc.get("Timers"), "Timers"), actions, messages);
            Map<String, Object> b = obj(doc.get("Batchers"), "Batchers");
            SectorBatcher preCommits = decodeBatcher(obj(b.get("PreCommit"), "Batchers.PreCommit"), "Batchers.PreCommit");
            SectorBatcher commits = decodeBatcher(obj(b.get("Commit"), "Batchers.Commit"), "Batchers.Commit");
            SectorBatcher terminations = decodeBatcher(obj(b.get("Terminate"), "Batchers.Terminate"),
                    "Batchers.Terminate");
            List<FailureRule> rules = new ArrayList<>();
            List<Object> rawRules = list(doc.get("FailureRules"), "FailureRules");
            for (int i = 0; i < rawRules.size(); i++) {
                String path = "FailureRules[" + i + "]";
                Map<String, Object> r = obj(rawRules.get(i), path);
                Object sector = r.get("Sector");
                rules.add(new FailureRule(state(str(r, "State", path), path + ".State"),
                        sector == null ? null : lng(r, "Sector", path), Math.toIntExact(lng(r, "Count", path)),
                        str(r, "Error", path)));
            }
            ArrayDeque<PieceInput.PendingPiece> pending = new ArrayDeque<>();
            List<Object> rawPending = list(doc.get("PendingPieces"), "PendingPieces");
            for (int i = 0; i < rawPending.size(); i++) {
                String path = "PendingPieces[" + i + "]";
                Map<String, Object> p = obj(rawPending.get(i), path);
                pending.add(new PieceInput.PendingPiece(piece(obj(p.get("Piece"), path + ".Piece"), path + ".Piece"),
                        lng(p, "UnpaddedSize", path), new java.util.concurrent.CompletableFuture<>()));
            }
            ExpirationQueue expirations = decodeExpirations(obj(doc.get("Expirations"), "Expirations"));
            Set<Long> expiredDeals = new TreeSet<>();
            for (long id : column(doc, "ExpiredDeals", "", -1)) {
                expiredDeals.add(id);
            }
            SectorHistory history = decodeHistory(obj(doc.get("History"), "History"), states, events);
            MinerStatistics statistics = decodeStatistics(obj(doc.get("Statistics"), "Statistics"));
            return new Restored(sectors, timers, numbers, preCommits, commits, terminations, messages, history, rules,
                    expirations, expiredDeals, pending, sealing, expected, head, statistics);
        }

        private MinerStatistics decodeStatistics(Map<String, Object> o) {
            List<String> squares = new ArrayList<>();
            List<Object> raw = list(o.get("LifetimeSquares"), "Statistics.LifetimeSquares");
            for (int i = 0; i < raw.size(); i++) {
                if (!(raw.get(i) instanceof String text)) {
                    throw new Malformed("Statistics.LifetimeSquares[" + i + "]", "not a decimal string");
                }
                squares.add(text);
            }
            MinerStatistics.State st = new MinerStatistics.State(lng(o, "LastEpoch", "Statistics"),
                    column(o, "Rows", "Statistics", -1), squares, column(o, "Sectors", "Statistics", -1),
                    column(o, "PreCommitBatchMessages", "Statistics", -1),
                    column(o, "AggregateMessages", "Statistics", -1));
            return MinerStatistics.restore(m.timestampOf(0), m.config().policy().blockDelaySeconds(), st);
        }

        private SealingConfig decodeSealing(Map<String, Object> o) {
            RecordComponent[] comps = SealingConfig.class.getRecordComponents();
            Object[] args = new Object[comps.length];
            Class<?>[] types = new Class<?>[comps.length];
            for (int i = 0; i < comps.length; i++) {
                String name = knob(comps[i].getName());
                Class<?> t = comps[i].getType();
                types[i] = t;
                if (t == Duration.class) {
                    args[i] = Duration.ofNanos(lng(o, name, "Sealing"));
                } else if (t == int.class) {
                    args[i] = Math.toIntExact(lng(o, name, "Sealing"));
                } else if (t == long.class) {
                    args[i] = lng(o, name, "Sealing");
                } else if (t == boolean.class) {
                    args[i] = bool(o, name, "Sealing");
                } else {
                    throw new IllegalStateException("SealingConfig." + name + " has a type snapshots do not know");
                }
            }
            try {
                return SealingConfig.class.getDeclaredConstructor(types).newInstance(args);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new Malformed("Sealing", String.valueOf(e.getCause().getMessage()));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        private SectorTable decodeSectors(Map<String, Object> o, SectorState[] states, int[] logKinds) {
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
                    ps.add(piece(obj(raw.get(j), path + "[" + j + "]"), path + "[" + j + "]"));
                }
                List<Piece> list = List.copyOf(ps);
                lists.add(list.equals(m.pipeline.ccPieces) ? m.pipeline.ccPieces : list);
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
                commDs.add(Arrays.equals(bytes, m.pipeline.zeroCommD) ? m.pipeline.zeroCommD : bytes);
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

        private void decodeLogs(Map<String, Object> o, Sector[] secs, int[] logKinds) {
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

        private SectorNumberAssigner decodeNumbers(Map<String, Object> o) {
            Map<String, Object> raw = obj(o.get("Reservations"), "Numbers.Reservations");
            TreeMap<String, BitField> reservations = new TreeMap<>();
            for (Map.Entry<String, Object> e : raw.entrySet()) {
                reservations.put(e.getKey(), bitField(e.getValue(), "Numbers.Reservations." + e.getKey()));
            }
            return SectorNumberAssigner.restore(bitField(o.get("Allocated"), "Numbers.Allocated"), reservations,
                    bitField(o.get("Reserved"), "Numbers.Reserved"),
                    bitField(o.get("ChainAllocated"), "Numbers.ChainAllocated"));
        }

        private BitField bitField(Object o, String path) {
            if (!(o instanceof String s)) {
                throw new Malformed(path, "missing or not a column");
            }
            try {
                return BitField.fromRuns(LongColumn.decode(s, -1));
            } catch (IllegalArgumentException e) {
                throw new Malformed(path, e.getMessage());
            }
        }

        private ChainMessages decodeMessages(List<Object> raw) {
            ChainMessages out = m.pipeline.messages.emptyCopy();
            for (int i = 0; i < raw.size(); i++) {
                String path = "Messages[" + i + "]";
                Map<String, Object> o = obj(raw.get(i), path);
                Method method = enumValue(Method.class, str(o, "Method", path), path + ".Method");
                long[] sectors = column(o, "Sectors", path, -1);
                Message sent = out.send(method, nonNegative(lng(o, "SentEpoch", path), path + ".SentEpoch"), sectors);
                if (!sent.cid().toString().equals(o.get("CID"))) {
                    throw new Malformed(path + ".CID", "does not match the message (another seed or actor?)");
                }
            }
            return out;
        }

        private EpochScheduler decodeTimers(Map<String, Object> o, Action[] actions, ChainMessages messages) {
            int n = count(o, "Timers");
            long[] epoch = column(o, "Epoch", "Timers", n);
            long[] seq = column(o, "Seq", "Timers", n);
            long[] action = column(o, "Action", "Timers", n);
            long[] sector = column(o, "Sector", "Timers", n);
            long[] version = column(o, "Version", "Timers", n);
            long next = lng(o, "NextSeq", "Timers");
            EpochScheduler out = new EpochScheduler();
            for (int i = 0; i < n; i++) {
                String path = "Timers[" + i + "]";
                Action a = actions[index(action[i], actions.length, path + ".Action")];
                Sector s = null;
                if (a == Action.SECTOR) {
                    s = byNumber.get(sector[i]);
                    if (s == null) {
                        throw new Malformed(path + ".Sector", "no sector " + sector[i]);
                    }
                }
                if (a == Action.MESSAGE && (version[i] < 0 || version[i] >= messages.size())) {
                    throw new Malformed(path + ".Version", "no message " + version[i]);
                }
                if (seq[i] < 0 || seq[i] >= next) {
                    throw new Malformed(path + ".Seq", seq[i] + " is not below NextSeq " + next);
                }
                out.restore(epoch[i], seq[i], a, s, version[i]);
            }
            out.nextSeq(next);
            return out;
        }

        private SectorBatcher decodeBatcher(Map<String, Object> o, String path) {
            int n = count(o, path);
            long[] sector = column(o, "Sector", path, n);
            long[] cutoff = column(o, "Cutoff", path, n);
            SectorBatcher b = new SectorBatcher();
            for (int i = 0; i < n; i++) {
                Sector s = byNumber.get(sector[i]);
                if (s == null) {
                    throw new Malformed(path + ".Sector[" + i + "]", "no sector " + sector[i]);
                }
                b.add(s, cutoff[i], 0);
            }
            b.looped(lng(o, "LastLoop", path));
            b.armedAt = lng(o, "ArmedAt", path);
            return b;
        }

        private ExpirationQueue decodeExpirations(Map<String, Object> o) {
            int n = count(o, "Expirations");
            long[] epoch = column(o, "Epoch", "Expirations", n);
            long[] size = column(o, "Size", "Expirations", n);
            long[] sectors = column(o, "Sector", "Expirations", -1);
            ExpirationQueue q = new ExpirationQueue();
            int at = 0;
            for (int i = 0; i < n; i++) {
                if (size[i] <= 0 || at + size[i] > sectors.length) {
                    throw new Malformed("Expirations.Size[" + i + "]", "bad bucket size " + size[i]);
                }
                for (int j = 0; j < size[i]; j++) {
                    q.add(epoch[i], sectors[at++]);
                }
            }
            if (at != sectors.length) {
                throw new Malformed("Expirations", "bucket sizes add up to " + at + ", not " + sectors.length);
            }
            return q;
        }

        private SectorHistory decodeHistory(Map<String, Object> o, SectorState[] states, SectorEvent[] events) {
            int n = count(o, "History");
            long[] epoch = column(o, "Epoch", "History", n);
            long[] sector = column(o, "Sector", "History", n);
            long[] from = column(o, "From", "History", n);
            long[] to = column(o, "To", "History", n);
            long[] event = column(o, "Event", "History", n);
            long[] dealBytes = column(o, "DealBytes", "History", n);
            long[] dealWeight = column(o, "DealWeight", "History", n);
            long[] verified = column(o, "VerifiedDealWeight", "History", n);
            SectorHistory h = new SectorHistory(m.config().sectorSize().bytes());
            for (int i = 0; i < n; i++) {
                String path = "History[" + i + "]";
                h.record(epoch[i], sector[i], from[i] == -1 ? null : states[index(from[i], states.length, path + ".From")],
                        states[index(to[i], states.length, path + ".To")],
                        events[index(event[i], events.length, path + ".Event")], dealBytes[i], dealWeight[i],
                        verified[i]);
            }
            return h;
        }

        // ---- pieces and deals

        private Piece piece(Map<String, Object> o, String path) {
            Object deal = o.get("Deal");
            try {
                return new Piece(lng(o, "Size", path), cid(str(o, "CID", path), path + ".CID"),
                        deal == null ? null : deal(obj(deal, path + ".Deal"), path + ".Deal"));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new Malformed(path, String.valueOf(e.getMessage()));
            }
        }

        private DealInfo deal(Map<String, Object> o, String path) {
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

        private static Cid cid(String text, String path) {
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

        // ---- tables and typed access

        private int[] logKinds() {
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

        private <E extends Enum<E>> E[] table(Map<String, ?> o, String key, Class<E> type) {
            List<Object> raw = list(o.get(key), key);
            @SuppressWarnings("unchecked")
            E[] out = (E[]) java.lang.reflect.Array.newInstance(type, raw.size());
            for (int i = 0; i < out.length; i++) {
                out[i] = enumValue(type, String.valueOf(raw.get(i)), key + "[" + i + "]");
            }
            return out;
        }

        private static <E extends Enum<E>> E enumValue(Class<E> type, String name, String path) {
            try {
                return Enum.valueOf(type, name);
            } catch (IllegalArgumentException e) {
                throw new Malformed(path, "unknown name \"" + name + "\" (a snapshot from another minersim?)");
            }
        }

        private static SectorState state(String name, String path) {
            return SectorState.byName(name).orElseThrow(() -> new Malformed(path, "unknown sector state \"" + name
                    + "\""));
        }

        private static int index(long value, int size, String path) {
            if (value < 0 || value >= size) {
                throw new Malformed(path, "index " + value + " out of range [0, " + size + ")");
            }
            return (int) value;
        }

        private static int count(Map<String, Object> o, String path) {
            long n = lng(o, "Count", path);
            if (n < 0 || n > LongColumn.MAX_VALUES) {
                throw new Malformed(path + ".Count", "out of range: " + n);
            }
            return (int) n;
        }

        private static long[] column(Map<String, ?> o, String key, String path, int expected) {
            Object v = o.get(key);
            String at = path.isEmpty() ? key : path + "." + key;
            if (!(v instanceof String s)) {
                throw new Malformed(at, "missing or not a column");
            }
            try {
                return LongColumn.decode(s, expected);
            } catch (IllegalArgumentException e) {
                throw new Malformed(at, e.getMessage());
            }
        }

        /** A list of [index, text] pairs, indexes below {@code size}. */
        private static List<Object[]> pairs(Map<String, Object> o, String key, int size) {
            List<Object> raw = list(o.get(key), key);
            List<Object[]> out = new ArrayList<>(raw.size());
            for (int i = 0; i < raw.size(); i++) {
                List<Object> pair = list(raw.get(i), key + "[" + i + "]");
                if (pair.size() != 2 || !(pair.get(0) instanceof Number idx)
                        || (pair.get(1) != null && !(pair.get(1) instanceof String))) {
                    throw new Malformed(key + "[" + i + "]", "not an [index, text] pair");
                }
                out.add(new Object[] {index(idx.longValue(), size, key + "[" + i + "]"), pair.get(1)});
            }
            return out;
        }

        private static long nonNegative(long v, String path) {
            if (v < 0) {
                throw new Malformed(path, "must not be negative, got " + v);
            }
            return v;
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> obj(Object o, String path) {
            if (!(o instanceof Map<?, ?>)) {
                throw new Malformed(path, "missing or not an object");
            }
            return (Map<String, Object>) o;
        }

        @SuppressWarnings("unchecked")
        private static List<Object> list(Object o, String path) {
            if (!(o instanceof List<?>)) {
                throw new Malformed(path, "missing or not a list");
            }
            return (List<Object>) o;
        }

        private static long lng(Map<String, ?> o, String key, String path) {
            Object v = o.get(key);
            String at = path.isEmpty() ? key : path + "." + key;
            if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                return ((Number) v).longValue();
            }
            if (v instanceof BigInteger b && b.bitLength() < 64) {
                return b.longValue();
            }
            throw new Malformed(at, "missing or not a 64-bit integer");
        }

        private static String str(Map<String, ?> o, String key, String path) {
            Object v = o.get(key);
            if (!(v instanceof String s)) {
                throw new Malformed(path + "." + key, "missing or not a string");
            }
            return s;
        }

        private static boolean bool(Map<String, ?> o, String key, String path) {
            Object v = o.get(key);
            if (!(v instanceof Boolean b)) {
                throw new Malformed(path + "." + key, "missing or not a boolean");
            }
            return b;
        }
    }
}
