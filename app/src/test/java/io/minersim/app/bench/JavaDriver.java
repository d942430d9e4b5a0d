package io.minersim.app.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fallback when {@code wrk} is not installed: a closed-loop generator in this JVM, one thread per
 * connection, raw HTTP/1.1 keep-alive sockets. Latencies (send to last body byte) go into a bounded array per
 * thread; percentiles are read from the sorted union. Shares the JVM (and its GC) with the servers.
 */
final class JavaDriver implements LoadDriver {
    /** At most this many latencies are kept per connection; later ones are counted but not stored. */
    private static final int MAX_SAMPLES_PER_CONNECTION = 4_000_000;

    private final int connections;

    JavaDriver(int connections) {
        this.connections = connections;
    }

    @Override
    public String describe() {
        return "in-JVM Java client, " + connections + " connections (raw sockets, keep-alive)";
    }

    @Override
    public LoadResult run(URI uri, Workload w, int seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong errors = new AtomicLong();
        long[][] samples = new long[connections][];
        int[] counts = new int[connections];
        long[] totals = new long[connections];
        Thread[] threads = new Thread[connections];
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            int id = c;
            threads[c] = new Thread(() -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                long total = 0;
                SplittableRandom rnd = new SplittableRandom(12345 + 7919L * id);
                byte[] fixed = w.random() ? null : request(uri, w.body(rnd), w.token());
                try (Socket s = new Socket()) {
                    s.setTcpNoDelay(true);
                    s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
                    s.setSoTimeout(10_000);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
                    while (System.nanoTime() < end) {
                        byte[] req = fixed != null ? fixed : request(uri, w.body(rnd), w.token());
                        long t0 = System.nanoTime();
                        out.write(req);
                        out.flush();
                        if (readResponse(in) != 200) {
                            errors.incrementAndGet();
                        }
                        long t = System.nanoTime() - t0;
                        total++;
                        if (n < MAX_SAMPLES_PER_CONNECTION) {
                            if (n == lat.length) {
                                lat = Arrays.copyOf(lat, Math.min(lat.length * 2, MAX_SAMPLES_PER_CONNECTION));
                            }
                            lat[n++] = t;
                        }
                    }
                } catch (IOException e) {
                    errors.incrementAndGet();
                }
                samples[id] = lat;
                counts[id] = n;
                totals[id] = total;
            }, "load-" + c);
            threads[c].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double secs = (System.nanoTime() - start) / 1e9;
        long requests = Arrays.stream(totals).sum();
        long[] all = new long[Arrays.stream(counts).sum()];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(samples[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        return new LoadResult(requests, secs, requests / secs, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99),
                all.length == 0 ? Double.NaN : all[all.length - 1] / 1e3, errors.get(),
                all.length < requests ? "latencies of " + all.length + " requests" : "");
    }

    private static double pct(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e3;
    }

    private static byte[] request(URI uri, byte[] body, String token) {
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + (token == null ? "" : "\r\nAuthorization: Bearer " + token)
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] r = Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, r, h.length, body.length);
        return r;
    }

    /** Reads one response (status line, headers, Content-Length body) and returns its status. */
    private static int readResponse(InputStream in) throws IOException {
        int status = -1;
        long length = -1;
        StringBuilder line = new StringBuilder(128);
        while (true) {
            line.setLength(0);
            int b;
            while ((b = in.read()) != '\n') {
                if (b < 0) {
                    throw new IOException("connection closed");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            if (line.length() == 0) {
                break;
            }
            String l = line.toString();
            if (status < 0) {
                status = Integer.parseInt(l.substring(9, 12));
            } else if (l.regionMatches(true, 0, "content-length:", 0, 15)) {
                length = Long.parseLong(l.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("no Content-Length");
        }
        for (long left = length; left > 0; ) {
            long k = in.skip(left);
            if (k <= 0) {
                if (in.read() < 0) {
                    throw new IOException("connection closed in body");
                }
                k = 1;
            }
            left -= k;
        }
        return status;
    }
}
