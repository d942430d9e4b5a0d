package io.minersim.app.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.app.testing.MinerSimulator;
import io.minersim.rpc.StorageApi;
import io.minersim.rpc.types.FsStat;
import io.minersim.rpc.types.StorageDecl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A scenario's storage section: the simulated machine's disks, the paths opened on them, and where files go. */
class ScenarioStorageTest {
    private static final long GIB = 1L << 30;

    @Test
    void theStoragePathsExampleSpreadsFilesByRoleWeightAndCapacity() throws Exception {
        Scenario scenario = ScenarioLoader.load(ScenarioExamplesTest.EXAMPLES.resolve("storage-paths.yaml"));
        try (MinerSimulator sim = MinerSimulator.builder().scenario(scenario).start()) {
            StorageApi storage = sim.client().storage();
            Map<String, String> local = storage.storageLocal();
            assertThat(local.values()).containsExactlyInAnyOrder("/mnt/nvme0/seal", "/mnt/hdd0/store", "/mnt/hdd1/store",
                    "/mnt/archive");
            String seal = idOf(local, "/mnt/nvme0/seal");
            String hdd0 = idOf(local, "/mnt/hdd0/store");
            String hdd1 = idOf(local, "/mnt/hdd1/store");
            String archive = idOf(local, "/mnt/archive");
            Map<String, List<StorageDecl>> list = storage.storageList();
            assertThat(list.get(seal)).hasSize(4).allSatisfy(d -> assertThat(d.sectorFileType()).isEqualTo(7));
            assertThat(list.get(archive)).as("weight 0: read-only, nothing allocated").isEmpty();
            int onHdd0 = list.get(hdd0).size();
            int onHdd1 = list.get(hdd1).size();
            assertThat(onHdd0 + onHdd1).isEqualTo(300);
            assertThat(onHdd0).as("twice the capacity, about twice the sectors").isBetween(170, 230);
            assertThat(list.get(hdd0)).allSatisfy(d -> assertThat(d.sectorFileType()).isEqualTo(6));
            // used space: Lotus's budgets, sealed 32 GiB and the finalized cache 3.2 GiB per stored sector
            FsStat st = storage.storageStat(hdd0);
            assertThat(st.capacity()).isEqualTo(16L << 40);
            assertThat(st.capacity() - st.fsAvailable()).isEqualTo(onHdd0 * (32 * GIB + 32 * GIB / 10));
            FsStat sealStat = storage.storageStat(seal);
            assertThat(sealStat.capacity() - sealStat.fsAvailable()).isEqualTo(4 * (32 * GIB * 2 + 141 * 32 * GIB / 10));
            assertThat(storage.storageInfo(hdd1).groups()).containsExactly("hdd");

            storage.storageAddLocal("/mnt/hdd2/store");
            assertThat(storage.storageLocal()).containsValue("/mnt/hdd2/store");
            assertThat(storage.storageList().get(hdd0)).as("files already stored stay where they are")
                    .hasSize(onHdd0);
            assertThatThrownBy(() -> storage.storageAddLocal("/mnt/hdd3/store"))
                    .hasMessageContaining("reading storage metadata for /mnt/hdd3/store");
        }
    }

    @Test
    void aStoragePathNeedsAnAbsoluteDirectoryAndOneIdEach() {
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                {"miner": {"storage": {"paths": [{"path": "/a", "id": "x"}, {"path": "/b", "id": "x", "capacity": "1TiB"}]}}}
                """)).isInstanceOf(ScenarioException.class).hasMessageContaining("two paths with ID x");
        assertThatThrownBy(() -> ScenarioLoader.parse("""
                {"miner": {"storage": {"paths": [{"path": "a", "capacity": "lots"}]}}}
                """)).isInstanceOf(ScenarioException.class).hasMessageContaining("capacity");
    }

    private static String idOf(Map<String, String> local, String dir) {
        return local.entrySet().stream().filter(e -> e.getValue().equals(dir)).findFirst().orElseThrow().getKey();
    }
}
