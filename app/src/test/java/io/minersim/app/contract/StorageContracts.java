package io.minersim.app.contract;

import static io.minersim.app.contract.MethodContractTest.RECEIVED_PROVING;
import static io.minersim.app.contract.MethodContractTest.expectHandlerError;
import static io.minersim.app.contract.MethodContractTest.expectProtocolError;
import static io.minersim.app.contract.MethodContractTest.m;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.sealing.storage.PathMeta;
import io.minersim.sealing.storage.SimulatedDisk;
import io.minersim.sealing.storage.StorageIndex;
import io.minersim.sealing.storage.StorageOp;
import java.util.List;

/**
 * The contracts of the {@code Storage*} methods (issue 11 §2) for {@link MethodContractTest}: each good call with
 * its effect, and Lotus's errors for unknown IDs and paths, bad file types and busy locks, each changing nothing.
 * {@code $PATH} in params is the node's default storage path ID.
 */
final class StorageContracts {
    static final String HOME = StorageIndex.defaultPath(1000);
    static final String URL = "http://127.0.0.1:2345/remote";
    static final String SECTOR_7 = "{\"Miner\":1000,\"Number\":7}";
    static final String STAT = "{\"Capacity\":1000,\"Available\":800,\"FSAvailable\":800,\"Reserved\":0,\"Max\":0,"
            + "\"Used\":0}";
    static final String WORKER_PATH = "{\"ID\":\"worker-1\",\"URLs\":[\"http://10.0.0.2:3456/remote\"],\"Weight\":5,"
            + "\"MaxStorage\":0,\"CanSeal\":true,\"CanStore\":false,\"Groups\":null,\"AllowTo\":null,"
            + "\"AllowTypes\":[\"sealed\",\"bogus\"],\"DenyTypes\":null,\"AllowMiners\":null,\"DenyMiners\":null}";

    private StorageContracts() {
    }

    /** The default path's ID on a node. */
    static String path(Ctx c) throws Exception {
        return c.observe("Filecoin.StorageLocal", "[]").fieldNames().next();
    }

    /** A second disk, not yet opened, on the simulated machine. */
    static final MethodContractTest.Setup SECOND_DISK = c -> c.node.miner().changeStorage(new StorageOp.Configure(
            List.of(StorageIndex.defaultDisk(1000, c.node.miner().config().seed()), new SimulatedDisk("/mnt/disk2",
                    1L << 40, new PathMeta("disk-2", null, 10, 0, false, true, null, null, null, null, null, null))),
            List.of(HOME)));

    /** Sector 0 pledged and sealing in PreCommit1, where its task locks the sealed file and the cache. */
    static final MethodContractTest.Setup PC1 = c -> {
        c.admin("Filecoin.PledgeSector", "[]");
        for (int i = 0; i < 100 && !c.state(0).equals("PreCommit1"); i++) {
            c.admin("Sim.Advance", "[1]");
        }
        assertThat(c.state(0)).isEqualTo("PreCommit1");
    };

    /** Asserts a refused call answers {@code message} and changes nothing. */
    static void refused(Ctx c, String method, String params, String message) throws Exception {
        Ctx.Snapshot snap = c.snapshot();
        expectHandlerError(c, c.call(c.node.adminToken(), method, params.replace("$PATH", path(c))), message);
        assertThat(c.snapshot()).as("nothing changed").isEqualTo(snap);
    }

    static JsonNode call(Ctx c, String method, String params) throws Exception {
        return Ctx.ok(c.call(c.node.adminToken(), method, params.replace("$PATH", path(c))), method, params);
    }

    static List<MethodContractTest.Contract> all() {
        return List.of(
                m("Filecoin.StorageList", "admin").check((c, r) -> {
                    assertThat(MethodContractTest.fieldNames(r)).containsExactly(path(c));
                    assertThat(r.path(path(c)).toString()).contains("{\"Miner\":1000,\"Number\":7,\"SectorFileType\""
                            + ":6}");
                }),
                m("Filecoin.StorageLocal", "admin").check((c, r) -> assertThat(r.toString())
                        .isEqualTo("{\"" + path(c) + "\":\"" + HOME + "\"}")),
                m("Filecoin.StorageInfo", "admin").params("[\"$PATH\"]").check((c, r) -> {
                    assertThat(r.path("ID").asText()).isEqualTo(path(c));
                    assertThat(r.path("URLs").toString()).isEqualTo("[\"" + URL + "\"]");
                    assertThat(r.path("Weight").asLong()).isEqualTo(10);
                    assertThat(r.path("MaxStorage").asLong()).isZero();
                    assertThat(r.path("CanSeal").asBoolean()).isTrue();
                    assertThat(r.path("CanStore").asBoolean()).isTrue();
                    assertThat(r.path("Groups").isNull()).isTrue();
                }).extra("an unknown or malformed ID: sector store not found", c -> {
                    refused(c, "Filecoin.StorageInfo", "[\"not-a-uuid\"]", "sector store not found");
                    refused(c, "Filecoin.StorageInfo", "[\"00000000-0000-0000-0000-000000000000\"]",
                            "sector store not found");
                }),
                m("Filecoin.StorageStat", "admin").params("[\"$PATH\"]").check((c, r) -> {
                    long capacity = r.path("Capacity").asLong();
                    assertThat(capacity).isEqualTo(1L << 50);
                    long used = c.node.miner().storage().usage().get(path(c));
                    assertThat(used).as("at least sector 7's sealed file and finalized cache").isGreaterThanOrEqualTo(
                            2048 + 204);
                    assertThat(r.path("FSAvailable").asLong()).isEqualTo(capacity - used);
                    assertThat(r.path("Available").asLong()).isEqualTo(capacity - used);
                    assertThat(r.path("Reserved").asLong()).isZero();
                    assertThat(r.path("Max").asLong()).isZero();
                    assertThat(r.path("Used").asLong()).isZero();
                }).extra("an unknown ID", c -> refused(c, "Filecoin.StorageStat", "[\"nope\"]",
                        "getting remote storage info: sector store not found")),
                m("Filecoin.StorageFindSector", "admin").params("[" + SECTOR_7 + ",2,0,false]").check((c, r) -> {
                    assertThat(r.size()).isEqualTo(1);
                    JsonNode p = r.get(0);
                    assertThat(p.path("ID").asText()).isEqualTo(path(c));
                    assertThat(p.path("URLs").toString()).isEqualTo("[\"" + URL + "/sealed/s-t01000-7\"]");
                    assertThat(p.path("BaseURLs").toString()).isEqualTo("[\"" + URL + "\"]");
                    assertThat(p.path("Weight").asLong()).isEqualTo(10);
                    assertThat(p.path("Primary").asBoolean()).isTrue();
                }).extra("several types: weight per type, Go's name of the mask in the URL", c -> {
                    JsonNode r = call(c, "Filecoin.StorageFindSector", "[" + SECTOR_7 + ",6,0,false]");
                    assertThat(r.get(0).path("Weight").asLong()).isEqualTo(20);
                    assertThat(r.get(0).path("URLs").get(0).asText()).isEqualTo(URL
                            + "/%3Cunknown%206%20%5Bsealed%20cache%5D%3E/s-t01000-7");
                }).extra("nothing found is [], not an error", c -> {
                    assertThat(call(c, "Filecoin.StorageFindSector", "[{\"Miner\":1000,\"Number\":999},2,0,false]")
                            .toString()).isEqualTo("[]");
                    assertThat(call(c, "Filecoin.StorageFindSector", "[" + SECTOR_7 + ",1,0,false]").toString())
                            .as("a CC sector keeps no unsealed copy").isEqualTo("[]");
                }),
                m("Filecoin.StorageBestAlloc", "admin").params("[6,2048,\"sealing\",1000]").check((c, r) -> {
                    assertThat(r.size()).isEqualTo(1);
                    assertThat(r.get(0).path("ID").asText()).isEqualTo(path(c));
                    assertThat(r.get(0).path("CanSeal").asBoolean()).isTrue();
                }).extra("storage paths, and no room", c -> {
                    assertThat(call(c, "Filecoin.StorageBestAlloc", "[6,2048,\"storage\",1000]").size()).isEqualTo(1);
                    refused(c, "Filecoin.StorageBestAlloc", "[6,1125899906842624,\"sealing\",1000]",
                            "no good path found");
                }).extra("an unknown path type panics, as in Lotus", c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    expectProtocolError(c, c.call(c.node.adminToken(), "Filecoin.StorageBestAlloc",
                            "[6,2048,\"nope\",1000]"), 0, "fatal error calling 'Filecoin.StorageBestAlloc': panic in "
                            + "rpc method 'Filecoin.StorageBestAlloc': unexpected pathType: nope");
                    assertThat(c.snapshot()).isEqualTo(snap);
                }),
                m("Filecoin.StorageAttach", "admin").params("[" + WORKER_PATH + "," + STAT + "]")
                        .fresh(MethodContractTest.NOTHING).check((c, r) -> {
                            assertThat(r.isNull()).isTrue();
                            JsonNode info = c.observe("Filecoin.StorageInfo", "[\"worker-1\"]");
                            assertThat(info.path("AllowTypes").toString()).as("unknown types dropped")
                                    .isEqualTo("[\"sealed\"]");
                            assertThat(c.observe("Filecoin.StorageStat", "[\"worker-1\"]").toString()).isEqualTo(STAT);
                            assertThat(c.observe("Filecoin.StorageList", "[]").path("worker-1").toString())
                                    .isEqualTo("[]");
                            assertThat(c.observe("Filecoin.StorageLocal", "[]").has("worker-1")).isFalse();
                            call(c, "Filecoin.StorageAttach", "[" + WORKER_PATH.replace("10.0.0.2", "10.0.0.3") + ","
                                    + STAT + "]");
                            assertThat(c.observe("Filecoin.StorageInfo", "[\"worker-1\"]").path("URLs").size())
                                    .as("URLs merged").isEqualTo(2);
                        }),
                m("Filecoin.StorageAddLocal", "admin").params("[\"/mnt/disk2\"]").fresh(SECOND_DISK).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.observe("Filecoin.StorageLocal", "[]").path("disk-2").asText()).isEqualTo("/mnt/disk2");
                    assertThat(c.observe("Filecoin.StorageInfo", "[\"disk-2\"]").path("URLs").toString())
                            .isEqualTo("[\"" + URL + "\"]");
                }).extra("a path with no sectorstore.json", c -> refused(c, "Filecoin.StorageAddLocal",
                        "[\"/mnt/nothing\"]", "opening local path: reading storage metadata for /mnt/nothing: open "
                                + "/mnt/nothing/sectorstore.json: no such file or directory"))
                        .extra("a path already open", c -> refused(c, "Filecoin.StorageAddLocal", "[\"" + HOME + "\"]",
                                "opening local path: path with ID " + path(c) + " already opened: '" + HOME + "'")),
                m("Filecoin.StorageDetach", "admin").params("[\"$PATH\",\"" + URL + "\"]").fresh(RECEIVED_PROVING)
                        .check((c, r) -> {
                            assertThat(c.node.miner().storage().ids()).isEmpty();
                            assertThat(c.observe("Filecoin.StorageList", "[]").toString()).isEqualTo("{}");
                            assertThat(c.observe("Filecoin.StorageFindSector", "[" + SECTOR_7 + ",2,0,false]")
                                    .toString()).isEqualTo("[]");
                        }).extra("an unknown ID, or a URL the path does not have", c -> {
                            refused(c, "Filecoin.StorageDetach", "[\"nope\",\"" + URL + "\"]",
                                    "storage 'nope' isn't registered");
                            refused(c, "Filecoin.StorageDetach", "[\"$PATH\",\"http://elsewhere/remote\"]",
                                    "not dropping path, requested and index urls don't match "
                                            + "('http://elsewhere/remote' != '" + URL + "')");
                        }),
                m("Filecoin.StorageDetachLocal", "admin").params("[\"" + HOME + "\"]").fresh(MethodContractTest.NOTHING)
                        .check((c, r) -> {
                            assertThat(c.observe("Filecoin.StorageLocal", "[]").toString()).isEqualTo("{}");
                            assertThat(c.observe("Filecoin.StorageList", "[]").toString()).isEqualTo("{}");
                        }).extra("a path not open", c -> refused(c, "Filecoin.StorageDetachLocal", "[\"/nope\"]",
                                "no local paths match '/nope'")),
                m("Filecoin.StorageRedeclareLocal", "admin").params("[null,false]").fresh(c -> {
                    RECEIVED_PROVING.apply(c);
                    call(c, "Filecoin.StorageDropSector", "[\"$PATH\"," + SECTOR_7 + ",2]");
                }).check((c, r) -> assertThat(c.observe("Filecoin.StorageList", "[]").toString())
                        .contains("{\"Miner\":1000,\"Number\":7,\"SectorFileType\":6}"))
                        .extra("an ID that is not open is a no-op", c -> {
                            String before = c.observe("Filecoin.StorageList", "[]").toString();
                            assertThat(call(c, "Filecoin.StorageRedeclareLocal", "[\"nope\",true]").isNull()).isTrue();
                            assertThat(c.observe("Filecoin.StorageList", "[]").toString()).isEqualTo(before);
                        }),
                m("Filecoin.StorageDeclareSector", "admin").params("[\"$PATH\",{\"Miner\":1001,\"Number\":5},1,false]")
                        .fresh(MethodContractTest.NOTHING).check((c, r) -> {
                            assertThat(c.observe("Filecoin.StorageList", "[]").toString())
                                    .contains("{\"Miner\":1001,\"Number\":5,\"SectorFileType\":1}");
                            JsonNode found = c.observe("Filecoin.StorageFindSector",
                                    "[{\"Miner\":1001,\"Number\":5},1,0,false]");
                            assertThat(found.get(0).path("Primary").asBoolean()).isFalse();
                        }),
                m("Filecoin.StorageDropSector", "admin").params("[\"$PATH\"," + SECTOR_7 + ",2]").fresh(RECEIVED_PROVING)
                        .check((c, r) -> assertThat(c.observe("Filecoin.StorageList", "[]").toString())
                                .contains("{\"Miner\":1000,\"Number\":7,\"SectorFileType\":4}")),
                m("Filecoin.StorageReportHealth", "admin").params("[\"$PATH\",{\"Stat\":" + STAT + ",\"Err\":\"\"}]")
                        .fresh(MethodContractTest.NOTHING)
                        .extra("an unknown ID", c -> refused(c, "Filecoin.StorageReportHealth",
                                "[\"nope\",{\"Stat\":" + STAT + ",\"Err\":\"\"}]", "health report for unknown storage: nope")),
                m("Filecoin.StorageGetLocks", "admin").check((c, r) -> {
                    assertThat(r.path("Locks").isArray()).isTrue();
                    assertThat(r.toString()).doesNotContain("\"Number\":7");
                }).extra("a sector in PreCommit1 holds its task's locks", PC1, c -> assertThat(
                        call(c, "Filecoin.StorageGetLocks", "[]").toString()).isEqualTo("{\"Locks\":[{\"Sector\":"
                                + "{\"Miner\":1000,\"Number\":0},\"Write\":[0,1,1,0,0,0],\"Read\":[1,0,0,0,0,0]}]}")),
                m("Filecoin.StorageLock", "admin").params("[" + SECTOR_7 + ",2,0]")
                        .extra("file types beyond the known ones", c -> refused(c, "Filecoin.StorageLock",
                                "[" + SECTOR_7 + ",64,0]", "unknown file types specified"))
                        .extra("a lock a running task holds", PC1, c -> refused(c, "Filecoin.StorageLock",
                                "[{\"Miner\":1000,\"Number\":0},0,2]", "failed to acquire lock")),
                m("Filecoin.StorageTryLock", "admin").params("[" + SECTOR_7 + ",2,0]")
                        .check((c, r) -> assertThat(r.asBoolean()).isTrue())
                        .extra("nothing asked is false", c -> assertThat(call(c, "Filecoin.StorageTryLock",
                                "[" + SECTOR_7 + ",0,0]").asBoolean()).isFalse())
                        .extra("a lock a running task holds is false", PC1, c -> {
                            assertThat(call(c, "Filecoin.StorageTryLock", "[{\"Miner\":1000,\"Number\":0},2,0]")
                                    .asBoolean()).as("the sealed file PC1 writes").isFalse();
                            assertThat(call(c, "Filecoin.StorageTryLock", "[{\"Miner\":1000,\"Number\":0},1,0]")
                                    .asBoolean()).as("the unsealed file PC1 only reads").isTrue();
                        }),
                m("Filecoin.StorageAuthVerify", "read").params("[\"$RW\"]")
                        .check((c, r) -> assertThat(r.toString()).isEqualTo("[\"read\",\"write\"]")));
    }
}
