package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.storage.Decl;
import io.minersim.sealing.storage.FoundPath;
import io.minersim.sealing.storage.FsStat;
import io.minersim.sealing.storage.PathMeta;
import io.minersim.sealing.storage.SimulatedDisk;
import io.minersim.sealing.storage.StorageException;
import io.minersim.sealing.storage.StorageIndex;
import io.minersim.sealing.storage.StorageOp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The storage paths and Lotus's sector index over the engine's sectors (issue 11 §2). */
class StoragePathsTest {
    private static final long SIZE = 2048;

    private static SimulatedMiner sim(long seed) {
        return new SimulatedMiner(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB).withSeed(seed));
    }

    private static String onlyPath(Miner m) {
        return m.storage().list().keySet().iterator().next();
    }

    @Test
    void theDefaultIsOneSealingAndStoringPathWhoseIdComesFromTheSeed() {
        Miner a = sim(7).miner;
        String id = onlyPath(a);
        assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(onlyPath(sim(7).miner)).isEqualTo(id);
        assertThat(onlyPath(sim(8).miner)).isNotEqualTo(id);
        PathMeta info = a.storage().info(id);
        assertThat(info.weight()).isEqualTo(10);
        assertThat(info.canSeal()).isTrue();
        assertThat(info.canStore()).isTrue();
        assertThat(info.urls()).containsExactly("http://127.0.0.1:2345/remote");
        assertThat(a.storage().local()).containsExactly(Map.entry(id, "/var/lib/minersim/f01000"));
        assertThat(a.storage().list().get(id)).isEmpty();
        FsStat st = a.storage().stat(id);
        assertThat(st.capacity()).isEqualTo(1L << 50);
        assertThat(st.available()).isEqualTo(1L << 50);
        assertThat(st.max()).isZero();
        assertThatThrownBy(() -> a.storage().info("nope")).isInstanceOf(StorageException.class)
                .hasMessage("sector store not found");
    }

    @Test
    void aCcSectorHasItsSealingFilesWhileSealingAndSealedAndCacheAfterFinalize() {
        SimulatedMiner s = sim(1);
        Miner m = s.miner;
        String id = onlyPath(m);
        long n = m.pledgeSector();
        s.advanceUntil(n, SectorState.PreCommit1, 50);
        assertThat(m.storage().list().get(id)).containsExactly(new Decl(1000, n, 7));
        // Lotus's seal budgets: unsealed and sealed one sector each, the cache 14.1 sectors
        assertThat(m.storage().usage().get(id)).isEqualTo(SIZE + SIZE + 141 * SIZE / 10);
        assertThat(m.storage().locks()).singleElement().satisfies(l -> {
            assertThat(l.number()).isEqualTo(n);
            assertThat(l.read()).containsExactly(1, 0, 0, 0, 0, 0);
            assertThat(l.write()).containsExactly(0, 1, 1, 0, 0, 0);
        });
        assertThat(m.storage().tryLock(1000, n, 2, 0)).as("the sealed file is being written").isFalse();
        assertThat(m.storage().tryLock(1000, n, 1, 0)).as("the unsealed file is only read").isTrue();
        s.advanceUntil(n, SectorState.Proving, 200);
        assertThat(m.storage().list().get(id)).containsExactly(new Decl(1000, n, 6));
        assertThat(m.storage().usage().get(id)).isEqualTo(SIZE + SIZE / 10);
        assertThat(m.storage().stat(id).fsAvailable()).isEqualTo((1L << 50) - SIZE - SIZE / 10);
        assertThat(m.storage().locks()).isEmpty();
        List<FoundPath> found = m.storage().find(1000, n, 2, 0, false);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.meta().id()).isEqualTo(id);
            assertThat(f.urls()).containsExactly("http://127.0.0.1:2345/remote/sealed/s-t01000-" + n);
            assertThat(f.weight()).isEqualTo(10);
            assertThat(f.primary()).isTrue();
        });
        assertThat(m.storage().find(1000, n, 3, 0, false)).singleElement().satisfies(f -> assertThat(f.urls())
                .containsExactly("http://127.0.0.1:2345/remote/%3Cunknown%203%20%5Bunsealed%20sealed%5D%3E/s-t01000-"
                        + n));
        assertThat(m.storage().find(1000, n, 1, 0, false)).as("a CC sector drops its unsealed copy").isEmpty();
    }

    @Test
    void sealingFilesGoToSealPathsAndFinalizedOnesToStorePaths() {
        SimulatedMiner s = sim(2);
        Miner m = s.miner;
        PathMeta seal = new PathMeta("seal", null, 10, 0, true, false, null, null, null, null, null, null);
        PathMeta store = new PathMeta("store", null, 10, 0, false, true, null, null, null, null, null, null);
        m.changeStorage(new StorageOp.Configure(List.of(new SimulatedDisk("/fast", 1L << 40, seal),
                new SimulatedDisk("/slow", 1L << 44, store)), List.of("/fast", "/slow")));
        long n = m.pledgeSector();
        s.advanceUntil(n, SectorState.PreCommit2, 50);
        assertThat(m.storage().list()).containsEntry("seal", List.of(new Decl(1000, n, 7)))
                .containsEntry("store", List.of());
        assertThat(m.storage().bestAlloc(6, SIZE, true, 1000)).extracting(PathMeta::id).containsExactly("seal");
        assertThat(m.storage().bestAlloc(6, SIZE, false, 1000)).extracting(PathMeta::id).containsExactly("store");
        assertThatThrownBy(() -> m.storage().bestAlloc(6, 1L << 40, true, 1000)).as("no room for a 1 TiB sector")
                .isInstanceOf(StorageException.class).hasMessage("no good path found");
        s.advanceUntil(n, SectorState.Proving, 200);
        assertThat(m.storage().list()).containsEntry("seal", List.of())
                .containsEntry("store", List.of(new Decl(1000, n, 6)));
        assertThat(m.storage().local()).containsExactly(Map.entry("seal", "/fast"), Map.entry("store", "/slow"));
    }

    @Test
    void addLocalOpensOnlyADiskThatExistsAndOnlyOnce() {
        Miner m = sim(3).miner;
        assertThatThrownBy(() -> m.changeStorage(new StorageOp.AddLocal("/mnt/nothing/")))
                .isInstanceOf(StorageException.class).hasMessage("opening local path: reading storage metadata for "
                        + "/mnt/nothing/: open /mnt/nothing/sectorstore.json: no such file or directory");
        String home = StorageIndex.defaultPath(1000);
        m.changeStorage(new StorageOp.Configure(List.of(StorageIndex.defaultDisk(1000, 3), new SimulatedDisk("/root/d2",
                1L << 40, new PathMeta("d2", null, 1, 0, false, true, null, null, null, null, null, null))),
                List.of(home)));
        m.changeStorage(new StorageOp.AddLocal("~/d2"));
        assertThat(m.storage().local()).containsEntry("d2", "/root/d2");
        assertThatThrownBy(() -> m.changeStorage(new StorageOp.AddLocal("/root/d2")))
                .hasMessage("opening local path: path with ID d2 already opened: '/root/d2'");
        m.changeStorage(new StorageOp.DetachLocal("/root/d2"));
        assertThat(m.storage().local()).doesNotContainKey("d2");
        assertThat(m.storage().list()).doesNotContainKey("d2");
        assertThatThrownBy(() -> m.changeStorage(new StorageOp.DetachLocal("/root/d2")))
                .hasMessage("no local paths match '/root/d2'");
    }

    @Test
    void droppedDeclarationsComeBackOnRedeclareAndHandMadeOnesShow() {
        SimulatedMiner s = sim(4);
        Miner m = s.miner;
        String id = onlyPath(m);
        long n = s.provingCc();
        m.changeStorage(new StorageOp.Drop(id, 1000, n, 2));
        assertThat(m.storage().list().get(id)).containsExactly(new Decl(1000, n, 4));
        assertThat(m.storage().find(1000, n, 2, 0, false)).isEmpty();
        m.changeStorage(new StorageOp.Declare(id, 1001, 9, 1, false));
        assertThat(m.storage().list().get(id)).containsExactly(new Decl(1000, n, 4), new Decl(1001, 9, 1));
        assertThat(m.storage().find(1001, 9, 1, 0, false)).singleElement().satisfies(f -> {
            assertThat(f.primary()).isFalse();
            assertThat(f.weight()).isEqualTo(10);
        });
        Map<String, Object> snap = m.snapshot();
        Miner restored = Miner.start(s.config, ManualChainClock.atGenesis(s.config.policy()));
        restored.restore(snap);
        assertThat(restored.storage().list()).isEqualTo(m.storage().list());
        m.changeStorage(new StorageOp.Redeclare(null, true));
        assertThat(m.storage().list().get(id)).containsExactly(new Decl(1000, n, 6));
    }

    @Test
    void detachingAPathDropsItAndItsSectorsFromTheIndex() {
        SimulatedMiner s = sim(5);
        Miner m = s.miner;
        String id = onlyPath(m);
        s.provingCc();
        assertThatThrownBy(() -> m.changeStorage(new StorageOp.Detach("nope", "x")))
                .hasMessage("storage 'nope' isn't registered");
        assertThatThrownBy(() -> m.changeStorage(new StorageOp.Detach(id, "http://elsewhere/remote")))
                .hasMessage("not dropping path, requested and index urls don't match ('http://elsewhere/remote' != "
                        + "'http://127.0.0.1:2345/remote')");
        m.changeStorage(new StorageOp.Detach(id, "http://127.0.0.1:2345/remote"));
        assertThat(m.storage().list()).isEmpty();
        assertThatThrownBy(() -> m.storage().local()).hasMessage("get storage info for " + id
                + ": sector store not found");
        m.changeStorage(new StorageOp.Redeclare(id, false));
        assertThat(m.storage().list().get(id)).hasSize(1);
    }

    @Test
    void locksOfUnknownTypesAreRefusedAndNothingAskedIsNoLock() {
        Miner m = sim(6).miner;
        assertThat(m.storage().tryLock(1000, 1, 0, 0)).isFalse();
        assertThatThrownBy(() -> m.storage().tryLock(1000, 1, 64, 0)).hasMessage("unknown file types specified");
        assertThat(m.storage().tryLock(1000, 1, 1, 2)).isTrue();
    }

    @Test
    void healthReportsOfUnknownPathsAreRefusedAndRemotePathsReportTheirStat() {
        Miner m = sim(9).miner;
        assertThatThrownBy(() -> m.changeStorage(new StorageOp.ReportHealth("w1", FsStat.ZERO, "")))
                .hasMessage("health report for unknown storage: w1");
        PathMeta worker = new PathMeta("w1", List.of("http://10.0.0.2:3456/remote"), 10, 0, true, false, null, null,
                List.of("sealed", "bogus"), null, null, null);
        FsStat st = new FsStat(1000, 900, 900, 0, 0, 0);
        m.changeStorage(new StorageOp.Attach(worker, st));
        assertThat(m.storage().info("w1").allowTypes()).containsExactly("sealed");
        assertThat(m.storage().stat("w1")).isEqualTo(st);
        m.changeStorage(new StorageOp.ReportHealth("w1", new FsStat(1000, 10, 10, 0, 0, 0), "disk on fire"));
        assertThat(m.storage().stat("w1").available()).isEqualTo(10);
        assertThat(m.storage().bestAlloc(1, 0, true, 1000)).extracting(PathMeta::id).doesNotContain("w1");
        assertThat(m.storage().local()).doesNotContainKey("w1");
    }
}
