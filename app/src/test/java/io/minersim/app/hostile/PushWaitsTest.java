package io.minersim.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.node.MinerNode;
import io.minersim.rpc.Permission;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A thread defect of the same kind as slow bodies: Lotus's decoder of an {@code io.Reader} parameter waits (30 s)
 * for its upload, parameters are decoded before permissions are checked, and here the wait holds the calling
 * thread; so 250 calls without a token naming uploads that never come held every Jetty thread, and another client
 * waited 29 s. At most 64 calls now wait at once; past that a call fails at once, and others are answered.
 */
class PushWaitsTest {
    private static String addPiece(UUID upload) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorAddPieceToAny\",\"params\":[1016,"
                + "{\"Type\":\"push\",\"Info\":\"" + upload + "\"},{}]}";
    }

    private static Socket post(int port, String path, String body) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length()
                + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    private static String answer(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        byte[] buf = new byte[4096];
        int n = s.getInputStream().read(buf);
        return n < 0 ? "" : new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    @Test
    void callsWaitingForUploadsThatNeverComeCannotTakeEveryThread() throws Exception {
        try (MinerNode node = MinerNode.builder().config(MinerConfig.of(Profile.DEVNET)
                .withSectorSize(SectorSize.SIZE_2KiB)).manualClock(true).listen("127.0.0.1", 0)
                .pushTimeout(Duration.ofSeconds(3)).start()) {
            List<Socket> calls = new ArrayList<>();
            try {
                for (int i = 0; i < 250; i++) {
                    calls.add(post(node.port(), "/rpc/v0", addPiece(UUID.randomUUID())));
                }
                Thread.sleep(300);
                long t0 = System.nanoTime();
                HttpResponse<String> probe = Hostile.post(node.httpUri(), "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":"
                        + "\"Filecoin.SectorsSummary\",\"params\":[]}");
                double ms = (System.nanoTime() - t0) / 1e6;
                assertThat(probe.body()).isEqualTo("{\"id\":2,\"jsonrpc\":\"2.0\",\"result\":{}}\n");
                assertThat(ms).as("another client is answered at once").isLessThan(1000.0);

                // an upload that has arrived is taken whatever the number waiting: here the call then lacks the
                // permission, which is checked after the parameters (go-jsonrpc's order)
                UUID arrived = UUID.randomUUID();
                try (Socket upload = post(node.port(), "/rpc/streams/v0/push/" + arrived, "data")) {
                    upload.getOutputStream().flush();
                    Thread.sleep(200);
                    HttpResponse<String> r = Hostile.post(node.httpUri(), addPiece(arrived),
                            "Authorization", "Bearer " + node.token(Permission.READ));
                    assertThat(r.body()).contains("missing permission to invoke 'SectorAddPieceToAny'");
                }

                int refused = 0;
                int timedOut = 0;
                for (Socket s : calls) {
                    String a = answer(s);
                    if (a.contains("too many calls are waiting for their pushed data (64); try again")) {
                        refused++;
                    } else if (a.contains("context deadline exceeded")) {
                        timedOut++;
                    }
                    Hostile.assertNoJavaText("a waiting call", a);
                }
                assertThat(timedOut).as("calls that waited their 3 s").isEqualTo(64);
                assertThat(refused).as("calls refused at once").isEqualTo(250 - 64);
            } finally {
                for (Socket s : calls) {
                    s.close();
                }
            }
        }
    }
}
