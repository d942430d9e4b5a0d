package io.minersim.sealing.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.SectorSize;
import org.junit.jupiter.api.Test;

class ResourceTableTest {

    private static final long GIB = 1L << 30;

    @Test
    void the32GiBEntriesAreLotusDefaults() {
        SectorSize s = SectorSize.SIZE_32GiB;
        assertThat(ResourceTable.of(TaskType.PRE_COMMIT_1, s))
                .isEqualTo(new Resources(56 * GIB, 64 * GIB, 0, 1, 0, 10L << 20, 0));
        assertThat(ResourceTable.of(TaskType.PRE_COMMIT_2, s)).isEqualTo(new Resources(15 * GIB, 15 * GIB, 1.0, -1, 6, GIB, 0));
        assertThat(ResourceTable.of(TaskType.COMMIT_2, s))
                .isEqualTo(new Resources(30 * GIB, 150 * GIB, 1.0, -1, 6, 32 * GIB, 0));
        assertThat(ResourceTable.of(TaskType.FETCH, s)).isEqualTo(new Resources(1L << 20, 1L << 20, 0, 0, 0, 0, 0));
        assertThat(ResourceTable.of(TaskType.GENERATE_WINDOW_POST, s).maxMemory()).isEqualTo(96 * GIB);
    }

    @Test
    void copiedEntriesAndTypesWithoutOneAreAsLotusInitMakesThem() {
        for (SectorSize s : SectorSize.values()) {
            assertThat(ResourceTable.of(TaskType.UNSEAL, s)).isEqualTo(ResourceTable.of(TaskType.PRE_COMMIT_1, s));
            assertThat(ResourceTable.of(TaskType.REGEN_SECTOR_KEY, s))
                    .isEqualTo(ResourceTable.of(TaskType.REPLICA_UPDATE, s));
            assertThat(ResourceTable.of(TaskType.DATA_CID, s)).isEqualTo(ResourceTable.of(TaskType.ADD_PIECE, s));
            for (TaskType none : new TaskType[] {TaskType.FINALIZE, TaskType.FINALIZE_UNSEALED,
                TaskType.FINALIZE_REPLICA_UPDATE, TaskType.DOWNLOAD_SECTOR}) {
                assertThat(ResourceTable.of(none, s)).isEqualTo(Resources.NONE);
            }
        }
        assertThat(ResourceTable.withEntries()).hasSize(14);
        assertThat(ResourceTable.of(TaskType.PRE_COMMIT_1, SectorSize.SIZE_64GiB).minMemory()).isEqualTo(112 * GIB);
    }

    @Test
    void threadsFollowLotusRule() {
        Resources pc2 = ResourceTable.of(TaskType.PRE_COMMIT_2, SectorSize.SIZE_32GiB);
        assertThat(pc2.threads(128, 0)).as("92 % of the CPUs without a GPU").isEqualTo(117);
        assertThat(pc2.threads(128, 1)).as("MaxParallelismGPU on a GPU worker").isEqualTo(6);
        assertThat(pc2.threads(1, 0)).as("all of a single CPU").isEqualTo(1);
        assertThat(ResourceTable.of(TaskType.PRE_COMMIT_1, SectorSize.SIZE_32GiB).threads(128, 1)).isEqualTo(1);
    }

    @Test
    void taskTypesHaveLotusWireNamesShortNamesAndOrder() {
        assertThat(TaskType.ofWire("seal/v0/precommit/1")).isEqualTo(TaskType.PRE_COMMIT_1);
        assertThat(TaskType.PRE_COMMIT_1.shortName()).isEqualTo("PC1");
        assertThat(TaskType.ofWire("seal/v0/nope")).isNull();
        assertThat(TaskType.sealing()).hasSize(16).doesNotContain(TaskType.GENERATE_WINDOW_POST);
    }
}
