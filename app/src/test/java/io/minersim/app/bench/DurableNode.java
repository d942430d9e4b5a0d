package io.minersim.app.bench;

import io.minersim.app.node.MinerNode;
import io.minersim.app.state.DiskState;
import io.minersim.app.state.StateStore;
import io.minersim.app.world.World;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A node as {@code minersim run} makes one on a repo: its world saved in a fresh temporary repo (snapshot, journal
 * with group commit, compaction), in the {@code --sync} mode the system property {@code minersim.sync} names
 * ({@code os} by default, or {@code fsync}). LoadBench loads it by name, so the harness also builds where it does not
 * exist.
 */
public final class DurableNode implements AutoCloseable {
    private final Path repo;
    private final StateStore store;
    private final World world;
    private final DiskState state;
    private final MinerNode node;

    public DurableNode() throws Exception {
        repo = Files.createTempDirectory("minersim-bench-repo");
        store = StateStore.open(repo).sync(System.getProperty("minersim.sync", "os"));
        world = World.create(new World.Spec(Profile.DEVNET, List.of(MinerConfig.of(Profile.DEVNET)), null, true, null,
                0, null, 0));
        state = store.create(world);
        node = MinerNode.builder().world(world, 0).listen("127.0.0.1", 0).start();
        world.start();
    }

    public MinerNode node() {
        return node;
    }

    /** How many compactions ran so far. */
    public long compactions() {
        return state.compactions();
    }

    @Override
    public void close() throws java.io.IOException {
        node.close();
        world.close();
        state.close();
        store.close();
        try (Stream<Path> files = Files.walk(repo)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
