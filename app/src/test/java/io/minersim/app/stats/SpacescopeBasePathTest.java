package io.minersim.app.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Clients written for Spacescope keep its base path {@code /v2}, and some send a doubled slash after it. */
class SpacescopeBasePathTest {
    private static final String AUTH = "Bearer mss_basepathtestkey";
    private StatsServer server;
    private StatsClient client;

    @BeforeEach
    void start() throws Exception {
        StatsService service = new StatsService(List.of(
                new StatsMiner("f01000", HandWrittenHistory.build(), () -> 10 * 2880)));
        server = StatsServer.start(service, StatsKeys.of(List.of("mss_basepathtestkey")), 1, "127.0.0.1", 0, null);
        client = new StatsClient(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyEndpointAnswersTheSameRowsUnderV2AndWithDoubledSlashes() {
        for (StatsEndpoint e : StatsEndpoint.values()) {
            String query = e.endpointName() + "?state_date=2024-01-03";
            StatsClient.Answer plain = client.get(StatsEndpoint.PREFIX + query, AUTH);
            assertThat(plain.code()).as(plain.body()).isZero();
            assertThat(plain.data()).isNotEmpty();
            for (String target : List.of("/v2/storage_provider/sector/" + query,
                    "/v2//storage_provider/sector/" + query, "//storage_provider//sector/" + query)) {
                StatsClient.Answer other = client.raw(target, AUTH);
                assertThat(other.status()).as(target + " " + other.body()).isEqualTo(200);
                assertThat(other.code()).as(target).isZero();
                assertThat(other.data()).as(target).isEqualTo(plain.data());
            }
        }
    }

    @Test
    void theBasePathIsNoWildcard() {
        for (String target : List.of("/v3/storage_provider/sector/total", "/v2/v2/storage_provider/sector/total",
                "/v2storage_provider/sector/total")) {
            StatsClient.Answer a = client.raw(target, AUTH);
            assertThat(a.status()).as(target).isEqualTo(404);
            assertThat(a.code()).isEqualTo(40400);
            assertThat(a.message()).contains("no such endpoint");
        }
    }

    @Test
    void theKeyIsCheckedUnderV2AsEverywhere() {
        StatsClient.Answer a = client.raw("/v2//storage_provider/sector/total", "Bearer mss_notakeywehave");
        assertThat(a.status()).isEqualTo(401);
        assertThat(a.code()).isEqualTo(10011);
    }
}
