package io.minersim.sealing;

import static io.minersim.sealing.SnapshotFields.column;
import static io.minersim.sealing.SnapshotFields.list;
import static io.minersim.sealing.SnapshotFields.lng;
import static io.minersim.sealing.SnapshotFields.obj;

import io.minersim.sealing.SnapshotFields.Malformed;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.proving.Deadline;
import io.minersim.sealing.proving.DeadlineInfo;
import io.minersim.sealing.proving.MinerProving;
import io.minersim.sealing.proving.Partition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The snapshot's proving part: the period offset, the sectors the miner cannot read, the PoSts it is
 * told to miss, and each deadline's partitions (their sets as run-length columns, their expiration
 * queues and on-time epochs).
 */
final class SnapshotProvingCodec {

    private SnapshotProvingCodec() {
    }

    static Map<String, Object> encode(MinerProving proving, BitField unprovable, MissedPoSts missed) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("PeriodOffset", proving.periodOffset());
        o.put("PartitionSize", proving.partitionSize());
        o.put("Unprovable", LongColumn.encode(unprovable.toRuns()));
        List<Object> miss = new ArrayList<>();
        missed.asMap().forEach((d, parts) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Deadline", d);
            m.put("Partitions", LongColumn.encode(parts.toRuns()));
            miss.add(m);
        });
        o.put("Missed", miss);
        List<Object> deadlines = new ArrayList<>();
        for (int d = 0; d < DeadlineInfo.PERIOD_DEADLINES; d++) {
            Deadline dl = proving.deadline(d);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("PostSubmissions", LongColumn.encode(dl.postSubmissions().toRuns()));
            m.put("Live", dl.liveSectors());
            m.put("Total", dl.totalSectors());
            List<Object> parts = new ArrayList<>();
            for (Partition p : dl.partitions()) {
                parts.add(encodePartition(p));
            }
            m.put("Partitions", parts);
            deadlines.add(m);
        }
        o.put("Deadlines", deadlines);
        return o;
    }

    private static Map<String, Object> encodePartition(Partition p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Sectors", LongColumn.encode(p.sectors().toRuns()));
        m.put("Unproven", LongColumn.encode(p.unproven().toRuns()));
        m.put("Faults", LongColumn.encode(p.faults().toRuns()));
        m.put("Recoveries", LongColumn.encode(p.recoveries().toRuns()));
        m.put("Terminated", LongColumn.encode(p.terminated().toRuns()));
        List<Object> queue = new ArrayList<>();
        p.expirations().forEach((epoch, set) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("Epoch", epoch);
            e.put("OnTime", LongColumn.encode(set.onTime().toRuns()));
            e.put("Early", LongColumn.encode(set.early().toRuns()));
            queue.add(e);
        });
        m.put("Expirations", queue);
        Map<Long, Long> onTime = p.movedOnTimeEpochs();
        long[] sectors = new long[onTime.size()];
        long[] epochs = new long[onTime.size()];
        int i = 0;
        for (Map.Entry<Long, Long> e : onTime.entrySet()) {
            sectors[i] = e.getKey();
            epochs[i++] = e.getValue();
        }
        m.put("MovedSectors", LongColumn.encode(sectors));
        m.put("MovedOnTime", LongColumn.encode(epochs));
        return m;
    }

    /** What a snapshot's proving part decodes to. */
    record Decoded(MinerProving proving, BitField unprovable, MissedPoSts missed) {
    }

    static Decoded decode(Map<String, Object> o, SectorSize sectorSize) {
        String path = "Proving";
        long offset = lng(o, "PeriodOffset", path);
        long size = lng(o, "PartitionSize", path);
        if (size != sectorSize.partitionSectors() || offset < 0
                || offset >= DeadlineInfo.PROVING_PERIOD) {
            throw new Malformed(path, "period offset " + offset + " or partition size " + size
                    + " does not fit this miner");
        }
        MinerProving proving = new MinerProving(offset, size);
        BitField unprovable = bits(o, "Unprovable", path);
        MissedPoSts missed = new MissedPoSts();
        List<Object> miss = list(o.get("Missed"), path + ".Missed");
        for (int i = 0; i < miss.size(); i++) {
            String mp = path + ".Missed[" + i + "]";
            Map<String, Object> m = obj(miss.get(i), mp);
            long d = lng(m, "Deadline", mp);
            if (d < 0 || d >= DeadlineInfo.PERIOD_DEADLINES) {
                throw new Malformed(mp + ".Deadline", "no deadline " + d);
            }
            missed.miss((int) d, bits(m, "Partitions", mp));
        }
        List<Object> deadlines = list(o.get("Deadlines"), path + ".Deadlines");
        if (deadlines.size() != DeadlineInfo.PERIOD_DEADLINES) {
            throw new Malformed(path + ".Deadlines", "expected 48 deadlines, got " + deadlines.size());
        }
        for (int d = 0; d < deadlines.size(); d++) {
            String dp = path + ".Deadlines[" + d + "]";
            Map<String, Object> m = obj(deadlines.get(d), dp);
            List<Object> rawParts = list(m.get("Partitions"), dp + ".Partitions");
            List<Partition> parts = new ArrayList<>();
            var quant = proving.deadline(d).quant();
            for (int i = 0; i < rawParts.size(); i++) {
                parts.add(decodePartition(obj(rawParts.get(i), dp + ".Partitions[" + i + "]"), quant,
                        dp + ".Partitions[" + i + "]"));
            }
            try {
                proving.restoreDeadline(d, Deadline.restore(quant, size, parts, bits(m, "PostSubmissions", dp),
                        lng(m, "Live", dp), lng(m, "Total", dp)));
            } catch (IllegalArgumentException e) {
                throw new Malformed(dp, e.getMessage());
            }
        }
        return new Decoded(proving, unprovable, missed);
    }

    private static Partition decodePartition(Map<String, Object> m, io.minersim.sealing.proving.QuantSpec quant,
            String path) {
        Map<Long, Partition.ExpirationSet> queue = new TreeMap<>();
        List<Object> raw = list(m.get("Expirations"), path + ".Expirations");
        for (int i = 0; i < raw.size(); i++) {
            String ep = path + ".Expirations[" + i + "]";
            Map<String, Object> e = obj(raw.get(i), ep);
            queue.put(lng(e, "Epoch", ep), new Partition.ExpirationSet(bits(e, "OnTime", ep), bits(e, "Early", ep)));
        }
        long[] sectors = column(m, "MovedSectors", path, -1);
        long[] epochs = column(m, "MovedOnTime", path, sectors.length);
        Map<Long, Long> onTime = new TreeMap<>();
        for (int i = 0; i < sectors.length; i++) {
            onTime.put(sectors[i], epochs[i]);
        }
        try {
            return Partition.restore(quant, bits(m, "Sectors", path), bits(m, "Unproven", path),
                    bits(m, "Faults", path), bits(m, "Recoveries", path), bits(m, "Terminated", path), queue, onTime);
        } catch (IllegalArgumentException e) {
            throw new Malformed(path, e.getMessage());
        }
    }

    private static BitField bits(Map<String, ?> o, String key, String path) {
        long[] runs = column(o, key, path, -1);
        try {
            return BitField.fromRuns(runs);
        } catch (IllegalArgumentException e) {
            throw new Malformed(path + "." + key, e.getMessage());
        }
    }
}
