package io.minersim.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The heap defect: after a 100 MiB body or a 100,000-call batch the process kept its peak RSS (778 MB measured)
 * for as long as it ran. The launcher now runs the JVM with {@code jvm.options}: a 2 GiB heap that G1 gives back
 * to the system when the simulator is idle (a periodic collection once none has run for a while). This test runs
 * {@code minersim run} in a child JVM with those options (the period shortened to 1 s, so that the test is short)
 * and checks that the memory a 64 MiB body took is given back.
 */
class LauncherMemoryTest {
    private static final Path OPTIONS = Path.of("../jvm.options");

    /** The options of {@code jvm.options}, comments dropped. */
    private static List<String> options() throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(OPTIONS)) {
            String s = line.replaceAll("#.*", "").strip();
            if (!s.isEmpty()) {
                out.addAll(Arrays.asList(s.split("\\s+")));
            }
        }
        return out;
    }

    @Test
    void theScriptAndTheReadmeRunTheJvmWithJvmOptions() throws IOException {
        assertThat(Files.readString(Path.of("../minersim"))).contains("exec java \"@$here/jvm.options\"");
        assertThat(Files.readString(Path.of("../README.md"))).contains("java @jvm.options -jar app/target/minersim.jar");
        assertThat(options()).contains("-Xmx2g", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=15000",
                "-XX:MaxHeapFreeRatio=30", "-Djdk.nio.maxCachedBufferSize=262144");
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS");
    }

    @Test
    void memoryABigBodyTookIsGivenBackWhenIdle(@TempDir Path repo) throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "reads RSS from /proc");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String o : options()) {
            cmd.add(o.startsWith("-XX:G1PeriodicGCInterval=") ? "-XX:G1PeriodicGCInterval=1000" : o);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", "--repo",
                repo.toString(), "--clock", "manual", "--listen", "127.0.0.1:0", "--stats-listen", "off"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            long deadline = System.nanoTime() + 20_000_000_000L;
            Pattern tcp = Pattern.compile("/tcp/(\\d+)/http");
            String line;
            while (port < 0 && System.nanoTime() < deadline && (line = out.readLine()) != null) {
                Matcher m = tcp.matcher(line);
                if (line.startsWith("MINER_API_INFO=") && m.find()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertThat(port).as("the child printed MINER_API_INFO").isPositive();
            Thread drain = new Thread(() -> {
                try {
                    while (out.readLine() != null) {
                        // keep the child's output flowing
                    }
                } catch (IOException e) {
                    // the child ended
                }
            });
            drain.setDaemon(true);
            drain.start();

            long before = rssKb(p.pid());
            byte[] body = new byte[64 << 20];
            Arrays.fill(body, (byte) 'x');
            byte[] head = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.ActorAddress\",\"params\":[],\"x\":\""
                    .getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(head, 0, body, 0, head.length);
            body[body.length - 2] = '"';
            body[body.length - 1] = '}';
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/rpc/v0"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":\"f01000\"}\n");
            long peak = rssKb(p.pid());
            assertThat(peak - before).as("the body took memory (KB)").isGreaterThan(64 * 1024);
            long now = peak;
            long end = System.nanoTime() + 12_000_000_000L;
            while (System.nanoTime() < end) {
                Thread.sleep(250);
                now = rssKb(p.pid());
                if (now < before + (peak - before) / 4) {
                    break;
                }
            }
            System.out.printf("child RSS: %d MB before, %d MB after a 64 MiB body, %d MB once idle%n", before >> 10,
                    peak >> 10, now >> 10);
            assertThat(now).as("RSS once idle (KB); %d before, %d at the peak", before, peak)
                    .isLessThan(before + (peak - before) / 4);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
