package io.minersim.app.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording (the JDK's {@code default} settings, execution samples every 10 ms) over one load window,
 * summarised as the methods most often on top of a sampled stack (self time) and the minersim methods most
 * often anywhere in it (inclusive time). Only runnable Java threads are sampled.
 */
final class HotSpots {
    private final Recording recording;

    private HotSpots(Recording recording) {
        this.recording = recording;
    }

    static HotSpots start() throws Exception {
        Recording r = new Recording(Configuration.getConfiguration("default"));
        r.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
        r.start();
        return new HotSpots(r);
    }

    /** Stops the recording and returns the summary; the .jfr file is kept at {@code file} if it is not null. */
    String stop(Path file, int top) throws Exception {
        recording.stop();
        Path f = file != null ? file : Files.createTempFile("minersim-load", ".jfr");
        recording.dump(f);
        recording.close();
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> incl = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(f)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = st.getFrames();
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame fr : frames) {
                String n = name(fr);
                if (n.startsWith("io.minersim.") && !n.startsWith("io.minersim.app.bench.") && seen.add(n)) {
                    incl.merge(n, 1, Integer::sum);
                }
            }
        }
        if (file == null) {
            Files.deleteIfExists(f);
        }
        StringBuilder b = new StringBuilder();
        b.append("  ").append(samples).append(" execution samples").append(file != null ? " (" + file + ")" : "")
                .append('\n');
        b.append("  top of stack (self):\n");
        append(b, self, samples, top);
        b.append("  minersim methods on the stack (inclusive):\n");
        append(b, incl, samples, top);
        return b.toString();
    }

    private static void append(StringBuilder b, Map<String, Integer> counts, int samples, int top) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(top)
                .forEach(en -> b.append(String.format("    %5.1f%%  %s%n", 100.0 * en.getValue() / Math.max(1,
                        samples), en.getKey())));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
