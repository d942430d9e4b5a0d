package io.minersim.app.stats;

import static io.minersim.app.stats.HandWrittenHistory.S;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every field of every endpoint, on every day that matters, against values computed by hand from
 * {@link HandWrittenHistory} (S = 32 GiB), eight days of it. QAP by hand: a sector full of verified deals has 10 S,
 * half verified 1 + 9/2 = 5.5 S, unverified deals and CC S.
 */
class HandWrittenHistoryStatsTest {
    private static final String KEY = "mss_handwrittenhistorykey";
    private static final long D540 = 540;
    private static StatsServer server;
    private static StatsClient client;
    private static final Map<String, List<?>> EXPECTED = new LinkedHashMap<>();
    /** commit_sector_count and commit_sector_size: every pre-commit and commit happened on day 1. */
    private static final List<?> COMMIT_COUNTS = List.of(10L, 1L, 9L, 3.0, 6L, 4L, 4.0);
    private static final List<?> COMMIT_SIZES = List.of(S, S, 9 * S, 45 * S / 2, 6 * S, 6 * S, 4 * S);

    @BeforeAll
    static void start() throws Exception {
        // the head is on 2024-07-01: 2024-06-30 is the last complete day
        long head = 182 * 2880 + 10;
        StatsService service = new StatsService(List.of(new StatsMiner("f01000", HandWrittenHistory.build(),
                () -> head)));
        server = StatsServer.start(service, StatsKeys.of(List.of(KEY)), 7, "127.0.0.1", 0, null);
        client = new StatsClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static {
        // day 1: ten sectors onboarded
        day("2024-01-01",
                List.of(10L, 10 * S, 47 * S / 2, 10L, 10 * S, 47 * S / 2),
                COMMIT_COUNTS,
                COMMIT_SIZES,
                List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                List.of(0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                List.of(0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                // five of 540 days, five of 180: mean 360, deviations ±180
                List.of(360.0, 180.0));
        // day 2: nothing new (the repeated pre-commit landing does not count)
        day("2024-01-02",
                List.of(10L, 10 * S, 47 * S / 2, 0L, 0L, 0L),
                COMMIT_COUNTS,
                COMMIT_SIZES,
                List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                List.of(0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                List.of(0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                List.of(360.0, 180.0));
        // day 3: sectors 5 and 6 (CC, 180 days) fault; 8 active: five of 540, three of 180,
        // mean 3240/8 = 405, variance (5 × 135² + 3 × 225²)/8 = 30375
        day("2024-01-03",
                List.of(10L, 10 * S, 47 * S / 2, 0L, 0L, 0L),
                COMMIT_COUNTS,
                COMMIT_SIZES,
                List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L),
                List.of(2 * S, 2 * S, 2 * S, 2 * S),
                List.of(0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                List.of(0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                List.of(405.0, Math.sqrt(30375)));
        // day 4: sector 5 recovers, sector 0 (verified, 10 S, 540 days) terminated by the miner;
        // active: 1–4 (540) and 5, 7, 8, 9 (180): mean 360, deviations ±180
        day("2024-01-04",
                List.of(10L, 10 * S, 47 * S / 2, 0L, 0L, 0L),
                COMMIT_COUNTS,
                COMMIT_SIZES,
                List.of(S, 10 * S, S, 10 * S, S, 10 * S, S, 10 * S, 0L, 0L, 0L, 0L),
                List.of(0L, 0L, S, S),
                List.of(S, S),
                List.of(0L, 0L, 0L, 0L),
                List.of(0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                List.of(360.0, 180.0));
        // day 5: sector 8 snapped with a verified deal: 10 S; sector 7 (CC, S) extended to 540 days:
        // active 1–4 and 7 (540), 5, 8, 9 (180): as on day 3, mean 405, variance 30375
        day("2024-01-05",
                List.of(10L, 10 * S, 47 * S / 2, 0L, 0L, 0L),
                COMMIT_COUNTS,
                COMMIT_SIZES,
                List.of(0L, 0L, S, 10 * S, 0L, 0L, S, 10 * S, 0L, 0L, 0L, 0L),
                List.of(0L, 0L, S, S),
                List.of(0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                List.of(S, S),
                List.of(S, 10 * S, S, 10 * S),
                List.of(405.0, Math.sqrt(30375)));
        // a quiet day in between: totals carried, nothing daily
        day("2024-01-20",
                List.of(10L, 10 * S, 47 * S / 2, 0L, 0L, 0L),
                COMMIT_COUNTS,
                COMMIT_SIZES,
                List.of(0L, 0L, S, 10 * S, 0L, 0L, S, 10 * S, 0L, 0L, 0L, 0L),
                List.of(0L, 0L, S, S),
                List.of(0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                List.of(0L, 0L),
                List.of(0L, 0L, S, 10 * S),
                List.of(405.0, Math.sqrt(30375)));
        // day 45: sector 6 (CC) terminated by the network after 42 days in fault
        day("2024-02-14",
                List.of(10L, 10 * S, 47 * S / 2, 0L, 0L, 0L),
                COMMIT_COUNTS,
                COMMIT_SIZES,
                List.of(S, S, 2 * S, 11 * S, 0L, 0L, S, 10 * S, S, S, S, S),
                List.of(0L, 0L, 0L, 0L),
                List.of(0L, 0L),
                List.of(0L, 0L, 0L, 0L),
                List.of(0L, 0L),
                List.of(0L, 0L, S, 10 * S),
                List.of(405.0, Math.sqrt(30375)));
        // day 181: sectors 5 (S), 8 (snapped, 10 S) and 9 (S) expire; 1–4 and 7 remain, all 540 days
        day("2024-06-29",
                List.of(10L, 10 * S, 47 * S / 2, 0L, 0L, 0L),
                COMMIT_COUNTS,
                COMMIT_SIZES,
                List.of(0L, 0L, 2 * S, 11 * S, 0L, 0L, S, 10 * S, 0L, 0L, S, S),
                List.of(0L, 0L, 0L, 0L),
                List.of(0L, 0L),
                List.of(3 * S, 12 * S, 3 * S, 12 * S),
                List.of(0L, 0L),
                List.of(0L, 0L, S, 10 * S),
                List.of(540.0, 0.0));
        assertThat(D540).isEqualTo(540);
    }

    private static void day(String date, List<?>... perEndpoint) {
        StatsEndpoint[] endpoints = StatsEndpoint.values();
        assertThat(perEndpoint).hasSize(endpoints.length);
        for (int i = 0; i < endpoints.length; i++) {
            EXPECTED.put(endpoints[i].endpointName() + "?state_date=" + date, perEndpoint[i]);
        }
    }

    @Test
    void everyFieldOfEveryEndpointEqualsTheHandComputedValue() {
        List<String> checked = new ArrayList<>();
        for (Map.Entry<String, List<?>> e : EXPECTED.entrySet()) {
            String endpointName = e.getKey().substring(0, e.getKey().indexOf('?'));
            StatsEndpoint endpoint = StatsEndpoint.ofName(endpointName);
            StatsClient.Answer a = client.get(StatsEndpoint.PREFIX + e.getKey(), "Bearer " + KEY);
            assertThat(a.status()).as(e.getKey()).isEqualTo(200);
            assertThat(a.code()).as(e.getKey()).isZero();
            assertThat(a.message()).isEqualTo("success.");
            assertThat(a.data()).as(e.getKey()).hasSize(1);
            JsonNode row = a.data().get(0);
            String date = e.getKey().substring(e.getKey().indexOf('=') + 1);
            assertThat(row.get("stat_date").asText()).isEqualTo(date + "T00:00:00Z");
            assertThat(row.get("miner_id").asText()).isEqualTo("f01000");
            List<StatsEndpoint.Field> fields = endpoint.fields().subList(2, endpoint.fields().size());
            assertThat(e.getValue()).as(e.getKey()).hasSameSizeAs(fields);
            for (int i = 0; i < fields.size(); i++) {
                String name = fields.get(i).name();
                Object want = e.getValue().get(i);
                JsonNode got = row.get(name);
                assertThat(got).as(e.getKey() + " " + name).isNotNull();
                if (want instanceof Double d) {
                    assertThat(got.asDouble()).as(e.getKey() + " " + name).isCloseTo(d, within(1e-9));
                } else {
                    assertThat(got.isIntegralNumber()).as(e.getKey() + " " + name + " is an integer").isTrue();
                    assertThat(got.longValue()).as(e.getKey() + " " + name).isEqualTo((Long) want);
                }
            }
            checked.add(e.getKey());
        }
        assertThat(checked).hasSize(8 * StatsEndpoint.values().length);
    }

    @Test
    void withoutStateDateTheLastCompleteDayIsAnswered() {
        StatsClient.Answer a = client.get(StatsEndpoint.PREFIX + "terminate", "Bearer " + KEY);
        assertThat(a.code()).isZero();
        assertThat(a.data().get(0).get("stat_date").asText()).isEqualTo("2024-06-30T00:00:00Z");
        assertThat(a.data().get(0).get("total_terminate_qap").longValue()).isEqualTo(11 * S);
        assertThat(a.data().get(0).get("daily_new_terminate_qap").longValue()).isZero();
    }

    @Test
    void fieldOrderIsTheSeedsSchemaOrder() {
        StatsClient.Answer a = client.get(StatsEndpoint.PREFIX + "commit_sector_count?state_date=2024-01-01",
                "Bearer " + KEY);
        List<String> names = new ArrayList<>();
        a.data().get(0).fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("stat_date", "miner_id", "total_sealed_sector_count",
                "precommit_sector_count", "precommit_batch_sector_count", "avg_precommit_batch_sector_count",
                "provecommit_sector_count", "provecommit_batch_sector_count", "avg_provecommit_batch_sector_count");
        assertThat(Set.of(a.json().fieldNames().next())).containsExactly("request_id");
    }
}
