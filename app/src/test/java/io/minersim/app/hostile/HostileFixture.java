package io.minersim.app.hostile;

import io.minersim.app.node.MinerNode;
import io.minersim.app.stats.StatsLauncher;
import io.minersim.app.stats.StatsServer;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Both servers as {@code minersim run} starts them (a devnet miner on a manual clock, its JSON-RPC endpoint, the
 * statistics API with one key), on free loopback ports, for a test class:
 * {@code @RegisterExtension static final HostileFixture f = new HostileFixture();}.
 */
final class HostileFixture implements BeforeAllCallback, AfterAllCallback {
    static final String STATS_KEY = "mss_hostilefixturekey";

    MinerNode node;
    StatsServer stats;
    private Path repo;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        node = MinerNode.builder().config(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB))
                .manualClock(true).listen("127.0.0.1", 0).start();
        repo = Files.createTempDirectory("minersim-hostile");
        stats = StatsLauncher.start(List.of(node), repo, List.of(STATS_KEY), "127.0.0.1:0", 0).server();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (stats != null) {
            stats.close();
        }
        if (node != null) {
            node.close();
        }
        if (repo != null) {
            try (var files = Files.walk(repo)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    int rpcPort() {
        return node.port();
    }

    int statsPort() {
        return stats.port();
    }

    URI statsUri(String pathAndQuery) {
        return URI.create(stats.uri() + pathAndQuery);
    }
}
