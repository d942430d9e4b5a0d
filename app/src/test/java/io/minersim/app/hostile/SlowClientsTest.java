package io.minersim.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The threads defect: 200 connections that sent their headers and then dribbled their bodies took every Jetty
 * thread (each blocked reading its body), and no one else was answered until they closed. Bodies are now read by
 * demand: with 2,000 such connections open (on the endpoint, the push endpoint and the statistics API), other
 * clients are still answered within 100 ms.
 */
class SlowClientsTest {
    @RegisterExtension
    static final HostileFixture f = new HostileFixture();

    private static final String SUMMARY = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"Filecoin.SectorsSummary\","
            + "\"params\":[]}";

    private static Socket slowClient(int port, String head) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    @Test
    void twoThousandDribblingBodiesLeaveOtherClientsAnsweredWithin100Ms() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 1600; i++) {
                slow.add(slowClient(f.rpcPort(), "POST /rpc/v0 HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n"
                        + "{\"jsonrpc\":\"2.0\",\"id\":1,"));
            }
            for (int i = 0; i < 200; i++) {
                slow.add(slowClient(f.rpcPort(), "POST /rpc/streams/v0/push/" + UUID.randomUUID() + " HTTP/1.1\r\n"
                        + "Host: x\r\nContent-Length: 100000\r\n\r\nabc"));
            }
            for (int i = 0; i < 200; i++) {
                slow.add(slowClient(f.statsPort(), "POST /storage_provider/sector/total HTTP/1.1\r\nHost: x\r\n"
                        + "Authorization: Bearer " + HostileFixture.STATS_KEY + "\r\nContent-Length: 100000\r\n\r\n{"));
            }
            assertThat(slow).hasSize(2000);
            // every slow client sends a byte every 100 ms, while others call
            java.util.concurrent.atomic.AtomicInteger bytes = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger firstClients = new java.util.concurrent.atomic.AtomicInteger();
            Thread dribbler = new Thread(() -> {
                long end = System.nanoTime() + 15_000_000_000L;
                while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                    for (Socket s : slow) {
                        try {
                            s.getOutputStream().write(' ');
                            bytes.incrementAndGet();
                            if (s == slow.get(0)) {
                                firstClients.incrementAndGet();
                            }
                        } catch (IOException e) {
                            // the statistics API answered without reading, and may close
                        }
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "dribbler");
            dribbler.start();
            double[] rpc = new double[30];
            double[] stats = new double[10];
            try {
                for (int warm = 0; warm < 5; warm++) { // the JIT's first pass over these paths is not measured
                    Hostile.post(f.node.httpUri(), SUMMARY);
                    Thread.sleep(100);
                }
                long deadline = System.nanoTime() + 12_000_000_000L;
                for (int round = 0; round < rpc.length; round++) {
                    Thread.sleep(20);
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = Hostile.post(f.node.httpUri(), SUMMARY);
                    rpc[round] = (System.nanoTime() - t0) / 1e6;
                    assertThat(r.statusCode()).isEqualTo(200);
                    assertThat(r.body()).isEqualTo("{\"id\":2,\"jsonrpc\":\"2.0\",\"result\":{}}\n");
                    if (round < stats.length) {
                        t0 = System.nanoTime();
                        HttpResponse<String> s = Hostile.HTTP.send(java.net.http.HttpRequest.newBuilder(
                                f.statsUri("/storage_provider/sector/total")).header("Authorization", "Bearer "
                                        + HostileFixture.STATS_KEY).build(), HttpResponse.BodyHandlers.ofString());
                        stats[round] = (System.nanoTime() - t0) / 1e6;
                        Hostile.assertJson("statistics", s.body());
                    }
                    assertThat(System.nanoTime()).as("bounded in time").isLessThan(deadline);
                }
            } finally {
                dribbler.interrupt();
                dribbler.join(5000);
            }
            assertThat(bytes.get()).as("the slow clients kept sending").isGreaterThan(2 * 1800);
            System.out.println("with 2,000 slow clients, probe latencies (ms), in order: " + Arrays.toString(rpc) + "; statistics: "
                    + Arrays.toString(stats));
            Arrays.sort(rpc);
            Arrays.sort(stats);
            // a probe or two may meet a GC pause or the JIT on a shared machine; the rest are a few ms
            assertThat(rpc[rpc.length * 9 / 10 - 1]).as("90th percentile of %s ms", Arrays.toString(rpc))
                    .isLessThan(100.0);
            assertThat(rpc[rpc.length - 1]).as("slowest of %s ms", Arrays.toString(rpc)).isLessThan(1000.0);
            assertThat(stats[stats.length / 2]).as("median of %s ms", Arrays.toString(stats)).isLessThan(100.0);

            // and a slow client that finally sends the rest of its body is answered as any other
            Socket first = slow.get(0);
            String tail = "\"method\":\"Filecoin.SectorsSummary\"}";
            int sent = "{\"jsonrpc\":\"2.0\",\"id\":1,".length() + firstClients.get();
            first.getOutputStream().write((" ".repeat(100_000 - sent - tail.length()) + tail)
                    .getBytes(StandardCharsets.US_ASCII));
            first.setSoTimeout(5000);
            byte[] answer = new byte[4096];
            int n = first.getInputStream().read(answer);
            String got = new String(answer, 0, Math.max(0, n), StandardCharsets.ISO_8859_1);
            assertThat(got).startsWith("HTTP/1.1 200 ").endsWith("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{}}\n");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
