package io.minersim.app.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} (Debian's 4.1) as a subprocess with a Lua script that POSTs the workload's body, and parses
 * its {@code --latency} report. A random workload uses a {@code request()} function (one Lua call per request);
 * a fixed one uses {@code wrk.body}, wrk's fast path. Both targets get the same script, so the ratio is fair.
 */
final class WrkDriver implements LoadDriver {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern TOTAL = Pattern.compile("(\\d+) requests in ([0-9.]+)(us|ms|s|m|h)");
    private static final Pattern PCT = Pattern.compile("^\\s+(50|90|99)%\\s+([0-9.]+)(us|ms|s|m|h)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern MAX = Pattern.compile(
            "Latency\\s+\\S+\\s+\\S+\\s+([0-9.]+)(us|ms|s|m|h)");
    private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
    private static final Pattern SOCKET = Pattern.compile(
            "Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private final int threads;
    private final int connections;
    private final Path dir;

    WrkDriver(int threads, int connections) throws IOException {
        this.threads = threads;
        this.connections = connections;
        this.dir = Files.createTempDirectory("minersim-wrk");
        dir.toFile().deleteOnExit();
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor(10, TimeUnit.SECONDS);
            return true;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @Override
    public String describe() {
        return "wrk -t" + threads + " -c" + connections + " (separate process)";
    }

    @Override
    public LoadResult run(URI uri, Workload w, int seconds) throws Exception {
        Path script = dir.resolve(w.name() + ".lua");
        Files.writeString(script, lua(w), StandardCharsets.UTF_8);
        script.toFile().deleteOnExit();
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s",
                "--timeout", "10s", "--latency", "-s", script.toString(), uri.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 60L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("wrk did not finish: " + out);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("wrk failed (" + p.exitValue() + "): " + out);
        }
        return parse(out);
    }

    static LoadResult parse(String out) {
        Matcher total = find(TOTAL, out);
        long requests = Long.parseLong(total.group(1));
        double secs = micros(total.group(2), total.group(3)) / 1e6;
        double rps = Double.parseDouble(find(RPS, out).group(1));
        double p50 = Double.NaN;
        double p90 = Double.NaN;
        double p99 = Double.NaN;
        Matcher m = PCT.matcher(out);
        while (m.find()) {
            double v = micros(m.group(2), m.group(3));
            switch (m.group(1)) {
                case "50" -> p50 = v;
                case "90" -> p90 = v;
                default -> p99 = v;
            }
        }
        Matcher max = find(MAX, out);
        long errors = 0;
        Matcher n = NON2XX.matcher(out);
        if (n.find()) {
            errors += Long.parseLong(n.group(1));
        }
        Matcher s = SOCKET.matcher(out);
        if (s.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(s.group(i));
            }
        }
        return new LoadResult(requests, secs, rps, p50, p90, p99, micros(max.group(1), max.group(2)), errors, "");
    }

    private static Matcher find(Pattern p, String out) {
        Matcher m = p.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("unexpected wrk output (no " + p + "):\n" + out);
        }
        return m;
    }

    private static double micros(String v, String unit) {
        double d = Double.parseDouble(v);
        return switch (unit) {
            case "us" -> d;
            case "ms" -> d * 1e3;
            case "s" -> d * 1e6;
            case "m" -> d * 60e6;
            default -> d * 3600e6;
        };
    }

    private static String lua(Workload w) {
        StringBuilder b = new StringBuilder();
        b.append("wrk.method = \"POST\"\n");
        b.append("wrk.headers[\"Content-Type\"] = \"application/json\"\n");
        if (w.token() != null) {
            b.append("wrk.headers[\"Authorization\"] = \"Bearer ").append(w.token()).append("\"\n");
        }
        if (!w.random()) {
            b.append("wrk.body = '").append(w.fixedBody()).append("'\n");
            return b.toString();
        }
        b.append("local counter = 0\n");
        b.append("function setup(thread)\n  thread:set(\"tid\", counter)\n  counter = counter + 1\nend\n");
        b.append("function init(args)\n  math.randomseed(12345 + 7919 * tid)\nend\n");
        b.append("local lo, span = ").append(w.lo()).append(", ").append(w.hi() - w.lo() + 1).append('\n');
        b.append("request = function()\n");
        b.append("  local n = lo + math.floor(math.random() * span)\n");
        b.append("  return wrk.format(nil, nil, nil, '")
                .append(Workload.statusBody(0).replace("[0,", "[' .. n .. ',")).append("')\n");
        b.append("end\n");
        return b.toString();
    }
}
