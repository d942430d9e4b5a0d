package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The wire contract of wire-facts b.4, b.3 and c, written once and run over both transports: every row of the
 * error table that applies to a single request, id echo, notifications, auth.
 */
class RpcContractTest {
    @RegisterExtension
    static final RpcFixture f = new RpcFixture();

    static List<Transport> transports() {
        return Transport.both();
    }

    private static String req(Object id, String method, String params) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}";
    }

    private static String error(Object id, int code, String message) {
        return "{\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"},\"id\":" + id
                + ",\"jsonrpc\":\"2.0\"}\n";
    }

    private static String result(Object id, String result) {
        return "{\"id\":" + id + ",\"jsonrpc\":\"2.0\",\"result\":" + result + "}\n";
    }

    private static void expect(Transport t, Transport.Answer a, int httpStatus, String body) {
        assertThat(a.body()).isEqualTo(body);
        if (t.isHttp()) {
            assertThat(a.status()).isEqualTo(httpStatus);
        }
    }

    // ------------------------------------------------------------------------------------------ the error table

    @ParameterizedTest
    @MethodSource("transports")
    void unknownMethodIsMinus32601(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, req(1, "Filecoin.ID", "[]"), true);
        expect(t, a, 500, error(1, -32601, "method 'Filecoin.ID' not found"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void methodNamesAreCaseSensitive(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, req(1, "filecoin.version", "[]"), true);
        expect(t, a, 500, error(1, -32601, "method 'filecoin.version' not found"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void wrongParamCountIsMinus32602WithTheExactBytesOfTheFacts(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null,
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorsStatus\",\"params\":[9]}", true);
        expect(t, a, 500, "{\"error\":{\"code\":-32602,\"message\":\"wrong param count (method "
                + "'Filecoin.SectorsStatus'): 1 != 2\"},\"id\":1,\"jsonrpc\":\"2.0\"}\n");
    }

    @ParameterizedTest
    @MethodSource("transports")
    void paramThatDoesNotDecodeIsMinus32700(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, req(1, "Filecoin.SectorsStatus", "[\"9\",false]"), true);
        expect(t, a, 500, error(1, -32700, "unmarshaling params for 'Filecoin.SectorsStatus' (param: "
                + "*abi.SectorNumber): json: cannot unmarshal string into Go value of type abi.SectorNumber"));
        a = t.call(f, null, req(2, "Filecoin.SectorsStatus", "[1.5,false]"), true);
        expect(t, a, 500, error(2, -32700, "unmarshaling params for 'Filecoin.SectorsStatus' (param: "
                + "*abi.SectorNumber): json: cannot unmarshal number 1.5 into Go value of type abi.SectorNumber"));
        a = t.call(f, null, req(3, "Filecoin.SectorsStatus", "[9,\"yes\"]"), true);
        expect(t, a, 500, error(3, -32700, "unmarshaling params for 'Filecoin.SectorsStatus' (param: "
                + "*bool): json: cannot unmarshal string into Go value of type bool"));
        // past the literals decoded without a parser (digits, true/false): the general path's errors
        a = t.call(f, null, req(4, "Filecoin.SectorsStatus", "[18446744073709551616,false]"), true);
        expect(t, a, 500, error(4, -32700, "unmarshaling params for 'Filecoin.SectorsStatus' (param: "
                + "*abi.SectorNumber): json: cannot unmarshal number 18446744073709551616 into Go value of type "
                + "abi.SectorNumber"));
        a = t.call(f, null, req(5, "Filecoin.SectorsStatus", "[9,1]"), true);
        expect(t, a, 500, error(5, -32700, "unmarshaling params for 'Filecoin.SectorsStatus' (param: "
                + "*bool): json: cannot unmarshal number into Go value of type bool"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void nestedDecodeErrorsNameTheStructField(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null,
                req(1, "Filecoin.TakeRef", "[{\"ID\":{\"Miner\":1000,\"Number\":\"x\"},\"ProofType\":8}]"), true);
        expect(t, a, 500, error(1, -32700, "unmarshaling params for 'Filecoin.TakeRef' (param: "
                + "*storiface.SectorRef): json: cannot unmarshal string into Go struct field "
                + "SectorID.ID.Number of type int64"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void namedParamsAreMinus32700(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, req(1, "Filecoin.SectorsStatus", "{\"sector\":9}"), true);
        expect(t, a, 500, error(1, -32700, "unmarshaling param array: json: cannot unmarshal object into Go "
                + "value of type []jsonrpc.param"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void customDecoderFailureIsMinus32700(Transport t) throws Exception {
        Transport.Answer a = t.call(f, RpcFixture.ALL, req(1, "Filecoin.SectorAddPieceToAny", "[1016,{},{}]"),
                true);
        expect(t, a, 500, error(1, -32700, "decoding params for 'Filecoin.SectorAddPieceToAny' (param: 1; "
                + "custom decoder): parsing reader UUDD: invalid UUID length: 0"));
        a = t.call(f, RpcFixture.ALL,
                req(2, "Filecoin.SectorAddPieceToAny", "[1016,{\"Type\":\"null\",\"Info\":\"x\"},{}]"), true);
        expect(t, a, 500, error(2, -32700, "decoding params for 'Filecoin.SectorAddPieceToAny' (param: 1; "
                + "custom decoder): parsing null byte count: strconv.ParseInt: parsing \\\"x\\\": invalid syntax"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void missingPermissionIsCode1With200(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, req(1, "Filecoin.SectorRemove", "[5]"), true);
        expect(t, a, 200, error(1, 1, "missing permission to invoke 'SectorRemove' (need 'admin')"));
        assertThat(f.impl.removed.get()).isNotEqualTo(5);
        a = t.call(f, List.of("read"), req(2, "Filecoin.SectorStartSealing", "[5]"), true);
        expect(t, a, 200, error(2, 1, "missing permission to invoke 'SectorStartSealing' (need 'write')"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void thereIsNoPermissionHierarchy(Transport t) throws Exception {
        Transport.Answer a = t.call(f, List.of("admin"), req(1, "Filecoin.Echo", "[\"x\"]"), true);
        expect(t, a, 200, error(1, 1, "missing permission to invoke 'Echo' (need 'read')"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void paramChecksComeBeforeThePermissionCheck(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, req(1, "Filecoin.SectorRemove", "[]"), true);
        expect(t, a, 500, error(1, -32602, "wrong param count (method 'Filecoin.SectorRemove'): 0 != 1"));
        a = t.call(f, null, req(2, "Filecoin.SectorRemove", "[\"x\"]"), true);
        expect(t, a, 500, error(2, -32700, "unmarshaling params for 'Filecoin.SectorRemove' (param: *int64): "
                + "json: cannot unmarshal string into Go value of type int64"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void anErrorFromTheMethodIsCode1With200(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, req(1, "Filecoin.SectorsStatus", "[404,false]"), true);
        expect(t, a, 200, error(1, 1, "No state for /404: datastore: key not found"));
        a = t.call(f, null, req(2, "Filecoin.Fail", "[\"getting sector info: boom\"]"), true);
        expect(t, a, 200, error(2, 1, "getting sector info: boom"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aPanicIsCode0With500(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, req(1, "Filecoin.Panic", "[]"), true);
        expect(t, a, 500, error(1, 0, "fatal error calling 'Filecoin.Panic': panic in rpc method "
                + "'Filecoin.Panic': runtime error: invalid memory address or nil pointer dereference"));
    }

    // ------------------------------------------------------------------------------------------ results and ids

    @ParameterizedTest
    @MethodSource("transports")
    void resultsAndVoid(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, req(1, "Filecoin.SectorsStatus", "[7,true]"), true);
        expect(t, a, 200, result(1, "{\"SectorID\":7,\"State\":\"Proving\",\"Deals\":[]}"));
        a = t.call(f, RpcFixture.ALL, req(2, "Filecoin.SectorRemove", "[7]"), true);
        expect(t, a, 200, result(2, "null"));
        assertThat(f.impl.removed.get()).isEqualTo(7);
        a = t.call(f, null, req(3, "Filecoin.Version", "null"), true);
        // a map result comes out with sorted keys, like a Go map
        expect(t, a, 200, result(3, "{\"APIVersion\":66816,\"Agent\":\"lotus\",\"BlockDelay\":30,"
                + "\"Version\":\"1.36.1+mainnet+git.d7491c12d\"}"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void zeroArgMethodsAcceptEmptyNullOrAbsentParams(Transport t) throws Exception {
        for (String body : List.of("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.Discover\"}",
                req(1, "Filecoin.Discover", "null"), req(1, "Filecoin.Discover", "[]"))) {
            expect(t, t.call(f, null, body, true), 200, result(1, "{\"openrpc\":\"1.2.6\"}"));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void aliasesReachTheSameMethod(Transport t) throws Exception {
        expect(t, t.call(f, null, req(1, "rpc.discover", "[]"), true), 200, result(1, "{\"openrpc\":\"1.2.6\"}"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void stringsAreEscapedAsGoDoes(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, req(1, "Filecoin.Echo", "[\"<a&b>\\u2028\\u0001\\b\\f\\n\\\"é\"]"),
                true);
        expect(t, a, 200, result(1, "\"\\u003ca\\u0026b\\u003e\\u2028\\u0001\\b\\f\\n\\\"é\""));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void idsAreEchoed(Transport t) throws Exception {
        String[][] cases = {{"1", "1"}, {"\"abc\"", "\"abc\""}, {"1.5", "1.5"}, {"1.0", "1"}, {"-3", "-3"},
                {"12345678901234567890", "12345678901234567000"}, {"1e21", "1e+21"}, {"0.0000001", "1e-7"},
                {"\"<x>\"", "\"\\u003cx\\u003e\""}};
        for (String[] c : cases) {
            Transport.Answer a = t.call(f, null, req(c[0], "Filecoin.Echo", "[\"x\"]"), true);
            expect(t, a, 200, result(c[1], "\"x\""));
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void notificationsRunButAreNotAnswered(Transport t) throws Exception {
        long before = f.impl.counter.get();
        Transport.Answer a = t.call(f, null, "{\"jsonrpc\":\"2.0\",\"method\":\"Filecoin.Count\",\"params\":[]}", false);
        assertThat(a.body()).isNull();
        if (t.isHttp()) {
            assertThat(a.status()).isEqualTo(200);
        }
        a = t.call(f, null, req("null", "Filecoin.Count", "[]"), false);
        assertThat(a.body()).isNull();
        awaitCounter(before + 2);
        // a handler error for a notification is not written either
        a = t.call(f, null, "{\"jsonrpc\":\"2.0\",\"method\":\"Filecoin.SectorRemove\",\"params\":[1]}", false);
        assertThat(a.body()).isNull();
    }

    @ParameterizedTest
    @MethodSource("transports")
    void protocolErrorsOfNotifications(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, "{\"jsonrpc\":\"2.0\",\"method\":\"Filecoin.Nope\",\"params\":[]}",
                !t.isHttp() ? false : true);
        if (t.isHttp()) {
            // go-jsonrpc writes protocol errors even for notifications, with id null
            expect(t, a, 500, error(null, -32601, "method 'Filecoin.Nope' not found"));
        } else {
            assertThat(a.body()).as("over WebSocket a notification's writer discards everything").isNull();
        }
    }

    @ParameterizedTest
    @MethodSource("transports")
    void channelMethods(Transport t) throws Exception {
        Transport.Answer a = t.call(f, null, req(1, "Filecoin.Closing", "[]"), true);
        if (t.isHttp()) {
            expect(t, a, 500, error(1, -32601,
                    "method 'Filecoin.Closing' not supported in this mode (no out channel support)"));
        } else {
            assertThat(a.body()).matches("\\{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":[1-9][0-9]*\\}\n");
        }
    }

    // ------------------------------------------------------------------------------------------ auth

    @ParameterizedTest
    @MethodSource("transports")
    void aValidTokenGrantsItsPermissions(Transport t) throws Exception {
        Transport.Answer a = t.call(f, RpcFixture.ALL, req(1, "Filecoin.AuthVerify", "[\"" + f.token(
                List.of("read", "write")) + "\"]"), true);
        expect(t, a, 200, result(1, "[\"read\",\"write\"]"));
        a = t.call(f, null, req(2, "Filecoin.AuthVerify", "[\"abc\"]"), true);
        expect(t, a, 200, error(2, 1, "JWT Verification failed: jwt: malformed token"));
    }

    @ParameterizedTest
    @MethodSource("transports")
    void authNewReturnsBase64(Transport t) throws Exception {
        Transport.Answer a = t.call(f, RpcFixture.ALL, req(1, "Filecoin.AuthNew", "[[\"read\"]]"), true);
        String b64 = java.util.Base64.getEncoder().encodeToString(f.token(List.of("read")).getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        expect(t, a, 200, result(1, "\"" + b64 + "\""));
    }

    private static void awaitCounter(long atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (f.impl.counter.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(f.impl.counter.get()).isGreaterThanOrEqualTo(atLeast);
    }
}
