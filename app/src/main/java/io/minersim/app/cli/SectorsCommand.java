package io.minersim.app.cli;

import com.googlecode.jsonrpc4j.JsonRpcClientException;
import io.minersim.rpc.MinerApi;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.CommitBatchRes;
import io.minersim.rpc.types.PreCommitBatchRes;
import io.minersim.rpc.types.SectorId;
import io.minersim.sealing.fsm.SectorState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minersim sectors}: lotus-miner's {@code sectors} commands against a running minersim. */
@Command(name = "sectors", mixinStandardHelpOptions = true, description = "Interact with the sector store.",
        subcommands = {
            SectorsListCommand.class,
            SectorsStatusCommand.class,
            SectorsCommand.Summary.class,
            SectorsCommand.Remove.class,
            SectorsCommand.Terminate.class,
            SectorsCommand.UpdateState.class,
            SectorsCommand.Batching.class,
            SectorsCommand.Pledge.class,
            SectorsCommand.Seal.class,
            SectorsCommand.MarkForUpgrade.class,
            SectorsCommand.AbortUpgrade.class})
public final class SectorsCommand extends CommandGroup {
    /** lotus-miner's refusal when an advanced command is run without {@code --really-do-it}. */
    static final String ADVANCED =
            "this is a command for advanced users, only use it if you are sure of what you are doing";

    /** Refuses a negative sector number (picocli parses the number itself). */
    static long sectorNumber(long n) {
        if (n < 0) {
            throw new CliException("could not parse sector number: " + n + " is negative");
        }
        return n;
    }

    @Command(name = "summary", mixinStandardHelpOptions = true,
            description = "The number of sectors in each state (SectorsSummary), as lotus-miner info shows it.")
    static final class Summary extends MinerCommand {
        @Override
        void run(MinerConnection miner) {
            Map<String, Long> summary = miner.api().sectorsSummary();
            if (json()) {
                printJson(summary);
                return;
            }
            long total = summary.values().stream().mapToLong(Long::longValue).sum();
            out().println("Sectors:");
            out().printf("\tTotal: %d%n", total);
            summary.entrySet().stream().sorted(Map.Entry.comparingByKey(StateOrder.BY_NAME))
                    .forEach(e -> out().printf("\t%s: %d%n", e.getKey(), e.getValue()));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Forcefully remove a sector (WARNING: this means losing power and collateral for the "
                    + "removed sector; use 'terminate' for a lower penalty).")
    static final class Remove extends AdvancedSectorCommand {
        @Override
        void call(MinerApi api, long sector) {
            try {
                api.sectorsStatus(sector, false);
            } catch (JsonRpcClientException e) {
                throw new CliException("sectorID " + sector + " has not been created yet: " + e.getMessage(), e);
            }
            api.sectorRemove(sector);
        }
    }

    @Command(name = "terminate", mixinStandardHelpOptions = true,
            description = "Terminate a sector on chain, then remove it (WARNING: this means losing power and "
                    + "collateral for the removed sector).",
            subcommands = {Terminate.Flush.class, Terminate.Pending.class})
    static final class Terminate extends MinerCommand {
        @Parameters(paramLabel = "<sectorNum>", arity = "0..1", description = "The sector number.")
        Long sector;

        @Option(names = "--really-do-it", description = "Pass this flag if you know what you are doing.")
        boolean really;

        @Override
        void check() {
            if (sector == null) {
                throw refuse("incorrect number of arguments: sectors terminate <sectorNum> --really-do-it, "
                        + "or sectors terminate flush|pending");
            }
            if (!really) {
                throw refuse("pass --really-do-it to confirm this action");
            }
            sectorNumber(sector);
        }

        @Override
        void run(MinerConnection miner) {
            miner.api().sectorTerminate(sector);
            if (json()) {
                printJson(null);
            }
        }

        @Command(name = "flush", mixinStandardHelpOptions = true,
                description = "Send a terminate message if there are sectors queued for termination.")
        static final class Flush extends MinerCommand {
            @Override
            void run(MinerConnection miner) {
                CidLink msg = miner.api().sectorTerminateFlush();
                if (json()) {
                    printJson(msg);
                    return;
                }
                if (msg == null) {
                    throw new CliException("no sectors were queued for termination");
                }
                out().println(msg.value());
            }
        }

        @Command(name = "pending", mixinStandardHelpOptions = true,
                description = "List the numbers of the sectors pending termination.")
        static final class Pending extends MinerCommand {
            @Override
            void run(MinerConnection miner) {
                List<SectorId> pending = miner.api().sectorTerminatePending();
                if (json()) {
                    printJson(pending);
                    return;
                }
                pending.forEach(id -> out().println(id.number()));
            }
        }
    }

    @Command(name = "update-state", mixinStandardHelpOptions = true,
            description = "ADVANCED: manually update the state of a sector; this may aid in error recovery.")
    static final class UpdateState extends MinerCommand {
        @Parameters(index = "0", paramLabel = "<sectorNum>", description = "The sector number.")
        long sector;

        @Parameters(index = "1", paramLabel = "<newState>", description = "One of Lotus's sector states.")
        String state;

        @Option(names = "--really-do-it", description = "Pass this flag if you know what you are doing.")
        boolean really;

        @Override
        void check() {
            if (!really) {
                throw refuse(ADVANCED);
            }
            sectorNumber(sector);
            if (SectorState.byName(state).isEmpty()) {
                throw refuse("\"" + state + "\" is not a valid state; possible states for sectors are: "
                        + Arrays.stream(SectorState.values()).map(Enum::name).collect(Collectors.joining(", ")));
            }
        }

        @Override
        void run(MinerConnection miner) {
            try {
                miner.api().sectorsStatus(sector, false);
            } catch (JsonRpcClientException e) {
                throw new CliException("sector " + sector + " not found, could not change state", e);
            }
            miner.api().sectorsUpdate(sector, state);
            if (json()) {
                printJson(null);
            }
        }
    }

    @Command(name = "batching", mixinStandardHelpOptions = true, description = "Manage batch sector operations.",
            subcommands = {Batching.Commit.class, Batching.PreCommit.class})
    static final class Batching extends CommandGroup {

        /** Lists the pending sectors and asks whether to publish them now; true for "yes". */
        static boolean askToPublish(MinerCommand cmd, List<SectorId> pending) {
            pending.forEach(id -> cmd.out().println(id.number()));
            cmd.out().print("Do you want to publish these sectors now? (yes/no): ");
            cmd.out().flush();
            String answer;
            try {
                answer = new BufferedReader(new InputStreamReader(cmd.env().stdin(), StandardCharsets.UTF_8))
                        .readLine();
            } catch (java.io.IOException e) {
                throw new CliException("reading user input: " + e.getMessage(), e);
            }
            String a = answer == null ? "" : answer.strip().toLowerCase(Locale.ROOT);
            if (answer == null) {
                cmd.out().println();
            }
            if (a.equals("yes")) {
                return true;
            }
            if (!a.equals("no") && answer != null) {
                cmd.out().println("Invalid input. Please answer with 'yes' or 'no'.");
            }
            return false;
        }

        /**
         * The flow both batching commands share: list the sectors waiting in the batcher's queue, ask whether
         * to publish them (unless {@code --publish-now}), flush, and print each batch with its sectors.
         *
         * @param <R> the batcher's result, one element per batch sent
         */
        abstract static class BatchQueue<R> extends MinerCommand {
            @Option(names = "--publish-now", description = "Send a batch now.")
            boolean publishNow;

            /** What the queue is waiting for, in "No sectors queued to be ...". */
            private final String queuedFor;
            private final Function<MinerApi, List<SectorId>> pending;
            /** Sends the queued batches now; null when there was nothing to send. */
            private final Function<MinerApi, List<R>> flush;
            /** One batch as printed. */
            private final Function<R, Batch> batch;

            BatchQueue(String queuedFor, Function<MinerApi, List<SectorId>> pending,
                    Function<MinerApi, List<R>> flush, Function<R, Batch> batch) {
                this.queuedFor = queuedFor;
                this.pending = pending;
                this.flush = flush;
                this.batch = batch;
            }

            /** A sent batch: its message or error, and its sectors with the reason of each that failed. */
            record Batch(CidLink msg, String error, List<Long> sectors, Map<Long, String> failedSectors) {
            }

            @Override
            final void run(MinerConnection miner) {
                if (!publishNow) {
                    List<SectorId> queued = pending.apply(miner.api());
                    if (json()) {
                        printJson(queued);
                        return;
                    }
                    if (queued.isEmpty()) {
                        out().println("No sectors queued to be " + queuedFor);
                        return;
                    }
                    if (!askToPublish(this, queued)) {
                        return;
                    }
                }
                List<R> res = flush.apply(miner.api());
                if (json()) {
                    printJson(res);
                    return;
                }
                if (res == null) {
                    throw new CliException("no sectors to publish");
                }
                for (int i = 0; i < res.size(); i++) {
                    Batch b = batch.apply(res.get(i));
                    out().printf("Batch %d:%n", i);
                    if (!b.error().isEmpty()) {
                        out().printf("\tError: %s%n", b.error());
                    } else {
                        out().printf("\tMessage: %s%n", Formats.cid(b.msg()));
                    }
                    out().println("\tSectors:");
                    for (long s : b.sectors()) {
                        String failed = b.failedSectors().get(s);
                        if (failed != null) {
                            out().printf("\t\t%d\tERROR %s%n", s, failed);
                        } else {
                            out().printf("\t\t%d\tOK%n", s);
                        }
                    }
                }
            }
        }

        @Command(name = "commit", mixinStandardHelpOptions = true,
                description = "List the sectors waiting in the commit batch queue; --publish-now sends a batch.")
        static final class Commit extends BatchQueue<CommitBatchRes> {
            Commit() {
                super("committed", MinerApi::sectorCommitPending, MinerApi::sectorCommitFlush,
                        r -> new Batch(r.msg(), r.error(), r.sectors(), r.failedSectors()));
            }
        }

        @Command(name = "precommit", mixinStandardHelpOptions = true,
                description = "List the sectors waiting in the precommit batch queue; --publish-now sends a batch.")
        static final class PreCommit extends BatchQueue<PreCommitBatchRes> {
            PreCommit() {
                super("precommitted", MinerApi::sectorPreCommitPending, MinerApi::sectorPreCommitFlush,
                        r -> new Batch(r.msg(), r.error(), r.sectors(), Map.of()));
            }
        }
    }

    @Command(name = "pledge", mixinStandardHelpOptions = true, description = "Store random data in a sector.")
    static final class Pledge extends MinerCommand {
        @Override
        void run(MinerConnection miner) {
            SectorId id = miner.api().pledgeSector();
            if (json()) {
                printJson(id);
                return;
            }
            out().println("Created CC sector:  " + id.number());
        }
    }

    @Command(name = "seal", mixinStandardHelpOptions = true,
            description = "Manually start sealing a sector (filling any unused space with junk).")
    static final class Seal extends OneSectorCommand {
        @Override
        void call(MinerApi api, long sector) {
            api.sectorStartSealing(sector);
        }
    }

    @Command(name = "mark-for-upgrade", aliases = "snap-up", mixinStandardHelpOptions = true,
            description = "Mark a committed-capacity sector to be filled with deals (a snap-deal upgrade).")
    static final class MarkForUpgrade extends OneSectorCommand {
        @Override
        void call(MinerApi api, long sector) {
            api.sectorMarkForUpgrade(sector, true);
        }
    }

    @Command(name = "abort-upgrade", mixinStandardHelpOptions = true,
            description = "Abort the attempted (snap-deal) upgrade of a CC sector, reverting it to as before.")
    static final class AbortUpgrade extends AdvancedSectorCommand {
        @Override
        String refusal() {
            return "--really-do-it must be specified for this action to have an effect; you have been warned";
        }

        @Override
        void call(MinerApi api, long sector) {
            api.sectorAbortUpgrade(sector);
        }
    }

    /** A command on one sector that answers nothing: checks the number, calls, prints {@code null} with --json. */
    abstract static class OneSectorCommand extends MinerCommand {
        @Parameters(paramLabel = "<sectorNum>", description = "The sector number.")
        long sector;

        @Override
        void check() {
            sectorNumber(sector);
        }

        /** The call the command makes. */
        abstract void call(MinerApi api, long sector);

        @Override
        final void run(MinerConnection miner) {
            call(miner.api(), sector);
            if (json()) {
                printJson(null);
            }
        }
    }

    /** A {@link OneSectorCommand} that lotus-miner runs only with {@code --really-do-it}. */
    abstract static class AdvancedSectorCommand extends OneSectorCommand {
        @Option(names = "--really-do-it", description = "Pass this flag if you know what you are doing.")
        boolean really;

        /** The refusal without {@code --really-do-it}. */
        String refusal() {
            return ADVANCED;
        }

        @Override
        final void check() {
            if (!really) {
                throw refuse(refusal());
            }
            super.check();
        }
    }

    /** Parses {@code --states A,B}: every name must be one of Lotus's states. */
    static List<String> states(String csv) {
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",", -1)) {
            String name = s.strip();
            if (SectorState.byName(name).isEmpty()) {
                throw new CliException("--states: \"" + name + "\" is not a valid sector state");
            }
            out.add(name);
        }
        return out;
    }
}
