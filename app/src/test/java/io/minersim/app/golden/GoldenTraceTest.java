package io.minersim.app.golden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the simulator's behaviour byte for byte: {@link GoldenTrace} drives one seeded miner (devnet, 2 KiB sectors,
 * seed 42, manual clock) over JSON-RPC (HTTP, admin token) for 4,000 epochs, then to the next midnight, and records
 * every request and answer, and at eight checkpoints the history since the last one, the lists, the batchers'
 * pending sectors and every sector's {@code SectorsStatus(n, true)}; then the statistics API's rows for every
 * endpoint and complete day, and the {@code Sim.Snapshot}. This test compares that trace with the committed one,
 * {@code app/src/test/resources/golden/trace.txt}, and checks that the run still goes through every path it was
 * written for (the event kinds and states below), so the trace cannot silently lose its reach.
 *
 * <p>On a mismatch it fails with the first differing line and writes the whole trace it got to
 * {@code app/target/golden/trace.actual.txt} ({@code diff} it with the committed one). A refactoring must leave the
 * trace as it is. A deliberate change of behaviour regenerates it, and its commit explains the diff:
 *
 * <pre>
 * ./mvnw -o -B -pl app -am test -Dtest=GoldenTraceTest -Dsurefire.failIfNoSpecifiedTests=false -Dgolden.update=true
 * </pre>
 *
 * <p>What the drive covers: CC and deal sectors (legacy and DDO pieces, verified or not); the pre-commit batcher
 * (sent when full, on its timer, on a deal's cutoff less the slack, and flushed), the commit aggregator (aggregated
 * and single proofs; full, timer, cutoff, flush) and the terminate batcher (below its minimum, full, flushed);
 * injected failures and their retries in AddPiece, PreCommit1 (four in a row: the sector is removed), PreCommit2
 * (five: back to PreCommit1), SubmitPreCommitBatch, PreCommitBatchWait, WaitSeed, Committing (three: back to
 * PreCommit1), SubmitCommitAggregate, CommitAggregateWait, FinalizeSector, CommitFinalize, UpdateReplica (four: the
 * upgrade is aborted), ProveReplicaUpdate, FinalizeReplicaUpdate, SubmitReplicaUpdate, ReplicaUpdateWait,
 * ReleaseSectorKey, Terminating and Removing, by sector or for the next sectors, cleared and re-armed; snap deals
 * (SectorMarkForUpgrade and a deal piece landing in the Available sector; SectorAbortUpgrade of an Available sector
 * and of an upgrade under way; sealed CC sectors made Available by MakeCCSectorsAvailable, after a Sim.Restore of
 * the final snapshot with that knob switched on);
 * SectorTerminate (also of an expired sector, which sends no message), SectorRemove, faults declared over the API and
 * detected by the scenario, recoveries, the network's passive termination after FaultMaxAge, Sim.ExtendSectors,
 * Sim.ExpireDeals (at once, at PreCommit1, at the pre-commit batcher, at the commit aggregator, on a snap upgrade, on
 * proven sectors), a deal whose start passes before PreCommit1, expirations (also of a faulty sector), sector number
 * reservations, SectorReceive, SectorsUpdate into the states no other move reaches, SectorStartSealing,
 * SectorSetSealDelay, a sector in each of the 46 seedable states from the scenario and its scheduled events, and
 * the refusals of many of these calls. Every one of Lotus's 63 states is entered; the event kinds the engine never
 * sends (SectorRestart, SectorFatalError, SectorPreCommitted, SectorProofReady, SectorCommitSubmitted,
 * SectorRemoteCommit2Failed, SectorInvalidDealIDs, SectorTicketExpired, SectorRetryInvalidProof,
 * SectorRetrySubmitCommit, SectorRetrySubmitReplicaUpdate(Wait), SectorRetryProveReplicaUpdate,
 * SectorDeadlineImmutable) are the only ones missing from the history.
 *
 * <p>It runs in a few seconds (about 4 s in a fresh JVM on a quiet machine of this project's kind).
 */
class GoldenTraceTest {
    /** Where the committed trace lives, from the module's directory. */
    private static final Path RESOURCE = Path.of("src", "test", "resources", "golden", "trace.txt");
    /** Where a mismatching trace is written, from the module's directory. */
    private static final Path ACTUAL = Path.of("target", "golden", "trace.actual.txt");

    /** Every event kind the engine sends that the drive is meant to reach. */
    private static final List<String> KINDS = List.of(
            "SectorStart", "SectorStartCC", "SectorAddPiece", "SectorPieceAdded", "SectorAddPieceFailed",
            "SectorRetryWaitDeals", "SectorStartPacking", "SectorPacked", "SectorTicket", "SectorOldTicket",
            "SectorPreCommit1", "SectorPreCommit2", "SectorSealPreCommit1Failed", "SectorSealPreCommit2Failed",
            "SectorRetrySealPreCommit1", "SectorRetrySealPreCommit2", "SectorPreCommitBatch",
            "SectorPreCommitBatchSent", "SectorChainPreCommitFailed", "SectorRetryPreCommit",
            "SectorRetryPreCommitWait", "SectorRetryWaitSeed", "SectorPreCommitLanded", "SectorSeedReady",
            "SectorCommitted", "SectorComputeProofFailed", "SectorRemoteCommit1Failed", "SectorRetryComputeProof",
            "SectorSubmitCommitAggregate", "SectorCommitAggregateSent", "SectorCommitFailed", "SectorRetryCommitWait",
            "SectorProving", "SectorFinalized", "SectorFinalizedAvailable", "SectorFinalizeFailed",
            "SectorRetryFinalize", "SectorDealsExpired", "SectorUpdateDealIDs",
            "SectorMarkForUpdate", "SectorStartCCUpdate", "SectorReplicaUpdate", "SectorUpdateReplicaFailed",
            "SectorRetryReplicaUpdate", "SectorProveReplicaUpdate", "SectorProveReplicaUpdateFailed",
            "SectorReplicaUpdateSubmitted", "SectorSubmitReplicaUpdateFailed", "SectorReplicaUpdateLanded",
            "SectorUpdateActive", "SectorKeyReleased", "SectorReleaseKeyFailed", "SectorDeadlineMutable",
            "SectorAbortUpgrade", "SectorRevertUpgradeToProving",
            "SectorFaultDetected", "SectorFaultRecovered", "SectorFaultedFinal", "SectorExtended",
            "SectorExpired", "SectorTerminate", "SectorTerminating", "SectorTerminated", "SectorTerminateFailed",
            "SectorRemove", "SectorRemoved", "SectorRemoveFailed", "SectorReceive", "SectorReceived",
            "SectorForceState");

    /** Every one of Lotus's 63 states is entered at least once (by the pipeline, a seed or a forced move). */
    private static final List<String> STATES = List.of(
            "Empty", "WaitDeals", "AddPiece", "Packing", "GetTicket", "PreCommit1", "PreCommit2", "PreCommitting",
            "PreCommitWait", "SubmitPreCommitBatch", "PreCommitBatchWait", "WaitSeed", "Committing", "CommitFinalize",
            "CommitFinalizeFailed", "SubmitCommit", "CommitWait", "SubmitCommitAggregate", "CommitAggregateWait",
            "FinalizeSector", "Proving", "Available", "ReceiveSector", "AddPieceFailed", "SealPreCommit1Failed",
            "SealPreCommit2Failed", "PreCommitFailed", "ComputeProofFailed", "RemoteCommitFailed", "CommitFailed",
            "PackingFailed", "FinalizeFailed", "DealsExpired", "RecoverDealIDs", "SnapDealsWaitDeals",
            "SnapDealsAddPiece", "SnapDealsPacking", "UpdateReplica", "ProveReplicaUpdate", "FinalizeReplicaUpdate",
            "SubmitReplicaUpdate", "WaitMutable", "ReplicaUpdateWait", "UpdateActivating", "ReleaseSectorKey",
            "SnapDealsAddPieceFailed", "SnapDealsDealsExpired", "SnapDealsRecoverDealIDs", "ReplicaUpdateFailed",
            "FinalizeReplicaUpdateFailed", "ReleaseSectorKeyFailed", "AbortUpgrade", "FailedUnrecoverable",
            "Faulty", "FaultReported", "FaultedFinal", "Terminating", "TerminateWait", "TerminateFinality",
            "TerminateFailed", "Removing", "RemoveFailed", "Removed");

    @Test
    void theTraceIsTheCommittedOne() throws Exception {
        GoldenTrace.Result run = GoldenTrace.run();
        String actual = run.text();
        Path module = moduleDir();
        if (Boolean.getBoolean("golden.update")) {
            Path resource = module.resolve(RESOURCE);
            Files.createDirectories(resource.getParent());
            Files.writeString(resource, actual, StandardCharsets.UTF_8);
            System.out.println("golden trace rewritten: " + resource + " ("
                    + actual.getBytes(StandardCharsets.UTF_8).length + " bytes)");
        } else {
            String expected = committed(module);
            if (!expected.equals(actual)) {
                Path out = module.resolve(ACTUAL);
                Files.createDirectories(out.getParent());
                Files.writeString(out, actual, StandardCharsets.UTF_8);
                throw new AssertionError(firstDifference(expected, actual) + "\nthe whole trace is in " + out
                        + "; diff it with " + module.resolve(RESOURCE) + ". If the change is deliberate, regenerate"
                        + " with -Dgolden.update=true (see GoldenTraceTest's javadoc).");
            }
        }

        assertThat(run.eventKinds()).as("event kinds in the history").containsAll(KINDS);
        assertThat(run.statesEntered()).as("states entered").containsAll(STATES);
        assertThat(run.nonNullFlushes()).as("flushes that sent something")
                .containsKeys("Filecoin.SectorPreCommitFlush", "Filecoin.SectorCommitFlush",
                        "Filecoin.SectorTerminateFlush");
        assertThat(run.errorAnswers()).as("refused calls").isGreaterThanOrEqualTo(30);
        // (booleans: a failing contains() on the trace would print all of it)
        for (String expected : List.of("==== checkpoint 6 at epoch " + GoldenTrace.END, "\"code\":30002",
                "\"code\":30004", "\"code\":40400", "\"code\":10011", "\"method\":\"Sim.Snapshot\"",
                "\"method\":\"Sim.Restore\"")) {
            assertThat(actual.contains(expected)).as("the trace has " + expected).isTrue();
        }
        // the statistics saw every kind of move: single and batched pre-commits, single and aggregated
        // prove-commits, active and passive terminations, faults, recoveries, expirations, extensions, snaps
        for (String field : List.of("total.daily_sector_onboarding_count", "commit_sector_count.precommit_sector_count",
                "commit_sector_count.precommit_batch_sector_count", "commit_sector_count.provecommit_sector_count",
                "commit_sector_count.provecommit_batch_sector_count", "terminate.daily_new_active_terminate_rbp",
                "terminate.daily_new_passive_terminate_rbp", "fault.daily_new_fault_rbp",
                "recover.daily_new_recover_rbp", "expire.daily_new_expire_rbp", "extend.daily_new_extend_rbp",
                "snap.daily_new_snap_rbp")) {
            assertThat(run.statisticsSums().getOrDefault(field, 0.0)).as("statistics " + field).isPositive();
        }
    }

    /** The module's directory: surefire runs in it and sets {@code basedir}; from the repository root, app/. */
    private static Path moduleDir() {
        String basedir = System.getProperty("basedir");
        if (basedir != null && Files.isDirectory(Path.of(basedir, "src", "test"))) {
            return Path.of(basedir);
        }
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("app").resolve("src")) ? here.resolve("app") : here;
    }

    /** The committed trace: the source tree's copy, else the one on the class path. */
    private static String committed(Path module) throws IOException {
        Path source = module.resolve(RESOURCE);
        if (Files.isRegularFile(source)) {
            // a checkout that turned line ends into CRLF still compares (the trace itself shows no raw CR)
            return Files.readString(source, StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
        try (InputStream in = GoldenTraceTest.class.getResourceAsStream("/golden/trace.txt")) {
            if (in == null) {
                throw new AssertionError("no committed golden trace at " + source + ": generate it with"
                        + " -Dgolden.update=true");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
        }
    }

    /** The first line where the traces differ: its number, both versions, and where in the line they part. */
    static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        int n = Math.min(e.length, a.length);
        for (int i = 0; i < n; i++) {
            if (!e[i].equals(a[i])) {
                int col = 0;
                while (col < e[i].length() && col < a[i].length() && e[i].charAt(col) == a[i].charAt(col)) {
                    col++;
                }
                return "the golden trace differs at line " + (i + 1) + ", column " + (col + 1) + " ("
                        + context(e, i) + ")\nexpected: " + clip(e[i], col) + "\nactual:   " + clip(a[i], col);
            }
        }
        return "the golden trace differs at line " + (n + 1) + ": " + (e.length > a.length
                ? "the run ended early; expected: " + clip(e[n], 0) : "the run went on; actual: " + clip(a[n], 0));
    }

    /** The nearest section header above line {@code i}. */
    private static String context(String[] lines, int i) {
        for (int j = i; j >= 0; j--) {
            if (lines[j].startsWith("==")) {
                return "under \"" + lines[j] + "\"";
            }
        }
        return "at the start";
    }

    /** A long line cut around {@code col}: 200 characters before it, 300 after. */
    private static String clip(String line, int col) {
        int from = Math.max(0, col - 200);
        int to = Math.min(line.length(), col + 300);
        return (from > 0 ? "…" : "") + line.substring(from, to) + (to < line.length() ? "…" : "");
    }
}
