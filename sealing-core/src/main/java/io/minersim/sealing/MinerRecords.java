package io.minersim.sealing;

import static io.minersim.sealing.SnapshotFields.bool;
import static io.minersim.sealing.SnapshotFields.list;
import static io.minersim.sealing.SnapshotFields.lng;
import static io.minersim.sealing.SnapshotFields.obj;
import static io.minersim.sealing.SnapshotFields.str;

import io.minersim.sealing.SnapshotFields.Malformed;
import io.minersim.sealing.chain.ChainPolicy;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.piece.Piece;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A miner's configuration and its {@link MinerCall}s as plain values (maps, lists, strings, integral numbers,
 * booleans, {@code null}), in the snapshot's conventions (knobs by their Lotus names, durations in nanoseconds,
 * states and events by name, pieces and deals as a snapshot writes them), so the app writes them as JSON as they
 * stand: what a journal of a miner holds. Each decoder refuses a value it cannot read with an
 * {@link InvalidInputException} naming the field.
 */
public final class MinerRecords {
    private MinerRecords() {
    }

    // ---------------------------------------------------------------------------------------------
    // configuration

    /** Everything {@link MinerConfig} holds. */
    public static Map<String, Object> config(MinerConfig c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Actor", c.actorId());
        o.put("SectorSize", c.sectorSize().bytes());
        o.put("Seed", c.seed());
        o.put("Policy", MinerSnapshot.recordToMap(c.policy()));
        o.put("Sealing", MinerSnapshot.recordToMap(c.sealing()));
        o.put("Stages", MinerSnapshot.recordToMap(c.stages()));
        return o;
    }

    /** The configuration {@link #config(MinerConfig)} wrote. */
    public static MinerConfig config(Map<String, ?> value) {
        return checked("config", () -> {
            Map<String, Object> o = obj(value, "Config");
            SectorSize size;
            try {
                size = SectorSize.ofBytes(lng(o, "SectorSize", "Config"));
            } catch (IllegalArgumentException e) {
                throw new Malformed("Config.SectorSize", e.getMessage());
            }
            return new MinerConfig(lng(o, "Actor", "Config"), size,
                    MinerSnapshot.decodeRecord(ChainPolicy.class, obj(o.get("Policy"), "Config.Policy"),
                            "Config.Policy"),
                    MinerSnapshot.decodeRecord(SealingConfig.class, obj(o.get("Sealing"), "Config.Sealing"),
                            "Config.Sealing"),
                    MinerSnapshot.decodeRecord(StageDurations.class, obj(o.get("Stages"), "Config.Stages"),
                            "Config.Stages"),
                    lng(o, "Seed", "Config"));
        });
    }

    // ---------------------------------------------------------------------------------------------
    // calls

    /** The call as {@code {"Call": name, ...its arguments}}. */
    public static Map<String, Object> call(MinerCall call) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Call", call.getClass().getSimpleName());
        if (call instanceof MinerCall.AddPiece c) {
            o.put("UnpaddedSize", c.unpaddedSize());
            o.put("Deal", c.deal() == null ? null : SnapshotPieceCodec.encodeDeal(c.deal()));
            if (c.dataCid() != null) {
                o.put("DataCID", c.dataCid().toString());
            }
        } else if (call instanceof MinerCall.Deliver c) {
            o.put("Sector", c.sector());
            o.put("Event", c.event().name());
        } else if (call instanceof MinerCall.SetSealDelay c) {
            o.put("Delay", c.delay() == null ? null : c.delay().toNanos());
        } else if (call instanceof MinerCall.SetExpectedSealDuration c) {
            o.put("Duration", c.duration() == null ? null : c.duration().toNanos());
        } else if (call instanceof MinerCall.ForceState c) {
            o.put("Sector", c.sector());
            o.put("State", c.state().name());
        } else if (call instanceof MinerCall.MarkForUpgrade c) {
            o.put("Sector", c.sector());
            o.put("Snap", c.snap());
        } else if (call instanceof MinerCall.DeclareFaults c) {
            o.put("Sectors", c.sectors());
            o.put("Declared", c.declared());
        } else if (call instanceof MinerCall.RecoverFaults c) {
            o.put("Sectors", c.sectors());
        } else if (call instanceof MinerCall.RecoverFault c) {
            o.put("Sectors", c.sectors());
        } else if (call instanceof MinerCall.WithdrawBalance c) {
            o.put("Amount", c.amount());
        } else if (call instanceof MinerCall.MissPoSt c) {
            o.put("Deadline", c.deadline());
            o.put("Partitions", c.partitions());
        } else if (call instanceof MinerCall.ExtendSectors c) {
            o.put("Sectors", c.sectors());
            o.put("NewExpiration", c.newExpiration());
        } else if (call instanceof MinerCall.ExpireDeals c) {
            o.put("Deals", c.dealIds());
        } else if (call instanceof MinerCall.InjectFailure c) {
            o.put("Rule", SnapshotChainCodec.encodeFailureRules(List.of(c.rule())).get(0));
        } else if (call instanceof MinerCall.Receive c) {
            o.put("Sector", c.sector());
            o.put("Target", c.target() == null ? null : c.target().name());
            o.put("Pieces", c.pieces() == null ? null : pieces(c.pieces()));
        } else if (call instanceof MinerCall.Seed c) {
            List<Object> seeds = new ArrayList<>();
            for (SectorSeed s : c.seeds()) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("Number", s.number());
                x.put("State", s.state().name());
                x.put("Pieces", pieces(s.pieces()));
                x.put("Error", s.error());
                x.put("Age", s.age());
                x.put("Faulty", s.faulty());
                seeds.add(x);
            }
            o.put("Seeds", seeds);
        } else if (call instanceof MinerCall.NumReserve c) {
            o.put("Name", c.name());
            o.put("Sectors", c.sectors() == null ? null : LongColumn.encode(c.sectors().toRuns()));
            o.put("Force", c.force());
        } else if (call instanceof MinerCall.NumReserveCount c) {
            o.put("Name", c.name());
            o.put("Count", c.count());
        } else if (call instanceof MinerCall.Storage c) {
            o.put("Change", io.minersim.sealing.storage.StorageCodec.encode(c.op()));
        } else if (call instanceof MinerCall.NumFree c) {
            o.put("Name", c.name());
        } else if (call instanceof MinerCall.Restore c) {
            o.put("Snapshot", c.document());
        } else if (call instanceof MinerCall.ConfigureWorkers c) {
            List<Object> workers = new ArrayList<>();
            for (io.minersim.sealing.workers.WorkerSpec w : c.workers()) {
                workers.add(SnapshotWorkersCodec.encodeSpec(w));
            }
            o.put("Workers", workers);
        } else if (call instanceof MinerCall.SetWorkerEnabled c) {
            o.put("Worker", c.worker());
            o.put("Enabled", c.enabled());
        } else if (call instanceof MinerCall.SealingAbort c) {
            o.put("Miner", c.miner());
            o.put("Sector", c.sector());
            o.put("ID", c.callId());
        } else if (call instanceof MinerCall.SealingRemoveRequest c) {
            o.put("SchedId", c.schedId());
        } else if (call instanceof MinerCall.Head c) {
            o.put("Epoch", c.epoch());
        }
        return o;
    }

    /** The call {@link #call(MinerCall)} wrote. */
    public static MinerCall call(Map<String, ?> value) {
        return checked("call", () -> decodeCall(obj(value, "Call")));
    }

    private static MinerCall decodeCall(Map<String, Object> o) {
        String name = str(o, "Call", "");
        return switch (name) {
            case "Pledge" -> new MinerCall.Pledge();
            case "AddPiece" -> new MinerCall.AddPiece(lng(o, "UnpaddedSize", name), o.get("Deal") == null ? null
                    : SnapshotPieceCodec.decodeDeal(obj(o.get("Deal"), name + ".Deal"), name + ".Deal"),
                    o.get("DataCID") == null ? null
                            : SnapshotPieceCodec.cid(str(o, "DataCID", name), name + ".DataCID"));
            case "MatchPendingPieces" -> new MinerCall.MatchPendingPieces();
            case "Deliver" -> new MinerCall.Deliver(lng(o, "Sector", name),
                    SnapshotFields.enumValue(SectorEvent.class, str(o, "Event", name), name + ".Event"));
            case "SetSealDelay" -> new MinerCall.SetSealDelay(duration(o, "Delay", name));
            case "SetExpectedSealDuration" -> new MinerCall.SetExpectedSealDuration(duration(o, "Duration", name));
            case "ForceState" -> new MinerCall.ForceState(lng(o, "Sector", name), state(o, "State", name));
            case "PreCommitFlush" -> new MinerCall.PreCommitFlush();
            case "CommitFlush" -> new MinerCall.CommitFlush();
            case "TerminateFlush" -> new MinerCall.TerminateFlush();
            case "MarkForUpgrade" -> new MinerCall.MarkForUpgrade(lng(o, "Sector", name), bool(o, "Snap", name));
            case "DeclareFaults" -> new MinerCall.DeclareFaults(longs(o, "Sectors", name), bool(o, "Declared", name));
            case "RecoverFaults" -> new MinerCall.RecoverFaults(longs(o, "Sectors", name));
            case "RecoverFault" -> new MinerCall.RecoverFault(longs(o, "Sectors", name));
            case "WithdrawBalance" -> new MinerCall.WithdrawBalance(str(o, "Amount", name));
            case "MissPoSt" -> new MinerCall.MissPoSt((int) lng(o, "Deadline", name), longs(o, "Partitions", name));
            case "ExtendSectors" -> new MinerCall.ExtendSectors(longs(o, "Sectors", name),
                    lng(o, "NewExpiration", name));
            case "ExpireDeals" -> new MinerCall.ExpireDeals(longs(o, "Deals", name));
            case "InjectFailure" -> new MinerCall.InjectFailure(SnapshotChainCodec.decodeFailureRules(
                    List.of(obj(o.get("Rule"), name + ".Rule"))).get(0));
            case "ClearFailures" -> new MinerCall.ClearFailures();
            case "Receive" -> new MinerCall.Receive(lng(o, "Sector", name),
                    o.get("Target") == null ? null : state(o, "Target", name),
                    o.get("Pieces") == null ? null : pieces(list(o.get("Pieces"), name + ".Pieces"), name + ".Pieces"));
            case "Seed" -> {
                List<Object> raw = list(o.get("Seeds"), name + ".Seeds");
                List<SectorSeed> seeds = new ArrayList<>(raw.size());
                for (int i = 0; i < raw.size(); i++) {
                    String path = name + ".Seeds[" + i + "]";
                    Map<String, Object> x = obj(raw.get(i), path);
                    Object error = x.get("Error");
                    seeds.add(new SectorSeed(lng(x, "Number", path), state(x, "State", path),
                            pieces(list(x.get("Pieces"), path + ".Pieces"), path + ".Pieces"),
                            error == null ? null : str(x, "Error", path), lng(x, "Age", path),
                            x.get("Faulty") != null && bool(x, "Faulty", path)));
                }
                yield new MinerCall.Seed(seeds);
            }
            case "NumReserve" -> {
                Object runs = o.get("Sectors");
                BitField sectors = null;
                if (runs != null) {
                    try {
                        sectors = BitField.fromRuns(LongColumn.decode(str(o, "Sectors", name), -1));
                    } catch (IllegalArgumentException e) {
                        throw new Malformed(name + ".Sectors", e.getMessage());
                    }
                }
                yield new MinerCall.NumReserve(nullableStr(o, "Name", name), sectors, bool(o, "Force", name));
            }
            case "NumReserveCount" -> new MinerCall.NumReserveCount(nullableStr(o, "Name", name),
                    lng(o, "Count", name));
            case "NumFree" -> new MinerCall.NumFree(nullableStr(o, "Name", name));
            case "Storage" -> new MinerCall.Storage(io.minersim.sealing.storage.StorageCodec.decodeOp(o.get("Change")));
            case "Restore" -> new MinerCall.Restore(obj(o.get("Snapshot"), name + ".Snapshot"));
            case "Head" -> new MinerCall.Head(lng(o, "Epoch", name));
            case "ConfigureWorkers" -> {
                List<Object> raw = list(o.get("Workers"), name + ".Workers");
                List<io.minersim.sealing.workers.WorkerSpec> workers = new ArrayList<>(raw.size());
                for (int i = 0; i < raw.size(); i++) {
                    String path = name + ".Workers[" + i + "]";
                    workers.add(SnapshotWorkersCodec.decodeSpec(obj(raw.get(i), path), path));
                }
                yield new MinerCall.ConfigureWorkers(workers);
            }
            case "SetWorkerEnabled" -> new MinerCall.SetWorkerEnabled(nullableStr(o, "Worker", name),
                    bool(o, "Enabled", name));
            case "SealingAbort" -> new MinerCall.SealingAbort(lng(o, "Miner", name), lng(o, "Sector", name),
                    nullableStr(o, "ID", name));
            case "SealingRemoveRequest" -> new MinerCall.SealingRemoveRequest(nullableStr(o, "SchedId", name));
            default -> throw new Malformed("Call", "unknown call \"" + name + "\"");
        };
    }

    private static List<Object> pieces(List<Piece> pieces) {
        List<Object> out = new ArrayList<>(pieces.size());
        for (Piece p : pieces) {
            out.add(p == null ? null : SnapshotPieceCodec.encodePiece(p));
        }
        return out;
    }

    private static List<Piece> pieces(List<Object> raw, String path) {
        List<Piece> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            out.add(raw.get(i) == null ? null
                    : SnapshotPieceCodec.decodePiece(obj(raw.get(i), path + "[" + i + "]"), path + "[" + i + "]"));
        }
        return out;
    }

    private static List<Long> longs(Map<String, Object> o, String key, String path) {
        if (o.get(key) == null) {
            return null;
        }
        List<Object> raw = list(o.get(key), path + "." + key);
        List<Long> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Object v = raw.get(i);
            if (v == null) {
                out.add(null);
            } else if (v instanceof Number n && !(v instanceof Double) && !(v instanceof Float)) {
                out.add(n.longValue());
            } else {
                throw new Malformed(path + "." + key + "[" + i + "]", "not an integer");
            }
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private static Duration duration(Map<String, Object> o, String key, String path) {
        return o.get(key) == null ? null : Duration.ofNanos(lng(o, key, path));
    }

    private static SectorState state(Map<String, Object> o, String key, String path) {
        return SnapshotFields.enumValue(SectorState.class, str(o, key, path), path + "." + key);
    }

    private static String nullableStr(Map<String, Object> o, String key, String path) {
        return o.get(key) == null ? null : str(o, key, path);
    }

    private static <T> T checked(String what, java.util.function.Supplier<T> decode) {
        try {
            return decode.get();
        } catch (Malformed e) {
            throw new InvalidInputException(what, "malformed " + what + ": " + e.getMessage());
        } catch (SealingException e) {
            throw new InvalidInputException(what, "malformed " + what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            throw new InvalidInputException(what, "malformed " + what + ": " + e);
        }
    }
}
