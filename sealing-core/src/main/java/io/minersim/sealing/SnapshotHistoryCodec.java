package io.minersim.sealing;

import static io.minersim.sealing.SnapshotFields.column;
import static io.minersim.sealing.SnapshotFields.count;
import static io.minersim.sealing.SnapshotFields.index;
import static io.minersim.sealing.SnapshotFields.list;
import static io.minersim.sealing.SnapshotFields.close;
import static io.minersim.sealing.SnapshotFields.lng;
import static io.minersim.sealing.SnapshotFields.next;

import io.minersim.sealing.SnapshotFields.Malformed;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.stats.MinerStatistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The history in a snapshot, one {@link LongColumn} per field of a move (states and events as
 * indexes into the document's name tables), and the daily statistics the moves feed, as their
 * exported state. Encoder and decoder of each side by side.
 */
final class SnapshotHistoryCodec {
    private SnapshotHistoryCodec() {
    }

    /** The history's columns, each worked out from a view of it once the miner's lock is released. */
    static Map<String, Object> encodeHistory(SectorHistory h) {
        SectorHistory.View v = h.view();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("Count", Math.toIntExact(v.size()));
        String[] names = {"Epoch", "Sector", "From", "To", "Event", "DealBytes", "DealWeight", "VerifiedDealWeight"};
        for (int f = 0; f < names.length; f++) {
            int field = f;
            o.put(names[f], (LongColumn.Later) () -> LongColumn.encode(v.column(field)));
        }
        return o;
    }

    static SectorHistory decodeHistory(Map<String, Object> o, SectorState[] states, SectorEvent[] events,
            long sectorSize) {
        int n = count(o, "History");
        String[] names = {"Epoch", "Sector", "From", "To", "Event", "DealBytes", "DealWeight", "VerifiedDealWeight"};
        String[] paths = new String[names.length];
        LongColumn.Reader[] r = new LongColumn.Reader[names.length];
        for (int k = 0; k < names.length; k++) {
            paths[k] = "History." + names[k];
            r[k] = SnapshotFields.reader(o, names[k], "History", n);
        }
        SectorHistory.Builder h = new SectorHistory.Builder(sectorSize);
        for (int i = 0; i < n; i++) {
            long epoch = next(r[0], paths[0]);
            long sector = next(r[1], paths[1]);
            long from = next(r[2], paths[2]);
            long to = next(r[3], paths[3]);
            long event = next(r[4], paths[4]);
            h.add(epoch, sector, SectorHistory.code(from == -1 ? null
                    : states[index(from, states.length, "History", i, ".From")],
                    states[index(to, states.length, "History", i, ".To")],
                    events[index(event, events.length, "History", i, ".Event")]),
                    next(r[5], paths[5]), next(r[6], paths[6]), next(r[7], paths[7]));
        }
        for (int k = 0; k < names.length; k++) {
            close(r[k], paths[k]);
        }
        return h.build();
    }

    static Map<String, Object> encodeStatistics(MinerStatistics.State st) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("LastEpoch", st.lastEpoch());
        o.put("Rows", LongColumn.later(st.rows()));
        o.put("LifetimeSquares", new ArrayList<Object>(st.lifetimeSquares()));
        o.put("Sectors", LongColumn.later(st.sectors()));
        o.put("PreCommitBatchMessages", LongColumn.later(st.preCommitBatchMessages()));
        o.put("AggregateMessages", LongColumn.later(st.aggregateMessages()));
        return o;
    }

    static MinerStatistics decodeStatistics(Map<String, Object> o, long genesisTimestamp, long blockDelaySeconds) {
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
        return MinerStatistics.restore(genesisTimestamp, blockDelaySeconds, st);
    }
}
