package io.minersim.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.repo.MinerRepo;
import io.minersim.rpc.MinerClient;
import io.minersim.rpc.Permission;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinerNodeTest {

    @TempDir
    Path dir;

    @Test
    void tokensStayValidAcrossRestartsOfTheSameRepo() throws Exception {
        String token;
        try (MinerNode first = MinerNode.builder().repo(MinerRepo.open(dir)).manualClock(true)
                .listen("127.0.0.1", 0).start()) {
            token = first.token(Permission.WRITE);
            assertThat(Files.readString(dir.resolve("api"))).isEqualTo(first.multiaddr());
            assertThat(Files.readString(dir.resolve("token"))).isEqualTo(first.adminToken());
        }
        assertThat(dir.resolve("api")).doesNotExist();
        try (MinerNode second = MinerNode.builder().repo(MinerRepo.open(dir)).manualClock(true)
                .listen("127.0.0.1", 0).start()) {
            MinerClient client = MinerClient.connect(second.httpUri(), second.adminToken());
            assertThat(client.miner().authVerify(token)).containsExactly("read", "write");
        }
    }

    @Test
    void shutdownThroughTheApiStopsTheNode() throws Exception {
        MinerNode node = MinerNode.builder().repo(MinerRepo.open(dir)).manualClock(true).listen("127.0.0.1", 0)
                .start();
        MinerClient.connect(node.httpUri(), node.adminToken()).miner().shutdown();
        assertThat(node.awaitStop(10, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve("api")).doesNotExist();
    }
}
