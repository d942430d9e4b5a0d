package io.minersim.sealing;

import static io.minersim.sealing.SnapshotFields.column;
import static io.minersim.sealing.SnapshotFields.count;
import static io.minersim.sealing.SnapshotFields.enumValue;
import static io.minersim.sealing.SnapshotFields.index;
import static io.minersim.sealing.SnapshotFields.lng;
import static io.minersim.sealing.SnapshotFields.nonNegative;
import static io.minersim.sealing.SnapshotFields.obj;
import static io.minersim.sealing.SnapshotFields.str;

import io.minersim.sealing.ChainMessages.Message;
import io.minersim.sealing.ChainMessages.Method;
import io.minersim.sealing.EpochScheduler.Action;
import io.minersim.sealing.EpochScheduler.Timer;
import io.minersim.sealing.SnapshotFields.Malformed;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.numbers.SectorNumberAssigner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What surrounds the sectors in a snapshot: the sector number assigner (bit fields as runs), the
 * sent messages (each re-sent on decode and checked against its CID), the pending timers with their
 * order numbers, a batcher's queue and loop epochs, the expiration buckets, the expired deals and
 * the failure rules. Encoder and decoder of each part side by side; the decoders that point at
 * sectors take them by number from the already decoded sectors.
 */
final class SnapshotChainCodec {
    private SnapshotChainCodec() {
    }

    static Map<String, Object> encodeNumbers(SectorNumberAssigner a) {
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

    static SectorNumberAssigner decodeNumbers(Map<String, Object> o) {
        Map<String, Object> raw = obj(o.get("Reservations"), "Numbers.Reservations");
        TreeMap<String, BitField> reservations = new TreeMap<>();
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            reservations.put(e.getKey(), bitField(e.getValue(), "Numbers.Reservations." + e.getKey()));
        }
        return SectorNumberAssigner.restore(bitField(o.get("Allocated"), "Numbers.Allocated"), reservations,
                bitField(o.get("Reserved"), "Numbers.Reserved"),
                bitField(o.get("ChainAllocated"), "Numbers.ChainAllocated"));
    }

    private static LongColumn.Later runs(BitField b) {
        return LongColumn.later(b.toRuns());
    }

    private static BitField bitField(Object o, String path) {
        if (!(o instanceof String s)) {
            throw new Malformed(path, "missing or not a column");
        }
        try {
            return BitField.fromRuns(LongColumn.decode(s, -1));
        } catch (IllegalArgumentException e) {
            throw new Malformed(path, e.getMessage());
        }
    }

    static List<Object> encodeMessages(ChainMessages messages) {
        List<Object> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Message msg = messages.get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("Method", msg.method().name());
            o.put("SentEpoch", msg.sentEpoch());
            o.put("Sectors", LongColumn.later(msg.sectors()));
            o.put("CID", msg.cid().toString());
            if (msg.amount() != null) {
                o.put("Amount", msg.amount().toString());
            }
            out.add(o);
        }
        return out;
    }

    /** Sends the messages again on an empty copy of {@code messages}, so each must come out with its CID. */
    static ChainMessages decodeMessages(List<Object> raw, ChainMessages messages) {
        ChainMessages out = messages.emptyCopy();
        for (int i = 0; i < raw.size(); i++) {
            String path = "Messages[" + i + "]";
            Map<String, Object> o = obj(raw.get(i), path);
            Method method = enumValue(Method.class, str(o, "Method", path), path + ".Method");
            long[] sectors = column(o, "Sectors", path, -1);
            java.math.BigInteger amount = null;
            if (o.get("Amount") != null) {
                try {
                    amount = new java.math.BigInteger(str(o, "Amount", path));
                } catch (NumberFormatException e) {
                    throw new Malformed(path + ".Amount", "not an integer");
                }
            }
            Message sent = out.send(method, nonNegative(lng(o, "SentEpoch", path), path + ".SentEpoch"), sectors,
                    amount);
            if (!sent.cid().toString().equals(o.get("CID"))) {
                throw new Malformed(path + ".CID", "does not match the message (another seed or actor?)");
            }
        }
        return out;
    }

    static Map<String, Object> encodeTimers(EpochScheduler timers) {
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
        o.put("Epoch", LongColumn.later(epoch));
        o.put("Seq", LongColumn.later(seq));
        o.put("Action", LongColumn.later(action));
        o.put("Sector", LongColumn.later(sector));
        o.put("Version", LongColumn.later(version));
        return o;
    }

    static EpochScheduler decodeTimers(Map<String, Object> o, Action[] actions, ChainMessages messages,
            java.util.function.LongFunction<Sector> byNumber) {
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
                s = byNumber.apply(sector[i]);
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

    static Map<String, Object> encodeBatcher(SectorBatcher b) {
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
        o.put("Sector", LongColumn.later(n));
        o.put("Cutoff", LongColumn.later(cutoff));
        return o;
    }

    static SectorBatcher decodeBatcher(Map<String, Object> o, String path,
            java.util.function.LongFunction<Sector> byNumber) {
        int n = count(o, path);
        long[] sector = column(o, "Sector", path, n);
        long[] cutoff = column(o, "Cutoff", path, n);
        SectorBatcher b = new SectorBatcher();
        for (int i = 0; i < n; i++) {
            Sector s = byNumber.apply(sector[i]);
            if (s == null) {
                throw new Malformed(path + ".Sector[" + i + "]", "no sector " + sector[i]);
            }
            b.add(s, cutoff[i], 0);
        }
        b.looped(lng(o, "LastLoop", path));
        b.armedAt = lng(o, "ArmedAt", path);
        return b;
    }

    static LongColumn.Later encodeExpiredDeals(Set<Long> expiredDeals) {
        return LongColumn.later(expiredDeals.stream().mapToLong(Long::longValue).toArray());
    }

    static Set<Long> decodeExpiredDeals(Map<String, ?> doc) {
        Set<Long> expiredDeals = new TreeSet<>();
        for (long id : column(doc, "ExpiredDeals", "", -1)) {
            expiredDeals.add(id);
        }
        return expiredDeals;
    }

    static List<Object> encodeFailureRules(List<FailureRule> failureRules) {
        List<Object> rules = new ArrayList<>();
        for (FailureRule r : failureRules) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("State", r.state().name());
            o.put("Sector", r.sector());
            o.put("Count", r.count());
            o.put("Error", r.error());
            rules.add(o);
        }
        return rules;
    }

    static List<FailureRule> decodeFailureRules(List<Object> rawRules) {
        List<FailureRule> rules = new ArrayList<>();
        for (int i = 0; i < rawRules.size(); i++) {
            String path = "FailureRules[" + i + "]";
            Map<String, Object> r = obj(rawRules.get(i), path);
            Object sector = r.get("Sector");
            rules.add(new FailureRule(state(str(r, "State", path), path + ".State"),
                    sector == null ? null : lng(r, "Sector", path), Math.toIntExact(lng(r, "Count", path)),
                    str(r, "Error", path)));
        }
        return rules;
    }

    private static SectorState state(String name, String path) {
        return SectorState.byName(name).orElseThrow(() -> new Malformed(path, "unknown sector state \"" + name
                + "\""));
    }
}
