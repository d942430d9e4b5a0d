package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.rpc.Permission;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Guards the dispatcher's deferred parameter decoding (a method's Jackson readers are made by its first call, not
 * when the dispatcher is built): a method's first calls, also many at once, answer byte for byte what it answers once
 * warm, for good and bad parameters alike.
 */
class ParamsWorkedOutOnFirstCallTest {
    private static final CallContext ADMIN = CallContext.http(Set.of(Permission.READ, Permission.WRITE,
            Permission.SIGN, Permission.ADMIN));

    /** Method and params: valid ones, and each way a parameter can fail to decode. */
    private static final List<String[]> CALLS = List.of(
            new String[] {"Filecoin.SectorsStatus", "[7,true]"},
            new String[] {"Filecoin.SectorsStatus", "[{\"a\":1},true]"},
            new String[] {"Filecoin.SectorsStatus", "[7,\"yes\"]"},
            new String[] {"Filecoin.SectorsStatus", "[-1,false]"},
            new String[] {"Filecoin.SectorsStatus", "[18446744073709551616,false]"},
            new String[] {"Filecoin.SectorsStatus", "[7]"},
            new String[] {"Filecoin.Echo", "[\"hi\"]"},
            new String[] {"Filecoin.Echo", "[12]"},
            new String[] {"Filecoin.Echo", "[null]"},
            new String[] {"Filecoin.SectorRemove", "[1.5]"},
            new String[] {"Filecoin.Version", "[]"});

    private static RpcDispatcher dispatcher() {
        return RpcDispatcher.builder().register(TestApi.class, new TestApiImpl(JwtAuthority.generate())).build();
    }

    private static String call(RpcDispatcher d, String[] call) {
        RpcDispatcher.Reply r = d.dispatch(WireRequest.of(1, call[0], call[1]), ADMIN);
        return r.hasBody() ? new String(r.body(), StandardCharsets.UTF_8) : "<none>";
    }

    @Test
    void eachFirstCallAnswersAsAWarmDispatcherDoes() {
        RpcDispatcher warm = dispatcher();
        for (String[] c : CALLS) {
            call(warm, c);
        }
        for (String[] c : CALLS) {
            RpcDispatcher fresh = dispatcher(); // this call is its method's first
            assertThat(call(fresh, c)).as(c[0] + " " + c[1]).isEqualTo(call(warm, c));
        }
    }

    @Test
    void manyFirstCallsAtOnceAllAnswerAlike() throws Exception {
        RpcDispatcher warm = dispatcher();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (String[] c : CALLS) {
                String expected = call(warm, c);
                RpcDispatcher fresh = dispatcher();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return call(fresh, c);
                    }));
                }
                go.countDown();
                for (Future<String> a : answers) {
                    assertThat(a.get()).as(c[0] + " " + c[1]).isEqualTo(expected);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
