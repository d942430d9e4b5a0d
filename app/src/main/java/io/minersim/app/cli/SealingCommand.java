package io.minersim.app.cli;

import io.minersim.rpc.WorkersApi;
import io.minersim.rpc.types.SchedDiagInfo;
import io.minersim.rpc.types.TaskResources;
import io.minersim.rpc.types.Uuid;
import io.minersim.rpc.types.WorkerJob;
import io.minersim.rpc.types.WorkerResources;
import io.minersim.rpc.types.WorkerStats;
import io.minersim.sealing.workers.TaskType;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minersim sealing}: lotus-miner's {@code sealing workers}, {@code sealing jobs}, {@code sealing sched-diag}
 * and {@code sealing abort} in its layouts ({@code cli/miner/sealing.go}), over the wire with {@code WorkerStats},
 * {@code WorkerJobs}, {@code SealingSchedDiag}, {@code SealingAbort} and {@code SealingRemoveRequest}. Colours are off, as lotus-miner's are when stdout is not a terminal.
 */
@Command(name = "sealing", mixinStandardHelpOptions = true, description = "interact with sealing pipeline",
        subcommands = {SealingCommand.Jobs.class, SealingCommand.Workers.class, SealingCommand.SchedDiag.class,
            SealingCommand.Abort.class})
public final class SealingCommand extends CommandGroup {
    /** Lotus's {@code barCols}. */
    private static final int BAR_COLS = 64;
    private static final String ZERO_UUID = "00000000-0000-0000-0000-000000000000";

    /** Lotus's {@code barString}: {@code y} reserved and {@code g} used of {@code total}, 64 columns of bars. */
    static String bar(double total, double y, double g) {
        int yBars = (int) Math.round(y / total * BAR_COLS);
        int gBars = (int) Math.round(g / total * BAR_COLS);
        int eBars = BAR_COLS - yBars - gBars;
        return "|".repeat(Math.max(0, yBars)) + "|".repeat(Math.max(0, gBars)) + (eBars >= 0 ? " ".repeat(eBars) : "");
    }

    /** {@code sealing workers}: each sealing worker with its task counts and CPU, RAM, swap and GPU use. */
    @Command(name = "workers", mixinStandardHelpOptions = true, description = "list workers")
    static final class Workers extends MinerCommand {
        @Override
        void run(MinerConnection miner) {
            Map<String, WorkerStats> stats = new TreeMap<>(miner.workers().workerStats());
            if (json()) {
                printJson(stats);
                return;
            }
            PrintWriter out = out();
            stats.forEach((id, stat) -> {
                if (!stat.tasks().isEmpty()) {
                    TaskType first = TaskType.ofWire(stat.tasks().get(0));
                    if (first != null && first.isPoSt()) {
                        return;
                    }
                }
                print(out, id, stat);
            });
        }

        private static void print(PrintWriter out, String id, WorkerStats stat) {
            WorkerResources res = stat.info().resources();
            out.printf("Worker %s, host %s%s%n", id, stat.info().hostname(), stat.enabled() ? "" : " (disabled)");
            record Count(TaskType type, String text) {
            }
            List<Count> counts = new ArrayList<>();
            stat.taskCounts().forEach((key, count) -> {
                if (count == 0) {
                    return;
                }
                int colon = key.indexOf(':');
                TaskType type = colon < 0 ? null : TaskType.ofWire(key.substring(colon + 1));
                if (type == null) {
                    throw new CliException("parsing task type: " + key);
                }
                String proof = key.substring(0, colon);
                int max = maxConcurrent(res, type, proof);
                String n = max > 0 ? count + "/" + max : Integer.toString(count);
                counts.add(new Count(type, type.shortName() + "(" + n + ")"));
            });
            counts.sort((a, b) -> TaskType.compareUrgency(a.type(), b.type()));
            StringBuilder tasks = new StringBuilder();
            counts.forEach(c -> tasks.append(c.text()).append(' '));
            if (tasks.length() > 0) {
                out.printf("\tTASK: %s%n", tasks);
            }
            out.printf("\tCPU:  [%s] %d/%d core(s) in use%n", bar(res.cpus(), 0, stat.cpuUse()), stat.cpuUse(),
                    res.cpus());

            long ramTotal = res.memPhysical();
            long ramTasks = stat.memUsedMin();
            long ramUsed = res.memUsed();
            long ramReserved = Long.compareUnsigned(ramUsed, ramTasks) > 0 ? ramUsed - ramTasks : 0;
            out.printf("\tRAM:  [%s] %s%% %s/%s%n", bar(ramTotal, ramReserved, ramTasks),
                    Long.divideUnsigned((ramTasks + ramReserved) * 100, ramTotal),
                    StorageCommand.sizeStr(ramTasks + ramUsed), StorageCommand.sizeStr(ramTotal));

            long vmemTotal = res.memPhysical() + res.memSwap();
            long vmemTasks = stat.memUsedMax();
            long vmemUsed = res.memUsed() + res.memSwapUsed();
            long vmemReserved = Long.compareUnsigned(vmemUsed, vmemTasks) > 0 ? vmemUsed - vmemTasks : 0;
            out.printf("\tVMEM: [%s] %s%% %s/%s%n", bar(vmemTotal, vmemReserved, vmemTasks),
                    Long.divideUnsigned((vmemTasks + vmemReserved) * 100, vmemTotal),
                    StorageCommand.sizeStr(vmemTasks + vmemReserved), StorageCommand.sizeStr(vmemTotal));

            List<String> gpus = res.gpus() == null ? List.of() : res.gpus();
            if (!gpus.isEmpty()) {
                out.printf(Locale.ROOT, "\tGPU:  [%s] %.0f%% %.2f/%d gpu(s) in use%n", bar(gpus.size(), 0,
                        stat.gpuUsed()), stat.gpuUsed() * 100 / gpus.size(), stat.gpuUsed(), gpus.size());
            }
            String use = stat.gpuUsed() > 0 ? "" : "not ";
            for (String gpu : gpus) {
                out.printf("\tGPU: %s, %sused%n", gpu, use);
            }
        }

        /** {@code Resources.ResourceSpec(proof, task).MaxConcurrent} from the worker's own table; 0 if absent. */
        private static int maxConcurrent(WorkerResources res, TaskType type, String proof) {
            if (res.resources() == null) {
                return 0;
            }
            Map<String, TaskResources> byProof = res.resources().get(type.wire());
            TaskResources r = byProof == null ? null : byProof.get(proof);
            return r == null ? 0 : r.maxConcurrent();
        }
    }

    /** {@code sealing jobs}: the calls on each worker, running first, oldest first. */
    @Command(name = "jobs", mixinStandardHelpOptions = true, description = "list running jobs")
    static final class Jobs extends MinerCommand {
        /** {@code storiface.RWRetDone}, {@code RWReturned}, {@code RWRetWait}, {@code RWPrepared}. */
        private static final int RET_DONE = -4;
        private static final int RETURNED = -3;
        private static final int RET_WAIT = -2;
        private static final int PREPARED = -1;

        @Option(names = "--show-ret-done", description = "show returned but not consumed calls")
        boolean showRetDone;

        @Override
        void run(MinerConnection miner) {
            WorkersApi api = miner.workers();
            Map<String, List<WorkerJob>> jobs;
            try {
                jobs = api.workerJobs();
            } catch (RuntimeException e) {
                throw new CliException("getting worker jobs: " + MinerCommand.describe(e, miner.endpoint()));
            }
            record Line(WorkerJob job, String worker, Instant start) {
            }
            List<Line> lines = new ArrayList<>();
            jobs.forEach((wid, list) -> list.forEach(j -> lines.add(new Line(j, wid,
                    java.time.OffsetDateTime.parse(j.start()).toInstant()))));
            lines.sort(Comparator.comparingInt((Line l) -> l.job().runWait()).thenComparing(Line::start)
                    .thenComparing(l -> l.job().id().id()));
            Map<String, WorkerStats> stats;
            try {
                stats = api.workerStats();
            } catch (RuntimeException e) {
                throw new CliException("getting worker stats: " + MinerCommand.describe(e, miner.endpoint()));
            }
            if (json()) {
                printJson(new TreeMap<>(jobs));
                return;
            }
            Instant now = now(miner);
            GoTabWriter tw = ProvingCommand.tabWriter();
            tw.printf("ID\tSector\tWorker\tHostname\tTask\tState\tTime\n");
            for (Line l : lines) {
                int rw = l.job().runWait();
                String state;
                if (rw > 1) {
                    state = "assigned(" + (rw - 1) + ")";
                } else if (rw == PREPARED) {
                    state = "prepared";
                } else if (rw == RET_DONE) {
                    if (!showRetDone) {
                        continue;
                    }
                    state = "ret-done";
                } else if (rw == RETURNED) {
                    state = "returned";
                } else if (rw == RET_WAIT) {
                    state = "ret-wait";
                } else {
                    state = "running";
                }
                String dur = l.start().equals(Instant.parse("0001-01-01T00:00:00Z")) ? "n/a"
                        : goDuration((now.toEpochMilli() - l.start().toEpochMilli()) / 100 * 100);
                WorkerStats ws = stats.get(l.worker());
                String hostname = ws != null ? ws.info().hostname() : l.job().hostname() == null ? ""
                        : l.job().hostname();
                TaskType type = TaskType.ofWire(l.job().task());
                tw.printf("%s\t%d\t%s\t%s\t%s\t%s\t%s\n", hex4(l.job().id().id()), l.job().sector().number(),
                        hex4(l.worker()), hostname, type == null ? l.job().task() : type.shortName(), state, dur);
            }
            tw.flush(out());
        }

        /**
         * The simulated world's now: the head's timestamp ({@code Sim.Head}); lotus-miner uses the wall clock, the
         * same thing when the simulator runs in real time, and so does this against an endpoint without Sim.
         */
        private static Instant now(MinerConnection miner) {
            try {
                return Instant.ofEpochSecond(miner.sim().head().timestamp());
            } catch (RuntimeException e) {
                return Instant.now();
            }
        }

        /** The first four bytes of a UUID as hex ({@code hex.EncodeToString(id[:4])}). */
        private static String hex4(String uuid) {
            return (uuid == null || uuid.length() < 8 ? ZERO_UUID : uuid).substring(0, 8).toLowerCase(Locale.ROOT);
        }
    }

    /** Go's {@code time.Duration.String()} of whole milliseconds. */
    static String goDuration(long millis) {
        if (millis == 0) {
            return "0s";
        }
        String sign = millis < 0 ? "-" : "";
        long ms = Math.abs(millis);
        if (ms < 1000) {
            return sign + ms + "ms";
        }
        long h = ms / 3_600_000;
        long m = ms / 60_000 % 60;
        String s = BigDecimal.valueOf(ms % 60_000, 3).stripTrailingZeros().toPlainString();
        StringBuilder sb = new StringBuilder(sign);
        if (h > 0) {
            sb.append(h).append('h');
        }
        if (h > 0 || m > 0) {
            sb.append(m).append('m');
        }
        return sb.append(s).append('s').toString();
    }

    /** {@code sealing sched-diag}: the scheduler's state as lotus-miner dumps it ({@code json.MarshalIndent}). */
    @Command(name = "sched-diag", mixinStandardHelpOptions = true, description = "Dump internal scheduler state")
    static final class SchedDiag extends MinerCommand {
        @Option(names = "--force-sched", description = "(default: false)")
        boolean forceSched;

        @Override
        void run(MinerConnection miner) {
            SchedDiagInfo diag = miner.workers().sealingSchedDiag(forceSched);
            out().println(GoJson.marshalIndent(diag));
        }
    }

    /**
     * {@code sealing abort [--sched] <callid>}: aborts the first running job whose call UUID starts with the argument
     * ({@code SealingAbort}), saying which; with {@code --sched}, removes the queued request of that scheduling UUID
     * ({@code SealingRemoveRequest}). A malformed UUID panics in lotus-miner ({@code uuid.Must}).
     */
    @Command(name = "abort", mixinStandardHelpOptions = true, description = "Abort a running job")
    static final class Abort extends MinerCommand {
        @Parameters(paramLabel = "[callid]", arity = "0..*", description = "the call id, or a prefix")
        List<String> args = List.of();

        @Option(names = "--sched", description = "Specifies that the argument is UUID of the request to be removed "
                + "from scheduler (default: false)")
        boolean sched;

        @Override
        void check() {
            if (args.size() != 1) {
                throw refuse("incorrect number of arguments, got " + args.size());
            }
        }

        @Override
        void run(MinerConnection miner) {
            WorkersApi api = miner.workers();
            String arg = args.get(0);
            if (sched) {
                Uuid id;
                try {
                    id = new Uuid(arg);
                } catch (IllegalArgumentException e) {
                    throw new CliPanic(e.getMessage());
                }
                try {
                    api.sealingRemoveRequest(id);
                } catch (RuntimeException e) {
                    throw new CliException("Failed to removed the request with UUID " + arg + ": "
                            + MinerCommand.describe(e, miner.endpoint()));
                }
                return;
            }
            Map<String, List<WorkerJob>> jobs;
            try {
                jobs = new TreeMap<>(api.workerJobs());
            } catch (RuntimeException e) {
                throw new CliException("getting worker jobs: " + MinerCommand.describe(e, miner.endpoint()));
            }
            WorkerJob job = jobs.values().stream().flatMap(List::stream).filter(j -> j.id().id().startsWith(arg))
                    .findFirst().orElseThrow(() -> new CliException("job with specified id prefix not found"));
            TaskType type = TaskType.ofWire(job.task());
            out().printf("aborting job %d-%d-%s, task %s, sector %d, running on host %s%n", job.id().sector().miner(),
                    job.id().sector().number(), job.id().id(), type == null ? job.task() : type.shortName(),
                    job.sector().number(), job.hostname() == null ? "" : job.hostname());
            out().flush();
            api.sealingAbort(job.id());
        }
    }
}
