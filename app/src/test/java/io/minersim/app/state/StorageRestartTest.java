package io.minersim.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage changes are journaled: every acknowledged {@code Storage*} change (a worker's path attached and reported,
 * declarations made and dropped) survives a SIGKILL of {@code minersim run}, and every storage read answers byte
 * for byte as before.
 */
class StorageRestartTest {
    @TempDir
    Path repo;

    private static String reads(KillNineTest.Child c) throws Exception {
        StringBuilder b = new StringBuilder();
        String path = c.call("Filecoin.StorageLocal", "[]").get("result").fieldNames().next();
        for (String[] call : List.of(new String[] {"Filecoin.StorageList", "[]"},
                new String[] {"Filecoin.StorageLocal", "[]"}, new String[] {"Filecoin.StorageInfo", "[\"worker-1\"]"},
                new String[] {"Filecoin.StorageStat", "[\"worker-1\"]"},
                new String[] {"Filecoin.StorageStat", "[\"" + path + "\"]"},
                new String[] {"Filecoin.StorageFindSector", "[{\"Miner\":1000,\"Number\":0},31,0,false]"},
                new String[] {"Filecoin.StorageFindSector", "[{\"Miner\":1001,\"Number\":5},31,0,false]"},
                new String[] {"Filecoin.StorageBestAlloc", "[1,2048,\"sealing\",1000]"},
                new String[] {"Sim.Snapshot", "[]"})) {
            b.append(c.raw(call[0], call[1])).append('\n');
        }
        return b.toString();
    }

    @Test
    void storageCapacitySizesTheDefaultPathAndIsKeptAcrossARestart() throws Exception {
        String stat;
        try (Runs.Running r = Runs.start(repo, "--clock", "manual", "--sector-size", "2KiB", "--storage-capacity",
                "2TiB", "--pledge", "1")) {
            for (int i = 0; i < 500 && r.result("Filecoin.SectorsList", "[]").isEmpty(); i++) {
                Thread.sleep(10); // the run sets its storage up, then pledges, once its endpoint is up
            }
            String path = r.result("Filecoin.StorageLocal", "[]").fieldNames().next();
            stat = r.raw("Filecoin.StorageStat", "[\"" + path + "\"]");
            assertThat(r.result("Filecoin.StorageStat", "[\"" + path + "\"]").get("Capacity").asLong())
                    .isEqualTo(2L << 40);
        }
        try (Runs.Running r = Runs.start(repo)) {
            String path = r.result("Filecoin.StorageLocal", "[]").fieldNames().next();
            assertThat(r.raw("Filecoin.StorageStat", "[\"" + path + "\"]")).isEqualTo(stat);
        }
    }

    @Test
    void acknowledgedStorageChangesSurviveSigkill() throws Exception {
        KillNineTest.Child child = KillNineTest.Child.start(repo, "os");
        String before;
        try {
            child.call("Filecoin.PledgeSector", "[]");
            child.call("Sim.Advance", "[60]");
            String path = child.call("Filecoin.StorageLocal", "[]").get("result").fieldNames().next();
            String stat = "{\"Capacity\":1000,\"Available\":800,\"FSAvailable\":800,\"Reserved\":0,\"Max\":0,\"Used\":0}";
            for (String[] call : List.of(
                    new String[] {"Filecoin.StorageAttach", "[{\"ID\":\"worker-1\",\"URLs\":[\"http://10.0.0.2:3456/"
                            + "remote\"],\"Weight\":5,\"MaxStorage\":0,\"CanSeal\":true,\"CanStore\":false},"
                            + stat + "]"},
                    new String[] {"Filecoin.StorageReportHealth", "[\"worker-1\",{\"Stat\":" + stat.replace("800", "700")
                            + ",\"Err\":\"disk on fire\"}]"},
                    new String[] {"Filecoin.StorageDeclareSector", "[\"worker-1\",{\"Miner\":1001,\"Number\":5},3,true]"},
                    new String[] {"Filecoin.StorageDropSector", "[\"" + path + "\",{\"Miner\":1000,\"Number\":0},4]"})) {
                assertThat(child.call(call[0], call[1]).has("result")).as("%s acknowledged", call[0]).isTrue();
            }
            before = reads(child);
            assertThat(before).contains("\"Available\":700").contains("\"SectorFileType\":3");
        } finally {
            child.kill();
        }
        KillNineTest.Child again = KillNineTest.Child.start(repo, "os");
        try {
            assertThat(reads(again)).isEqualTo(before);
        } finally {
            again.kill();
        }
    }
}
