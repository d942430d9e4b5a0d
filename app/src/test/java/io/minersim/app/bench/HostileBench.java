package io.minersim.app.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import io.minersim.app.testing.RawWebSocket;

/**
 * Measures what issue 12's hostile clients cost a running {@code minersim run} (any build: run it against the jar
 * before and after a change), from outside the server's process: its CPU and RSS are read from {@code /proc/PID}.
 * Not a test. Usage (the server on {@code 127.0.0.1:PORT}, its pid PID; Linux):
 *
 * <pre>
 * java -cp app/target/test-classes io.minersim.app.bench.HostileBench port=PORT pid=PID what=cpu [timeout=60]
 * ... what=slow clients=2000 probes=20       # latency of other clients while N clients dribble their bodies
 * ... what=ws requests=6000 token=JWT sector=0  # a WebSocket client that sends and never reads
 * ... what=heap batch=100000                 # RSS after a 100 MiB body and a batch, then idle
 * </pre>
 *
 * Only loopback; every loop is bounded in count and time.
 */
public final class HostileBench {
    private final int port;
    private final long pid;
    private final Map<String, String> args;

    private HostileBench(Map<String, String> args) {
        this.args = args;
        this.port = Integer.parseInt(args.getOrDefault("port", "2345"));
        this.pid = Long.parseLong(args.getOrDefault("pid", "0"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> a = new TreeMap<>();
        for (String s : argv) {
            int eq = s.indexOf('=');
            a.put(s.substring(0, eq), s.substring(eq + 1));
        }
        HostileBench b = new HostileBench(a);
        switch (a.getOrDefault("what", "cpu")) {
            case "cpu" -> b.cpu();
            case "slow" -> b.slow(Integer.parseInt(a.getOrDefault("clients", "2000")),
                    Integer.parseInt(a.getOrDefault("probes", "20")));
            case "ws" -> b.ws(Integer.parseInt(a.getOrDefault("requests", "6000")), a.getOrDefault("token", ""),
                    a.getOrDefault("sector", "0"));
            case "heap" -> b.heap(Integer.parseInt(a.getOrDefault("batch", "100000")),
                    Integer.parseInt(a.getOrDefault("idle", "60")));
            default -> throw new IllegalArgumentException("what=cpu|slow|ws|heap");
        }
    }

    // ------------------------------------------------------------------------------------------ the server

    /** The server's CPU time in seconds (utime + stime, USER_HZ 100). */
    private double serverCpu() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** The server's resident set, in MB. */
    private double serverRssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    // ------------------------------------------------------------------------------------------ raw HTTP

    /** One POST on a fresh connection; the status line and the first 200 bytes of the body, and the seconds. */
    private String post(byte[] body, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            out.write(("POST /rpc/v0 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(body);
            } catch (IOException e) {
                // answered and closed before the whole body went: read the answer
            }
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) >= 0 && got.size() < 1 << 20) {
                got.write(buf, 0, n);
            }
            String all = got.toString(StandardCharsets.ISO_8859_1);
            int head = all.indexOf("\r\n\r\n");
            return all.substring(0, all.indexOf("\r\n")) + " | "
                    + all.substring(head + 4, Math.min(all.length(), head + 4 + 200)).strip();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------------------------------ CPU

    private void cpu() throws IOException {
        int timeoutMillis = Integer.parseInt(args.getOrDefault("timeout", "60")) * 1000;
        String million = "1".repeat(1_000_000);
        byte[] hundredMiB = new byte[100 << 20];
        Arrays.fill(hundredMiB, (byte) '7');
        byte[] idBody = hundredMiB.clone();
        byte[] pre = ascii("{\"jsonrpc\":\"2.0\",\"id\":");
        byte[] post = ascii(",\"method\":\"Filecoin.SectorsSummary\",\"params\":[]}");
        System.arraycopy(pre, 0, idBody, 0, pre.length);
        System.arraycopy(post, 0, idBody, idBody.length - post.length, post.length);
        Map<String, byte[]> cases = new java.util.LinkedHashMap<>();
        cases.put("1M-digit id", ascii("{\"jsonrpc\":\"2.0\",\"id\":" + million
                + ",\"method\":\"Filecoin.SectorsSummary\",\"params\":[]}"));
        cases.put("1M-digit sector number", ascii("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorsStatus\","
                + "\"params\":[" + million + ",false]}"));
        cases.put("1M-digit number in Sim.Restore", ascii("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Sim.Restore\","
                + "\"params\":[{\"a\":" + million + "}]}"));
        cases.put("id 1e99999999999", ascii("{\"jsonrpc\":\"2.0\",\"id\":1e99999999999,"
                + "\"method\":\"Filecoin.SectorsSummary\",\"params\":[]}"));
        cases.put("100 MiB of digits", hundredMiB);
        cases.put("100 MiB id", idBody);
        for (Map.Entry<String, byte[]> c : cases.entrySet()) {
            double cpu0 = serverCpu();
            long t0 = System.nanoTime();
            String answer;
            try {
                answer = post(c.getValue(), timeoutMillis);
            } catch (IOException e) {
                answer = "no answer: " + e.getMessage();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            double cpu = serverCpu() - cpu0;
            System.out.printf("%-32s server CPU %7.2f s, wall %7.2f s: %s%n", c.getKey(), cpu, wall,
                    answer.length() > 140 ? answer.substring(0, 140) + "…" : answer);
        }
    }

    // ------------------------------------------------------------------------------------------ slow clients

    private void slow(int clients, int probes) throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < clients; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.getOutputStream().write(ascii("POST /rpc/v0 HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n"
                        + "\r\n{\"jsonrpc\":\"2.0\",\"id\":1,"));
                slow.add(s);
            }
            System.out.printf("%d clients sent their headers and are dribbling their bodies (one byte each 200 ms)%n",
                    clients);
            AtomicInteger alive = new AtomicInteger(clients);
            Thread dribbler = new Thread(() -> {
                long end = System.nanoTime() + 120_000_000_000L;
                while (System.nanoTime() < end && !Thread.currentThread().isInterrupted()) {
                    int ok = 0;
                    for (Socket s : slow) {
                        try {
                            s.getOutputStream().write(' ');
                            ok++;
                        } catch (IOException e) {
                            // the server closed it
                        }
                    }
                    alive.set(ok);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "dribbler");
            dribbler.setDaemon(true);
            dribbler.start();
            Thread.sleep(1000);
            double[] ms = new double[probes];
            int answered = 0;
            byte[] body = ascii("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"Filecoin.SectorsSummary\",\"params\":[]}");
            for (int i = 0; i < probes; i++) {
                long t0 = System.nanoTime();
                String a;
                try {
                    a = post(body, 5000);
                    answered++;
                } catch (IOException e) {
                    a = "no answer in 5 s: " + e.getMessage();
                }
                ms[i] = (System.nanoTime() - t0) / 1e6;
                if (i == 0) {
                    System.out.println("first probe: " + a);
                }
            }
            Arrays.sort(ms);
            System.out.printf("probes answered %d/%d; latency min %.1f ms, median %.1f ms, max %.1f ms; slow "
                    + "clients still connected %d%n", answered, probes, ms[0], ms[probes / 2], ms[probes - 1],
                    alive.get());
            dribbler.interrupt();
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ WebSocket

    private void ws(int requests, String token, String sector) throws Exception {
        double rss0 = serverRssMb();
        try (RawWebSocket ws = RawWebSocket.connect(port, 4096, token.isEmpty() ? ""
                : "Authorization: Bearer " + token + "\r\n")) { // and never reads: the answers pile up on the server
            AtomicInteger sent = new AtomicInteger();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < requests; i++) {
                        ws.send("{\"jsonrpc\":\"2.0\",\"id\":" + (i + 1)
                                + ",\"method\":\"Filecoin.SectorsStatus\",\"params\":[" + sector + ",true]}");
                        sent.incrementAndGet();
                    }
                } catch (IOException e) {
                    // closed by the server, or by us at the end
                }
            }, "ws-writer");
            writer.setDaemon(true);
            writer.start();
            long end = System.nanoTime() + 20_000_000_000L;
            int last = -1;
            while (System.nanoTime() < end && writer.isAlive()) {
                Thread.sleep(1000);
                if (sent.get() == last) {
                    break; // the server stopped reading: our writes block
                }
                last = sent.get();
            }
            Thread.sleep(3000);
            System.out.printf("sent %d of %d requests without reading an answer; server RSS %.0f MB -> %.0f MB "
                    + "(+%.0f MB)%n", sent.get(), requests, rss0, serverRssMb(), serverRssMb() - rss0);
        }
    }

    // ------------------------------------------------------------------------------------------ heap

    private void heap(int batch, int idleSeconds) throws Exception {
        System.out.printf("server RSS at start %.0f MB%n", serverRssMb());
        byte[] body = new byte[100 << 20];
        byte[] pre = ascii("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.ActorAddress\",\"params\":[],\"x\":\"");
        Arrays.fill(body, (byte) 'x');
        System.arraycopy(pre, 0, body, 0, pre.length);
        body[body.length - 2] = '"';
        body[body.length - 1] = '}';
        System.out.println("100 MiB body: " + post(body, 120_000));
        System.out.printf("server RSS after the 100 MiB body %.0f MB%n", serverRssMb());
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < batch; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"jsonrpc\":\"2.0\",\"id\":").append(i + 1)
                    .append(",\"method\":\"Filecoin.SectorsSummary\",\"params\":[]}");
        }
        String a = post(ascii(sb.append(']').toString()), 120_000);
        System.out.println(batch + "-call batch: " + a.substring(0, Math.min(80, a.length())));
        System.out.printf("server RSS after the batch %.0f MB%n", serverRssMb());
        for (int t = 5; t <= idleSeconds; t += 5) {
            Thread.sleep(5000);
            System.out.printf("idle %3d s: server RSS %.0f MB%n", t, serverRssMb());
        }
    }
}
