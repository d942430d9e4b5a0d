package io.minersim.sealing.bench;

import io.minersim.sealing.storage.Decl;
import java.util.List;
import java.util.Map;

/**
 * Measures the storage index's reads on a miner of N Proving CC sectors sealed through the pipeline: {@code
 * StorageList} (every sector's files, derived from its state and placed on a path on each call), the answer's size
 * as compact JSON in Lotus's shape, and {@code StorageStat} (its pass over every sector after a change, and again on the same state); best of five
 * each. Not a test: run it by
 * hand (see the README's Performance section).
 */
public final class StorageListHarness {
    private StorageListHarness() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        BenchRig rig = BenchRig.devnet();
        long s0 = System.nanoTime();
        rig.sealCc(count, 50_000);
        long sealed = System.nanoTime() - s0;
        Map<String, List<Decl>> list = null;
        long listBest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            list = rig.miner.storage().list();
            listBest = Math.min(listBest, System.nanoTime() - t0);
        }
        String id = list.keySet().iterator().next();
        long coldBest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            rig.miner.setSealDelay(java.time.Duration.ofHours(1 + i)); // a write: the next stat sums the files again
            long t0 = System.nanoTime();
            rig.miner.storage().stat(id);
            coldBest = Math.min(coldBest, System.nanoTime() - t0);
        }
        long statBest = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            long t0 = System.nanoTime();
            rig.miner.storage().stat(id);
            statBest = Math.min(statBest, System.nanoTime() - t0);
        }
        long bytes = 2; // {}
        long decls = 0;
        for (Map.Entry<String, List<Decl>> e : list.entrySet()) {
            bytes += e.getKey().length() + 5; // "id":[ ]
            for (Decl d : e.getValue()) {
                bytes += ("{\"Miner\":" + d.miner() + ",\"Number\":" + d.number() + ",\"SectorFileType\":" + d.types()
                        + "},").length();
                decls++;
            }
        }
        System.out.printf("%d Proving CC sectors (sealed in %.1f s): StorageList %.1f ms, %d decls, %d bytes of JSON"
                + " (%.1f B/sector); StorageStat %.1f ms after a change, %.3f ms again%n", count, sealed / 1e9,
                listBest / 1e6, decls, bytes, bytes / (double) count, coldBest / 1e6, statBest / 1e6);
    }
}
