package io.minersim.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A push reader whose upload never arrives: as in Lotus, the wait is part of decoding the parameter
 * (lib/rpcenc's param decoder), so the call fails with go-jsonrpc's -32700 decoding error and nothing changes.
 */
class PushReaderTimeoutTest {
    @Test
    void anUploadThatNeverComesIsADecodingErrorAndChangesNothing() throws Exception {
        try (MinerNode node = MinerNode.builder().config(MinerConfig.of(Profile.DEVNET).withSectorSize(
                SectorSize.SIZE_2KiB)).manualClock(true).listen("127.0.0.1", 0).pushTimeout(Duration.ofMillis(300))
                .start()) {
            String body = "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"Filecoin.SectorAddPieceToAny\",\"params\":[508,"
                    + "{\"Type\":\"push\",\"Info\":\"" + UUID.randomUUID() + "\"},{\"DealID\":0}]}";
            long t0 = System.nanoTime();
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(node.httpUri()).header("Authorization", "Bearer " + node.adminToken())
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - t0) / 1_000_000;

            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).isEqualTo("{\"error\":{\"code\":-32700,\"message\":\"decoding params for "
                    + "'Filecoin.SectorAddPieceToAny' (param: 1; custom decoder): context deadline exceeded\"},"
                    + "\"id\":3,\"jsonrpc\":\"2.0\"}\n");
            assertThat(millis).isBetween(250L, 10_000L);
            assertThat(node.miner().sectorCount()).isZero();
        }
    }
}
