package io.minersim.app.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.storage.PathMeta;
import io.minersim.sealing.storage.SimulatedDisk;
import io.minersim.sealing.storage.StorageIndex;
import io.minersim.sealing.storage.StorageOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A scenario miner's {@code storage} section: its simulated disks and which of them are open. */
final class StorageSection {
    private StorageSection() {
    }

    /**
     * The simulated machine's disks ({@code miner.storage.paths}): each a directory with its
     * {@code sectorstore.json} and the size of its file system; {@code open: false} leaves it out of
     * storage.json, for {@code StorageAddLocal} to open. An ID not given is drawn from the seed.
     */
    static StorageOp.Configure read(SectionReader r, MinerConfig config, JsonNode node, String minerPath) {
        String at = minerPath + ".storage.paths";
        List<SimulatedDisk> disks = new ArrayList<>();
        List<String> open = new ArrayList<>();
        Set<String> ids = new java.util.HashSet<>();
        Set<String> dirs = new java.util.HashSet<>();
        JsonNode list = node.path("paths");
        for (int i = 0; i < list.size(); i++) {
            JsonNode p = list.get(i);
            String path = at + "[" + i + "]";
            String dir = p.path("path").asText();
            if (!dir.startsWith("/")) {
                r.problem(path + ".path", "must be an absolute path, got '" + dir + "'");
            }
            String id = p.has("id") ? p.get("id").asText()
                    : StorageIndex.pathId(config.seed(), config.actorId(), i);
            if (!ids.add(id)) {
                r.problem(path + ".id", "two paths with ID " + id);
            }
            if (!dirs.add(dir)) {
                r.problem(path + ".path", "two paths at " + dir);
            }
            long capacity = StorageIndex.DEFAULT_CAPACITY;
            if (p.has("capacity")) {
                try {
                    capacity = ScenarioLoader.parseBytes(p.get("capacity").asText());
                } catch (IllegalArgumentException e) {
                    r.problem(path + ".capacity", e.getMessage());
                }
            }
            PathMeta meta = new PathMeta(id, null,
                    r.longValue(p.path("weight"), path + ".weight",
                            StorageIndex.DEFAULT_WEIGHT),
                    r.longValue(p.path("maxStorage"), path + ".maxStorage", 0), p.path("canSeal").asBoolean(true),
                    p.path("canStore").asBoolean(true), strings(p.get("groups")), strings(p.get("allowTo")),
                    strings(p.get("allowTypes")), strings(p.get("denyTypes")), strings(p.get("allowMiners")),
                    strings(p.get("denyMiners")));
            disks.add(new SimulatedDisk(dir, capacity, meta));
            if (p.path("open").asBoolean(true)) {
                open.add(dir);
            }
        }
        return new StorageOp.Configure(disks, open);
    }

    private static List<String> strings(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
