package io.minersim.sealing.bench;

import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.chain.ManualChainClock;
import java.util.List;
import java.util.Map;

/**
 * Measures {@link Miner#snapshot()} and {@link Miner#restore} on a miner of N Proving CC sectors sealed through the
 * pipeline: the document's size written as compact JSON, the time to take it (and how much of that holds the read
 * lock) and to restore it into a fresh miner (best of five each). Not a test: run it by hand (see the README).
 */
public final class SnapshotHarness {
    private SnapshotHarness() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        BenchRig rig = BenchRig.devnet();
        rig.sealCc(count, 50_000);
        Map<String, Object> doc = null;
        long takeBest = Long.MAX_VALUE;
        long lockBest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            java.util.function.Supplier<Map<String, Object>> later = rig.miner.snapshotLater();
            long t1 = System.nanoTime();
            doc = later.get();
            takeBest = Math.min(takeBest, System.nanoTime() - t0);
            lockBest = Math.min(lockBest, t1 - t0);
        }
        StringBuilder json = new StringBuilder();
        write(doc, json);
        long restoreBest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            MinerConfig cfg = MinerConfig.of(Profile.DEVNET);
            Miner fresh = Miner.start(cfg, ManualChainClock.atGenesis(cfg.policy()));
            long t0 = System.nanoTime();
            fresh.restore(doc);
            restoreBest = Math.min(restoreBest, System.nanoTime() - t0);
            if (fresh.sectorCount() != count) {
                throw new IllegalStateException("restored " + fresh.sectorCount() + " sectors, not " + count);
            }
        }
        System.out.printf("%d Proving CC sectors, %d history moves: snapshot %.1f ms (%.1f ms of it under the read"
                + " lock), %d bytes of JSON (%.1f B/sector), restore %.1f ms%n", count, rig.miner.historySize(),
                takeBest / 1e6, lockBest / 1e6, json.length(), json.length() / (double) count, restoreBest / 1e6);
    }

    /** Compact JSON of the plain values a snapshot holds (strings here need no escapes but quotes and backslashes). */
    private static void write(Object o, StringBuilder out) {
        if (o instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                write(String.valueOf(e.getKey()), out);
                out.append(':');
                write(e.getValue(), out);
            }
            out.append('}');
        } else if (o instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(list.get(i), out);
            }
            out.append(']');
        } else if (o instanceof String s) {
            out.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        } else {
            out.append(o);
        }
    }
}
