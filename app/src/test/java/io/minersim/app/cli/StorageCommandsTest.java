package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.rpc.types.FsStat;
import io.minersim.rpc.types.StorageInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code minersim storage list} and {@code storage find} in lotus-miner's layout, from the miner's own index. */
class StorageCommandsTest {

    @RegisterExtension
    final CliFixture sim = CliFixture.devnet();

    private String path() {
        return sim.client().storage().storageLocal().keySet().iterator().next();
    }

    @Test
    void listShowsEachPathWithItsUseFilesRolesAndPlaceLargestFirst() {
        sim.provingSectors(2);
        sim.client().storage().storageAttach(new StorageInfo("worker-1", List.of("http://10.0.0.2:3456/remote"), 5,
                0, true, false, List.of("ssd", "fast"), null, List.of("sealed", "cache"), null, null, null),
                new FsStat(4L << 40, 3L << 40, 3L << 40, 0, 0, 0));

        String out = sim.run("storage", "list").ok().out();

        // two 2 KiB sectors stored: sealed 2048 B and the finalized cache 204 B each, 4504 B in all
        assertThat(out).startsWith(path() + ":\n"
                + "\t[" + " ".repeat(50) + "] 4.398 KiB/1 PiB 0%\n"
                + "\tUnsealed: 0; Sealed: 2; Caches: 2; Updated: 0; Update-caches: 0; Reserved: 0 B\n"
                + "\tWeight: 10; Use: Seal Store\n"
                + "\tLocal: /var/lib/minersim/f01000\n"
                + "\tURL: http://127.0.0.1:2345/remote\n"
                + "\n"
                + "worker-1:\n"
                + "\t[############" + " ".repeat(38) + "] 1 TiB/4 TiB 25%\n"
                + "\tUnsealed: 0; Sealed: 0; Caches: 0; Updated: 0; Update-caches: 0; Reserved: 0 B\n"
                + "\tWeight: 5; Use: Seal \n"
                + "\tGroups: ssd, fast\n"
                + "\tAllow Types: sealed cache\n");
        assertThat(out).containsPattern("\tURL: http://10\\.0\\.0\\.2:3456/remote \\(latency: [0-9.]+(ns|µs|ms|s)\\)\n\n$");
    }

    @Test
    void listShowsALimitBarForAPathWithMaxStorageAndReadOnlyPaths() {
        sim.client().storage().storageAttach(new StorageInfo("limited", List.of("http://h/remote"), 0, 1L << 40,
                false, false, null, null, null, List.of("unsealed"), null, null),
                new FsStat(4L << 40, 1L << 40, 2L << 40, 0, 1L << 40, 512L << 30));

        String out = sim.run("storage", "list").ok().out();

        assertThat(out).contains("limited:\n"
                + "\t[#########################" + " ".repeat(25) + "] 2 TiB/4 TiB 50% (filesystem)\n"
                + "\t[#########################" + " ".repeat(25) + "] 512 GiB/1 TiB 50% (limit)\n"
                + "\tUnsealed: 0; Sealed: 0; Caches: 0; Updated: 0; Update-caches: 0; Reserved: 0 B\n"
                + "\tUse: ReadOnly\n"
                + "\tDeny Types:  unsealed\n");
    }

    @Test
    void findListsThePathsHoldingEachFileOfASector() {
        sim.provingSectors(1);

        String out = sim.run("storage", "find", "0").ok().out();

        assertThat(out).isEqualTo("In " + path() + " (Sealed, Cache)\n"
                + "\tSealing: true; Storage: true\n"
                + "\tLocal (/var/lib/minersim/f01000)\n"
                + "\tURL: http://127.0.0.1:2345/remote/sealed/s-t01000-0\n");
        assertThat(sim.run("storage", "find", "99").ok().out()).as("no files: nothing printed").isEmpty();
        sim.run("storage", "find", "--", "-1").refused("could not parse sector number");
    }

    @Test
    void sizesAreLotusSizeStr() {
        assertThat(StorageCommand.sizeStr(0)).isEqualTo("0 B");
        assertThat(StorageCommand.sizeStr(1023)).isEqualTo("1023 B");
        assertThat(StorageCommand.sizeStr(32L << 30)).isEqualTo("32 GiB");
        assertThat(StorageCommand.sizeStr(3L << 39)).isEqualTo("1.5 TiB");
        assertThat(StorageCommand.sizeStr(141L * (32L << 30) / 10)).isEqualTo("451.2 GiB");
    }
}
