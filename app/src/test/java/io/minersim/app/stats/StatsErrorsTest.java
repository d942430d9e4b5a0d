package io.minersim.app.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.stats.MinerStatistics;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every way a request is refused, each in Spacescope's JSON form, and what a refusal leaves alone. */
class StatsErrorsTest {
    private static final String KEY = "mss_errorstestkey";
    private static final String AUTH = "Bearer " + KEY;
    private StatsServer server;

    private StatsClient start(long head) throws Exception {
        StatsService service = new StatsService(List.of(
                new StatsMiner("f01000", HandWrittenHistory.build(), () -> head),
                new StatsMiner("f01001", new MinerStatistics(HandWrittenHistory.GENESIS, 30), () -> head)));
        server = StatsServer.start(service, StatsKeys.of(List.of(KEY)), 1, "127.0.0.1", 0, null);
        return new StatsClient(server.uri());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static void assertError(StatsClient.Answer a, int status, int code, String messagePart) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.code()).as(a.body()).isEqualTo(code);
        assertThat(a.message()).contains(messagePart);
        assertThat(a.data().isNull()).isTrue();
        assertThat(a.json().get("request_id").asText()).matches("[0-9a-f-]{36}#\\d+");
    }

    @Test
    void missingKeyIs401WithCode10011() throws Exception {
        StatsClient c = start(10 * 2880);
        assertError(c.get(StatsEndpoint.PREFIX + "total", null), 401, 10011, "missing API key");
        assertError(c.get(StatsEndpoint.PREFIX + "total", ""), 401, 10011, "missing API key");
    }

    @Test
    void tokenWithoutBearerIs401WithCode10011() throws Exception {
        StatsClient c = start(10 * 2880);
        assertError(c.get(StatsEndpoint.PREFIX + "total", KEY), 401, 10011, "Bearer");
        assertError(c.get(StatsEndpoint.PREFIX + "total", "Basic " + KEY), 401, 10011, "Bearer");
    }

    @Test
    void unknownKeyIs401WithCode10011EvenOnUnknownPaths() throws Exception {
        StatsClient c = start(10 * 2880);
        assertError(c.get(StatsEndpoint.PREFIX + "total", "Bearer mss_notakeywehave"), 401, 10011,
                "invalid API key");
        assertError(c.get("/nothing", "Bearer mss_notakeywehave"), 401, 10011, "invalid API key");
    }

    @Test
    void bearerSchemeIsCaseInsensitive() throws Exception {
        StatsClient c = start(10 * 2880);
        assertThat(c.get(StatsEndpoint.PREFIX + "total", "bearer " + KEY).code()).isZero();
    }

    @Test
    void malformedStateDateIsCode30002NamingTheParameter() throws Exception {
        StatsClient c = start(10 * 2880);
        for (String bad : List.of("2024-13-01", "20240101", "2024-02-30", "yesterday", "2024-1-5")) {
            assertError(c.get(StatsEndpoint.PREFIX + "fault?state_date=" + bad, AUTH), 200, 30002, "state_date");
        }
    }

    @Test
    void malformedMinerIdIsCode30002NamingTheParameter() throws Exception {
        StatsClient c = start(10 * 2880);
        for (String bad : List.of("abc", "f1abc", "f0-1", "f0", "01000")) {
            assertError(c.get(StatsEndpoint.PREFIX + "fault?miner_id=" + bad, AUTH), 200, 30002, "miner_id");
        }
    }

    @Test
    void malformedQueryEncodingIsCode30002() throws Exception {
        StatsClient c = start(10 * 2880);
        assertError(c.raw(StatsEndpoint.PREFIX + "fault?state_date=%zz", AUTH), 200, 30002, "query string");
    }

    @Test
    void dateBeforeGenesisIsCode30004() throws Exception {
        StatsClient c = start(10 * 2880);
        assertError(c.get(StatsEndpoint.PREFIX + "expire?state_date=2023-12-31", AUTH), 200, 30004,
                "2023-12-31 is out of range: statistics cover 2024-01-01 to 2024-01-10");
    }

    @Test
    void dateAfterTheLastCompleteDayIsCode30004() throws Exception {
        // the head is on 2024-01-11 (epoch 28800 starts it): the 11th is not complete
        StatsClient c = start(10 * 2880);
        assertError(c.get(StatsEndpoint.PREFIX + "expire?state_date=2024-01-11", AUTH), 200, 30004,
                "out of range");
        assertThat(c.get(StatsEndpoint.PREFIX + "expire?state_date=2024-01-10", AUTH).code()).isZero();
    }

    @Test
    void onTheGenesisDayNoDayIsCompleteYet() throws Exception {
        StatsClient c = start(2879);
        assertError(c.get(StatsEndpoint.PREFIX + "total", AUTH), 200, 30004, "no complete day yet");
    }

    @Test
    void unknownEndpointIs404AndOtherMethodsAre405() throws Exception {
        StatsClient c = start(10 * 2880);
        assertError(c.get(StatsEndpoint.PREFIX + "sectors", AUTH), 404, 40400, "no such endpoint");
        assertError(c.get("/storage_provider/", AUTH), 404, 40400, "no such endpoint");
        assertError(c.send("POST", StatsEndpoint.PREFIX + "total", AUTH), 405, 40500, "GET");
    }

    @Test
    void aWellFormedMinerTheFleetDoesNotHaveGivesNoRows() throws Exception {
        StatsClient c = start(10 * 2880);
        StatsClient.Answer a = c.get(StatsEndpoint.PREFIX + "total?miner_id=f09999", AUTH);
        assertThat(a.code()).isZero();
        assertThat(a.data()).isEmpty();
    }

    @Test
    void withoutMinerIdEveryMinerHasARowAndMinerIdSelectsOne() throws Exception {
        StatsClient c = start(10 * 2880);
        StatsClient.Answer all = c.get(StatsEndpoint.PREFIX + "total?state_date=2024-01-01", AUTH);
        assertThat(all.data()).hasSize(2);
        assertThat(all.data().get(0).get("miner_id").asText()).isEqualTo("f01000");
        assertThat(all.data().get(0).get("total_num_sector").asLong()).isEqualTo(10);
        assertThat(all.data().get(1).get("miner_id").asText()).isEqualTo("f01001");
        assertThat(all.data().get(1).get("total_num_sector").asLong()).isZero();
        StatsClient.Answer one = c.get(StatsEndpoint.PREFIX + "total?state_date=2024-01-01&miner_id=t01001", AUTH);
        assertThat(one.data()).hasSize(1);
        assertThat(one.data().get(0).get("miner_id").asText()).isEqualTo("f01001");
    }

    @Test
    void requestIdsAreTheSameForTheSameCallsOnTheSameSeedAndHeads() throws Exception {
        List<String> first = ids(start(10 * 2880));
        server.close();
        List<String> second = ids(start(10 * 2880));
        assertThat(second).isEqualTo(first);
        assertThat(first.get(0)).endsWith("#1");
        assertThat(first.get(1)).endsWith("#2");
        assertThat(first.get(0).split("#")[0]).isNotEqualTo(first.get(1).split("#")[0]);
    }

    private static List<String> ids(StatsClient c) {
        return List.of(c.get(StatsEndpoint.PREFIX + "total", AUTH).json().get("request_id").asText(),
                c.get(StatsEndpoint.PREFIX + "snap", AUTH).json().get("request_id").asText(),
                c.get(StatsEndpoint.PREFIX + "snap", null).json().get("request_id").asText());
    }
}
