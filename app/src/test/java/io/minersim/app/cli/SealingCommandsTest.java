package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.MinerSimCommand;
import io.minersim.app.testing.MinerSimulator;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code minersim sealing workers}, {@code sealing jobs}, {@code sealing sched-diag} and {@code sealing abort} in
 * lotus-miner's layouts,
 * against the README's constrained fleet ({@code scenarios/pc1-queue.yaml}): pc1-box runs three PC1 at once and
 * the other five wait in the scheduler's queue.
 */
class SealingCommandsTest {
    private MinerSimulator sim;
    private Path home;

    @BeforeEach
    void start() throws Exception {
        sim = MinerSimulator.builder().scenario(Path.of("..", "scenarios", "pc1-queue.yaml")).start();
        home = Files.createTempDirectory("minersim-cli-home");
    }

    @AfterEach
    void stop() throws Exception {
        sim.close();
        Files.deleteIfExists(home);
    }

    private CliFixture.Result run(String... args) {
        return run(sim, args);
    }

    private CliFixture.Result run(MinerSimulator target, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MinerSimCommand.commandLine(new CliEnvironment(Map.of(CliEnvironment.MINER_API_INFO,
                target.minerApiInfo(), "TZ", "UTC"), home, new ByteArrayInputStream(new byte[0])));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliFixture.Result(code, out.toString(), err.toString());
    }

    private String idOf(String hostname) {
        return sim.client().workers().workerStats().entrySet().stream()
                .filter(e -> e.getValue().info().hostname().equals(hostname)).findFirst().orElseThrow().getKey();
    }

    @Test
    void workersShowsEachWorkersTaskCountsAndWhatItsRunningTasksUse() {
        sim.advanceTo(3);
        String pc1Box = idOf("pc1-box");
        String sealer = idOf("sealer");
        assertThat(pc1Box).as("sorted by UUID string").isLessThan(sealer);

        String out = run("sealing", "workers").ok().out();

        // three 32 GiB PC1: MinMemory 56 GiB and MaxMemory 64 GiB each, one core each, of 256 GiB and 64 cores
        assertThat(out).isEqualTo("Worker " + pc1Box + ", host pc1-box\n"
                + "\tTASK: PC1(3) \n"
                + "\tCPU:  [|||" + " ".repeat(61) + "] 3/64 core(s) in use\n"
                + "\tRAM:  [" + "|".repeat(42) + " ".repeat(22) + "] 65% 168 GiB/256 GiB\n"
                + "\tVMEM: [" + "|".repeat(48) + " ".repeat(16) + "] 75% 192 GiB/256 GiB\n"
                + "Worker " + sealer + ", host sealer\n"
                + "\tCPU:  [" + " ".repeat(64) + "] 0/128 core(s) in use\n"
                + "\tRAM:  [" + " ".repeat(64) + "] 0% 0 B/1 TiB\n"
                + "\tVMEM: [" + " ".repeat(64) + "] 0% 0 B/1 TiB\n"
                + "\tGPU:  [" + " ".repeat(64) + "] 0% 0.00/1 gpu(s) in use\n"
                + "\tGPU: NVIDIA GeForce RTX 4090, not used\n");

        sim.advanceTo(70); // pc1-box offline
        assertThat(run("sealing", "workers").ok().out()).contains("Worker " + pc1Box + ", host pc1-box (disabled)\n");
    }

    @Test
    void workersLeavesOutPoStWorkersAsLotusMinerDoes() throws Exception {
        try (MinerSimulator post = MinerSimulator.builder().scenario("""
                profile: devnet
                clock: {mode: manual}
                miner:
                  sectorSize: 2KiB
                  workers:
                    - {hostname: sealer, tasks: [AP, PC1, PC2, C1, C2, FIN, GET], cpus: 8, memory: 64GiB}
                    - {hostname: wdpost, tasks: [WDP], cpus: 8, memory: 64GiB}
                """).start()) {
            assertThat(post.client().workers().workerStats().values()).extracting(w -> w.info().hostname())
                    .contains("sealer", "wdpost");
            String out = run(post, "sealing", "workers").ok().out();
            assertThat(out).contains(", host sealer\n").doesNotContain("wdpost");
        }
    }

    @Test
    void jobsListsTheRunningCallsOldestFirstWithTheirAgeOnTheSimulatedClock() {
        sim.advanceTo(3);
        String pc1Box = idOf("pc1-box");
        java.util.List<String> calls = sim.client().workers().workerJobs().get(pc1Box).stream()
                .map(j -> j.id().id().substring(0, 8) + "  " + j.sector().number()).sorted().toList();
        assertThat(calls).hasSize(3);

        StringBuilder expected = new StringBuilder("ID        Sector  Worker    Hostname  Task  State    Time\n");
        for (String c : calls) {
            expected.append(c).append("       ").append(pc1Box, 0, 8).append("  pc1-box   PC1   running  0s\n");
        }
        assertThat(run("sealing", "jobs").ok().out()).isEqualTo(expected.toString());

        sim.advanceTo(5); // two epochs of 4 s later, the same three still run; the five queued are not jobs
        assertThat(run("sealing", "jobs").ok().out()).isEqualTo(expected.toString().replace("running  0s",
                "running  8s"));

        sim.advanceTo(23); // the first three reached PreCommit2 (on sealer); 3, 4 and 5 now run PC1 on pc1-box
        String out = run("sealing", "jobs").ok().out();
        assertThat(out.lines().skip(1).filter(l -> l.contains("pc1-box")).map(l -> l.split(" +")[1]).sorted())
                .containsExactly("3", "4", "5");
        assertThat(out).doesNotContain("assigned(", "n/a");
    }

    @Test
    void schedDiagDumpsTheQueueAsLotusMinerDoes() throws Exception {
        sim.advanceTo(3);

        String out = run("sealing", "sched-diag", "--force-sched").ok().out();

        assertThat(out).startsWith("{\n  \"SchedInfo\": {\n    \"Requests\": [\n      {\n        \"Sector\": {\n"
                + "          \"Miner\": 1000,\n          \"Number\": 3\n        },\n"
                + "        \"TaskType\": \"seal/v0/precommit/1\",\n        \"Priority\": 0,\n");
        assertThat(out).contains("  \"ReturnedWork\": null,\n").endsWith("  \"EarlyRet\": null\n}\n");
        com.fasterxml.jackson.databind.ObjectMapper json = io.minersim.rpc.RpcJson.newObjectMapper();
        assertThat(json.readTree(out)).as("the same value the API answers")
                .isEqualTo(json.readTree(json.writeValueAsString(sim.client().workers().sealingSchedDiag(false))));

        sim.advanceTo(69); // the queue is empty: Go's nil slice
        assertThat(run("sealing", "sched-diag").ok().out()).contains("    \"Requests\": null,\n");
    }

    @Test
    void abortAbortsTheRunningJobWhoseCallIdStartsWithTheArgument() {
        sim.advanceTo(3);
        io.minersim.rpc.types.WorkerJob job = sim.client().workers().workerJobs().get(idOf("pc1-box")).stream()
                .min(java.util.Comparator.comparingLong(j -> j.sector().number())).orElseThrow();
        long sector = job.sector().number();

        String out = run("sealing", "abort", job.id().id().substring(0, 8)).ok().out();

        // lotus-miner prints WorkerJob.Hostname, which Lotus sets only for ret-wait jobs: empty for a running one
        assertThat(job.hostname()).isNull();
        assertThat(out).isEqualTo("aborting job 1000-" + sector + "-" + job.id().id() + ", task PC1, sector " + sector
                + ", running on host \n");
        assertThat(sim.client().workers().workerJobs().values().stream().flatMap(java.util.List::stream)
                .map(j -> j.id().id())).as("the call is gone").doesNotContain(job.id().id());
        assertThat(sim.client().miner().sectorsStatus(sector, false).state())
                .as("the task failed as an aborted call fails it").isEqualTo("SealPreCommit1Failed");
    }

    @Test
    void abortSchedRemovesTheQueuedRequest() {
        sim.advanceTo(3);
        java.util.List<io.minersim.rpc.types.SchedDiagInfo.Request> queued = sim.client().workers()
                .sealingSchedDiag(false).schedInfo().requests();
        assertThat(queued).hasSize(5);
        String schedId = queued.get(0).schedId();

        assertThat(run("sealing", "abort", "--sched", schedId).ok().out()).isEmpty();

        assertThat(sim.client().workers().sealingSchedDiag(false).schedInfo().requests())
                .extracting(io.minersim.rpc.types.SchedDiagInfo.Request::schedId).hasSize(4).doesNotContain(schedId);
    }

    @Test
    void abortRefusesAsLotusMinerDoes() {
        sim.advanceTo(3);
        run("sealing", "abort").refused("incorrect number of arguments, got 0");
        run("sealing", "abort", "a", "b").refused("incorrect number of arguments, got 2");
        run("sealing", "abort", "zz").refused("job with specified id prefix not found");
        String unknown = "0a0a0a0a-0a0a-0a0a-0a0a-0a0a0a0a0a0a";
        run("sealing", "abort", "--sched", unknown).refused("Failed to removed the request with UUID " + unknown
                + ": No request with provided details found");
        CliFixture.Result bad = run("sealing", "abort", "--sched", "xyz");
        assertThat(bad.code()).as("Go's exit status after a panic").isEqualTo(2);
        assertThat(bad.err()).as("uuid.Must's panic, without Go's goroutine dump").isEqualTo(
                "panic: invalid UUID length: 3\n");
        assertThat(sim.client().workers().sealingSchedDiag(false).schedInfo().requests()).as("nothing changed")
                .hasSize(5);
    }

    @Test
    void aReadTokenGetsLotusPermissionErrorAsOneLine() {
        String info = sim.minerApiInfo();
        String readInfo = sim.readToken() + info.substring(info.indexOf(':'));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = MinerSimCommand.commandLine(new CliEnvironment(Map.of(CliEnvironment.MINER_API_INFO,
                readInfo), home, new ByteArrayInputStream(new byte[0])));
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        new CliFixture.Result(cl.execute("sealing", "jobs"), out.toString(), err.toString())
                .refused("getting worker jobs: missing permission to invoke 'WorkerJobs' (need 'admin')");
    }

    @Test
    void goDurationIsGosDurationString() {
        assertThat(SealingCommand.goDuration(0)).isEqualTo("0s");
        assertThat(SealingCommand.goDuration(500)).isEqualTo("500ms");
        assertThat(SealingCommand.goDuration(8_000)).isEqualTo("8s");
        assertThat(SealingCommand.goDuration(60_000)).isEqualTo("1m0s");
        assertThat(SealingCommand.goDuration(3_723_400)).isEqualTo("1h2m3.4s");
        assertThat(SealingCommand.goDuration(-1_500)).isEqualTo("-1.5s");
    }
}
