package io.minersim.sealing;

import static io.minersim.sealing.SnapshotFields.column;
import static io.minersim.sealing.SnapshotFields.count;
import static io.minersim.sealing.SnapshotFields.index;
import static io.minersim.sealing.SnapshotFields.list;
import static io.minersim.sealing.SnapshotFields.lng;

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

    static Map<String, Object> encodeHistory(SectorHistory h) {
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

    static SectorHistory decodeHistory(Map<String, Object> o, SectorState[] states, SectorEvent[] events,
            long sectorSize) {
        int n = count(o, "History");
        long[] epoch = column(o, "Epoch", "History", n);
        long[] sector = column(o, "Sector", "History", n);
        long[] from = column(o, "From", "History", n);
        long[] to = column(o, "To", "History", n);
        long[] event = column(o, "Event", "History", n);
        long[] dealBytes = column(o, "DealBytes", "History", n);
        long[] dealWeight = column(o, "DealWeight", "History", n);
        long[] verified = column(o, "VerifiedDealWeight", "History", n);
        SectorHistory h = new SectorHistory(sectorSize);
        for (int i = 0; i < n; i++) {
            String path = "History[" + i + "]";
            h.record(epoch[i], sector[i], from[i] == -1 ? null : states[index(from[i], states.length, path + ".From")],
                    states[index(to[i], states.length, path + ".To")],
                    events[index(event[i], events.length, path + ".Event")], dealBytes[i], dealWeight[i],
                    verified[i]);
        }
        return h;
    }

    static Map<String, Object> encodeStatistics(MinerStatistics.State st) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("LastEpoch", st.lastEpoch());
        o.put("Rows", LongColumn.encode(st.rows()));
        o.put("LifetimeSquares", new ArrayList<Object>(st.lifetimeSquares()));
        o.put("Sectors", LongColumn.encode(st.sectors()));
        o.put("PreCommitBatchMessages", LongColumn.encode(st.preCommitBatchMessages()));
        o.put("AggregateMessages", LongColumn.encode(st.aggregateMessages()));
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
