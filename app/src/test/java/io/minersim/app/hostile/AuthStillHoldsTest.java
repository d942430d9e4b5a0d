package io.minersim.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.rpc.JwtAuthority;
import io.minersim.app.rpc.RpcDispatcher;
import io.minersim.app.rpc.RpcServer;
import io.minersim.app.stats.StatsLauncher;
import io.minersim.app.testing.RawWebSocket;
import io.minersim.rpc.Permission;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What held before the work on hostile clients and must go on holding on the real node: forged, alg-none and
 * wrong-key tokens are refused over HTTP and on the WebSocket upgrade; a read token reaches no write or admin
 * method over either; both servers listen on loopback by default. (The repo's files being 0600 is
 * {@code MinerRepoTest}'s and {@code StatsCommandTest}'s.)
 */
class AuthStillHoldsTest {
    @RegisterExtension
    static final HostileFixture f = new HostileFixture();

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Tokens that must be refused with 401. */
    private static List<String> badTokens() {
        String admin = b64("{\"Allow\":[\"read\",\"write\",\"sign\",\"admin\"]}");
        String wrongKey = new JwtAuthority(new byte[] {9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9,
            9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9}).sign(List.of("read", "write", "sign", "admin"));
        String good = f.node.adminToken();
        String forged = good.substring(0, good.lastIndexOf('.') + 1) + b64("not the signature");
        return List.of(
                b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + admin + ".",
                b64("{\"alg\":\"none\"}") + "." + admin + "." + good.substring(good.lastIndexOf('.') + 1),
                b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + b64("{\"Allow\":[\"admin\"]}") + "."
                        + good.substring(good.lastIndexOf('.') + 1), // another claim under the admin token's signature
                wrongKey, forged, "not-a-jwt", good + "x");
    }

    private static String call(String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    @Test
    void forgedAlgNoneAndWrongKeyTokensAreRefusedOverHttpAndWebSocket() throws Exception {
        for (String token : badTokens()) {
            HttpResponse<String> r = Hostile.post(f.node.httpUri(), call("Sim.Head", "[]"),
                    "Authorization", "Bearer " + token);
            assertThat(r.statusCode()).as(token).isEqualTo(401);
            assertThat(r.body()).as(token).isEmpty();
            r = Hostile.HTTP.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(f.node.httpUri()
                    + "?token=" + token)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(call("Sim.Head",
                            "[]"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(token).isEqualTo(401);
            RawWebSocket ws = null;
            try {
                ws = RawWebSocket.connect(f.rpcPort(), 0, "Authorization: Bearer " + token + "\r\n");
            } catch (IOException refused) {
                assertThat(refused.getMessage()).as(token).contains("HTTP/1.1 401 ");
            }
            if (ws != null) {
                ws.close();
                throw new AssertionError("the upgrade was accepted with " + token);
            }
        }
    }

    @Test
    void aReadTokenReachesNoWriteOrAdminMethod() throws Exception {
        String read = f.node.token(Permission.READ);
        for (String[] m : new String[][] {{"Filecoin.SectorStartSealing", "[1]", "write"},
            {"Filecoin.PledgeSector", "[]", "write"}, {"Filecoin.SectorRemove", "[1]", "admin"},
            {"Filecoin.AuthNew", "[[\"admin\"]]", "admin"}, {"Sim.Advance", "[1]", "admin"},
            {"Sim.Restore", "[{}]", "admin"}, {"Filecoin.Shutdown", "[]", "admin"}}) {
            String denied = "{\"error\":{\"code\":1,\"message\":\"missing permission to invoke '"
                    + m[0].substring(m[0].indexOf('.') + 1) + "' (need '" + m[2] + "')\"},\"id\":1,\"jsonrpc\":\"2.0\"}\n";
            HttpResponse<String> r = Hostile.post(f.node.httpUri(), call(m[0], m[1]), "Authorization", "Bearer " + read);
            assertThat(r.body()).as(m[0]).isEqualTo(denied);
            try (RawWebSocket ws = RawWebSocket.connect(f.rpcPort(), 0, "Authorization: Bearer " + read + "\r\n")) {
                ws.send(call(m[0], m[1]));
                ws.socket.setSoTimeout(5000);
                assertThat(readText(ws)).as(m[0]).isEqualTo(denied);
            }
            // and without a token: Lotus's default, read
            assertThat(Hostile.post(f.node.httpUri(), call(m[0], m[1])).body()).as(m[0]).isEqualTo(denied);
        }
        assertThat(Hostile.post(f.node.httpUri(), call("Sim.Head", "[]")).body()).contains("need 'admin'");
    }

    /** The next text frame's payload (the server's frames are not masked and short here). */
    private static String readText(RawWebSocket ws) throws IOException {
        while (true) {
            int b0 = ws.in.readUnsignedByte();
            int b1 = ws.in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = ws.in.readUnsignedShort();
            } else if (len == 127) {
                len = ws.in.readLong();
            }
            byte[] payload = ws.in.readNBytes((int) len);
            if ((b0 & 0x0f) == 1) {
                return new String(payload, StandardCharsets.UTF_8);
            }
        }
    }

    @Test
    void bothServersListenOnLoopbackByDefault() throws Exception {
        RpcServer server = RpcServer.builder(RpcDispatcher.builder().build()).port(0).auth(null).start();
        try {
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.multiaddr()).startsWith("/ip4/127.0.0.1/");
        } finally {
            server.stop();
        }
        assertThat(StatsLauncher.DEFAULT_LISTEN).startsWith("127.0.0.1:");
        assertThat(io.minersim.app.RunCommand.class.getDeclaredField("listen")
                .getAnnotation(picocli.CommandLine.Option.class).defaultValue()).startsWith("127.0.0.1:");
    }
}
