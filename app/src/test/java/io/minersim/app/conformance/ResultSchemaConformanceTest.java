package io.minersim.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.app.conformance.PipelineScenario.RecordedCall;
import io.minersim.rpc.MinerApi;
import io.minersim.rpc.ProvingApi;
import io.minersim.rpc.WorkerReturnApi;
import io.minersim.sealing.fsm.SectorState;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every result minersim serves for a method of Lotus's miner OpenRPC document validates against that
 * method's result schema (draft-07, with the corrections and tightenings of {@link LotusSchemaErrata}).
 *
 * <p>The miner is driven by {@link PipelineScenario}. Each served method gets a container of dynamic tests:
 * the calls the drive made with their answers, and live calls on the miner at rest with representative
 * params. {@code SectorsStatus} is called for every sector, with {@code showOnChainInfo} false and true, and
 * replayed from the journey snapshots, one test per (state, sector). Methods that change the miner run
 * after the read-only ones, in the order given, so that every read sees the miner the drive left.
 *
 * <p>Each test also checks that every message the <em>unmodified</em> Lotus schema gives for the same
 * result is at a location an erratum rewrote: the corrections must explain each difference between the
 * served JSON and the document, and nothing else may differ.
 */
class ResultSchemaConformanceTest {

    /**
     * Methods of Lotus's miner OpenRPC document that minersim does not serve yet (no {@code @JsonRpcMethod} on a
     * served interface): the workers' and scheduler's and the storage paths' methods. Kept explicit, so that a
     * newly served method fails {@link #theSkipListIsExactlyTheUnservedMethods()} until it is tested here.
     */
    static final Set<String> NOT_SERVED = new TreeSet<>();

    /**
     * Served methods that never answer a result on minersim, so no result can be validated: {@code WorkerConnect}
     * refuses every URL (its workers are simulated; MethodContractTest checks each refusal's text).
     */
    static final Set<String> NO_RESULT = Set.of("Filecoin.WorkerConnect");

    /**
     * States no sector can be seen resting in, even when forced with SectorsUpdate: the engine runs the
     * state's handler at once and it moves on in the same call (PreCommitting sends to the batch, the
     * *Wait states find no message, the expired-deal and packing failures remove the sector, the AddPiece failures
     * go back to waiting for deals, ...).
     * The drive forces each of them, and the state the sector moved to is validated instead.
     */
    static final Set<SectorState> NEVER_AT_REST = EnumSet.of(SectorState.PreCommitting, SectorState.PreCommitWait,
            SectorState.SubmitCommit, SectorState.CommitWait, SectorState.PackingFailed, SectorState.DealsExpired,
            SectorState.SubmitReplicaUpdate, SectorState.SnapDealsDealsExpired, SectorState.SnapDealsRecoverDealIDs,
            SectorState.AbortUpgrade, SectorState.AddPieceFailed, SectorState.SnapDealsAddPieceFailed);

    private static LotusOpenRpc doc;
    private static LotusSchemaErrata errata;
    private static final Map<String, JsonNode> CORRECTED = new LinkedHashMap<>();
    private static PipelineScenario scenario;
    /** method → raw-schema message (location and text) → how many results drew it. */
    private static final Map<String, Map<String, Integer>> RAW_FAILURES = new TreeMap<>();

    @BeforeAll
    static void setUp() throws Exception {
        doc = LotusOpenRpc.load();
        errata = new LotusSchemaErrata();
        for (String m : doc.methodNames()) {
            CORRECTED.put(m, errata.correct(m, doc.rawResultSchema(m)));
        }
        scenario = PipelineScenario.run();
    }

    @AfterAll
    static void tearDown() {
        if (scenario != null) {
            scenario.close();
        }
        StringBuilder sb = new StringBuilder("Lotus OpenRPC result-schema conformance: messages of the unmodified"
                + " schemas, each explained by an erratum\n");
        RAW_FAILURES.forEach((m, msgs) -> msgs.forEach((msg, n) -> sb.append("  ").append(m).append(" x")
                .append(n).append(": ").append(msg).append('\n')));
        System.out.print(sb);
    }

    /** The wire names on MinerApi. */
    static Set<String> servedByMinersim() {
        Set<String> out = new TreeSet<>();
        for (Method m : List.of(MinerApi.class, ProvingApi.class, WorkerReturnApi.class, io.minersim.rpc.BackupApi.class,
                io.minersim.rpc.FundsApi.class, io.minersim.rpc.MarketApi.class, io.minersim.rpc.MiningApi.class,
                io.minersim.rpc.PieceApi.class, io.minersim.rpc.StorageApi.class,
                io.minersim.rpc.WorkersApi.class).stream()
                .flatMap(i -> Arrays.stream(i.getMethods()))
                .toList()) {
            JsonRpcMethod a = m.getAnnotation(JsonRpcMethod.class);
            if (a != null) {
                out.add(a.value());
            }
        }
        return out;
    }

    static Set<String> servedAndDocumented() {
        Set<String> out = new TreeSet<>(doc.methodNames());
        out.retainAll(servedByMinersim());
        return out;
    }

    // ---------------------------------------------------------------------------------------------
    // Plain tests

    @Test
    void theSkipListIsExactlyTheUnservedMethods() {
        Set<String> unserved = new TreeSet<>(doc.methodNames());
        unserved.removeAll(servedByMinersim());
        assertThat(unserved).containsExactlyElementsOf(NOT_SERVED);
        assertThat(doc.methodNames()).hasSize(88);
        assertThat(servedAndDocumented()).hasSize(88 - NOT_SERVED.size());
    }

    @Test
    void theDocumentUsesNoKeywordTheValidatorWouldIgnore() {
        assertThat(doc.unknownKeywords()).as("keywords outside draft-07 and the declared annotations").isEmpty();
    }

    @Test
    void everyErratumRewritesSomething() {
        for (LotusSchemaErrata.Erratum e : errata.all()) {
            assertThat(e.hits()).as("rewrites by %s", e.id()).isPositive();
        }
    }

    @Test
    void everySectorStateIsSnapshottedButThoseNeverAtRest() {
        Set<SectorState> expected = EnumSet.allOf(SectorState.class);
        expected.removeAll(NEVER_AT_REST);
        assertThat(scenario.observed).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(scenario.forcedButMoved.keySet()).containsExactlyInAnyOrderElementsOf(NEVER_AT_REST);
    }

    @Test
    void everyServedDocumentedMethodHasAProbe() {
        Set<String> probed = plan().stream().map(MethodProbes::method).collect(Collectors.toCollection(TreeSet::new));
        Set<String> withResults = new TreeSet<>(servedAndDocumented());
        withResults.removeAll(NO_RESULT);
        assertThat(probed).containsExactlyElementsOf(withResults);
        for (MethodProbes mp : plan()) {
            assertThat(mp.probes()).as("probes of %s", mp.method()).isNotEmpty();
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The dynamic tests

    /** One result to validate: a name, how to get it for the method, and the expected State if any. */
    record Probe(String name, Function<String, JsonNode> result, String expectState) {
        Probe(String name, Supplier<JsonNode> result) {
            this(name, m -> result.get(), null);
        }
    }

    record MethodProbes(String method, List<Probe> probes) {
    }

    @TestFactory
    Stream<DynamicNode> everyServedResultValidatesAgainstLotusResultSchema() {
        return plan().stream().map(mp -> DynamicContainer.dynamicContainer(mp.method(),
                mp.probes().stream().map(p -> DynamicTest.dynamicTest(p.name(), () -> check(mp.method(), p)))));
    }

    private static void check(String method, Probe p) {
        JsonNode result = p.result().apply(method);
        List<String> problems = doc.problems(CORRECTED.get(method), result);
        assertThat(problems).as("%s %s: validating %s", method, p.name(), abbreviate(result)).isEmpty();
        if (p.expectState() != null) {
            assertThat(result.path("State").asText()).as("State of %s", p.name()).isEqualTo(p.expectState());
        }
        explainRawFailures(method, result);
    }

    /** Each message of the unmodified schema must be at a location where an erratum rewrote the schema. */
    private static void explainRawFailures(String method, JsonNode result) {
        List<com.networknt.schema.Error> raw = doc.validator(doc.rawResultSchema(method)).validate(result);
        Set<String> rewritten = errata.applied().getOrDefault(method, List.of()).stream()
                .map(s -> s.substring(0, s.lastIndexOf(' '))).collect(Collectors.toSet());
        List<String> unexplained = new ArrayList<>();
        for (com.networknt.schema.Error m : raw) {
            String at = schemaPointer(doc.rawResultSchema(method), m.getInstanceLocation().toString());
            if (!rewritten.contains(at)) {
                unexplained.add(at + ": " + m);
            }
            synchronized (RAW_FAILURES) {
                RAW_FAILURES.computeIfAbsent(method, k -> new TreeMap<>()).merge(at + ": "
                        + m.getMessage(), 1, Integer::sum);
            }
        }
        assertThat(unexplained).as("%s: messages of Lotus's unmodified schema that no erratum explains", method)
                .isEmpty();
    }

    /**
     * The schema-side location of an instance location: property names stay, array indexes become
     * {@code []}, map keys matched by patternProperties become {@code {pattern}}; {@code (result)} for the root.
     */
    static String schemaPointer(JsonNode schema, String instancePointer) {
        if (instancePointer.isEmpty() || instancePointer.equals("/")) {
            return "(result)";
        }
        StringBuilder out = new StringBuilder();
        JsonNode s = schema;
        for (String raw : instancePointer.substring(1).split("/", -1)) {
            String seg = raw.replace("~1", "/").replace("~0", "~");
            if (s != null && s.path("properties").has(seg)) {
                out.append('/').append(seg);
                s = s.path("properties").get(seg);
            } else if (s != null && s.has("items")) {
                out.append("/[]");
                s = s.get("items").isArray() ? s.get("items").get(0) : s.get("items");
            } else if (s != null && s.has("patternProperties")) {
                String pattern = s.get("patternProperties").fieldNames().next();
                out.append("/{").append(pattern).append('}');
                s = s.get("patternProperties").get(pattern);
            } else {
                out.append('/').append(seg);
                s = null;
            }
        }
        return out.toString();
    }

    private static String abbreviate(JsonNode n) {
        String s = String.valueOf(n);
        return s.length() > 1500 ? s.substring(0, 1500) + "…" : s;
    }

    // ---------------------------------------------------------------------------------------------
    // The plan: which results each method is tested with

    private static List<MethodProbes> plan;

    private static synchronized List<MethodProbes> plan() {
        if (plan == null) {
            plan = buildPlan();
        }
        return plan;
    }

    private static List<MethodProbes> buildPlan() {
        PipelineScenario s = scenario;
        RawRpc rpc = s.rpc;
        Map<String, List<Probe>> byMethod = new LinkedHashMap<>();

        // --- read-only methods, on the miner at rest -------------------------------------------------
        Map<Long, SectorState> resting = s.restingStates();
        List<Probe> status = probes(byMethod, "Filecoin.SectorsStatus");
        resting.forEach((n, st) -> {
            for (boolean onChain : new boolean[] {false, true}) {
                status.add(new Probe("at rest: " + st + " (sector " + n + ", " + s.roleOf(n)
                        + "), showOnChainInfo=" + onChain, m -> rpc.result(m, n, onChain), st.name()));
            }
        });
        for (RecordedCall c : s.journey) {
            status.add(new Probe("journey: " + c.state() + " — " + c.context() + ", showOnChainInfo="
                    + c.params().get(1), m -> recorded(c), c.state()));
        }

        recorded(byMethod, s, "Filecoin.SectorsList", live("at rest"));
        List<Probe> inStates = recorded(byMethod, s, "Filecoin.SectorsListInStates");
        new TreeSet<>(resting.values()).forEach(st -> inStates.add(new Probe("live: at rest: [" + st + "]",
                () -> rpc.result("Filecoin.SectorsListInStates", PipelineScenario.strings(st.name())))));
        inStates.add(new Probe("live: every state name", () -> rpc.result("Filecoin.SectorsListInStates",
                PipelineScenario.strings(Arrays.stream(SectorState.values()).map(Enum::name)
                        .toArray(String[]::new)))));
        inStates.add(new Probe("live: unknown state names only (null)", () -> rpc.result(
                "Filecoin.SectorsListInStates", PipelineScenario.strings("NoSuchState", "proving"))));
        inStates.add(new Probe("live: no states (null)", () -> rpc.result("Filecoin.SectorsListInStates",
                PipelineScenario.strings())));
        recorded(byMethod, s, "Filecoin.SectorsSummary", live("at rest"));
        recorded(byMethod, s, "Filecoin.SectorsRefs", live("at rest, three legacy deals"));
        recorded(byMethod, s, "Filecoin.SectorGetSealDelay", live("at rest"));
        recorded(byMethod, s, "Filecoin.SectorGetExpectedSealDuration", live("at rest"));
        recorded(byMethod, s, "Filecoin.SectorPreCommitPending", live("at rest, sectors in the batch"));
        recorded(byMethod, s, "Filecoin.SectorCommitPending", live("at rest, sectors in the batch"));
        recorded(byMethod, s, "Filecoin.SectorTerminatePending", live("at rest, a sector in the batch"));
        recorded(byMethod, s, "Filecoin.SectorNumAssignerMeta", live("at rest"));
        recorded(byMethod, s, "Filecoin.ActorAddress", live("at rest"));
        recorded(byMethod, s, "Filecoin.ActorSectorSize", new Probe("live: own address",
                () -> rpc.result("Filecoin.ActorSectorSize", s.actor)));
        recorded(byMethod, s, "Filecoin.ActorAddressConfig", live("at rest"));
        recorded(byMethod, s, "Filecoin.RuntimeSubsystems", live("at rest"));
        int calls = 0;
        for (Method m : WorkerReturnApi.class.getMethods()) {
            String name = m.getAnnotation(JsonRpcMethod.class).value();
            if (NO_RESULT.contains(name)) {
                continue;
            }
            String callId = String.format(java.util.Locale.ROOT, "0707-%012d", ++calls); // one call each
            String result = io.minersim.app.contract.WorkerReturnParams.RESULTS.get(name);
            recorded(byMethod, s, name, new Probe("live: a result for a call the miner has no record of", () -> {
                try {
                    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
                    JsonNode call = json.readTree(io.minersim.app.contract.WorkerReturnParams.CALL
                            .replace("0707-070707070707", callId));
                    return result == null ? rpc.result(name, call, null)
                            : rpc.result(name, call, json.readTree(result), null);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        recorded(byMethod, s, "Filecoin.CheckProvable", new Probe("live: every resting sector and an unknown one",
                () -> {
                    com.fasterxml.jackson.databind.node.ArrayNode refs = RawRpc.NODES.arrayNode();
                    for (long n : resting.keySet()) {
                        refs.addObject().put("ProofType", 5).putObject("ID").put("Miner", 1000).put("Number", n);
                    }
                    refs.addObject().put("ProofType", 5).putObject("ID").put("Miner", 1000).put("Number", 99_999);
                    return rpc.result("Filecoin.CheckProvable", 10, refs);
                }));

        long sealedDeal = s.roles.get("deals-sealed");
        recorded(byMethod, s, "Filecoin.MarketListDeals", live("at rest, the legacy deals"));
        recorded(byMethod, s, "Filecoin.MiningBase", live("at rest"));
        recorded(byMethod, s, "Filecoin.ComputeDataCid", new Probe("live: a null reader of 1016 bytes",
                () -> rpc.result("Filecoin.ComputeDataCid", 1016, RawRpc.NODES.objectNode().put("Type", "null")
                        .put("Info", "1016"))));
        int provingDeadline = s.miner.chain().place(sealedDeal).orElseThrow().deadline();
        recorded(byMethod, s, "Filecoin.ComputeWindowPoSt", new Probe("live: the proving deal sector's deadline",
                () -> rpc.result("Filecoin.ComputeWindowPoSt", provingDeadline, RawRpc.NODES.arrayNode())),
                new Probe("live: a deadline with nothing to prove ([])", () -> rpc.result(
                        "Filecoin.ComputeWindowPoSt", (provingDeadline + 24) % 48, RawRpc.NODES.arrayNode())));
        recorded(byMethod, s, "Filecoin.ComputeProof", new Probe("live: the proving deal sector", () -> {
            JsonNode info = rpc.result("Filecoin.SectorsStatus", sealedDeal, false);
            com.fasterxml.jackson.databind.node.ArrayNode ssi = RawRpc.NODES.arrayNode();
            ssi.addObject().put("SealProof", info.path("SealProof").asLong()).put("SectorNumber", sealedDeal)
                    .putNull("SectorKey").set("SealedCID", info.path("CommR"));
            return rpc.result("Filecoin.ComputeProof", ssi, "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", 10, 28);
        }));
        storageReads(byMethod, s);

        // --- methods that change the miner, in this order ----------------------------------------------
        long waiting = s.roles.get("deals-waiting");
        long available = s.roles.get("cc-available");
        long dealsSealed = s.roles.get("deals-sealed");
        recorded(byMethod, s, "Filecoin.CreateBackup", new Probe("live: a file in LOTUS_BACKUP_BASE_PATH", () -> {
            java.io.File file = new java.io.File(s.backupBase, "conformance.backup");
            file.deleteOnExit();
            return rpc.result("Filecoin.CreateBackup", file.getPath());
        }));
        recorded(byMethod, s, "Filecoin.ActorWithdrawBalance", new Probe("live: 1 FIL",
                () -> rpc.result("Filecoin.ActorWithdrawBalance", "1000000000000000000")));
        recorded(byMethod, s, "Filecoin.BeneficiaryWithdrawBalance", new Probe("live: all that is available (0)",
                () -> rpc.result("Filecoin.BeneficiaryWithdrawBalance", "0")));
        recorded(byMethod, s, "Filecoin.RecoverFault", new Probe("live: the proving deal sector",
                () -> rpc.result("Filecoin.RecoverFault", List.of(dealsSealed))));
        recorded(byMethod, s, "Filecoin.SectorAddPieceToAny", new Probe("live: DDO piece into an open sector",
                () -> rpc.result("Filecoin.SectorAddPieceToAny", 508, RawRpc.NODES.objectNode().put("Type", "null")
                        .put("Info", "508"), s.ddoDeal(508))));
        recorded(byMethod, s, "Filecoin.SectorStartSealing", new Probe("live: the WaitDeals sector",
                () -> rpc.result("Filecoin.SectorStartSealing", waiting)));
        recorded(byMethod, s, "Filecoin.SectorMatchPendingPiecesToOpenSectors", live("at rest"));
        recorded(byMethod, s, "Filecoin.SectorSetSealDelay", new Probe("live: 1 h",
                () -> rpc.result("Filecoin.SectorSetSealDelay", 3_600_000_000_000L)));
        recorded(byMethod, s, "Filecoin.SectorSetExpectedSealDuration", new Probe("live: 12 h",
                () -> rpc.result("Filecoin.SectorSetExpectedSealDuration", 43_200_000_000_000L)));
        recorded(byMethod, s, "Filecoin.SectorUnseal", new Probe("live: the proving deal sector",
                () -> rpc.result("Filecoin.SectorUnseal", dealsSealed)));
        recorded(byMethod, s, "Filecoin.SectorsUnsealPiece", new Probe("live: the first piece of the proving deal"
                + " sector", () -> {
                    JsonNode info = rpc.result("Filecoin.SectorsStatus", dealsSealed, false);
                    ObjectNode ref = RawRpc.NODES.objectNode();
                    ref.putObject("ID").put("Miner", s.actorId).put("Number", dealsSealed);
                    ref.put("ProofType", info.path("SealProof").asLong());
                    return rpc.result("Filecoin.SectorsUnsealPiece", ref, 0, 508, info.path("Ticket").path("Value"),
                            info.path("CommD"));
                }));
        recorded(byMethod, s, "Filecoin.SectorAbortUpgrade", new Probe("live: the Available sector",
                () -> rpc.result("Filecoin.SectorAbortUpgrade", available)));
        recorded(byMethod, s, "Filecoin.SectorMarkForUpgrade", new Probe("live: a proving CC sector",
                () -> rpc.result("Filecoin.SectorMarkForUpgrade", s.roles.get("cc-fail-pc1"), true)));
        recorded(byMethod, s, "Filecoin.SectorTerminate", new Probe("live: a proving CC sector",
                () -> rpc.result("Filecoin.SectorTerminate", s.roles.get("cc-fail-pc2"))));
        recorded(byMethod, s, "Filecoin.SectorRemove", new Probe("live: a proving CC sector",
                () -> rpc.result("Filecoin.SectorRemove", s.roles.get("cc-fail-proof"))));
        recorded(byMethod, s, "Filecoin.SectorsUpdate", new Probe("live: a proving CC sector to FaultReported",
                () -> rpc.result("Filecoin.SectorsUpdate", s.roles.get("cc-fail-finalize"), "FaultReported")));
        recorded(byMethod, s, "Filecoin.SectorReceive", new Probe("live: a CC sector for Available",
                () -> rpc.result("Filecoin.SectorReceive", s.remoteSector(901, "Available"))));
        recorded(byMethod, s, "Filecoin.PledgeSector", live("at rest"));
        for (String m : List.of("Filecoin.SectorPreCommitFlush", "Filecoin.SectorCommitFlush",
                "Filecoin.SectorTerminateFlush")) {
            recorded(byMethod, s, m, live("at rest, batch not empty"), live("right after, batch empty (null)"));
        }
        recorded(byMethod, s, "Filecoin.SectorNumReserve", new Probe("live: conformance-a = [1000, 5]",
                () -> rpc.result("Filecoin.SectorNumReserve", "conformance-a", RawRpc.JSON.valueToTree(
                        new long[] {1000, 5}), false)));
        recorded(byMethod, s, "Filecoin.SectorNumReserveCount", new Probe("live: conformance-b, 3 numbers",
                () -> rpc.result("Filecoin.SectorNumReserveCount", "conformance-b", 3)));
        recorded(byMethod, s, "Filecoin.SectorNumReservations", live("two reservations"));
        recorded(byMethod, s, "Filecoin.SectorNumFree", new Probe("live: conformance-a",
                () -> rpc.result("Filecoin.SectorNumFree", "conformance-a")));

        storageChanges(byMethod, s);
        // --- workers and the scheduler, last: the local worker goes offline, so AddPiece tasks queue ------
        recorded(byMethod, s, "Filecoin.WorkerStats", live("the default local worker"),
                new Probe("live: the local worker offline, a pledged sector's AddPiece queued", () -> {
                    rpc.result("Sim.WorkerOffline", "minersim");
                    rpc.result("Filecoin.PledgeSector");
                    return rpc.result("Filecoin.WorkerStats");
                }));
        recorded(byMethod, s, "Filecoin.WorkerJobs", live("the local worker offline"),
                new Probe("live: the local worker back, running the AddPiece", () -> {
                    rpc.result("Sim.WorkerOnline", "minersim");
                    JsonNode jobs = rpc.result("Filecoin.WorkerJobs");
                    rpc.result("Sim.WorkerOffline", "minersim");
                    rpc.result("Filecoin.PledgeSector");
                    return jobs;
                }));
        recorded(byMethod, s, "Filecoin.SealingSchedDiag", new Probe("live: doSched, an AddPiece queued",
                () -> rpc.result("Filecoin.SealingSchedDiag", true)));
        recorded(byMethod, s, "Filecoin.SealingAbort", new Probe("live: a call the miner has no record of",
                () -> rpc.result("Filecoin.SealingAbort", RawRpc.NODES.objectNode()
                        .put("ID", "0a0b0c0d-0000-0000-0000-000000000001")
                        .set("Sector", RawRpc.NODES.objectNode().put("Miner", 1000).put("Number", 77)))));
        recorded(byMethod, s, "Filecoin.SealingRemoveRequest", new Probe("live: the queued AddPiece", () -> {
            JsonNode request = null;
            for (JsonNode r : rpc.result("Filecoin.SealingSchedDiag", false).path("SchedInfo").path("Requests")) {
                request = r.path("TaskType").asText().equals("seal/v0/addpiece") && request == null ? r : request;
            }
            assertThat(request).as("a queued AddPiece").isNotNull();
            return rpc.result("Filecoin.SealingRemoveRequest", request.path("SchedId").asText());
        }));

        List<MethodProbes> out = new ArrayList<>();
        byMethod.forEach((m, ps) -> out.add(new MethodProbes(m, ps)));
        return out;
    }

    /** The Storage* reads on the miner at rest: its default path and every sector's files on it. */
    private static void storageReads(Map<String, List<Probe>> byMethod, PipelineScenario s) {
        RawRpc rpc = s.rpc;
        Supplier<String> path = () -> rpc.result("Filecoin.StorageLocal").fieldNames().next();
        long dealsSealed = s.roles.get("deals-sealed");
        ObjectNode sector = RawRpc.NODES.objectNode().put("Miner", s.actorId).put("Number", dealsSealed);
        recorded(byMethod, s, "Filecoin.StorageList", live("at rest, every sector's files"));
        recorded(byMethod, s, "Filecoin.StorageLocal", live("at rest"));
        recorded(byMethod, s, "Filecoin.StorageInfo", new Probe("live: the default path (null lists)",
                () -> rpc.result("Filecoin.StorageInfo", path.get())));
        recorded(byMethod, s, "Filecoin.StorageStat", new Probe("live: the default path",
                () -> rpc.result("Filecoin.StorageStat", path.get())));
        recorded(byMethod, s, "Filecoin.StorageFindSector", new Probe("live: the proving deal sector, every type,"
                + " allowFetch", () -> rpc.result("Filecoin.StorageFindSector", sector, 31, 2048, true)),
                new Probe("live: an unknown sector ([])", () -> rpc.result("Filecoin.StorageFindSector",
                        RawRpc.NODES.objectNode().put("Miner", s.actorId).put("Number", 99_999), 2, 0, false)));
        recorded(byMethod, s, "Filecoin.StorageBestAlloc", new Probe("live: sealing",
                () -> rpc.result("Filecoin.StorageBestAlloc", 7, 2048, "sealing", s.actorId)),
                new Probe("live: storage", () -> rpc.result("Filecoin.StorageBestAlloc", 6, 2048, "storage",
                        s.actorId)));
        recorded(byMethod, s, "Filecoin.StorageGetLocks", live("at rest"));
        recorded(byMethod, s, "Filecoin.StorageTryLock", new Probe("live: the proving deal sector's sealed file",
                () -> rpc.result("Filecoin.StorageTryLock", sector, 2, 0)));
        recorded(byMethod, s, "Filecoin.StorageAuthVerify", new Probe("live: a read token", () -> {
            String jwt = new String(java.util.Base64.getDecoder().decode(rpc.result("Filecoin.AuthNew",
                    RawRpc.JSON.valueToTree(List.of("read"))).asText()), java.nio.charset.StandardCharsets.US_ASCII);
            return rpc.result("Filecoin.StorageAuthVerify", jwt);
        }));
    }

    /** The Storage* changes, after every read: a worker's path attached, reported, declared on, detached. */
    private static void storageChanges(Map<String, List<Probe>> byMethod, PipelineScenario s) {
        RawRpc rpc = s.rpc;
        Supplier<String> path = () -> rpc.result("Filecoin.StorageLocal").fieldNames().next();
        ObjectNode sector = RawRpc.NODES.objectNode().put("Miner", s.actorId).put("Number",
                s.roles.get("deals-sealed"));
        ObjectNode stat = RawRpc.NODES.objectNode().put("Capacity", 1000).put("Available", 800)
                .put("FSAvailable", 800).put("Reserved", 0).put("Max", 0).put("Used", 0);
        ObjectNode worker = RawRpc.NODES.objectNode().put("ID", "worker-1").put("Weight", 5).put("MaxStorage", 0)
                .put("CanSeal", true).put("CanStore", false);
        worker.putArray("URLs").add("http://10.0.0.2:3456/remote");
        recorded(byMethod, s, "Filecoin.StorageAttach", new Probe("live: a worker's path",
                () -> rpc.result("Filecoin.StorageAttach", worker, stat)));
        recorded(byMethod, s, "Filecoin.StorageReportHealth", new Probe("live: the worker's path",
                () -> rpc.result("Filecoin.StorageReportHealth", "worker-1", RawRpc.NODES.objectNode()
                        .put("Err", "").set("Stat", stat))));
        recorded(byMethod, s, "Filecoin.StorageDeclareSector", new Probe("live: the deal sector's sealed file on"
                + " the worker", () -> rpc.result("Filecoin.StorageDeclareSector", "worker-1", sector, 2, false)));
        recorded(byMethod, s, "Filecoin.StorageDropSector", new Probe("live: the deal sector's cache",
                () -> rpc.result("Filecoin.StorageDropSector", path.get(), sector, 4)));
        recorded(byMethod, s, "Filecoin.StorageRedeclareLocal", new Probe("live: every local path",
                () -> rpc.result("Filecoin.StorageRedeclareLocal", null, false)));
        recorded(byMethod, s, "Filecoin.StorageLock", new Probe("live: the deal sector's sealed file, read",
                () -> rpc.result("Filecoin.StorageLock", sector, 2, 0)));
        recorded(byMethod, s, "Filecoin.StorageDetach", new Probe("live: the worker's path",
                () -> rpc.result("Filecoin.StorageDetach", "worker-1", "http://10.0.0.2:3456/remote")));
        recorded(byMethod, s, "Filecoin.StorageAddLocal", new Probe("live: a second disk", () -> {
            s.node.miner().changeStorage(new io.minersim.sealing.storage.StorageOp.Configure(List.of(
                    io.minersim.sealing.storage.StorageIndex.defaultDisk(s.actorId, s.miner.config().seed()),
                    new io.minersim.sealing.storage.SimulatedDisk("/mnt/disk2", 1L << 40,
                            new io.minersim.sealing.storage.PathMeta("disk-2", null, 10, 0, false, true, null, null, null,
                                    null, null, null))),
                    List.of(io.minersim.sealing.storage.StorageIndex.defaultPath(s.actorId))));
            return rpc.result("Filecoin.StorageAddLocal", "/mnt/disk2");
        }));
        recorded(byMethod, s, "Filecoin.StorageDetachLocal", new Probe("live: the second disk",
                () -> rpc.result("Filecoin.StorageDetachLocal", "/mnt/disk2")));
    }

    /** A live call of the method without params. */
    private static Probe live(String name) {
        return new Probe("live: " + name, m -> scenario.rpc.result(m), null);
    }

    private static List<Probe> probes(Map<String, List<Probe>> byMethod, String method) {
        return byMethod.computeIfAbsent(method, k -> new ArrayList<>());
    }

    /** The method's recorded drive calls, then the given live probes. */
    private static List<Probe> recorded(Map<String, List<Probe>> byMethod, PipelineScenario s, String method,
            Probe... live) {
        List<Probe> ps = probes(byMethod, method);
        for (RecordedCall c : s.callsOf(method)) {
            ps.add(new Probe("drive: " + c.context() + (c.params().isEmpty() ? "" : " " + brief(c.params())),
                    m -> recorded(c), null));
        }
        ps.addAll(Arrays.asList(live));
        return ps;
    }

    private static JsonNode recorded(RecordedCall c) {
        if (c.error() != null) {
            throw new AssertionError(c.method() + " answered an error: " + c.error());
        }
        return c.result();
    }

    private static String brief(List<JsonNode> params) {
        String s = params.toString();
        return s.length() > 120 ? s.substring(0, 120) + "…]" : s;
    }
}
