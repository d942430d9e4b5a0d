package io.minersim.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The training run of the build's class-data-sharing archive ({@code app/target/minersim.jsa}, made with
 * {@code -XX:ArchiveClassesAtExit}; {@code ./minersim} starts with it): a real {@code minersim run} on a throw-away
 * repo, in this JVM, asked what a tool asks first (the miner's, the full node's and the statistics' endpoints, the
 * web page), then stopped with {@code Filecoin.Shutdown}; then the same again on the saved repo, which it restores. The classes that start-up and a first answer load are then
 * archived, already parsed and verified. It fails (exit code 1) if the run does not answer, so the build also checks
 * that the jar starts.
 */
public final class StartupTraining {
    private static final Pattern API_INFO = Pattern.compile("(MINER|FULLNODE)_API_INFO=([^:\\s]+):/ip4/([^/]+)/tcp/(\\d+)/http");
    private static final Pattern PAGE = Pattern.compile("web page at (http://\\S+?)/#key=(\\S+?)&token=(\\S+)");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private StartupTraining() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Files.createTempDirectory("minersim-training");
        try {
            train(repo);
        } catch (Exception | Error e) {
            e.printStackTrace();
            delete(repo);
            System.exit(1); // the run's server threads would keep the JVM (and the build) waiting
        }
        delete(repo);
    }

    private static void delete(Path repo) throws IOException {
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Runs twice on the same repo: the first run makes the world, the second restores it (the start of an existing
     * repo, whose snapshot and journal decoding is then in the archive too).
     */
    private static void train(Path repo) throws Exception {
        trainOnce(repo);
        trainOnce(repo);
    }

    private static void trainOnce(Path repo) throws Exception {
        StringWriter printed = new StringWriter();
        int[] code = {-1};
        Thread run = new Thread(() -> {
            String[] args = {"run", "--repo", repo.toString(), "--listen", "127.0.0.1:0", "--full-listen",
                "127.0.0.1:0", "--stats-listen", "127.0.0.1:0", "--pledge", "2"};
            var cl = MinerSimCommand.commandLine(args); // as Main builds it
            cl.setOut(new PrintWriter(printed, true));
            cl.setErr(new PrintWriter(printed, true));
            code[0] = cl.execute(args);
        }, "minersim-training-run");
        run.start();
        long deadline = System.nanoTime() + WAIT.toNanos();
        String miner = null;
        String full = null;
        Matcher page = null;
        while (miner == null || full == null || page == null) {
            if (!run.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("minersim run did not start: " + printed);
            }
            Thread.sleep(20);
            String out = printed.toString();
            Matcher m = API_INFO.matcher(out);
            while (m.find()) {
                String endpoint = m.group(2) + " http://" + m.group(3) + ":" + m.group(4);
                if (m.group(1).equals("MINER")) {
                    miner = endpoint;
                } else {
                    full = endpoint;
                }
            }
            Matcher p = PAGE.matcher(out);
            page = p.find() ? p : null;
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        for (String call : List.of("Filecoin.Version\",\"params\":[]", "Filecoin.SectorsSummary\",\"params\":[]",
                "Filecoin.SectorsList\",\"params\":[]", "Filecoin.SectorsStatus\",\"params\":[1,true]",
                "Filecoin.ActorAddress\",\"params\":[]")) {
            rpc(http, miner, "/rpc/v0", call);
        }
        for (String call : List.of("Filecoin.ChainHead\",\"params\":[]",
                "Filecoin.StateMinerPower\",\"params\":[\"f01000\",[]]")) {
            rpc(http, full, "/rpc/v1", call);
        }
        get(http, URI.create(page.group(1) + "/"), null);
        get(http, URI.create(page.group(1) + "/storage_provider/sector/total?miner_id=f01000"), page.group(2));
        rpc(http, miner, "/rpc/v0", "Filecoin.Shutdown\",\"params\":[]");
        run.join(WAIT.toMillis());
        if (run.isAlive() || code[0] != 0) {
            throw new IllegalStateException("minersim run did not stop cleanly (" + code[0] + "): " + printed);
        }
    }

    /** One JSON-RPC call ({@code method","params":[…]}) with the admin token; fails on anything but a result. */
    private static void rpc(HttpClient http, String endpoint, String path, String call)
            throws IOException, InterruptedException {
        String[] tokenAndUrl = endpoint.split(" ");
        HttpRequest req = HttpRequest.newBuilder(URI.create(tokenAndUrl[1] + path)).timeout(WAIT)
                .header("Authorization", "Bearer " + tokenAndUrl[0])
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + call + "}"))
                .build();
        String body = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        if (!body.contains("\"result\"")) {
            throw new IllegalStateException(call + " -> " + body);
        }
    }

    private static void get(HttpClient http, URI uri, String key) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(WAIT);
        if (key != null) {
            req.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException(uri.getPath() + " -> " + r.statusCode() + " " + r.body());
        }
    }
}
