package io.minersim.app.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.sealing.stats.MinerStatistics;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint's answer against the field list and types of Spacescope's documentation (a trimmed
 * copy in {@code stats/spacescope-sector-fields.txt}): the same fields, in order, of the right JSON
 * types, for every miner's row.
 */
class SeedSchemaTest {
    private static final String KEY = "mss_seedschematestkey";

    static Map<String, List<String[]>> seedFields() throws IOException {
        Map<String, List<String[]>> out = new LinkedHashMap<>();
        try (InputStream in = SeedSchemaTest.class.getResourceAsStream("/stats/spacescope-sector-fields.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.trim().split("\\s+");
                out.computeIfAbsent(p[0], k -> new ArrayList<>()).add(new String[] {p[1], p[2]});
            }
        }
        return out;
    }

    static void assertMatchesSeed(String endpoint, JsonNode row, List<String[]> fields) {
        List<String> names = new ArrayList<>();
        row.fieldNames().forEachRemaining(names::add);
        assertThat(names).as(endpoint).containsExactlyElementsOf(fields.stream().map(f -> f[0]).toList());
        for (String[] f : fields) {
            JsonNode v = row.get(f[0]);
            String what = endpoint + "." + f[0] + " = " + v;
            switch (f[1]) {
                case "DATE" -> assertThat(v.isTextual() && v.asText().matches("\\d{4}-\\d{2}-\\d{2}T00:00:00Z"))
                        .as(what).isTrue();
                case "STRING" -> assertThat(v.isTextual()).as(what).isTrue();
                case "BIGINT" -> assertThat(v.isIntegralNumber() && v.canConvertToLong()).as(what).isTrue();
                case "NUMERIC" -> assertThat(v.isNumber()).as(what).isTrue();
                default -> throw new AssertionError("unknown type " + f[1] + " in the seed's field list");
            }
        }
    }

    @Test
    void theCodeListsExactlyTheSeedsEndpointsAndFields() throws IOException {
        Map<String, List<String[]>> seed = seedFields();
        assertThat(seed.keySet()).containsExactlyElementsOf(
                List.of(StatsEndpoint.values()).stream().map(StatsEndpoint::endpointName).toList());
        for (StatsEndpoint e : StatsEndpoint.values()) {
            assertThat(e.fields().stream().map(f -> f.name() + " " + f.type()).toList()).as(e.endpointName())
                    .containsExactlyElementsOf(seed.get(e.endpointName()).stream().map(f -> f[0] + " " + f[1])
                            .toList());
        }
    }

    @Test
    void everyResponseValidatesAgainstTheSeedsFieldsAndTypes() throws Exception {
        Map<String, List<String[]>> seed = seedFields();
        StatsService service = new StatsService(List.of(
                new StatsMiner("f01000", HandWrittenHistory.build(), () -> 60 * 2880),
                new StatsMiner("f01001", new MinerStatistics(HandWrittenHistory.GENESIS, 30), () -> 60 * 2880)));
        try (StatsServer server = StatsServer.start(service, StatsKeys.of(List.of(KEY)), 0, "127.0.0.1", 0, null)) {
            StatsClient c = new StatsClient(server.uri());
            int rows = 0;
            for (String date : List.of("2024-01-01", "2024-01-03", "2024-02-14", "")) {
                for (StatsEndpoint e : StatsEndpoint.values()) {
                    StatsClient.Answer a = c.get(e.path() + (date.isEmpty() ? "" : "?state_date=" + date),
                            "Bearer " + KEY);
                    List<String> top = new ArrayList<>();
                    a.json().fieldNames().forEachRemaining(top::add);
                    assertThat(top).containsExactly("request_id", "code", "message", "data");
                    assertThat(a.json().get("request_id").isTextual()).isTrue();
                    assertThat(a.json().get("code").isInt()).isTrue();
                    for (JsonNode row : a.data()) {
                        assertMatchesSeed(e.endpointName(), row, seed.get(e.endpointName()));
                        rows++;
                    }
                }
            }
            assertThat(rows).isEqualTo(4 * 10 * 2);
        }
    }
}
