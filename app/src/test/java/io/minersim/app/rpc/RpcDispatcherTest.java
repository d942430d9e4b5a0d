package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.Permission;
import io.minersim.rpc.RequiresPermission;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The dispatcher without a server: start-up validation, hooks, and the Go formatting helpers. */
class RpcDispatcherTest {
    /** A caller without a token: Lotus's default, read. */
    private static final CallContext READER = CallContext.http(Set.of(Permission.READ));

    interface NoPermission {
        @JsonRpcMethod("Filecoin.A")
        @RequiresPermission(Permission.READ)
        void a();

        @JsonRpcMethod("Filecoin.B")
        void b();
    }

    interface NoName {
        @RequiresPermission(Permission.READ)
        void a();
    }

    interface Duplicate {
        @JsonRpcMethod("Filecoin.A")
        @RequiresPermission(Permission.READ)
        void a();

        @JsonRpcMethod("Filecoin.B")
        @RequiresPermission(Permission.READ)
        @RpcAlias("Filecoin.A")
        void b();
    }

    interface Small {
        @JsonRpcMethod("Filecoin.Get")
        @RequiresPermission(Permission.READ)
        String get(String s) throws java.io.IOException;

        @JsonRpcMethod("Filecoin.Boom")
        @RequiresPermission(Permission.READ)
        String boom();
    }

    record Address(String value) {
        Address {
            if (!value.startsWith("f0")) {
                throw new IllegalArgumentException("unknown address protocol");
            }
        }
    }

    interface Typed {
        @JsonRpcMethod("Filecoin.Take")
        @RequiresPermission(Permission.READ)
        String take(int small, Address addr, List<Long> numbers);
    }

    private static final class SmallImpl implements Small {
        @Override
        public String get(String s) throws java.io.IOException {
            if (s.equals("io")) {
                throw new java.io.UncheckedIOException(new java.io.IOException("disk on fire"));
            }
            if (s.equals("null")) {
                throw new IllegalStateException();
            }
            return s;
        }

        @Override
        public String boom() {
            throw new AssertionError("java.lang.String went wrong");
        }
    }

    @Test
    void aMethodWithoutPermissionFailsAtStartUp() {
        assertThatThrownBy(() -> RpcDispatcher.builder().register(NoPermission.class, new NoPermission() {
            @Override
            public void a() {
            }

            @Override
            public void b() {
            }
        }).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NoPermission.b")
                .hasMessageContaining("@RequiresPermission");
    }

    @Test
    void aMethodWithoutWireNameFailsAtStartUp() {
        assertThatThrownBy(() -> RpcDispatcher.builder().register(NoName.class, () -> { }).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@JsonRpcMethod");
    }

    @Test
    void aWireNameUsedTwiceFailsAtStartUp() {
        assertThatThrownBy(() -> RpcDispatcher.builder().register(Duplicate.class, new Duplicate() {
            @Override
            public void a() {
            }

            @Override
            public void b() {
            }
        }).build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Filecoin.A");
    }

    @Test
    void theTestApiIsReadWithAliasesChannelsAndWithoutHelpers() {
        RpcDispatcher d = RpcDispatcher.builder().register(TestApi.class, new TestApiImpl(JwtAuthority.generate()))
                .build();
        assertThat(d.methodNames()).contains("Filecoin.Version", "rpc.discover", "Filecoin.Closing")
                .doesNotContain("helper");
        assertThat(d.permissionOf("rpc.discover")).isEqualTo(Permission.READ);
        assertThat(d.permissionOf("Filecoin.SectorRemove")).isEqualTo(Permission.ADMIN);
        assertThat(d.isChannelMethod("Filecoin.Closing")).isTrue();
        assertThat(d.isChannelMethod("Filecoin.Version")).isFalse();
    }

    private static String dispatch(RpcDispatcher d, String method, String params) {
        RpcDispatcher.Reply r = d.dispatch(WireRequest.of(1, method, params), READER);
        return r.hasBody() ? new String(r.body(), StandardCharsets.UTF_8) : null;
    }

    /** Small, with Filecoin.Get answered by a result writer that writes whole answers and records its calls. */
    private static final class WrittenSmall implements Small {
        final List<String> seen = new java.util.ArrayList<>();

        @Override
        public String get(String s) throws java.io.IOException {
            return new SmallImpl().get(s);
        }

        @Override
        public String boom() {
            return new SmallImpl().boom();
        }

        @ResultWriter
        public void get(String s, GoJsonWriter out) throws java.io.IOException {
            seen.add(s);
            if (s.equals("none")) {
                out.nullValue();
                return;
            }
            out.raw(new SmallImpl().get(s).equals("x") ? "{\"X\":[1]}" : "\"other\"");
        }
    }

    /** Small, with Filecoin.Get answered by a result writer that may fail half-way. */
    private static final class HalfWrittenSmall implements Small {
        @Override
        public String get(String s) throws java.io.IOException {
            return new SmallImpl().get(s);
        }

        @Override
        public String boom() {
            return new SmallImpl().boom();
        }

        @ResultWriter
        public void get(String s, GoJsonWriter out) throws java.io.IOException {
            out.raw("{\"X\":");
            if (s.equals("io")) {
                new SmallImpl().get("io"); // throws as the method does, after half a result
            }
            out.string(s).raw('}');
        }
    }

    @Test
    void aResultWriterAnswersWithItsBytesAfterEveryCheckAndFailsAsTheMethodWould() {
        WrittenSmall written = new WrittenSmall();
        RpcDispatcher d = RpcDispatcher.builder().register(Small.class, written).build();
        RpcDispatcher plain = RpcDispatcher.builder().register(Small.class, new SmallImpl()).build();
        assertThat(dispatch(d, "Filecoin.Get", "[\"x\"]"))
                .isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{\"X\":[1]}}\n");
        assertThat(dispatch(d, "Filecoin.Get", "[\"none\"]"))
                .isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":null}\n");
        for (String params : List.of("[\"io\"]", "[\"null\"]", "[]", "[1]")) {
            assertThat(dispatch(d, "Filecoin.Get", params)).as(params).isEqualTo(dispatch(plain, "Filecoin.Get",
                    params));
        }
        RpcDispatcher.Reply denied = d.dispatch(WireRequest.of(1, "Filecoin.Get", "[\"y\"]"),
                CallContext.http(Set.of()));
        assertThat(new String(denied.body(), StandardCharsets.UTF_8)).contains("missing permission to invoke 'Get'");
        assertThat(d.dispatch(WireRequest.of(null, "Filecoin.Get", "[\"z\"]"), READER)
                .hasBody()).isFalse();
        assertThat(written.seen).containsExactly("x", "none", "io", "null", "z");
    }

    @Test
    void aResultWriterWritesInsideTheEnvelopeAndAFailureHalfWayLeavesNoneOfItsBytes() {
        RpcDispatcher d = RpcDispatcher.builder().register(Small.class, new HalfWrittenSmall()).build();
        RpcDispatcher plain = RpcDispatcher.builder().register(Small.class, new SmallImpl()).build();
        assertThat(dispatch(d, "Filecoin.Get", "[\"<a>\"]"))
                .isEqualTo("{\"id\":1,\"jsonrpc\":\"2.0\",\"result\":{\"X\":\"\\u003ca\\u003e\"}}\n");
        assertThat(dispatch(d, "Filecoin.Get", "[\"io\"]")).isEqualTo(dispatch(plain, "Filecoin.Get", "[\"io\"]"));
        RpcDispatcher.Reply named = d.dispatch(WireRequest.of("q\"1", "Filecoin.Get", "[\"b\"]"),
                READER);
        assertThat(new String(named.body(), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"q\\\"1\",\"jsonrpc\":\"2.0\",\"result\":{\"X\":\"b\"}}\n");
    }

    /** A result writer matching no method of Small. */
    private static final class StrayWriterSmall implements Small {
        @Override
        public String get(String s) {
            return s;
        }

        @Override
        public String boom() {
            return "";
        }

        @ResultWriter
        public void nope(GoJsonWriter out) {
            out.nullValue();
        }
    }

    /** A result writer for a channel method. */
    private static final class ChannelWriter implements Channels {
        @Override
        public CompletableFuture<Void> closing() {
            return new CompletableFuture<>();
        }

        @ResultWriter
        public void closing(GoJsonWriter out) {
            out.nullValue();
        }
    }

    interface Channels {
        @JsonRpcMethod("Filecoin.Closing")
        @RequiresPermission(Permission.READ)
        @io.minersim.rpc.ChannelMethod
        CompletableFuture<Void> closing();
    }

    @Test
    void aResultWriterForNoMethodOrForAChannelMethodFailsAtStartUp() {
        assertThatThrownBy(() -> RpcDispatcher.builder().register(Small.class, new StrayWriterSmall()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StrayWriterSmall.nope");
        assertThatThrownBy(() -> RpcDispatcher.builder().register(Channels.class, new ChannelWriter()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("channel");
    }

    @Test
    void theErrorMapperShapesCode1ErrorsAndNeverLeaksClassNames() {
        RpcDispatcher d = RpcDispatcher.builder().register(Small.class, new SmallImpl()).build();
        assertThat(dispatch(d, "Filecoin.Get", "[\"io\"]"))
                .isEqualTo("{\"error\":{\"code\":1,\"message\":\"disk on fire\"},\"id\":1,\"jsonrpc\":\"2.0\"}\n");
        assertThat(dispatch(d, "Filecoin.Get", "[\"null\"]"))
                .isEqualTo("{\"error\":{\"code\":1,\"message\":\"unknown error\"},\"id\":1,\"jsonrpc\":\"2.0\"}\n");
        assertThat(dispatch(d, "Filecoin.Boom", "[]")).isEqualTo("{\"error\":{\"code\":0,\"message\":\"fatal error "
                + "calling 'Filecoin.Boom': panic in rpc method 'Filecoin.Boom': String went wrong\"},\"id\":1,"
                + "\"jsonrpc\":\"2.0\"}\n");
        RpcDispatcher custom = RpcDispatcher.builder().register(Small.class, new SmallImpl())
                .errorMapper((method, t) -> new RpcError(1, "mapped: " + method)).build();
        assertThat(dispatch(custom, "Filecoin.Get", "[\"io\"]")).contains("\"message\":\"mapped: Filecoin.Get\"");
        assertThat(dispatch(custom, "Filecoin.Boom", "[]")).contains("\"code\":1");
    }

    @Test
    void customParamDecodersReplaceJackson() {
        RpcDispatcher d = RpcDispatcher.builder().register(Small.class, new SmallImpl())
                .paramDecoder(String.class, (json, ctx) -> {
                    String s = new String(json, StandardCharsets.UTF_8);
                    if (s.equals("0")) {
                        throw new IllegalArgumentException("zero is not a string");
                    }
                    return "raw:" + s + ":" + ctx.transport();
                }).build();
        assertThat(dispatch(d, "Filecoin.Get", "[ {\"a\" : 1} ]")).contains("\"result\":\"raw:{\\\"a\\\" : 1}:HTTP\"");
        assertThat(dispatch(d, "Filecoin.Get", "[0]")).contains("\"code\":-32700,\"message\":\"decoding params for "
                + "'Filecoin.Get' (param: 0; custom decoder): zero is not a string\"");
    }

    @Test
    void jacksonFailuresReadLikeGoJsonErrors() {
        RpcDispatcher d = RpcDispatcher.builder().register(Typed.class, (small, addr, numbers) -> "ok").build();
        String prefix = "{\"error\":{\"code\":-32700,\"message\":\"unmarshaling params for 'Filecoin.Take' (param: ";
        assertThat(dispatch(d, "Filecoin.Take", "[3000000000,{\"value\":\"f01\"},[]]")).startsWith(prefix
                + "*int32): json: cannot unmarshal number 3000000000 into Go value of type int32\"");
        assertThat(dispatch(d, "Filecoin.Take", "[1,{\"value\":\"t01\"},[]]")).startsWith(prefix
                + "*Address): unknown address protocol\"");
        assertThat(dispatch(d, "Filecoin.Take", "[1,{\"value\":\"f01\"},[1,\"2\"]]")).startsWith(prefix
                + "*[]int64): json: cannot unmarshal string into Go value of type int64\"");
        assertThat(dispatch(d, "Filecoin.Take", "[1,[],[]]")).startsWith(prefix
                + "*Address): json: cannot unmarshal array into Go value of type Address\"");
        // null leaves Go's zero value: no error
        assertThat(dispatch(d, "Filecoin.Take", "[null,{\"value\":\"f01\"},null]")).contains("\"result\":\"ok\"");
    }

    @Test
    void paramsAreSlicedExactly() throws Exception {
        List<byte[]> ps = GoJson.splitParams("[ 1 , \"a,]\" ,{\"x\":[1,2]},[],null,true, -1.5e3 ]"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(ps).extracting(b -> new String(b, StandardCharsets.UTF_8))
                .containsExactly("1", "\"a,]\"", "{\"x\":[1,2]}", "[]", "null", "true", "-1.5e3");
        assertThat(GoJson.splitParams("null".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThatThrownBy(() -> GoJson.splitParams("\"x\"".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("json: cannot unmarshal string into Go value of type []jsonrpc.param");
        assertThatThrownBy(() -> GoJson.splitParams("5".getBytes(StandardCharsets.UTF_8)))
                .hasMessage("json: cannot unmarshal number into Go value of type []jsonrpc.param");
    }

    /** Integral values below 1e15 take a fast path (an id echoed back): the digits the general path writes. */
    @Test
    void goFloatOfIntegersEqualsTheGeneralFormattingOnBothSidesOfTheFastPathsLimit() {
        java.util.Random r = new java.util.Random(14);
        List<Double> values = new java.util.ArrayList<>(List.of(1d, -1d, 999_999_999_999_999d,
                -999_999_999_999_999d, 1e15, -1e15, 1e15 + 2, 123_456_789_012_345.5, 0.5));
        for (int i = 0; i < 2000; i++) {
            values.add((double) (r.nextLong() % 2_000_000_000_000_000L));
            values.add((double) r.nextInt());
        }
        for (double d : values) {
            String general = d != 0 && Math.abs(d) < 1e21
                    ? new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString() : null;
            if (general != null) {
                assertThat(GoJson.goFloat(d)).as("%s", d).isEqualTo(general);
            }
        }
        assertThat(GoJson.goFloat(-0.0)).isEqualTo("-0");
    }

    @Test
    void goFloatFormatting() {
        assertThat(GoJson.goFloat(1)).isEqualTo("1");
        assertThat(GoJson.goFloat(-2.5)).isEqualTo("-2.5");
        assertThat(GoJson.goFloat(1e20)).isEqualTo("100000000000000000000");
        assertThat(GoJson.goFloat(1e21)).isEqualTo("1e+21");
        assertThat(GoJson.goFloat(1.5e300)).isEqualTo("1.5e+300");
        assertThat(GoJson.goFloat(0.000001)).isEqualTo("0.000001");
        assertThat(GoJson.goFloat(0.0000001)).isEqualTo("1e-7");
        assertThat(GoJson.goFloat(1.25e-10)).isEqualTo("1.25e-10");
        assertThat(GoJson.goFloat(9007199254740993d)).isEqualTo("9007199254740992");
    }

    @Test
    void goTrimSpace() {
        byte[] b = "\u00a0\t {\"a\":1}\u3000\n".getBytes(StandardCharsets.UTF_8);
        int[] span = GoJson.trimSpace(b, b.length);
        assertThat(new String(b, span[0], span[1] - span[0], StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void httpBodiesThroughTheDispatcher() {
        RpcDispatcher d = RpcDispatcher.builder().register(Small.class, new SmallImpl()).build();
        byte[] body = "\f{\"id\":\"x\",\"method\":\"Filecoin.Get\",\"params\":[\"v\"]}\r\n"
                .getBytes(StandardCharsets.UTF_8);
        RpcDispatcher.HttpReply r = d.handleHttpBody(body, body.length, 1000, READER);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyText()).isEqualTo("{\"id\":\"x\",\"jsonrpc\":\"2.0\",\"result\":\"v\"}\n");
    }
}
