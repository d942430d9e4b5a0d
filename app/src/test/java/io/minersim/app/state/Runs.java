package io.minersim.app.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.CommandRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** {@code minersim run} in this JVM, in the background, called over HTTP, stopped by {@code Filecoin.Shutdown}. */
final class Runs {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Runs() {
    }

    /** A run going on in the background. */
    static final class Running implements AutoCloseable {
        final Path repo;
        final CompletableFuture<CommandRun> done;
        final URI uri;
        final String token;

        private Running(Path repo, CompletableFuture<CommandRun> done, URI uri, String token) {
            this.repo = repo;
            this.done = done;
            this.uri = uri;
            this.token = token;
        }

        String raw(String method, String params) throws Exception {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                            + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        JsonNode result(String method, String params) throws Exception {
            JsonNode r = JSON.readTree(raw(method, params));
            if (!r.has("result")) {
                throw new AssertionError(method + " " + params + ": " + r);
            }
            return r.get("result");
        }

        /** Stops it with {@code Filecoin.Shutdown} and returns what it printed. */
        CommandRun stop() throws Exception {
            raw("Filecoin.Shutdown", "[]");
            return done.get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            if (!done.isDone()) {
                try {
                    stop();
                } catch (Exception e) {
                    throw new AssertionError("stopping the run: " + e, e);
                }
            }
        }
    }

    /** Starts {@code minersim run --repo repo --listen 127.0.0.1:0 --stats-listen off <args>}; waits for its endpoint. */
    static Running start(Path repo, String... args) throws Exception {
        return start(repo, repo, args);
    }

    /** As {@link #start(Path, String...)}, the endpoint named by the api and token files in {@code minerDir}. */
    static Running start(Path repo, Path minerDir, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("run", "--repo", repo.toString(), "--listen", "127.0.0.1:0",
                "--stats-listen", "off"));
        all.addAll(List.of(args));
        Files.deleteIfExists(minerDir.resolve("api"));
        CompletableFuture<CommandRun> done = CompletableFuture.supplyAsync(
                () -> CommandRun.execute(all.toArray(String[]::new)), r -> {
                    Thread t = new Thread(r, "minersim-run");
                    t.setDaemon(true);
                    t.start();
                });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Path api = minerDir.resolve("api");
        while (!Files.exists(api) || Files.readString(api).isBlank()) {
            if (done.isDone()) {
                throw new AssertionError("the run ended: " + done.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no api file in " + repo);
            }
            Thread.sleep(20);
        }
        String[] parts = Files.readString(api).split("/");
        URI uri = URI.create("http://" + parts[2] + ":" + parts[4] + "/rpc/v0");
        return new Running(repo, done, uri, Files.readString(minerDir.resolve("token")));
    }

    /** A run that must fail at once: what it printed. */
    static CommandRun fail(Path repo, String... args) {
        List<String> all = new ArrayList<>(List.of("run", "--repo", repo.toString(), "--listen", "127.0.0.1:0",
                "--stats-listen", "off"));
        all.addAll(List.of(args));
        return CommandRun.execute(all.toArray(String[]::new));
    }

    /** One JSON-RPC call over HTTP with a token: the whole answer. */
    static JsonNode call(String url, String token, String method, String params) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                        + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString()).body();
        return JSON.readTree(body);
    }
}
