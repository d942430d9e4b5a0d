package io.minersim.app.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.repo.MinerRepo;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minersim stats}: {@code create-key} stores a new API key in the repo; {@code show} prints an
 * endpoint of a running simulator's statistics API as a table, for a day or a range of days.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, description = "Sector statistics (Spacescope's API).",
        subcommands = {StatsCommand.CreateKey.class, StatsCommand.Show.class})
public final class StatsCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static Path repo(Path given) {
        return given != null ? given : MinerRepo.defaultPath(System.getenv());
    }

    /** {@code minersim stats create-key}. */
    @Command(name = "create-key", mixinStandardHelpOptions = true,
            description = "Create an API key for the statistics endpoint and store it in the repo.")
    static final class CreateKey implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--repo", description = "Repo directory (default: $MINERSIM_PATH or ~/.minersim).")
        Path repo;

        @Override
        public Integer call() {
            String key = StatsKeys.create(repo(repo));
            PrintWriter out = spec.commandLine().getOut();
            out.println(key);
            out.flush();
            return 0;
        }
    }

    /** {@code minersim stats show ENDPOINT}. */
    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print an endpoint (total, commit_sector_count, commit_sector_size, terminate, fault, "
                    + "recover, expire, extend, snap, sector_duration) as a table.")
    static final class Show implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ENDPOINT", description = "The endpoint, e.g. total.")
        String endpoint;

        @Option(names = "--date", description = "One day, YYYY-MM-DD (default: the last complete day).")
        String date;

        @Option(names = "--from", description = "First day of a range, YYYY-MM-DD.")
        String from;

        @Option(names = "--to", description = "Last day of a range, YYYY-MM-DD (default: --from).")
        String to;

        @Option(names = "--miner", description = "One miner, e.g. f01000 (default: every miner).")
        String miner;

        @Option(names = "--url", description = "The statistics API (default: the repo's stats-api file).")
        String url;

        @Option(names = "--key", description = "The API key (default: the repo's first key).")
        String key;

        @Option(names = "--repo", description = "Repo directory (default: $MINERSIM_PATH or ~/.minersim).")
        Path repo;

        @Override
        public Integer call() throws Exception {
            StatsEndpoint e = StatsEndpoint.ofName(endpoint);
            if (e == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "unknown endpoint '" + endpoint
                        + "'; one of total, commit_sector_count, commit_sector_size, terminate, fault, recover, "
                        + "expire, extend, snap, sector_duration");
            }
            List<String> dates = dates();
            Path r = repo(repo);
            URI base = URI.create(url != null ? url : readApi(r));
            String apiKey = key != null ? key : StatsKeys.stored(r).stream().findFirst().orElseThrow(
                    () -> new IllegalStateException("no stats key in " + r.resolve(StatsKeys.FILE)
                            + ": run minersim stats create-key, or pass --key"));
            HttpClient http = HttpClient.newHttpClient();
            List<JsonNode> rows = new ArrayList<>();
            for (String d : dates) {
                StringBuilder q = new StringBuilder();
                if (d != null) {
                    q.append("state_date=").append(d);
                }
                if (miner != null) {
                    q.append(q.length() == 0 ? "" : "&").append("miner_id=")
                            .append(URLEncoder.encode(miner, StandardCharsets.UTF_8));
                }
                URI uri = base.resolve(e.path() + (q.length() == 0 ? "" : "?" + q));
                HttpResponse<String> resp = http.send(HttpRequest.newBuilder(uri).header("Authorization",
                        "Bearer " + apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
                JsonNode body = JSON.readTree(resp.body());
                if (body.path("code").asInt(-1) != 0) {
                    throw new IllegalStateException(body.path("message").asText(resp.body()) + " (code "
                            + body.path("code").asText() + ", HTTP " + resp.statusCode() + ")");
                }
                body.path("data").forEach(rows::add);
            }
            print(e, rows, spec.commandLine().getOut());
            return 0;
        }

        private List<String> dates() {
            if (date != null && (from != null || to != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give --date or --from/--to, not both");
            }
            if (from == null && to == null) {
                List<String> one = new ArrayList<>();
                one.add(date == null ? null : parse("--date", date).toString());
                return one;
            }
            LocalDate a = parse("--from", from == null ? to : from);
            LocalDate b = parse("--to", to == null ? from : to);
            if (b.isBefore(a)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--to " + b + " is before --from " + a);
            }
            List<String> out = new ArrayList<>();
            for (LocalDate d = a; !d.isAfter(b); d = d.plusDays(1)) {
                out.add(d.toString());
            }
            return out;
        }

        private LocalDate parse(String option, String text) {
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException ex) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " must be YYYY-MM-DD, not '"
                        + text + "'");
            }
        }

        private static String readApi(Path repo) throws IOException {
            Path f = repo.resolve(StatsServer.API_FILE);
            if (!Files.exists(f)) {
                throw new IllegalStateException("no running statistics server: " + f
                        + " does not exist (start minersim run, or pass --url)");
            }
            return Files.readString(f, StandardCharsets.UTF_8).strip();
        }
    }

    /** The rows as a table: one column per field, numbers right-aligned. */
    static void print(StatsEndpoint e, List<JsonNode> rows, PrintWriter out) {
        List<String> names = e.fields().stream().map(StatsEndpoint.Field::name).toList();
        int[] width = new int[names.size()];
        List<String[]> cells = new ArrayList<>();
        for (JsonNode row : rows) {
            String[] c = new String[names.size()];
            for (int i = 0; i < c.length; i++) {
                JsonNode v = row.path(names.get(i));
                c[i] = i == 0 ? v.asText().substring(0, Math.min(10, v.asText().length())) : v.asText();
            }
            cells.add(c);
        }
        for (int i = 0; i < width.length; i++) {
            width[i] = i == 0 ? "stat_date".length() : names.get(i).length();
            for (String[] c : cells) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        StringBuilder header = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            header.append(i == 0 ? "" : "  ").append(pad(names.get(i), width[i], i >= 2));
        }
        out.println(header.toString().stripTrailing());
        for (String[] c : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < width.length; i++) {
                line.append(i == 0 ? "" : "  ").append(pad(c[i], width[i], i >= 2));
            }
            out.println(line.toString().stripTrailing());
        }
        out.flush();
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
