package io.minersim.app.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.workers.TaskType;
import io.minersim.sealing.workers.WorkerSpec;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A scenario miner's {@code workers} section: its worker fleet. */
final class WorkerSection {
    private WorkerSection() {
    }

    /** The worker fleet: hostname, task types (short or wire names; all sealing tasks when absent), hardware. */
    static List<WorkerSpec> read(SectionReader r, JsonNode list, String minerPath) {
        List<WorkerSpec> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode w = list.get(i);
            String path = minerPath + ".workers[" + i + "]";
            Set<TaskType> tasks = EnumSet.noneOf(TaskType.class);
            boolean unknownTask = false;
            if (w.has("tasks")) {
                for (int k = 0; k < w.get("tasks").size(); k++) {
                    String name = w.get("tasks").get(k).asText();
                    TaskType t = taskType(name);
                    if (t == null) {
                        unknownTask = true;
                        r.problem(path + ".tasks[" + k + "]", "unknown task type " + name
                                + " (a short name such as PC1, or a wire string such as seal/v0/precommit/1)");
                    } else {
                        tasks.add(t);
                    }
                }
            } else {
                tasks.addAll(TaskType.sealing());
            }
            if (unknownTask) {
                continue;
            }
            List<String> gpus = new ArrayList<>();
            w.path("gpus").forEach(g -> gpus.add(g.asText()));
            try {
                out.add(new WorkerSpec(w.path("hostname").asText(), tasks, w.path("cpus").asLong(64),
                        bytes(w.path("memory").asText("256GiB")), bytes(w.path("swap").asText("0B")), gpus,
                        w.path("ignoreResources").asBoolean(false)));
            } catch (InvalidInputException ex) {
                r.problem(path, ex.getMessage());
            }
        }
        return out;
    }

    private static TaskType taskType(String name) {
        for (TaskType t : TaskType.values()) {
            if (t.shortName().equals(name) || t.wire().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private static long bytes(String text) {
        int unit = 0;
        while (unit < text.length() && Character.isDigit(text.charAt(unit))) {
            unit++;
        }
        long n = Long.parseLong(text.substring(0, unit));
        int shift = switch (text.substring(unit)) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            case "TiB" -> 40;
            default -> 0;
        };
        return n << shift;
    }
}
