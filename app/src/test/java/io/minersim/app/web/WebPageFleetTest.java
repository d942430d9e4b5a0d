package io.minersim.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.fleet.Fleet;
import io.minersim.app.node.MinerNode;
import io.minersim.app.stats.StatsLauncher;
import io.minersim.rpc.Permission;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fleet's page: one address with every miner's read token, and each call goes to the miner it names. */
class WebPageFleetTest {
    private static final String ACTOR_ADDRESS = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.ActorAddress\","
            + "\"params\":[]}";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void eachMinerAnswersThroughThePageWithItsOwnToken(@TempDir Path repo) throws Exception {
        Fleet.Settings settings = new Fleet.Settings(2, Profile.DEVNET, MinerConfig.of(Profile.DEVNET), List.of(
                SectorSize.SIZE_2KiB), true, null, "127.0.0.1", 0, null, null, null);
        try (Fleet fleet = Fleet.start(settings)) {
            StatsLauncher.Started stats = StatsLauncher.start(fleet.nodes(), repo, List.of("mss_webpagefleettest"),
                    "127.0.0.1:0", 0);
            try {
                assertThat(stats.banner()).contains("#key=").contains("&token.f01000=eyJ").contains("&token.f01001=eyJ");
                URI base = stats.server().uri();
                MinerNode second = fleet.nodes().get(1);
                HttpResponse<String> own = post(base.resolve("/rpc/v0?miner=f01001"), second.token(Permission.READ));
                assertThat(own.statusCode()).isEqualTo(200);
                assertThat(own.body()).contains("\"result\":\"f01001\"");
                HttpResponse<String> other = post(base.resolve("/rpc/v0?miner=f01001"),
                        fleet.nodes().get(0).token(Permission.READ));
                assertThat(other.statusCode()).isEqualTo(401);
                HttpResponse<String> unnamed = post(base.resolve("/rpc/v0"), second.token(Permission.READ));
                assertThat(unnamed.statusCode()).isEqualTo(404);
                assertThat(unnamed.body()).contains("add ?miner=f0");
            } finally {
                stats.server().close();
            }
        }
    }

    private HttpResponse<String> post(URI uri, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(ACTOR_ADDRESS))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
