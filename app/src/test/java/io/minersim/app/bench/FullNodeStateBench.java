package io.minersim.app.bench;

import io.minersim.app.fullnode.FullNode;
import io.minersim.app.node.MinerNode;
import io.minersim.rpc.FullNodeApi;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.MinerPartition;
import io.minersim.rpc.types.MinerSectorCount;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The full node's two heaviest reads of a big miner, issue 10's benchmark: {@code StateMinerPartitions} of one
 * deadline (the one with the most partitions) and {@code StateMinerSectorCount}, with N CC sectors (default
 * 1,000,000, all Proving, 32 GiB, devnet). Each is timed sequentially, one call at a time: in process (the
 * simulation's own cost: reading the chain state and building the wire records) and over HTTP on {@code /rpc/v1}
 * (a plain HTTP/1.1 POST, the answer read as bytes, not decoded), at the head and at a tipset 10 epochs below it
 * (the retained proving history), after the clock has moved A epochs past the sealing (default 20; 2880, a proving
 * period, has every sector proven once). It prints the median, p90 and p99 of R rounds of C calls after a warm-up
 * round.
 * Not a test: run it by hand.
 *
 * <pre>
 * ./mvnw -q -o -pl app -am test-compile
 * ./mvnw -q -o -pl app -am dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Xmx4g -cp app/target/test-classes:app/target/classes:sealing-core/target/classes:rpc-api/target/classes:$(cat /tmp/cp.txt) \
 *     io.minersim.app.bench.FullNodeStateBench sectors=1000000 calls=2000 rounds=3 advance=2880
 * </pre>
 */
public final class FullNodeStateBench {
    private static final FilAddress MINER = new FilAddress("f01000");

    private FullNodeStateBench() {
    }

    public static void main(String[] args) throws Exception {
        int sectors = 1_000_000;
        int calls = 2000;
        int rounds = 3;
        long advance = 20;
        for (String a : args) {
            String[] kv = a.split("=", 2);
            switch (kv[0]) {
                case "sectors" -> sectors = Integer.parseInt(kv[1]);
                case "calls" -> calls = Integer.parseInt(kv[1]);
                case "rounds" -> rounds = Integer.parseInt(kv[1]);
                case "advance" -> advance = Long.parseLong(kv[1]);
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        System.out.printf(Locale.ROOT, "JVM %s, max heap %d MiB, %d CPUs%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20, Runtime.getRuntime().availableProcessors());
        try (MinerNode node = MinerNode.builder().config(MinerConfig.of(Profile.DEVNET)).manualClock(true)
                .listen("127.0.0.1", 0).start()) {
            long t0 = System.nanoTime();
            LoadBench.seal(node.miner(), node.manualClock(), sectors, 50_000);
            System.out.printf(Locale.ROOT, "sealed %,d CC sectors in %.1f s%n", sectors, (System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            node.manualClock().advance(advance);
            System.out.printf(Locale.ROOT, "advanced %d epochs to %d in %.1f s%n", advance, node.miner().head(),
                    (System.nanoTime() - t1) / 1e9);
            try (FullNode full = FullNode.start(List.of(node.miner()), Profile.DEVNET, node.clock(), "127.0.0.1", 0,
                    null)) {
                run(full, calls, rounds);
            }
        }
    }

    private static void run(FullNode full, int calls, int rounds) throws Exception {
        FullNodeApi api = full.api();
        int deadline = 0;
        int most = -1;
        for (int d = 0; d < 48; d++) {
            List<MinerPartition> parts = api.stateMinerPartitions(MINER, d, null);
            int n = parts == null ? 0 : parts.size();
            if (n > most) {
                most = n;
                deadline = d;
            }
        }
        MinerSectorCount count = api.stateMinerSectorCount(MINER, null);
        long head = api.chainHead().height();
        List<CidLink> past = api.chainGetTipSetByHeight(head - 10, null).cids();
        System.out.printf(Locale.ROOT, "sector count %s; deadline %d has %d partitions; past tipset %d%n", count,
                deadline, most, head - 10);
        int dl = deadline;
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String pastKey = keyJson(past);
        measure("StateMinerPartitions in process, head", calls, rounds,
                () -> api.stateMinerPartitions(MINER, dl, null).size());
        measure("StateMinerPartitions in process, head-10", calls, rounds,
                () -> api.stateMinerPartitions(MINER, dl, past).size());
        measure("StateMinerSectorCount in process, head", calls, rounds,
                () -> api.stateMinerSectorCount(MINER, null).live());
        measure("StateMinerSectorCount in process, head-10", calls, rounds,
                () -> api.stateMinerSectorCount(MINER, past).live());
        measure("StateMinerPartitions HTTP, head", calls, rounds,
                post(http, full, "StateMinerPartitions", "[\"f01000\"," + dl + ",[]]"));
        measure("StateMinerPartitions HTTP, head-10", calls, rounds,
                post(http, full, "StateMinerPartitions", "[\"f01000\"," + dl + "," + pastKey + "]"));
        measure("StateMinerSectorCount HTTP, head", calls, rounds,
                post(http, full, "StateMinerSectorCount", "[\"f01000\",[]]"));
        measure("StateMinerSectorCount HTTP, head-10", calls, rounds,
                post(http, full, "StateMinerSectorCount", "[\"f01000\"," + pastKey + "]"));
    }

    private static String keyJson(List<CidLink> key) {
        StringBuilder b = new StringBuilder("[");
        for (CidLink c : key) {
            b.append(b.length() > 1 ? "," : "").append("{\"/\":\"").append(c.value()).append("\"}");
        }
        return b.append(']').toString();
    }

    /** One call over HTTP; its answer's size (failing on an error answer). */
    private static LongSupplier post(HttpClient http, FullNode full, String method, String params) {
        URI uri = full.httpUri();
        HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + full.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin."
                        + method + "\",\"params\":" + params + "}")).build();
        return () -> {
            try {
                byte[] body = http.send(req, HttpResponse.BodyHandlers.ofByteArray()).body();
                if (body.length < 40 && new String(body, java.nio.charset.StandardCharsets.UTF_8).contains("error")) {
                    throw new IllegalStateException(method + ": " + new String(body,
                            java.nio.charset.StandardCharsets.UTF_8));
                }
                return body.length;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        };
    }

    /** A warm-up round, then {@code rounds} of {@code calls} timed calls; prints percentiles over all of them. */
    private static void measure(String what, int calls, int rounds, LongSupplier call) {
        long sink = 0;
        for (int i = 0; i < calls; i++) {
            sink += call.getAsLong();
        }
        long[] nanos = new long[calls * rounds];
        long start = System.nanoTime();
        for (int i = 0; i < nanos.length; i++) {
            long t = System.nanoTime();
            sink += call.getAsLong();
            nanos[i] = System.nanoTime() - t;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%-42s median %8.1f µs  p90 %8.1f µs  p99 %8.1f µs  %,8.0f calls/s  (%d)%n",
                what, nanos[nanos.length / 2] / 1e3, nanos[nanos.length * 9 / 10] / 1e3,
                nanos[nanos.length * 99 / 100] / 1e3, nanos.length / seconds, sink % 10);
    }
}
