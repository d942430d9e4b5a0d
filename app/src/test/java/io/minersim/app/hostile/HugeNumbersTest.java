package io.minersim.app.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.app.testing.WsClient;
import io.minersim.rpc.MinerApi;
import io.minersim.rpc.SimApi;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CPU defect: an integer literal of a million digits (in the id or any numeric parameter, no token needed) cost
 * about 15 s of a core, because it was turned into a BigInteger (quadratic). Numbers are now converted as Go does,
 * in linear time: ids as float64, uint64 parameters failing at their 20th digit with Go's text.
 */
class HugeNumbersTest {
    private static final String MILLION = "1".repeat(1_000_000);
    /** Per request of a million digits: about 0.01 s now, 15 s before. */
    private static final double SECONDS_PER_HUGE_REQUEST = 3.0;

    @RegisterExtension
    static final HostileFixture f = new HostileFixture();

    private static String call(String id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    private static HttpResponse<String> timedPost(String what, byte[] body, double seconds) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = Hostile.post(f.node.httpUri(), body);
        double took = (System.nanoTime() - t0) / 1e9;
        assertThat(took).as("%s answered in %.2f s", what, took).isLessThan(seconds);
        return r;
    }

    private static HttpResponse<String> timedPost(String what, String body, double seconds) throws Exception {
        return timedPost(what, body.getBytes(StandardCharsets.US_ASCII), seconds);
    }

    @Test
    void aMillionDigitIdIsAParseErrorAnsweredInLinearTime() throws Exception {
        HttpResponse<String> r = timedPost("a 1M-digit id", call(MILLION, "Filecoin.SectorsSummary", "[]"),
                SECONDS_PER_HUGE_REQUEST);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null,"
                + "\"jsonrpc\":\"2.0\"}\n");
        // a million digits after the point are a float64 like any other: 0, echoed as Go writes it
        r = timedPost("a 1M-digit fraction id", call("0." + MILLION, "Filecoin.SectorsSummary", "[]"),
                SECONDS_PER_HUGE_REQUEST);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"id\":0.1111111111111111,\"jsonrpc\":\"2.0\",\"result\":{}}\n");
    }

    @Test
    void hugeExponentsInTheIdAreGoErrorsNotJavaText() throws Exception {
        HttpResponse<String> r = Hostile.post(f.node.httpUri(), call("1e99999999999", "Filecoin.SectorsSummary", "[]"));
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null,"
                + "\"jsonrpc\":\"2.0\"}\n");
        r = Hostile.post(f.node.httpUri(), call("0e-99999999999", "Filecoin.SectorsSummary", "[]"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"id\":0,\"jsonrpc\":\"2.0\",\"result\":{}}\n");
        // inside an array id: Go leaves a nil in its place and reports the decoding error with that id
        r = Hostile.post(f.node.httpUri(), call("[1e999,2]", "Filecoin.SectorsSummary", "[]"));
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":[null,2],"
                + "\"jsonrpc\":\"2.0\"}\n");
    }

    @Test
    void aMillionDigitUint64FailsWithGosTextInLinearTime() throws Exception {
        HttpResponse<String> r = timedPost("a 1M-digit sector number",
                call("1", "Filecoin.SectorsStatus", "[" + MILLION + ",false]"), SECONDS_PER_HUGE_REQUEST);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":-32700,\"message\":\"unmarshaling params for "
                + "'Filecoin.SectorsStatus' (param: *abi.SectorNumber): json: cannot unmarshal number " + MILLION
                + " into Go value of type abi.SectorNumber\"},\"id\":1,\"jsonrpc\":\"2.0\"}\n");
        // 2^64 is the first number refused, at its 20th digit
        r = Hostile.post(f.node.httpUri(), call("2", "Filecoin.SectorsStatus", "[18446744073709551616,false]"));
        assertThat(r.body()).contains("json: cannot unmarshal number 18446744073709551616 into Go value of type "
                + "abi.SectorNumber");
    }

    @Test
    void aMillionDigitNumberInsideAStructuredParameterIsLinearToo() throws Exception {
        for (String params : List.of("[{\"Sectors\":" + MILLION + "}]", "[{\"a\":[" + MILLION + "]}]",
                "[[" + MILLION + "]]", "[" + MILLION + "." + MILLION + "]")) {
            for (String method : List.of("Sim.Restore", "Sim.DeclareFaults", "Filecoin.SectorSetSealDelay",
                    "Sim.InjectFailure")) {
                HttpResponse<String> r = timedPost(method + " " + params.substring(0, 12),
                        call("3", method, params), SECONDS_PER_HUGE_REQUEST);
                Hostile.assertRpcError(method, r.body());
            }
        }
    }

    @Test
    void everyNumericParameterOfEveryMethodTakesLinearTime() throws Exception {
        String huge = "9".repeat(200_000); // 0.6 s each when quadratic, a few ms now
        List<String> bodies = new ArrayList<>();
        for (Class<?> api : List.of(MinerApi.class, SimApi.class)) {
            for (Method m : api.getMethods()) {
                JsonRpcMethod name = m.getAnnotation(JsonRpcMethod.class);
                if (name == null) {
                    continue;
                }
                int n = Math.max(1, m.getParameterCount());
                for (int i = 0; i < n; i++) {
                    List<String> ps = new ArrayList<>();
                    for (int j = 0; j < n; j++) {
                        ps.add(j == i ? huge : "null");
                    }
                    bodies.add(call("1", name.value(), "[" + String.join(",", ps) + "]"));
                }
            }
        }
        assertThat(bodies).hasSizeGreaterThan(50);
        long t0 = System.nanoTime();
        for (String body : bodies) {
            HttpResponse<String> r = timedPost(body.substring(0, 60), body, 1.0);
            Hostile.assertRpcError(body.substring(0, 60), r.body());
        }
        assertThat((System.nanoTime() - t0) / 1e9).as("the whole sweep").isLessThan(10.0);
    }

    @Test
    void aHundredMebibyteBodyOfDigitsCostsWellUnderASecondOfCpu() throws Exception {
        byte[] digits = new byte[100 << 20];
        java.util.Arrays.fill(digits, (byte) '7');
        double cpu0 = Hostile.processCpuSeconds();
        HttpResponse<String> r = timedPost("100 MiB of digits", digits, 10.0);
        double cpu = Hostile.processCpuSeconds() - cpu0;
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("Parse error");
        assertThat(cpu).as("CPU of the whole process, client included").isLessThan(2.0);

        // the same digits as the id: linear (about 1 s of CPU for the server), where it was quadratic
        byte[] prefix = "{\"jsonrpc\":\"2.0\",\"id\":".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = ",\"method\":\"Filecoin.SectorsSummary\"}".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(prefix, 0, digits, 0, prefix.length);
        System.arraycopy(suffix, 0, digits, digits.length - suffix.length, suffix.length);
        r = timedPost("a 100 MiB id", digits, 15.0);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":-32700,\"message\":\"Parse error\"},\"id\":null,"
                + "\"jsonrpc\":\"2.0\"}\n");
    }

    @Test
    void overWebSocketAHugeIdIsDroppedAndTheConnectionGoesOn() throws Exception {
        try (WsClient ws = WsClient.connect(Hostile.HTTP, f.node.webSocketUri(), f -> { })) {
            long t0 = System.nanoTime();
            ws.send(call(MILLION, "Filecoin.SectorsSummary", "[]"));
            ws.send(call("1e99999999999", "Filecoin.SectorsSummary", "[]"));
            ws.send(call("7", "Filecoin.SectorsStatus", "[" + MILLION + ",false]"));
            String answer = ws.next();
            assertThat(answer).startsWith("{\"error\":{\"code\":-32700,\"message\":\"unmarshaling params for "
                    + "'Filecoin.SectorsStatus' (param: *abi.SectorNumber): json: cannot unmarshal number 111");
            ws.send(call("8", "Filecoin.SectorsSummary", "[]"));
            assertThat(ws.next()).isEqualTo("{\"id\":8,\"jsonrpc\":\"2.0\",\"result\":{}}\n");
            assertThat((System.nanoTime() - t0) / 1e9).isLessThan(3 * SECONDS_PER_HUGE_REQUEST);
        }
        JsonNode ok = Hostile.JSON.readTree(Hostile.post(f.node.httpUri(), call("9", "Filecoin.SectorsSummary", "[]"))
                .body());
        assertThat(ok.get("result").isObject()).isTrue();
    }
}
