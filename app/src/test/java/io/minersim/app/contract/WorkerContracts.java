package io.minersim.app.contract;

import static io.minersim.app.contract.MethodContractTest.PLEDGE;
import static io.minersim.app.contract.MethodContractTest.expectHandlerError;
import static io.minersim.app.contract.MethodContractTest.expectProtocolError;
import static io.minersim.app.contract.MethodContractTest.m;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.app.contract.MethodContractTest.Contract;
import io.minersim.app.contract.MethodContractTest.Setup;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The contracts of the worker and scheduler methods ({@code WorkerStats}, {@code WorkerJobs}, {@code
 * SealingSchedDiag}, {@code SealingAbort}, {@code SealingRemoveRequest}) and of {@code Sim.WorkerOffline} /
 * {@code Sim.WorkerOnline}, on a node with the default local worker ({@code minersim}).
 */
final class WorkerContracts {

    private WorkerContracts() {
    }

    /** A pledged sector 0 running PreCommit1 on the local worker. */
    static final Setup PC1_RUNNING = c -> {
        PLEDGE.apply(c);
        c.admin("Sim.Advance", "[2]");
        assertThat(c.state(0)).isEqualTo("PreCommit1");
    };

    /** Sector 0's PreCommit1 failed when the local worker went offline; its retry waits in the queue. */
    static final Setup PC1_QUEUED = c -> {
        PC1_RUNNING.apply(c);
        c.admin("Sim.WorkerOffline", "[\"minersim\"]");
        for (int i = 0; i < 200 && !c.state(0).equals("PreCommit1"); i++) {
            c.admin("Sim.Advance", "[1]");
        }
        assertThat(c.state(0)).isEqualTo("PreCommit1");
    };

    /** The first request's SchedId on a fresh miner: the scheduler names requests by miner, sector and number. */
    static final String FIRST_SCHED_ID = UUID.nameUUIDFromBytes("sched:1000:0:0".getBytes(StandardCharsets.UTF_8))
            .toString();

    private static final String UNKNOWN_CALL = "{\"Sector\":{\"Miner\":1000,\"Number\":9},"
            + "\"ID\":\"0a0b0c0d-0000-0000-0000-000000000001\"}";

    static List<Contract> all() {
        return List.of(
                m("Filecoin.WorkerStats", "admin").fresh(PC1_RUNNING).check((c, r) -> {
                    assertThat(r.size()).as("one worker").isEqualTo(1);
                    JsonNode w = r.elements().next();
                    assertThat(r.fieldNames().next()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
                    assertThat(w.path("Info").path("Hostname").asText()).isEqualTo("minersim");
                    assertThat(w.path("Info").path("IgnoreResources").asBoolean()).isTrue();
                    assertThat(w.path("Info").path("Resources").path("Resources").size()).isEqualTo(14);
                    assertThat(w.path("Info").path("Resources").path("Resources").path("seal/v0/precommit/1")
                            .size()).isEqualTo(15);
                    assertThat(w.path("Tasks").toString()).contains("seal/v0/precommit/1").doesNotContain("post/");
                    assertThat(w.path("Enabled").asBoolean()).isTrue();
                    assertThat(w.path("TaskCounts").toString()).isEqualTo("{\"5:seal/v0/precommit/1\":1}");
                    assertThat(w.path("MemUsedMin").asLong()).as("one 2 KiB PC1").isEqualTo(2048);
                    assertThat(w.path("CpuUse").asLong()).isEqualTo(1);
                }).extra("an offline worker is not Enabled and runs nothing", PC1_RUNNING, c -> {
                    c.admin("Sim.WorkerOffline", "[\"minersim\"]");
                    JsonNode w = c.admin("Filecoin.WorkerStats", "[]").elements().next();
                    assertThat(w.path("Enabled").asBoolean()).isFalse();
                    assertThat(w.path("TaskCounts").toString()).isEqualTo("{}");
                }),
                m("Filecoin.WorkerJobs", "admin").fresh(PC1_RUNNING).check((c, r) -> {
                    assertThat(r.size()).isEqualTo(1);
                    JsonNode jobs = r.elements().next();
                    assertThat(jobs.size()).isEqualTo(1);
                    JsonNode job = jobs.get(0);
                    assertThat(job.path("Sector").toString()).isEqualTo("{\"Miner\":1000,\"Number\":0}");
                    assertThat(job.path("ID").path("Sector")).isEqualTo(job.path("Sector"));
                    assertThat(job.path("Task").asText()).isEqualTo("seal/v0/precommit/1");
                    assertThat(job.path("RunWait").asInt(-9)).as("running").isZero();
                    assertThat(job.has("Hostname")).as("omitempty for a running job").isFalse();
                    long started = c.admin("Sim.Head", "[]").path("Timestamp").asLong();
                    assertThat(job.path("Start").asText()).as("PC1 started at the head")
                            .isEqualTo(Instant.ofEpochSecond(started).toString());
                }).extra("a queued task is no job; the worker's list is empty", PC1_QUEUED, c -> {
                    JsonNode r = c.admin("Filecoin.WorkerJobs", "[]");
                    assertThat(r.toString()).matches("\\{\"[0-9a-f-]{36}\":\\[\\]\\}");
                }),
                m("Filecoin.SealingSchedDiag", "admin").params("[true]").fresh(PC1_QUEUED).check((c, r) -> {
                    JsonNode request = r.path("SchedInfo").path("Requests").get(0);
                    assertThat(request.path("Sector").toString()).isEqualTo("{\"Miner\":1000,\"Number\":0}");
                    assertThat(request.path("TaskType").asText()).isEqualTo("seal/v0/precommit/1");
                    assertThat(request.path("Priority").asInt(-1)).isZero();
                    assertThat(request.path("SchedId").asText()).isEqualTo(FIRST_SCHED_ID);
                    assertThat(r.path("SchedInfo").path("OpenWindows").toString()).as("no enabled worker")
                            .isEqualTo("[]");
                    assertThat(r.path("CallToWork").toString()).isEqualTo("{}");
                    assertThat(r.path("EarlyRet").isNull()).isTrue();
                }).extra("nothing queued: Requests null, two open windows of the local worker", c -> {
                    JsonNode r = c.admin("Filecoin.SealingSchedDiag", "[false]");
                    assertThat(r.path("SchedInfo").path("Requests").isNull()).isTrue();
                    assertThat(r.path("SchedInfo").path("OpenWindows").size()).isEqualTo(2);
                }),
                m("Filecoin.SealingAbort", "admin").params("[" + UNKNOWN_CALL + "]").fresh(c -> { })
                        .check((c, r) -> {
                            assertThat(r.isNull()).isTrue();
                            assertThat(c.admin("Filecoin.SealingSchedDiag", "[false]").path("EarlyRet").toString())
                                    .isEqualTo("[\"1000-9-0a0b0c0d-0000-0000-0000-000000000001\"]");
                            expectHandlerError(c, c.call(c.node.adminToken(), "Filecoin.SealingAbort",
                                    "[" + UNKNOWN_CALL + "]"), "callRes channel already has a response");
                        }).extra("aborting a running call fails its sector into Lotus's failure path", PC1_RUNNING,
                                c -> {
                                    JsonNode job = c.admin("Filecoin.WorkerJobs", "[]").elements().next().get(0);
                                    c.admin("Filecoin.SealingAbort", "[" + job.path("ID") + "]");
                                    assertThat(c.state(0)).isEqualTo("SealPreCommit1Failed");
                                    assertThat(c.observe("Filecoin.SectorsStatus", "[0,false]").path("LastErr")
                                            .asText()).isEqualTo("seal pre commit(1) failed: storage call error 0: "
                                                    + "task aborted");
                                }).extra("a CallID whose ID is no UUID gets Go's uuid error", c -> {
                                    Ctx.Snapshot snap = c.snapshot();
                                    Wire.Answer a = c.call(c.node.adminToken(), "Filecoin.SealingAbort",
                                            "[{\"Sector\":{\"Miner\":1000,\"Number\":9},\"ID\":\"x\"}]");
                                    expectProtocolError(c, a, -32700, "unmarshaling params for 'Filecoin.SealingAbort'"
                                            + " (param: *storiface.CallID): invalid UUID length: 1");
                                    assertThat(c.snapshot()).isEqualTo(snap);
                                }),
                m("Filecoin.SealingRemoveRequest", "admin").params("[\"" + FIRST_SCHED_ID + "\"]").fresh(PC1_QUEUED)
                        .check((c, r) -> {
                            assertThat(r.isNull()).isTrue();
                            assertThat(c.state(0)).isEqualTo("SealPreCommit1Failed");
                            assertThat(c.observe("Filecoin.SectorsStatus", "[0,false]").path("LastErr").asText())
                                    .isEqualTo("seal pre commit(1) failed: scheduling request removed");
                            assertThat(c.admin("Filecoin.SealingSchedDiag", "[false]").path("SchedInfo")
                                    .path("Requests").isNull()).isTrue();
                        }).extra("an unknown SchedId is Lotus's error and changes nothing", PC1_QUEUED, c -> {
                            Ctx.Snapshot snap = c.snapshot();
                            JsonNode diag = c.admin("Filecoin.SealingSchedDiag", "[false]");
                            expectHandlerError(c, c.call(c.node.adminToken(), "Filecoin.SealingRemoveRequest",
                                    "[\"0a0b0c0d-0000-0000-0000-000000000002\"]"),
                                    "No request with provided details found");
                            assertThat(c.snapshot()).isEqualTo(snap);
                            assertThat(c.admin("Filecoin.SealingSchedDiag", "[false]")).isEqualTo(diag);
                        }).extra("a SchedId that is no UUID gets Go's uuid error", c -> {
                            Ctx.Snapshot snap = c.snapshot();
                            Wire.Answer a = c.call(c.node.adminToken(), "Filecoin.SealingRemoveRequest", "[\"x\"]");
                            expectProtocolError(c, a, -32700, "unmarshaling params for 'Filecoin.SealingRemoveRequest'"
                                    + " (param: *uuid.UUID): invalid UUID length: 1");
                            assertThat(c.snapshot()).isEqualTo(snap);
                        }),
                m("Sim.WorkerOffline", "admin").params("[\"minersim\"]").fresh(PC1_RUNNING).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.state(0)).isEqualTo("SealPreCommit1Failed");
                    assertThat(c.observe("Filecoin.SectorsStatus", "[0,false]").path("LastErr").asText())
                            .isEqualTo("seal pre commit(1) failed: storage call error 0: worker minersim went offline");
                    assertThat(c.admin("Filecoin.WorkerStats", "[]").elements().next().path("Enabled").asBoolean())
                            .isFalse();
                }).extra("an unknown worker is code 1 and changes nothing", c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.WorkerOffline", "[\"nope\"]"),
                            "worker nope not found");
                    assertThat(c.snapshot()).isEqualTo(snap);
                }),
                m("Sim.WorkerOnline", "admin").params("[\"minersim\"]").fresh(PC1_QUEUED).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.admin("Filecoin.WorkerStats", "[]").elements().next().path("Enabled").asBoolean())
                            .isTrue();
                    JsonNode job = c.admin("Filecoin.WorkerJobs", "[]").elements().next().get(0);
                    assertThat(job.path("Task").asText()).as("the queued PC1 runs").isEqualTo("seal/v0/precommit/1");
                }).extra("an unknown worker is code 1 and changes nothing", c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.WorkerOnline", "[\"nope\"]"),
                            "worker nope not found");
                    assertThat(c.snapshot()).isEqualTo(snap);
                }));
    }
}
