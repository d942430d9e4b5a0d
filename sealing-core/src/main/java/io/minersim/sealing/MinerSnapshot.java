package io.minersim.sealing;

import static io.minersim.sealing.SnapshotFields.bool;
import static io.minersim.sealing.SnapshotFields.list;
import static io.minersim.sealing.SnapshotFields.lng;
import static io.minersim.sealing.SnapshotFields.names;
import static io.minersim.sealing.SnapshotFields.nonNegative;
import static io.minersim.sealing.SnapshotFields.obj;
import static io.minersim.sealing.SnapshotFields.table;

import io.minersim.sealing.EpochScheduler.Action;
import io.minersim.sealing.SnapshotFields.Malformed;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.SectorNumberAssigner;
import io.minersim.sealing.stats.MinerStatistics;
import java.lang.reflect.RecordComponent;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

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
 * {@code ExpiredDeals}, {@code Sectors}, {@code History}, {@code Statistics}, {@code Storage} (the storage
 * paths and hand-made declarations, {@code storage.StorageCodec}; absent while the default is untouched), and
 * {@code Scheduler} only when the miner has a worker fleet or early returns ({@link SnapshotWorkersCodec}; absent, the
 * default local worker).
 *
 * <p>Layout: this class holds the format (its name and version, the identity a restoring miner must
 * share, the sealing knobs) and is the only one that reads the miner's fields; it hands each part to
 * a codec of one concern, each with its encoder beside its decoder: {@link SnapshotSectorsCodec}
 * (sector columns, piece lists, CommDs, logs), {@link SnapshotPieceCodec} (pieces and deals),
 * {@link SnapshotHistoryCodec} (history moves, statistics), {@link SnapshotChainCodec} (numbers,
 * messages, timers, batchers, proving state, expired deals, failure rules); {@link SnapshotFields}
 * holds the typed, path-carrying reads they share.
 */
final class MinerSnapshot {
    static final String FORMAT = "minersim-snapshot";
    static final int VERSION = 2;

    private MinerSnapshot() {
    }

    /** The new state a snapshot decodes to; the miner swaps it in whole. */
    record Restored(SectorTable sectors, EpochScheduler timers, SectorNumberAssigner numbers, SectorBatcher preCommits,
            SectorBatcher commits, SectorBatcher terminations, ChainMessages messages, SectorHistory history,
            List<FailureRule> failureRules, SnapshotProvingCodec.Decoded proving, Set<Long> expiredDeals,
            ArrayDeque<PieceInput.PendingPiece> pendingPieces, SealingConfig sealing, Duration expectedSealDuration,
            long head, MinerStatistics statistics, io.minersim.sealing.storage.StorageIndex storage,
            SnapshotWorkersCodec.Decoded scheduler) {
    }

    // =============================================================================================
    // encode

    /**
     * Turns every {@link LongColumn.Later} an {@link #encode}d document holds into its value, in place, on every
     * core: what makes the document plain values. {@link #encode} runs under the miner's read lock and only takes
     * what it needs; this runs after it is released.
     */
    static Map<String, Object> finish(Map<String, Object> doc) {
        List<Object[]> slots = new ArrayList<>(); // {container, key or index}
        collect(doc, slots);
        Object[] values = new Object[slots.size()];
        java.util.stream.IntStream.range(0, values.length).parallel().forEach(i -> values[i] = later(slots.get(i))
                .finish());
        for (int i = 0; i < values.length; i++) {
            Object[] slot = slots.get(i);
            if (slot[0] instanceof Map<?, ?> map) {
                @SuppressWarnings("unchecked")
                Map<Object, Object> m = (Map<Object, Object>) map;
                m.put(slot[1], values[i]);
            } else {
                @SuppressWarnings("unchecked")
                List<Object> l = (List<Object>) slot[0];
                l.set((Integer) slot[1], values[i]);
            }
        }
        return doc;
    }

    private static LongColumn.Later later(Object[] slot) {
        return (LongColumn.Later) (slot[0] instanceof Map<?, ?> m ? m.get(slot[1]) : ((List<?>) slot[0])
                .get((Integer) slot[1]));
    }

    private static void collect(Object node, List<Object[]> slots) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (e.getValue() instanceof LongColumn.Later) {
                    slots.add(new Object[] {map, e.getKey()});
                } else {
                    collect(e.getValue(), slots);
                }
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof LongColumn.Later) {
                    slots.add(new Object[] {list, i});
                } else {
                    collect(list.get(i), slots);
                }
            }
        }
    }

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
        doc.put("LogKinds", SnapshotSectorsCodec.logKindNames());
        doc.put("Actions", names(Action.values()));
        doc.put("Numbers", SnapshotChainCodec.encodeNumbers(m.pipeline.numbers));
        doc.put("Messages", SnapshotChainCodec.encodeMessages(m.pipeline.messages));
        doc.put("Timers", SnapshotChainCodec.encodeTimers(m.pipeline.timers));
        Map<String, Object> batchers = new LinkedHashMap<>();
        batchers.put("PreCommit", SnapshotChainCodec.encodeBatcher(m.pipeline.preCommits));
        batchers.put("Commit", SnapshotChainCodec.encodeBatcher(m.pipeline.commits));
        batchers.put("Terminate", SnapshotChainCodec.encodeBatcher(m.pipeline.terminations));
        doc.put("Batchers", batchers);
        doc.put("FailureRules", SnapshotChainCodec.encodeFailureRules(m.pipeline.failureRules));
        List<Object> pending = new ArrayList<>();
        for (PieceInput.PendingPiece p : m.pipeline.pendingPieces) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("UnpaddedSize", p.unpaddedSize());
            o.put("Piece", SnapshotPieceCodec.encodePiece(p.piece()));
            pending.add(o);
        }
        doc.put("PendingPieces", pending);
        doc.put("Proving", SnapshotProvingCodec.encode(m.pipeline.proving, m.pipeline.unprovable,
                m.pipeline.missedPoSts));
        doc.put("ExpiredDeals", SnapshotChainCodec.encodeExpiredDeals(m.pipeline.expiredDeals));
        doc.put("Sectors", SnapshotSectorsCodec.encode(m.pipeline.sectors));
        doc.put("History", SnapshotHistoryCodec.encodeHistory(m.pipeline.history));
        doc.put("Statistics", SnapshotHistoryCodec.encodeStatistics(m.pipeline.statistics.exportState()));
        Map<String, Object> storage = io.minersim.sealing.storage.StorageCodec.encode(m.pipeline.storage);
        if (storage != null) {
            doc.put("Storage", storage); // left out while untouched, so older documents read the same
        }
        Map<String, Object> scheduler = SnapshotWorkersCodec.encode(m.pipeline.scheduler);
        if (scheduler != null) {
            doc.put("Scheduler", scheduler);
        }
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

    /** A record of longs, ints, booleans and durations (nanoseconds) as a map by component name. */
    static Map<String, Object> recordToMap(Record r) {
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

    // =============================================================================================
    // decode

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
            return decodeChecked(m, doc);
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

    /** The state of a document whose format and identity {@link #decode} has checked. */
    private static Restored decodeChecked(Miner m, Map<String, ?> doc) {
        long head = nonNegative(lng(doc, "Head", ""), "Head");
        SealingConfig sealing = decodeSealing(obj(doc.get("Sealing"), "Sealing"));
        Duration expected = Duration.ofNanos(nonNegative(lng(doc, "ExpectedSealDuration", ""),
                "ExpectedSealDuration"));
        SectorState[] states = table(doc, "States", SectorState.class);
        SectorEvent[] events = table(doc, "Events", SectorEvent.class);
        Action[] actions = table(doc, "Actions", Action.class);
        int[] logKinds = SnapshotSectorsCodec.decodeLogKinds(doc);
        // the history and the statistics stand apart from the rest: decoded meanwhile, on another core
        java.util.concurrent.CompletableFuture<SectorHistory> historyLater = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> SnapshotHistoryCodec.decodeHistory(obj(doc.get("History"), "History"), states,
                        events, m.config().sectorSize().bytes()));
        java.util.concurrent.CompletableFuture<MinerStatistics> statisticsLater = java.util.concurrent
                .CompletableFuture.supplyAsync(() -> SnapshotHistoryCodec.decodeStatistics(obj(doc.get("Statistics"),
                        "Statistics"), m.timestampOf(0), m.config().policy().blockDelaySeconds()));

        SectorTable sectors = SnapshotSectorsCodec.decode(obj(doc.get("Sectors"), "Sectors"), states, logKinds,
                m.pipeline.ccPieces, m.pipeline.zeroCommD);
        java.util.function.LongFunction<Sector> byNumber = sectors::get;
        SectorNumberAssigner numbers = SnapshotChainCodec.decodeNumbers(obj(doc.get("Numbers"), "Numbers"));
        ChainMessages messages = SnapshotChainCodec.decodeMessages(list(doc.get("Messages"), "Messages"), m.pipeline.messages);
        SnapshotSectorsCodec.checkMessageIndexes(sectors, messages);
        EpochScheduler timers = SnapshotChainCodec.decodeTimers(obj(doc.get("Timers"), "Timers"), actions, messages,
                byNumber);
        Map<String, Object> b = obj(doc.get("Batchers"), "Batchers");
        SectorBatcher preCommits = SnapshotChainCodec.decodeBatcher(obj(b.get("PreCommit"), "Batchers.PreCommit"),
                "Batchers.PreCommit", byNumber);
        SectorBatcher commits = SnapshotChainCodec.decodeBatcher(obj(b.get("Commit"), "Batchers.Commit"),
                "Batchers.Commit", byNumber);
        SectorBatcher terminations = SnapshotChainCodec.decodeBatcher(obj(b.get("Terminate"), "Batchers.Terminate"),
                "Batchers.Terminate", byNumber);
        List<FailureRule> rules = SnapshotChainCodec.decodeFailureRules(list(doc.get("FailureRules"),
                "FailureRules"));
        ArrayDeque<PieceInput.PendingPiece> pending = new ArrayDeque<>();
        List<Object> rawPending = list(doc.get("PendingPieces"), "PendingPieces");
        for (int i = 0; i < rawPending.size(); i++) {
            String path = "PendingPieces[" + i + "]";
            Map<String, Object> p = obj(rawPending.get(i), path);
            pending.add(new PieceInput.PendingPiece(SnapshotPieceCodec.decodePiece(obj(p.get("Piece"), path + ".Piece"),
                    path + ".Piece"), lng(p, "UnpaddedSize", path), new java.util.concurrent.CompletableFuture<>()));
        }
        SnapshotProvingCodec.Decoded proving = SnapshotProvingCodec.decode(obj(doc.get("Proving"), "Proving"),
                m.config().sectorSize());
        Set<Long> expiredDeals = SnapshotChainCodec.decodeExpiredDeals(doc);
        SectorHistory history = joined(historyLater);
        MinerStatistics statistics = joined(statisticsLater);
        io.minersim.sealing.storage.StorageIndex storage = m.pipeline.newStorage();
        io.minersim.sealing.storage.StorageCodec.decode(storage, doc.get("Storage"));
        return new Restored(sectors, timers, numbers, preCommits, commits, terminations, messages, history, rules,
                proving, expiredDeals, pending, sealing, expected, head, statistics, storage,
                SnapshotWorkersCodec.decode(doc.get("Scheduler"), m.pipeline.scheduler, sectors));
    }

    /** The value of a decoding done on another thread; its failure as it was thrown there. */
    private static <T> T joined(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** The sealing knobs by their Lotus names, through {@link SealingConfig}'s own checks. */
    private static SealingConfig decodeSealing(Map<String, Object> o) {
        return decodeRecord(SealingConfig.class, o, "Sealing");
    }

    /**
     * A record of longs, ints, booleans and durations from the map {@link #recordToMap} wrote, through the
     * record's own checks (a refusal is a {@link Malformed} at {@code path}).
     */
    static <R extends Record> R decodeRecord(Class<R> type, Map<String, Object> o, String path) {
        RecordComponent[] comps = type.getRecordComponents();
        Object[] args = new Object[comps.length];
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) {
            String name = knob(comps[i].getName());
            Class<?> t = comps[i].getType();
            types[i] = t;
            if (t == Duration.class) {
                args[i] = Duration.ofNanos(lng(o, name, path));
            } else if (t == int.class) {
                args[i] = Math.toIntExact(lng(o, name, path));
            } else if (t == long.class) {
                args[i] = lng(o, name, path);
            } else if (t == boolean.class) {
                args[i] = bool(o, name, path);
            } else {
                throw new IllegalStateException(type.getSimpleName() + "." + name + " has a type snapshots do not know");
            }
        }
        try {
            return type.getDeclaredConstructor(types).newInstance(args);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw new Malformed(path, String.valueOf(e.getCause().getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
