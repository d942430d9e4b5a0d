package io.minersim.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code minersim run} as a child process (this build's classes), on a manual clock, killed with SIGKILL at seeded
 * random moments while four clients pledge, add deal pieces, terminate and fault sectors and move the clock. After
 * each restart on the same repo: every acknowledged change is there (each pledged sector, each placed piece, each
 * termination and fault in the history, the head at least as far as any acknowledged advance). Then, at rest, every
 * read (every sector's status, the lists, the history, the queues, the number assigner) is taken, the process
 * killed again, and after the restart every read answers byte for byte as before. The journal is compacted often
 * (every 150 records), so kills also land during compactions; the rounds take turns with {@code --sync os} and
 * {@code --sync fsync}.
 */
class KillNineTest {
    private static final long SEED = 20_261_206L;
    private static final int ROUNDS = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ZERO_PIECE_1016 = "baga6ea4seaqb66wjlfkrbye6uqoemcyxmqylwmrm235uclwfpsyx3ge2imidoly";
    private static final String PUBLISH_CID = "bafy2bzacecys2f6saakfqge5z3rx5ywdwqthynw5i3aif2f6hdqdwjuzi3kr2";

    @TempDir
    Path repo;

    /** What the clients were told, i.e. what must survive. */
    private final ConcurrentLinkedQueue<Long> pledged = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<long[]> placed = new ConcurrentLinkedQueue<>(); // {deal, sector}
    private final ConcurrentLinkedQueue<Long> terminated = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Long> faulted = new ConcurrentLinkedQueue<>();
    private final AtomicLong advancedTo = new AtomicLong();
    private final AtomicLong nextDeal = new AtomicLong(5_000);

    @Test
    void everyAcknowledgedChangeSurvivesSigkillAndEveryReadAnswersAsBefore() throws Exception {
        Random random = new Random(SEED);
        Child child = Child.start(repo, "os");
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                // drive: four clients, killed at a random moment
                AtomicBoolean stop = new AtomicBoolean();
                List<Thread> clients = new ArrayList<>();
                for (int c = 0; c < 4; c++) {
                    long clientSeed = random.nextLong();
                    Child target = child;
                    Thread t = new Thread(() -> drive(target, new Random(clientSeed), stop), "client-" + c);
                    t.start();
                    clients.add(t);
                }
                Thread.sleep(300 + random.nextInt(1200));
                child.kill();
                stop.set(true);
                for (Thread t : clients) {
                    t.join(10_000);
                }
                String sync = round % 2 == 0 ? "fsync" : "os"; // both ways of answering, in turn
                child = Child.start(repo, sync);
                assertThat(child.output).as("round %d: the start says what it restored", round)
                        .contains("minersim: restored ");
                checkAcknowledged(child, round);

                // at rest: every read, a kill, every read again
                String before = reads(child);
                child.kill();
                child = Child.start(repo, sync);
                String after = reads(child);
                assertThat(after).as("round %d: every read after a restart at rest", round).isEqualTo(before);
            }
            System.out.printf("KillNineTest: %d rounds; acknowledged %d pledges, %d pieces, %d terminations, %d faults,"
                    + " head %d; last start:%n%s", ROUNDS, pledged.size(), placed.size(), terminated.size(),
                    faulted.size(), advancedTo.get(), child.output);
            assertThat(pledged).as("the clients got answers").hasSizeGreaterThan(10);
            assertThat(terminated).as("terminations were acknowledged").isNotEmpty();
        } finally {
            child.kill();
        }
    }

    /** One client: random changes until told to stop (the answers it got are the acknowledged changes). */
    private void drive(Child child, Random random, AtomicBoolean stop) {
        while (!stop.get()) {
            try {
                int what = random.nextInt(10);
                if (what < 4) {
                    JsonNode r = child.call("Filecoin.PledgeSector", "[]");
                    if (r.has("result")) {
                        pledged.add(r.get("result").get("Number").asLong());
                    }
                } else if (what < 6) {
                    JsonNode r = child.call("Sim.Advance", "[" + (1 + random.nextInt(4)) + "]");
                    if (r.has("result")) {
                        advancedTo.accumulateAndGet(r.get("result").get("Epoch").asLong(), Math::max);
                    }
                } else if (what < 7) {
                    long deal = nextDeal.getAndIncrement();
                    JsonNode r = child.call("Filecoin.SectorAddPieceToAny", "[1016,{\"Type\":\"null\",\"Info\":\"1016\"},"
                            + deal(deal) + "]");
                    if (r.has("result")) {
                        placed.add(new long[] {deal, r.get("result").get("Sector").asLong()});
                    }
                } else if (what < 9) {
                    Long n = any(random);
                    if (n != null) {
                        JsonNode r = child.call("Filecoin.SectorTerminate", "[" + n + "]");
                        if (r.has("result")) {
                            terminated.add(n);
                        }
                    }
                } else {
                    Long n = any(random);
                    if (n != null) {
                        JsonNode r = child.call("Sim.DeclareFaults", "[[" + n + "]]");
                        if (r.has("result")) {
                            faulted.add(n);
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                return; // killed under us: whatever was in flight is not acknowledged
            }
        }
    }

    private Long any(Random random) {
        Long[] all = pledged.toArray(new Long[0]);
        return all.length == 0 ? null : all[random.nextInt(all.length)];
    }

    private static String deal(long id) {
        return "{\"PublishCid\":{\"/\":\"" + PUBLISH_CID + "\"},\"DealID\":" + id + ",\"DealProposal\":{\"PieceCID\":"
                + "{\"/\":\"" + ZERO_PIECE_1016 + "\"},\"PieceSize\":1024,\"VerifiedDeal\":false,\"Client\":\"f01234\","
                + "\"Provider\":\"f01000\",\"Label\":\"deal " + id + "\",\"StartEpoch\":200000,\"EndEpoch\":900000,"
                + "\"StoragePricePerEpoch\":\"0\",\"ProviderCollateral\":\"0\",\"ClientCollateral\":\"0\"},"
                + "\"DealSchedule\":{\"StartEpoch\":200000,\"EndEpoch\":900000},\"KeepUnsealed\":true}";
    }

    /** Every acknowledged change is in the restarted miner. */
    private void checkAcknowledged(Child child, int round) throws Exception {
        JsonNode head = child.call("Sim.Head", "[]").get("result");
        assertThat(head.get("Epoch").asLong()).as("round %d: the head", round).isGreaterThanOrEqualTo(advancedTo.get());
        for (long n : pledged) {
            assertThat(child.call("Filecoin.SectorsStatus", "[" + n + ",false]").has("result"))
                    .as("round %d: pledged sector %d", round, n).isTrue();
        }
        // a placed piece shows in the sector's pieces once its AddPiece stage is done
        advancedTo.accumulateAndGet(child.call("Sim.Advance", "[5]").get("result").get("Epoch").asLong(), Math::max);
        JsonNode refs = child.call("Filecoin.SectorsRefs", "[]").get("result");
        for (long[] p : placed) {
            JsonNode status = child.call("Filecoin.SectorsStatus", "[" + p[1] + ",false]").get("result");
            assertThat(status.get("Deals").toString()).as("round %d: deal %d placed in sector %d: %s", round, p[0],
                    p[1], status).contains(Long.toString(p[0]));
            JsonNode ref = refs.get(Long.toString(p[0]));
            assertThat(ref).as("round %d: deal %d placed in sector %d (refs)", round, p[0], p[1]).isNotNull();
            assertThat(ref.get(0).get("SectorID").asLong()).isEqualTo(p[1]);
        }
        List<String> events = new ArrayList<>();
        for (JsonNode e : child.call("Sim.Events", "[0,1000000]").get("result")) {
            events.add(e.get("Sector").asLong() + " " + e.get("Kind").asText());
        }
        for (long n : terminated) {
            assertThat(events).as("round %d: sector %d terminated", round, n).contains(n + " SectorTerminate");
        }
        for (long n : new java.util.TreeSet<>(faulted)) { // a sector faulted twice is recovered once
            // unreadable sectors fault on chain at their next PoSt; until then only a recovery tells: it is
            // refused for a sector neither unreadable nor faulty (the last check of the round: it changes state)
            // (a sector terminated since is refused for that, which is no loss)
            JsonNode r = child.call("Sim.Recover", "[[" + n + "]]");
            assertThat(r.has("result") ? "" : r.path("error").path("message").asText())
                    .as("round %d: sector %d faulted", round, n).doesNotContain("neither unreadable nor faulty");
        }
        faulted.clear();
    }

    /** Every read the API has, in one text. */
    private static String reads(Child child) throws Exception {
        StringBuilder out = new StringBuilder();
        for (String[] r : List.of(new String[] {"Sim.Head", "[]"}, new String[] {"Filecoin.SectorsList", "[]"},
                new String[] {"Filecoin.SectorsSummary", "[]"}, new String[] {"Filecoin.SectorsRefs", "[]"},
                new String[] {"Filecoin.SectorPreCommitPending", "[]"}, new String[] {"Filecoin.SectorCommitPending",
                    "[]"}, new String[] {"Filecoin.SectorTerminatePending", "[]"},
                new String[] {"Filecoin.SectorNumAssignerMeta", "[]"}, new String[] {"Filecoin.SectorNumReservations",
                    "[]"}, new String[] {"Filecoin.SectorGetSealDelay", "[]"},
                new String[] {"Sim.Events", "[0,1000000]"}, new String[] {"Sim.Snapshot", "[]"})) {
            out.append(r[0]).append(' ').append(child.raw(r[0], r[1])).append('\n');
        }
        for (JsonNode n : child.call("Filecoin.SectorsList", "[]").get("result")) {
            out.append(child.raw("Filecoin.SectorsStatus", "[" + n.asLong() + ",true]")).append('\n');
        }
        return out.toString();
    }

    /** The child process: its endpoint and what it printed at start. */
    static final class Child {
        final Process process;
        final URI uri;
        final String token;
        final String output;

        private Child(Process process, URI uri, String token, String output) {
            this.process = process;
            this.uri = uri;
            this.token = token;
            this.output = output;
        }

        static Child start(Path repo, String sync) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1",
                    "-Dminersim.compact.records=150", "-cp", System.getProperty("java.class.path"),
                    "io.minersim.app.Main", "run", "--repo", repo.toString(), "--clock", "manual", "--sector-size",
                    "2KiB", "--seed", "7", "--listen", "127.0.0.1:0", "--stats-listen", "off", "--sync", sync)
                    .redirectErrorStream(true);
            Process p = pb.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder text = new StringBuilder();
            Pattern info = Pattern.compile("MINER_API_INFO=([^:]+):/ip4/([^/]+)/tcp/(\\d+)/http");
            String token = null;
            URI uri = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String line;
            while ((line = in.readLine()) != null) {
                text.append(line).append('\n');
                Matcher m = info.matcher(line);
                if (m.find()) {
                    token = m.group(1);
                    uri = URI.create("http://" + m.group(2) + ":" + m.group(3) + "/rpc/v0");
                }
                if (line.startsWith("epoch ") || System.nanoTime() > deadline) {
                    break;
                }
            }
            if (uri == null) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("minersim run did not start:\n" + text);
            }
            Thread drain = new Thread(() -> {
                try {
                    while (in.readLine() != null) {
                        // keep the pipe empty
                    }
                } catch (IOException e) {
                    // the process is gone
                }
            }, "child-output");
            drain.setDaemon(true);
            drain.start();
            return new Child(p, uri, token, text.toString());
        }

        String raw(String method, String params) throws IOException, InterruptedException {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method
                            + "\",\"params\":" + params + "}")).build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        }

        JsonNode call(String method, String params) throws IOException, InterruptedException {
            return JSON.readTree(raw(method, params));
        }

        /** SIGKILL, and wait until it is gone. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
