package io.minersim.app.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.app.node.MinerNode;
import io.minersim.rpc.FundsApi;
import io.minersim.rpc.LogApi;
import io.minersim.rpc.MarketApi;
import io.minersim.rpc.MiningApi;
import io.minersim.rpc.PieceApi;
import io.minersim.rpc.MinerApi;
import io.minersim.rpc.ProvingApi;
import io.minersim.rpc.RequiresPermission;
import io.minersim.rpc.SimApi;
import io.minersim.rpc.WorkerReturnApi;
import io.minersim.rpc.types.ReaderStream;
import io.minersim.rpc.types.SectorRef;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The wire contract of every MinerApi and SimApi method, written once and run over plain HTTP and over WebSocket
 * against a real {@link MinerNode}, with raw JSON. For each method: a good call, a wrong param count, a wrong-typed
 * param, a caller without the permission, and, for methods taking a sector number, an unknown sector. Literal values
 * come from Lotus's wire facts (sections a, b and e).
 *
 * <p>Cases that do not change the miner share one node per transport; cases that do get a fresh node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MethodContractTest {

    // ------------------------------------------------------------------------------------------ literals

    static final String ACTOR = "f01000";
    /** The unknown sector number the error cases use. */
    static final long UNKNOWN = 999;
    /** A CC sector the shared node pledges (sector 0) and one it receives into Proving (sector 7). */
    static final long PLEDGED = 0;
    static final long PROVING = 7;
    /** Received sectors: 2KiB StackedDrg V1_1 (proof type 5). */
    static final String RECEIVE_7 = "{\"State\":\"Proving\",\"Sector\":{\"Miner\":1000,\"Number\":7},\"Type\":5}";
    /** The zero commitment of a 1024-byte (padded) piece, i.e. what 1016 zero bytes commit to. */
    static final String ZERO_PIECE_1016 = "baga6ea4seaqb66wjlfkrbye6uqoemcyxmqylwmrm235uclwfpsyx3ge2imidoly";
    static final String PUBLISH_CID = "bafy2bzacecys2f6saakfqge5z3rx5ywdwqthynw5i3aif2f6hdqdwjuzi3kr2";
    /** A legacy market deal for a 1016-byte piece of zeros, starting well after the head (480-epoch buffer). */
    static final String DEAL_41 = "{\"PublishCid\":{\"/\":\"" + PUBLISH_CID + "\"},\"DealID\":41,"
            + "\"DealProposal\":{\"PieceCID\":{\"/\":\"" + ZERO_PIECE_1016 + "\"},\"PieceSize\":1024,"
            + "\"VerifiedDeal\":false,\"Client\":\"f01234\",\"Provider\":\"f01000\",\"Label\":\"deal 41\","
            + "\"StartEpoch\":2000,\"EndEpoch\":600000,\"StoragePricePerEpoch\":\"0\",\"ProviderCollateral\":\"0\","
            + "\"ClientCollateral\":\"0\"},\"DealSchedule\":{\"StartEpoch\":2000,\"EndEpoch\":600000},"
            + "\"KeepUnsealed\":true}";
    static final String NULL_READER_1016 = "{\"Type\":\"null\",\"Info\":\"1016\"}";
    static final String ADD_PIECE = "[1016," + NULL_READER_1016 + "," + DEAL_41 + "]";
    /** An ExtendedSectorInfo of the proving sector 7 (2KiB V1_1). */
    static final String ESI_7 = "{\"SealProof\":5,\"SectorNumber\":7,\"SectorKey\":null,\"SealedCID\":{\"/\":\""
            + PUBLISH_CID + "\"}}";
    /** 32 bytes of PoSt randomness (0, 1, ..., 31). */
    static final String RAND_32 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

    /** The base64url JWT header Lotus's tokens start with ({"alg":"HS256","typ":"JWT"}). */
    static final String JWT_HEADER = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9";

    // ------------------------------------------------------------------------------------------ shared nodes

    private static final Map<String, Ctx> SHARED = new LinkedHashMap<>();

    @BeforeAll
    static void startSharedNodes() throws Exception {
        for (Wire w : Wire.both()) {
            Ctx c = new Ctx(Ctx.startNode(), w);
            c.admin("Filecoin.PledgeSector", "[]");
            c.admin("Filecoin.SectorReceive", "[" + RECEIVE_7 + "]");
            c.admin("Sim.Advance", "[1]");
            assertThat(c.state(PROVING)).isEqualTo("Proving");
            SHARED.put(w.name(), c);
        }
    }

    /** Fresh nodes being closed: Jetty's stop waits ~1 s for an idle keep-alive connection, so it runs aside. */
    private static final List<Thread> CLOSING = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static void closeInBackground(MinerNode node) {
        Thread t = new Thread(node::close, "close-" + node.port());
        t.setDaemon(true);
        t.start();
        CLOSING.add(t);
    }

    @AfterAll
    static void stopNodes() throws InterruptedException {
        SHARED.values().forEach(c -> c.node.close());
        for (Thread t : CLOSING) {
            t.join(10_000);
        }
    }

    // ------------------------------------------------------------------------------------------ the table

    /** Puts a fresh node into the state a case needs (HTTP, admin token). */
    @FunctionalInterface
    interface Setup {
        void apply(Ctx c) throws Exception;
    }

    /** Checks a good call's result; may look at the node afterwards. */
    @FunctionalInterface
    interface Check {
        void check(Ctx c, JsonNode result) throws Exception;
    }

    /** A whole extra case. */
    @FunctionalInterface
    interface Body {
        void run(Ctx c) throws Exception;
    }

    record Extra(String name, Setup fresh, Body body) {
    }

    /** One method's contract. {@code fresh == null}: the good call runs on the shared node. */
    static final class Contract {
        final String method;
        final String perm;
        String params = "[]";
        Setup fresh;
        Check check = (c, r) -> assertThat(r.isNull()).as("result null").isTrue();
        String unknownSectorParams;
        String unknownSectorMessage;
        final List<Extra> extras = new ArrayList<>();
        /** Tested on its own node at the end (Shutdown). */
        boolean own;
        /** A method minersim always refuses (no good call): these params get this handler error. */
        String refusedParams;
        String refusedMessage;

        Contract(String method, String perm) {
            this.method = method;
            this.perm = perm;
        }

        Contract params(String p) {
            this.params = p;
            return this;
        }

        Contract fresh(Setup s) {
            this.fresh = s;
            return this;
        }

        Contract check(Check c) {
            this.check = c;
            return this;
        }

        Contract unknownSector(String p, String message) {
            this.unknownSectorParams = p;
            this.unknownSectorMessage = message;
            return this;
        }

        Contract unknownSector(String p) {
            return unknownSector(p, "sector " + UNKNOWN + " not found");
        }

        Contract extra(String name, Setup fresh, Body body) {
            extras.add(new Extra(name, fresh, body));
            return this;
        }

        Contract extra(String name, Body body) {
            return extra(name, null, body);
        }

        Contract refused(String p, String message) {
            this.refusedParams = p;
            this.refusedMessage = message;
            return this;
        }

        Contract ownNode() {
            this.own = true;
            return this;
        }

        String goName() {
            return method.substring(method.indexOf('.') + 1);
        }
    }

    static Contract m(String method, String perm) {
        return new Contract(method, perm);
    }

    static final Setup PLEDGE = c -> c.admin("Filecoin.PledgeSector", "[]");
    static final Setup RECEIVED_PROVING = c -> {
        c.admin("Filecoin.SectorReceive", "[" + RECEIVE_7 + "]");
        c.admin("Sim.Advance", "[1]");
        assertThat(c.state(PROVING)).isEqualTo("Proving");
    };
    static final Setup NOTHING = c -> {
    };
    /** A real clock slow enough (an hour an epoch) not to move during a test. */
    static final Setup REAL_CLOCK = c -> c.admin("Sim.SetClock", "[{\"Mode\":\"real\",\"BlockTime\":3600000000000}]");

    /** What a restored node must answer as the node its snapshot came from. */
    static final List<String[]> RESTORE_READS = List.of(new String[] {"Filecoin.SectorsList", "[]"},
            new String[] {"Filecoin.SectorsSummary", "[]"}, new String[] {"Filecoin.SectorsStatus", "[0,true]"},
            new String[] {"Filecoin.SectorsStatus", "[0,false]"}, new String[] {"Filecoin.SectorsStatus", "[7,true]"},
            new String[] {"Filecoin.SectorsStatus", "[7,false]"},
            new String[] {"Filecoin.SectorsListInStates", "[[\"Proving\",\"Packing\",\"GetTicket\"]]"},
            new String[] {"Filecoin.SectorsRefs", "[]"}, new String[] {"Filecoin.SectorPreCommitPending", "[]"},
            new String[] {"Filecoin.SectorCommitPending", "[]"}, new String[] {"Filecoin.SectorTerminatePending", "[]"},
            new String[] {"Filecoin.SectorNumAssignerMeta", "[]"}, new String[] {"Filecoin.SectorNumReservations", "[]"},
            new String[] {"Sim.Events", "[0,1000]"}, new String[] {"Sim.Head", "[]"});

    /** The kinds of every event in the node's history, oldest first. */
    static List<String> kinds(Ctx c) throws Exception {
        List<String> out = new ArrayList<>();
        c.observe("Sim.Events", "[0,100000]").forEach(e -> out.add(e.path("Kind").asText()));
        return out;
    }

    /** Wire name → contract; permissions as Lotus's perm tags give them (wire facts a.1, a.2). */
    static final Map<String, Contract> TABLE = table();

    private static Map<String, Contract> table() {
        List<Contract> all = List.of(
                // ---- Sectors* --------------------------------------------------------------------------------
                m("Filecoin.SectorsStatus", "read").params("[0,false]").check((c, r) -> {
                    assertThat(r.isObject()).isTrue();
                    assertThat(r.path("SectorID").asLong(-1)).isEqualTo(PLEDGED);
                    assertThat(r.path("State").isTextual()).isTrue();
                    assertThat(r.path("State").asText()).isNotEmpty();
                    assertThat(r.has("Log")).isTrue();
                    assertThat(r.path("DealWeight").isTextual()).as("big ints are strings").isTrue();
                }).unknownSector("[999,false]", "No state for /999: datastore: key not found")
                        .extra("showOnChainInfo of a proving sector", (c) -> {
                            JsonNode r = Ctx.ok(c.call(null, "Filecoin.SectorsStatus", "[7,true]"),
                                    "SectorsStatus", "[7,true]");
                            assertThat(r.path("SectorID").asLong()).isEqualTo(PROVING);
                            assertThat(r.path("State").asText()).isEqualTo("Proving");
                            assertThat(r.path("CommD").path("/").asText()).startsWith("baga6ea4sea");
                            assertThat(r.path("CommR").path("/").asText()).startsWith("bagboea4b5abc");
                            assertThat(r.path("SealProof").asLong()).isEqualTo(5);
                        }),
                m("Filecoin.SectorsList", "read").check((c, r) -> {
                    assertThat(r.isArray()).isTrue();
                    assertThat(longs(r)).containsExactly(PLEDGED, PROVING);
                }),
                m("Filecoin.SectorsListInStates", "read").params("[[\"Removed\",\"NoSuchState\"]]")
                        .check((c, r) -> assertThat(r.isNull()).as("no match is null, not []").isTrue())
                        .extra("a matching state lists its sectors", c -> {
                            JsonNode r = Ctx.ok(c.call(null, "Filecoin.SectorsListInStates",
                                    "[[\"Proving\",\"NoSuchState\"]]"), "SectorsListInStates", "");
                            assertThat(longs(r)).containsExactly(PROVING);
                        }),
                m("Filecoin.SectorsSummary", "read").check((c, r) -> {
                    assertThat(r.isObject()).isTrue();
                    assertThat(r.path("Proving").asLong()).isEqualTo(1);
                    long total = 0;
                    for (JsonNode v : r) {
                        assertThat(v.asLong()).as("only states with sectors").isPositive();
                        total += v.asLong();
                    }
                    assertThat(total).isEqualTo(2);
                }),
                m("Filecoin.SectorsRefs", "read").check((c, r) -> {
                    assertThat(r.isObject()).isTrue();
                    assertThat(r.size()).as("no deals on the shared node").isZero();
                }),
                m("Filecoin.SectorsUpdate", "admin").params("[0,\"FailedUnrecoverable\"]").fresh(PLEDGE)
                        .check((c, r) -> {
                            assertThat(r.isNull()).isTrue();
                            assertThat(c.state(0)).isEqualTo("FailedUnrecoverable");
                        }).unknownSector("[999,\"Proving\"]")
                        .extra("an unknown state name is code 1 and the state is unchanged", c -> {
                            String before = c.state(PLEDGED);
                            Ctx.Snapshot snap = c.snapshot();
                            Wire.Answer a = c.call(c.node.adminToken(), "Filecoin.SectorsUpdate",
                                    "[0,\"NoSuchState\"]");
                            expectHandlerError(c, a);
                            assertThat(a.message()).contains("NoSuchState");
                            assertThat(c.state(PLEDGED)).isEqualTo(before);
                            assertThat(c.snapshot()).isEqualTo(snap);
                        }),
                m("Filecoin.SectorsUnsealPiece", "admin")
                        .params("[{\"ID\":{\"Miner\":1000,\"Number\":7},\"ProofType\":5},0,1016,\"AAAA\",null]")
                        .unknownSector("[{\"ID\":{\"Miner\":1000,\"Number\":999},\"ProofType\":5},0,1016,\"AAAA\",null]"),
                // ---- Sector* ---------------------------------------------------------------------------------
                m("Filecoin.SectorAddPieceToAny", "admin").params(ADD_PIECE).fresh(NOTHING).check((c, r) -> {
                    assertThat(r.path("Sector").asLong(-1)).isEqualTo(0);
                    assertThat(r.path("Offset").asLong(-1)).isEqualTo(0);
                    assertThat(c.observe("Filecoin.SectorsList", "[]").toString()).isEqualTo("[0]");
                    c.admin("Sim.Advance", "[1]");
                    JsonNode status = c.observe("Filecoin.SectorsStatus", "[0,false]");
                    assertThat(status.path("Deals").toString()).isEqualTo("[41]");
                    assertThat(c.observe("Filecoin.SectorsRefs", "[]").toString())
                            .isEqualTo("{\"41\":[{\"SectorID\":0,\"Offset\":0,\"Size\":1016}]}");
                }).extra("{} as the reader is -32700 from the custom decoder", c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    Wire.Answer a = c.call(c.node.adminToken(), "Filecoin.SectorAddPieceToAny",
                            "[1016,{}," + DEAL_41 + "]");
                    expectProtocolError(c, a, -32700, "decoding params for 'Filecoin.SectorAddPieceToAny' (param: 1; "
                            + "custom decoder): parsing reader UUDD: invalid UUID length: 0");
                    assertThat(c.snapshot()).isEqualTo(snap);
                }).extra("a null reader of another size than declared is code 1, no sector", NOTHING, c -> {
                    Wire.Answer a = c.call(c.node.adminToken(), "Filecoin.SectorAddPieceToAny",
                            "[1016,{\"Type\":\"null\",\"Info\":\"2032\"}," + DEAL_41 + "]");
                    expectHandlerError(c, a);
                    assertNoSectors(c);
                }).extra("pushed data shorter than declared is code 1, no sector", NOTHING, c -> {
                    UUID upload = UUID.randomUUID();
                    byte[] data = new byte[500];
                    new Random(7).nextBytes(data);
                    CompletableFuture<HttpResponse<String>> push = pushAsync(c, upload, data);
                    Wire.Answer a = c.call(c.node.adminToken(), "Filecoin.SectorAddPieceToAny",
                            "[1016,{\"Type\":\"push\",\"Info\":\"" + upload + "\"}," + DEAL_41 + "]");
                    expectHandlerError(c, a);
                    push.handle((r, e) -> null).get(20, TimeUnit.SECONDS);
                    assertNoSectors(c);
                }),
                m("Filecoin.SectorStartSealing", "write").params("[0]").fresh(c -> {
                    c.admin("Filecoin.SectorAddPieceToAny", ADD_PIECE);
                    c.admin("Sim.Advance", "[1]");
                    assertThat(c.state(0)).isEqualTo("WaitDeals");
                }).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.state(0)).isNotEqualTo("WaitDeals");
                }).unknownSector("[999]"),
                m("Filecoin.SectorSetSealDelay", "write").params("[3600000000000]").fresh(NOTHING).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.observe("Filecoin.SectorGetSealDelay", "[]").asLong()).isEqualTo(3600000000000L);
                }),
                m("Filecoin.SectorGetSealDelay", "read").check((c, r) -> {
                    assertThat(r.isIntegralNumber()).as("nanoseconds").isTrue();
                    assertThat(r.asLong()).isPositive();
                }),
                m("Filecoin.SectorSetExpectedSealDuration", "write").params("[7200000000000]").fresh(NOTHING)
                        .check((c, r) -> {
                            assertThat(r.isNull()).isTrue();
                            assertThat(c.observe("Filecoin.SectorGetExpectedSealDuration", "[]").asLong())
                                    .isEqualTo(7200000000000L);
                        }),
                m("Filecoin.SectorGetExpectedSealDuration", "read").check((c, r) -> {
                    assertThat(r.isIntegralNumber()).as("nanoseconds").isTrue();
                    assertThat(r.asLong()).isPositive();
                }),
                m("Filecoin.SectorRemove", "admin").params("[0]").fresh(PLEDGE).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.state(0)).isIn("Removing", "Removed");
                }).unknownSector("[999]"),
                m("Filecoin.SectorTerminate", "admin").params("[7]").fresh(RECEIVED_PROVING).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.observe("Filecoin.SectorTerminatePending", "[]").toString())
                            .isEqualTo("[{\"Miner\":1000,\"Number\":7}]");
                }).unknownSector("[999]"),
                m("Filecoin.SectorTerminateFlush", "admin")
                        .check((c, r) -> assertThat(r.isNull()).as("nothing pending: null").isTrue())
                        .extra("with a pending termination it sends a message", RECEIVED_PROVING, c -> {
                            c.admin("Filecoin.SectorTerminate", "[7]");
                            JsonNode r = Ctx.ok(c.call(c.token(List.of("admin")), "Filecoin.SectorTerminateFlush",
                                    "[]"), "SectorTerminateFlush", "[]");
                            assertThat(r.path("/").asText()).startsWith("bafy");
                            assertThat(c.observe("Filecoin.SectorTerminatePending", "[]").toString())
                                    .isEqualTo("[]");
                        }),
                m("Filecoin.SectorTerminatePending", "admin").check((c, r) -> assertThat(r.toString())
                        .isEqualTo("[]")),
                m("Filecoin.SectorPreCommitFlush", "admin")
                        .check((c, r) -> assertThat(r.isNull()).as("nothing pending: null").isTrue()),
                m("Filecoin.SectorPreCommitPending", "admin").check((c, r) -> assertThat(r.toString())
                        .isEqualTo("[]")),
                m("Filecoin.SectorCommitFlush", "admin")
                        .check((c, r) -> assertThat(r.isNull()).as("nothing pending: null").isTrue()),
                m("Filecoin.SectorCommitPending", "admin").check((c, r) -> assertThat(r.toString())
                        .isEqualTo("[]")),
                m("Filecoin.SectorMarkForUpgrade", "admin").params("[7,true]").fresh(RECEIVED_PROVING)
                        .check((c, r) -> {
                            assertThat(r.isNull()).isTrue();
                            assertThat(c.state(PROVING)).isEqualTo("Available");
                        }).unknownSector("[999,true]")
                        .extra("snap=false is refused", c -> {
                            Ctx.Snapshot snap = c.snapshot();
                            Wire.Answer a = c.call(c.node.adminToken(), "Filecoin.SectorMarkForUpgrade", "[7,false]");
                            expectHandlerError(c, a, "non-snap upgrades are not supported");
                            assertThat(c.snapshot()).isEqualTo(snap);
                        }),
                m("Filecoin.SectorAbortUpgrade", "admin").params("[7]").fresh(c -> {
                    RECEIVED_PROVING.apply(c);
                    c.admin("Filecoin.SectorMarkForUpgrade", "[7,true]");
                    assertThat(c.state(PROVING)).isEqualTo("Available");
                }).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.state(PROVING)).isEqualTo("Proving");
                }).unknownSector("[999]"),
                m("Filecoin.SectorMatchPendingPiecesToOpenSectors", "admin"),
                m("Filecoin.SectorUnseal", "admin").params("[7]").unknownSector("[999]"),
                m("Filecoin.SectorNumAssignerMeta", "read").check((c, r) -> {
                    assertThat(r.path("Reserved").isArray()).isTrue();
                    assertThat(r.path("Allocated").isArray()).isTrue();
                    assertThat(r.path("InUse").isArray()).isTrue();
                    assertThat(r.path("Next").isIntegralNumber()).isTrue();
                    assertThat(r.path("Reserved").toString()).as("the empty bitfield").isEqualTo("[0]");
                }),
                m("Filecoin.SectorNumReservations", "read").check((c, r) -> assertThat(r.toString())
                        .isEqualTo("{}")),
                m("Filecoin.SectorNumReserve", "admin").params("[\"test-1\",[100,2],false]").fresh(NOTHING)
                        .check((c, r) -> {
                            assertThat(r.isNull()).isTrue();
                            assertThat(c.observe("Filecoin.SectorNumReservations", "[]").toString())
                                    .isEqualTo("{\"test-1\":[100,2]}");
                        }),
                m("Filecoin.SectorNumReserveCount", "admin").params("[\"test-1\",3]").fresh(NOTHING)
                        .check((c, r) -> {
                            assertThat(r.toString()).isEqualTo("[0,3]");
                            assertThat(c.observe("Filecoin.SectorNumReservations", "[]").path("test-1"))
                                    .isEqualTo(r);
                        }),
                m("Filecoin.SectorNumFree", "admin").params("[\"test-1\"]")
                        .fresh(c -> c.admin("Filecoin.SectorNumReserveCount", "[\"test-1\",3]")).check((c, r) -> {
                            assertThat(r.isNull()).isTrue();
                            assertThat(c.observe("Filecoin.SectorNumReservations", "[]").toString()).isEqualTo("{}");
                        }),
                m("Filecoin.SectorReceive", "admin").params("[" + RECEIVE_7 + "]").fresh(NOTHING).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.observe("Filecoin.SectorsList", "[]").toString()).isEqualTo("[7]");
                    assertThat(c.state(PROVING)).as("out of the undefined state").isNotEmpty();
                }),
                m("Filecoin.PledgeSector", "write").fresh(NOTHING).check((c, r) -> {
                    assertThat(r.toString()).isEqualTo("{\"Miner\":1000,\"Number\":0}");
                    assertThat(c.observe("Filecoin.SectorsList", "[]").toString()).isEqualTo("[0]");
                }),
                // ---- actor, common ---------------------------------------------------------------------------
                m("Filecoin.Version", "read").check((c, r) -> {
                    assertThat(r.path("APIVersion").asLong()).as("1.5.0").isEqualTo(66816);
                    assertThat(r.path("Agent").asText()).isEqualTo("lotus");
                    assertThat(r.path("Version").isTextual()).isTrue();
                    assertThat(r.path("BlockDelay").isIntegralNumber()).isTrue();
                }),
                m("Filecoin.ActorAddress", "read").check((c, r) -> assertThat(r.asText()).isEqualTo(ACTOR)),
                m("Filecoin.ActorSectorSize", "read").params("[\"f01000\"]")
                        .check((c, r) -> assertThat(r.asLong()).isEqualTo(2048)),
                m("Filecoin.ActorAddressConfig", "read").check((c, r) -> {
                    assertThat(fieldNames(r)).containsExactlyInAnyOrder("PreCommitControl", "CommitControl",
                            "TerminateControl", "DealPublishControl", "DisableOwnerFallback",
                            "DisableWorkerFallback");
                    assertThat(r.path("DisableOwnerFallback").isBoolean()).isTrue();
                }),
                m("Filecoin.AuthNew", "admin").params("[[\"read\"]]").check((c, r) -> {
                    assertThat(r.isTextual()).as("a Go []byte: base64").isTrue();
                    String jwt = new String(Base64.getDecoder().decode(r.asText()), StandardCharsets.US_ASCII);
                    String[] parts = jwt.split("\\.");
                    assertThat(parts).hasSize(3);
                    assertThat(parts[0]).isEqualTo(JWT_HEADER);
                    assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                            .isEqualTo("{\"Allow\":[\"read\"]}");
                    assertThat(c.observe("Filecoin.AuthVerify", "[\"" + jwt + "\"]").toString())
                            .isEqualTo("[\"read\"]");
                }).extra("the new token grants exactly its permissions", c -> {
                    JsonNode r = Ctx.ok(c.call(c.node.adminToken(), "Filecoin.AuthNew", "[[\"read\"]]"), "AuthNew",
                            "");
                    String jwt = new String(Base64.getDecoder().decode(r.asText()), StandardCharsets.US_ASCII);
                    Ctx.ok(c.call(jwt, "Filecoin.SectorsList", "[]"), "SectorsList", "[]");
                    Ctx.Snapshot snap = c.snapshot();
                    expectHandlerError(c, c.call(jwt, "Filecoin.PledgeSector", "[]"),
                            "missing permission to invoke 'PledgeSector' (need 'write')");
                    assertThat(c.snapshot()).isEqualTo(snap);
                }),
                m("Filecoin.AuthVerify", "read").params("[\"$RW\"]")
                        .check((c, r) -> assertThat(r.toString()).isEqualTo("[\"read\",\"write\"]")),
                m("Filecoin.Session", "read").check((c, r) -> {
                    assertThat(UUID.fromString(r.asText()).toString()).isEqualTo(r.asText());
                    assertThat(c.observe("Filecoin.Session", "[]")).as("constant").isEqualTo(r);
                }),
                m("Filecoin.StartTime", "read").check((c, r) -> {
                    assertThat(r.isTextual()).isTrue();
                    assertThat(OffsetDateTime.parse(r.asText())).isBeforeOrEqualTo(OffsetDateTime.now());
                }),
                m("Filecoin.Shutdown", "admin").ownNode(),
                m("Filecoin.Closing", "read").check((c, r) -> {
                    assertThat(r.isIntegralNumber()).as("a channel id").isTrue();
                    assertThat(r.asLong()).isPositive();
                }),
                m("Filecoin.Discover", "read").check((c, r) -> {
                    assertThat(r.path("openrpc").isTextual()).isTrue();
                    assertThat(r.path("methods").isArray()).isTrue();
                    List<String> listed = new java.util.ArrayList<>();
                    r.path("methods").forEach(m -> listed.add(m.path("name").asText()));
                    assertThat(listed).as("Discover lists only methods this endpoint serves")
                            .hasSizeGreaterThan(30) // CreateBackup is served from BackupApi, not in this table
                            .allMatch(n -> TABLE.containsKey(n) || "Filecoin.CreateBackup".equals(n));
                    java.util.Set<String> documented = new java.util.TreeSet<>();
                    try (java.io.InputStream in = MethodContractTest.class.getResourceAsStream(
                            "/io/minersim/app/miner-openrpc.json")) {
                        Wire.JSON.readTree(in).path("methods").forEach(m -> documented.add(m.path("name").asText()));
                    }
                    java.util.Set<String> servedDocumented = new java.util.TreeSet<>(TABLE.keySet());
                    servedDocumented.add("Filecoin.CreateBackup");
                    servedDocumented.retainAll(documented);
                    assertThat(new java.util.TreeSet<>(listed)).as("Discover == the served methods of Lotus's document")
                            .isEqualTo(servedDocumented);
                    List<String> keys = fieldNames(r);
                    assertThat(keys).as("keys sorted, as Go re-encodes a map").isSorted();
                }).extra("rpc.discover is an alias", c -> {
                    JsonNode alias = Ctx.ok(c.call(null, "rpc.discover", "[]"), "rpc.discover", "[]");
                    assertThat(alias).isEqualTo(c.observe("Filecoin.Discover", "[]"));
                }),
                m("Filecoin.RuntimeSubsystems", "read").check((c, r) -> assertThat(r.toString())
                        .isEqualTo("[\"Mining\",\"Sealing\",\"SectorStorage\"]")),
                // ---- Sim ---------------------------------------------------------------------------------------
                m("Sim.Head", "admin").check((c, r) -> {
                    assertThat(r.path("Epoch").asLong()).isEqualTo(1);
                    assertThat(r.path("Timestamp").asLong()).isPositive();
                }),
                m("Sim.Advance", "admin").params("[3]").fresh(NOTHING).check((c, r) -> {
                    long delay = c.observe("Filecoin.Version", "[]").path("BlockDelay").asLong();
                    assertThat(r.path("Epoch").asLong()).isEqualTo(3);
                    assertThat(c.observe("Sim.Head", "[]")).isEqualTo(r);
                    // a fresh node starts at genesis
                    long genesis = r.path("Timestamp").asLong() - 3 * delay;
                    assertThat(genesis).isPositive();
                }).extra("a negative count is code 1 and the head is unchanged", c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.Advance", "[-5]"));
                    assertThat(c.snapshot()).isEqualTo(snap);
                }).extra("on a real clock it is code 1 and the head is unchanged", REAL_CLOCK, c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.Advance", "[5]"),
                            "the chain follows a real clock: switch it to manual (Sim.SetClock {\"Mode\":\"manual\"}) "
                                    + "to advance it");
                    assertThat(c.snapshot()).isEqualTo(snap);
                }),
                m("Sim.AdvanceTo", "admin").params("[5]").fresh(NOTHING).check((c, r) -> {
                    assertThat(r.path("Epoch").asLong()).isEqualTo(5);
                    assertThat(c.observe("Sim.Head", "[]")).isEqualTo(r);
                }).extra("an epoch behind the head is code 1 and the head is unchanged", c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.AdvanceTo", "[0]"),
                            "cannot advance to epoch 0: the head is already at 1");
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.AdvanceTo", "[-3]"),
                            "epoch must not be negative, got -3");
                    assertThat(c.snapshot()).isEqualTo(snap);
                }),
                m("Sim.SetClock", "admin").params("[{\"Mode\":\"real\",\"BlockTime\":3600000000000}]").fresh(NOTHING)
                        .check((c, r) -> {
                            assertThat(r.toString()).isEqualTo(
                                    "{\"Mode\":\"real\",\"BlockTime\":3600000000000,\"Paused\":false}");
                            expectHandlerError(c, c.call(c.node.adminToken(), "Sim.Advance", "[1]"));
                            JsonNode back = c.admin("Sim.SetClock", "[{\"Mode\":\"manual\"}]");
                            assertThat(back.path("Mode").asText()).isEqualTo("manual");
                            assertThat(back.path("BlockTime").asLong()).as("kept for real mode").isEqualTo(3600000000000L);
                            assertThat(c.admin("Sim.Advance", "[2]").path("Epoch").asLong()).isEqualTo(2);
                        }).extra("settings the wire type cannot hold fail to decode (-32700) and change nothing", c -> {
                            // ClockSettings checks its invariants when decoded, as a Go type's UnmarshalJSON would
                            JsonNode before = c.admin("Sim.SetClock", "[{}]");
                            expectProtocolError(c, c.call(c.node.adminToken(), "Sim.SetClock", "[{\"Mode\":\"fast\"}]"),
                                    -32700, "unmarshaling params for 'Sim.SetClock' (param: *sim.ClockSettings): "
                                            + "ClockSettings.Mode must be \"manual\" or \"real\", got \"fast\"");
                            expectProtocolError(c, c.call(c.node.adminToken(), "Sim.SetClock", "[{\"BlockTime\":0}]"),
                                    -32700, null);
                            expectProtocolError(c, c.call(c.node.adminToken(), "Sim.SetClock", "[{\"BlockTime\":-5}]"),
                                    -32700, null);
                            assertThat(c.admin("Sim.SetClock", "[{}]")).isEqualTo(before);
                            assertThat(before.path("Mode").asText()).isEqualTo("manual");
                        }),
                m("Sim.Pause", "admin").fresh(REAL_CLOCK).check((c, r) -> {
                    assertThat(r.path("Paused").asBoolean()).isTrue();
                    assertThat(r.path("Mode").asText()).isEqualTo("real");
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.Advance", "[1]"));
                }).extra("a manual clock cannot be paused: code 1", c -> expectHandlerError(c,
                        c.call(c.node.adminToken(), "Sim.Pause", "[]"),
                        "the clock is manual: only a real clock can be paused")),
                m("Sim.Resume", "admin").fresh(c -> {
                    REAL_CLOCK.apply(c);
                    c.admin("Sim.Pause", "[]");
                }).check((c, r) -> {
                    assertThat(r.path("Paused").asBoolean()).isFalse();
                    assertThat(r.path("Mode").asText()).isEqualTo("real");
                }).extra("a manual clock cannot be resumed: code 1", c -> expectHandlerError(c,
                        c.call(c.node.adminToken(), "Sim.Resume", "[]"),
                        "the clock is manual: only a real clock can be resumed")),
                m("Sim.InjectFailure", "admin")
                        .params("[{\"State\":\"PreCommit1\",\"Sector\":0,\"Count\":1,\"Error\":\"disk full\"}]")
                        .fresh(PLEDGE).check((c, r) -> {
                            assertThat(r.isNull()).isTrue();
                            assertThat(c.node.miner().failureRules()).singleElement()
                                    .satisfies(f -> assertThat(f.error()).isEqualTo("disk full"));
                            c.admin("Sim.Advance", "[4]");
                            assertThat(kinds(c)).contains("SectorSealPreCommit1Failed");
                            assertThat(c.observe("Filecoin.SectorsStatus", "[0,false]").path("LastErr").asText())
                                    .isEqualTo("disk full");
                        }).unknownSector("[{\"State\":\"PreCommit1\",\"Sector\":999,\"Count\":1}]")
                        .extra("an unknown state or one without a failure path is code 1; a bad count fails to decode", c -> {
                            Ctx.Snapshot snap = c.snapshot();
                            expectHandlerError(c, c.call(c.node.adminToken(), "Sim.InjectFailure",
                                    "[{\"State\":\"NoSuchState\"}]"), "unknown sector state \"NoSuchState\"");
                            expectHandlerError(c, c.call(c.node.adminToken(), "Sim.InjectFailure",
                                    "[{\"State\":\"Proving\"}]"), "state Proving has no failure path to inject into");
                            for (String bad : List.of("{\"State\":\"PreCommit1\",\"Count\":0}", "{\"Count\":1}")) {
                                expectProtocolError(c, c.call(c.node.adminToken(), "Sim.InjectFailure", "[" + bad + "]"),
                                        -32700, null);
                            }
                            assertThat(c.node.miner().failureRules()).isEmpty();
                            assertThat(c.snapshot()).isEqualTo(snap);
                        }),
                m("Sim.ClearFailures", "admin").fresh(c -> {
                    c.admin("Sim.InjectFailure", "[{\"State\":\"PreCommit1\",\"Count\":5}]");
                    PLEDGE.apply(c);
                }).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.node.miner().failureRules()).isEmpty();
                    c.admin("Sim.Advance", "[40]");
                    assertThat(c.state(0)).isEqualTo("Proving");
                    assertThat(kinds(c)).doesNotContain("SectorSealPreCommit1Failed");
                }),
                m("Sim.DeclareFaults", "admin").params("[[7]]").fresh(RECEIVED_PROVING).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.node.miner().chain().unreadable().contains(PROVING)).isTrue();
                    c.admin("Sim.Advance", "[2940]"); // its deadline's next Window PoSt skips it
                    assertThat(c.node.miner().chain().faults().contains(PROVING)).isTrue();
                    assertThat(c.state(PROVING)).as("faults live on chain, as in Lotus").isEqualTo("Proving");
                }).unknownSector("[[7,999]]").extra("a sector the chain does not prove is code 1, nothing changes", c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.DeclareFaults", "[[7,0]]"));
                    assertThat(c.snapshot()).isEqualTo(snap);
                }),
                m("Sim.Recover", "admin").params("[[7]]").fresh(c -> {
                    RECEIVED_PROVING.apply(c);
                    c.admin("Sim.DeclareFaults", "[[7]]");
                }).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    assertThat(c.node.miner().chain().unreadable().isEmpty()).isTrue();
                    assertThat(c.state(PROVING)).isEqualTo("Proving");
                }).unknownSector("[[999]]").extra("a sector that is not faulty is code 1, nothing changes", c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.Recover", "[[7]]"),
                            "sector 7 is neither unreadable nor faulty on chain");
                    assertThat(c.snapshot()).isEqualTo(snap);
                }),
                m("Sim.MissPoSt", "admin").params("[0,[]]").fresh(RECEIVED_PROVING).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    int deadline = c.node.miner().chain().place(PROVING).orElseThrow().deadline();
                    c.admin("Sim.MissPoSt", "[" + deadline + ",[]]");
                    c.admin("Sim.Advance", "[2940]"); // the deadline closes without its PoSt
                    assertThat(c.node.miner().chain().faults().contains(PROVING)).isTrue();
                    assertThat(c.state(PROVING)).isEqualTo("Proving");
                }).extra("a deadline past 47 or a partition it lacks is code 1, nothing changes", c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.MissPoSt", "[48,[]]"),
                            "invalid deadline 48 of 48");
                    int parts = c.node.miner().chain().partitions(0).size();
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.MissPoSt", "[0,[5]]"),
                            "deadline 0 has no partition 5 (it has " + parts + ")");
                    assertThat(c.snapshot()).isEqualTo(snap);
                }),
                m("Filecoin.CheckProvable", "admin").params("[10,[" + ref(7, 5) + "," + ref(999, 5) + "]]")
                        .fresh(RECEIVED_PROVING).check((c, r) -> {
                            assertThat(r.toString()).as("an unknown sector is bad; a proving one is good")
                                    .isEqualTo("{\"999\":\"getting commR: No state for /999: datastore: key not found\"}");
                            c.admin("Sim.DeclareFaults", "[[7]]");
                            assertThat(c.observe("Filecoin.CheckProvable", "[10,[" + ref(7, 5) + "]]").toString())
                                    .isEqualTo("{\"7\":\"generating vanilla proof: sector not found\"}");
                            c.admin("Sim.Recover", "[[7]]");
                            assertThat(c.observe("Filecoin.CheckProvable", "[10,[" + ref(7, 5) + "]]").toString())
                                    .isEqualTo("{}");
                        }).extra("a sector without a sealed CID, and a seal proof with no Window PoSt, are bad",
                                RECEIVED_PROVING, c -> {
                                    long pledged = c.admin("Filecoin.PledgeSector", "[]").path("Number").asLong();
                                    JsonNode r = c.observe("Filecoin.CheckProvable", "[10,[" + ref(pledged, 5) + ","
                                            + ref(7, 99) + "]]");
                                    assertThat(r.toString()).isEqualTo("{\"" + pledged
                                            + "\":\"getting commR: commr is nil\",\"7\":\"can't get proof type\"}");
                                }),
                m("Filecoin.RecoverFault", "admin").params("[[7]]").fresh(c -> {
                    RECEIVED_PROVING.apply(c);
                    io.minersim.sealing.ChainView chain = c.node.miner().chain();
                    int deadline = chain.place(PROVING).orElseThrow().deadline();
                    c.admin("Sim.MissPoSt", "[" + deadline + ",[]]");
                    long close = io.minersim.sealing.proving.DeadlineInfo.of(chain.provingDeadline().periodStart(),
                            deadline, chain.head()).nextNotElapsed().close();
                    c.admin("Sim.AdvanceTo", "[" + close + "]");
                    assertThat(chain.faults().contains(PROVING)).isTrue();
                }).check((c, r) -> {
                    assertThat(r.isArray()).isTrue();
                    assertThat(r.size()).isEqualTo(1);
                    io.minersim.sealing.ChainView chain = c.node.miner().chain();
                    io.minersim.sealing.ChainMessage last = chain.messages().get(chain.messages().size() - 1);
                    assertThat(r.get(0).path("/").asText()).isEqualTo(last.cid().toString());
                    assertThat(last.method()).as("DeclareFaultsRecovered").isEqualTo(11);
                    assertThat(chain.recoveries().contains(PROVING)).isTrue();
                }).unknownSector("[[7,999]]", "failed to fetch partition and deadline details for sector 999: sector"
                        + " 999 not due at any deadline"),
                // ---- Log* (Common) ------------------------------------------------------------------------------
                m("Filecoin.LogList", "write").check((c, r) -> {
                    List<String> names = new ArrayList<>();
                    r.forEach(n -> names.add(n.asText()));
                    assertThat(names).contains("sectors", "wdpost", "advmgr", "stores", "miner").isSorted();
                }),
                m("Filecoin.LogSetLevel", "write").params("[\"sectors\",\"debug\"]")
                        .extra("a level zap does not know is refused with Go's quoting", c -> {
                            JsonNode before = c.observe("Filecoin.LogList", "[]");
                            expectHandlerError(c, c.call(c.node.adminToken(), "Filecoin.LogSetLevel",
                                    "[\"sectors\",\"lo\\\"ud\"]"), "unrecognized level: \"lo\\\"ud\"");
                            assertThat(c.observe("Filecoin.LogList", "[]")).isEqualTo(before);
                        })
                        .extra("go-log takes any case, warning, the wildcard and a subsystem no logger has", c -> {
                            JsonNode before = c.observe("Filecoin.LogList", "[]");
                            for (String p : List.of("[\"*\",\"WARN\"]", "[\"wdpost\",\"warning\"]",
                                    "[\"no-such-logger\",\"Error\"]", "[\"sectors\",\"\"]")) {
                                assertThat(Ctx.ok(c.call(c.node.adminToken(), "Filecoin.LogSetLevel", p),
                                        "Filecoin.LogSetLevel", p).isNull()).isTrue();
                            }
                            assertThat(c.observe("Filecoin.LogList", "[]")).as("no logger is made").isEqualTo(before);
                        }),
                m("Filecoin.LogAlerts", "admin").check((c, r) -> assertThat(r.toString()).isEqualTo(
                        "[{\"Type\":{\"System\":\"process\",\"Subsystem\":\"fd-limit\"},\"Active\":false,"
                                + "\"LastActive\":null,\"LastResolved\":null}]")),
                // ---- funds, market, mining, pieces, proofs, workers -----------------------------------------
                m("Filecoin.ActorWithdrawBalance", "admin").params("[\"1000000000000000000\"]").fresh(NOTHING)
                        .check((c, r) -> {
                            io.minersim.sealing.ChainView chain = c.node.miner().chain();
                            io.minersim.sealing.ChainMessage last = chain.messages().get(chain.messages().size() - 1);
                            assertThat(r.path("/").asText()).isEqualTo(last.cid().toString());
                            assertThat(last.method()).as("WithdrawBalance").isEqualTo(16);
                            assertThat(last.amount()).isEqualTo(java.math.BigInteger.TEN.pow(18));
                            c.admin("Sim.Advance", "[1]");
                            assertThat(io.minersim.app.fullnode.Funds.availableBalance(chain, chain.head()))
                                    .isEqualTo(java.math.BigInteger.TEN.pow(18).multiply(java.math.BigInteger.valueOf(99)));
                        })
                        .extra("more than available is refused with Lotus's FIL amounts, nothing sent", c -> {
                            int sent = c.node.miner().chain().messages().size();
                            expectHandlerError(c, c.call(c.node.adminToken(), "Filecoin.ActorWithdrawBalance",
                                    "[\"1000000000000000000000000\"]"), "can't withdraw more funds than available;"
                                    + " requested: 1000000 FIL; available: " + fil(c) + " FIL");
                            assertThat(c.node.miner().chain().messages()).hasSize(sent);
                        })
                        .extra("\"0\" withdraws all that is available", NOTHING, c -> {
                            c.admin("Filecoin.ActorWithdrawBalance", "[\"0\"]");
                            c.admin("Sim.Advance", "[1]");
                            io.minersim.sealing.ChainView chain = c.node.miner().chain();
                            assertThat(io.minersim.app.fullnode.Funds.availableBalance(chain, chain.head()))
                                    .isZero();
                            expectHandlerError(c, c.call(c.node.adminToken(), "Filecoin.ActorWithdrawBalance",
                                    "[\"1500000000000000000\"]"), "can't withdraw more funds than available;"
                                    + " requested: 1.5 FIL; available: 0 FIL");
                        }),
                m("Filecoin.BeneficiaryWithdrawBalance", "admin").params("[\"500000000000000000\"]").fresh(NOTHING)
                        .check((c, r) -> {
                            io.minersim.sealing.ChainView chain = c.node.miner().chain();
                            io.minersim.sealing.ChainMessage last = chain.messages().get(chain.messages().size() - 1);
                            assertThat(r.path("/").asText()).isEqualTo(last.cid().toString());
                            assertThat(last.amount()).isEqualTo(java.math.BigInteger.valueOf(500_000_000_000_000_000L));
                        }),
                m("Filecoin.MarketListDeals", "read").check((c, r) -> assertThat(r.isNull())
                        .as("no deal: Go's nil slice").isTrue())
                        .extra("a published deal added to a sector", NOTHING, c -> {
                            c.admin("Filecoin.SectorAddPieceToAny", ADD_PIECE);
                            c.admin("Sim.Advance", "[1]");
                            JsonNode r = Ctx.ok(c.call(null, "Filecoin.MarketListDeals", "[]"), "MarketListDeals", "[]");
                            assertThat(r.size()).isEqualTo(1);
                            assertThat(r.get(0).path("Proposal").path("Label").asText()).isEqualTo("deal 41");
                            assertThat(r.get(0).path("Proposal").path("PieceCID").path("/").asText())
                                    .isEqualTo(ZERO_PIECE_1016);
                            assertThat(r.get(0).path("State").toString()).isEqualTo("{\"SectorNumber\":0,"
                                    + "\"SectorStartEpoch\":-1,\"LastUpdatedEpoch\":-1,\"SlashEpoch\":-1}");
                        }),
                m("Filecoin.MiningBase", "read").check((c, r) -> {
                    long head = c.node.miner().head();
                    assertThat(r.path("Height").asLong()).isEqualTo(head);
                    assertThat(r.path("Blocks").get(0).path("Miner").asText()).isEqualTo(ACTOR);
                    assertThat(r.path("Cids").get(0).path("/").asText()).startsWith("bafy2bzace");
                    assertThat(r.path("Blocks").get(0).path("Parents").get(0))
                            .isEqualTo(Ctx.ok(c.call(null, "Filecoin.MiningBase", "[]"), "MiningBase", "[]")
                                    .path("Blocks").get(0).path("Parents").get(0));
                }),
                m("Filecoin.ComputeDataCid", "admin").params("[1016," + NULL_READER_1016 + "]")
                        .check((c, r) -> assertThat(r.toString()).isEqualTo("{\"Size\":1024,\"PieceCID\":{\"/\":\""
                                + ZERO_PIECE_1016 + "\"}}"))
                        .extra("pushed data shorter than the size is zero-filled, as Lotus's sealer reads it", c -> {
                            UUID upload = UUID.randomUUID();
                            byte[] data = new byte[500];
                            new Random(11).nextBytes(data);
                            CompletableFuture<HttpResponse<String>> push = pushAsync(c, upload, data);
                            JsonNode r = Ctx.ok(c.call(c.node.adminToken(), "Filecoin.ComputeDataCid",
                                    "[1016,{\"Type\":\"push\",\"Info\":\"" + upload + "\"}]"), "ComputeDataCid", "");
                            push.handle((x, e) -> null).get(20, TimeUnit.SECONDS);
                            byte[] filled = java.util.Arrays.copyOf(data, 1016);
                            assertThat(r.path("PieceCID").path("/").asText()).isEqualTo(
                                    io.minersim.sealing.commitment.Cid.unsealedCommitment(
                                            io.minersim.sealing.commitment.PieceCommitments.pieceCommitment(filled))
                                            .toString()).isNotEqualTo(ZERO_PIECE_1016);
                            assertThat(r.path("Size").asLong()).isEqualTo(1024);
                        })
                        .extra("a size that is no unpadded piece size gets abi's error", c -> {
                            expectHandlerError(c, c.call(c.node.adminToken(), "Filecoin.ComputeDataCid",
                                    "[1000," + NULL_READER_1016 + "]"),
                                    "unpadded piece size must be a power of 2 multiple of 127");
                            expectHandlerError(c, c.call(c.node.adminToken(), "Filecoin.ComputeDataCid",
                                    "[100," + NULL_READER_1016 + "]"), "minimum piece size is 127 bytes");
                        }),
                m("Filecoin.ComputeWindowPoSt", "admin").params("[0,[]]").check((c, r) -> assertThat(r.isArray())
                        .isTrue())
                        .extra("the proving sector's deadline: its partition and one proof, the same each time", c -> {
                            int dl = c.node.miner().chain().place(PROVING).orElseThrow().deadline();
                            String ps = "[" + dl + ",[]]";
                            JsonNode r = Ctx.ok(c.call(c.node.adminToken(), "Filecoin.ComputeWindowPoSt", ps), "", ps);
                            assertThat(r.size()).isEqualTo(1);
                            assertThat(r.get(0).path("Deadline").asLong()).isEqualTo(dl);
                            assertThat(r.get(0).path("Partitions").toString()).isEqualTo("[{\"Index\":0,\"Skipped\":[0]}]");
                            assertThat(r.get(0).path("Proofs").get(0).path("PoStProof").asLong()).isEqualTo(10);
                            assertThat(Base64.getDecoder().decode(r.get(0).path("Proofs").get(0).path("ProofBytes")
                                    .asText())).hasSize(192);
                            assertThat(r.get(0).path("ChainCommitEpoch").asLong()).isZero();
                            assertThat(Ctx.ok(c.call(c.node.adminToken(), "Filecoin.ComputeWindowPoSt", ps), "", ps))
                                    .isEqualTo(r);
                            String head = "[" + dl + ",[" + Ctx.ok(c.call(null, "Filecoin.MiningBase", "[]"), "", "")
                                    .path("Cids").get(0) + "]]";
                            assertThat(Ctx.ok(c.call(c.node.adminToken(), "Filecoin.ComputeWindowPoSt", head), "",
                                    head)).as("the head's key is the head").isEqualTo(r);
                        })
                        .extra("an unreadable sector is skipped; with nothing left the partition is left out",
                                RECEIVED_PROVING, c -> {
                                    int dl = c.node.miner().chain().place(PROVING).orElseThrow().deadline();
                                    c.admin("Sim.DeclareFaults", "[[" + PROVING + "]]");
                                    JsonNode r = Ctx.ok(c.call(c.node.adminToken(), "Filecoin.ComputeWindowPoSt",
                                            "[" + dl + ",[]]"), "", "");
                                    assertThat(r.toString()).isEqualTo("[]");
                                })
                        .extra("a deadline past the last gets the full node's error", c -> expectHandlerError(c,
                                c.call(c.node.adminToken(), "Filecoin.ComputeWindowPoSt", "[48,[]]"),
                                "getting partitions: failed to load the deadline: invalid deadline 48"))
                        .extra("a key of no tipset gets the full node's error", c -> expectHandlerError(c,
                                c.call(c.node.adminToken(), "Filecoin.ComputeWindowPoSt", "[0,[{\"/\":\""
                                        + PUBLISH_CID + "\"}]]"), "loading tipset {" + PUBLISH_CID + "}: get block "
                                        + PUBLISH_CID + ": ipld: could not find " + PUBLISH_CID)),
                m("Filecoin.ComputeProof", "read").params("[[" + ESI_7 + "],\"" + RAND_32 + "\",10,28]")
                        .check((c, r) -> {
                            assertThat(r.size()).isEqualTo(1);
                            assertThat(r.get(0).path("PoStProof").asLong()).as("StackedDrgWinning2KiBV1").isZero();
                            assertThat(Base64.getDecoder().decode(r.get(0).path("ProofBytes").asText())).hasSize(192);
                        })
                        .extra("a sector the miner does not have is skipped, which fails the proof", c ->
                                expectHandlerError(c, c.call(null, "Filecoin.ComputeProof", "[[" + ESI_7 + ","
                                        + ESI_7.replace("\"SectorNumber\":7", "\"SectorNumber\":999") + "],\""
                                        + RAND_32 + "\",10,28]"),
                                        "pubSectorToPriv skipped sectors: [{Miner:1000 Number:999}]"))
                        .extra("no sectors, or a seal proof with no winning PoSt", c -> {
                            expectHandlerError(c, c.call(null, "Filecoin.ComputeProof", "[[],\"" + RAND_32
                                    + "\",10,28]"), "must provide sectors for winning post");
                            expectHandlerError(c, c.call(null, "Filecoin.ComputeProof", "[["
                                    + ESI_7.replace("\"SealProof\":5", "\"SealProof\":77") + "],\"" + RAND_32
                                    + "\",10,28]"), "failed to convert to winning post proof: unsupported proof type: 77");
                        })
                        .extra("randomness shorter than 32 bytes panics as Go's index does", c -> {
                            Wire.Answer a = c.call(null, "Filecoin.ComputeProof", "[[" + ESI_7 + "],\"AQI=\",10,28]");
                            expectProtocolError(c, a, 0, "fatal error calling 'Filecoin.ComputeProof': panic in rpc"
                                    + " method 'Filecoin.ComputeProof': runtime error: index out of range [31] with"
                                    + " length 2");
                        }),
                m("Filecoin.WorkerConnect", "admin").refused("[\"http://127.0.0.1:1/rpc/v0\"]",
                        "connecting remote storage failed: RPC client error: sendRequest failed: Post"
                                + " \"http://127.0.0.1:1/rpc/v0\": dial tcp 127.0.0.1:1: connect: connection refused")
                        .extra("a WebSocket URL is dialled at once", c -> expectHandlerError(c, c.call(
                                c.node.adminToken(), "Filecoin.WorkerConnect", "[\"ws://127.0.0.1:1/rpc/v0\"]"),
                                "connecting remote storage failed: creating jsonrpc client: cannot dial address"
                                        + " ws://127.0.0.1:1/rpc/v0 for dial tcp 127.0.0.1:1: connect: connection refused"))
                        .extra("an unknown scheme is go-jsonrpc's error", c -> expectHandlerError(c, c.call(
                                c.node.adminToken(), "Filecoin.WorkerConnect", "[\"localhost:3456\"]"),
                                "connecting remote storage failed: creating jsonrpc client: unknown url scheme"
                                        + " 'localhost'"))
                        .extra("a miner is no worker: its API version is refused", c -> expectHandlerError(c, c.call(
                                c.node.adminToken(), "Filecoin.WorkerConnect", "[\"http://127.0.0.1:"
                                        + c.node.port() + "/rpc/v0\"]"),
                                "connecting remote storage failed: unsupported worker api version: 1.5.0 (expected"
                                        + " 1.7.0)")),
                m("Sim.ExtendSectors", "admin").params("[[7],3680700]").fresh(c -> {
                    RECEIVED_PROVING.apply(c);
                    c.admin("Sim.Advance", "[100]");
                }).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    JsonNode status = c.observe("Filecoin.SectorsStatus", "[7,true]");
                    assertThat(status.path("Expiration").asLong()).isEqualTo(3680700);
                    assertThat(status.path("State").asText()).isEqualTo("Proving");
                    assertThat(kinds(c)).endsWith("SectorExtended");
                }).unknownSector("[[999],3680700]")
                        .extra("an expiration not after the current one, or negative, is code 1", c -> {
                            Ctx.Snapshot snap = c.snapshot();
                            long expiration = c.observe("Filecoin.SectorsStatus", "[7,true]").path("Expiration").asLong();
                            expectHandlerError(c, c.call(c.node.adminToken(), "Sim.ExtendSectors", "[[7],5]"),
                                    "cannot reduce sector 7 expiration to 5 from " + expiration);
                            expectHandlerError(c, c.call(c.node.adminToken(), "Sim.ExtendSectors", "[[7],-1]"));
                            Wire.Answer sealing = c.call(c.node.adminToken(), "Sim.ExtendSectors", "[[0],3680700]");
                            expectHandlerError(c, sealing);
                            assertThat(sealing.message()).startsWith("cannot extend sector 0: it is not active on chain");
                            assertThat(c.snapshot()).isEqualTo(snap);
                        }),
                m("Sim.ExpireDeals", "admin").params("[[41]]").fresh(c -> {
                    c.admin("Filecoin.SectorAddPieceToAny", ADD_PIECE);
                    c.admin("Sim.Advance", "[1]");
                }).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    c.admin("Filecoin.SectorStartSealing", "[0]");
                    c.admin("Sim.Advance", "[20]");
                    assertThat(c.state(0)).isEqualTo("Removed");
                    assertThat(kinds(c)).contains("SectorDealsExpired");
                }).extra("an unknown deal is code 1 and nothing changes", c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.ExpireDeals", "[[12345]]"),
                            "deal 12345 not found in any sector");
                    assertThat(c.snapshot()).isEqualTo(snap);
                }),
                m("Sim.Events", "admin").params("[0,100]").check((c, r) -> {
                    assertThat(r.isArray()).isTrue();
                    assertThat(r.get(0).path("Seq").asLong()).isZero();
                    assertThat(fieldNames(r.get(0))).containsExactly("Seq", "Epoch", "Sector", "From", "To", "Kind");
                    assertThat(r.get(0).path("Kind").asText()).isEqualTo("SectorStartCC");
                    JsonNode tail = c.observe("Sim.Events", "[1,1]");
                    assertThat(tail.size()).isEqualTo(1);
                    assertThat(tail.get(0)).isEqualTo(r.get(1));
                }).extra("a non-positive limit is code 1", c -> expectHandlerError(c,
                        c.call(c.node.adminToken(), "Sim.Events", "[0,0]"), "limit must be positive, got 0")),
                m("Sim.Snapshot", "admin").check((c, r) -> {
                    assertThat(r.path("Format").asText()).isEqualTo("minersim-snapshot");
                    assertThat(r.path("Version").asInt()).isEqualTo(2);
                    assertThat(r.path("Head").asLong()).isEqualTo(1);
                    assertThat(r.path("Sectors").path("Count").asInt()).isEqualTo(2);
                }),
                m("Sim.Restore", "admin").params("[$SNAPSHOT]").fresh(NOTHING).check((c, r) -> {
                    assertThat(r.isNull()).isTrue();
                    Ctx shared = SHARED.get(c.wire.name());
                    for (String[] read : RESTORE_READS) {
                        assertThat(c.observe(read[0], read[1])).as("%s %s", read[0], read[1])
                                .isEqualTo(shared.observe(read[0], read[1]));
                    }
                }).extra("a malformed or foreign snapshot is code 1 and changes nothing", c -> {
                    Ctx.Snapshot snap = c.snapshot();
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.Restore", "[{}]"),
                            "incompatible snapshot: expected Format \"minersim-snapshot\" Version 2, got Format null "
                                    + "Version null");
                    expectHandlerError(c, c.call(c.node.adminToken(), "Sim.Restore",
                            "[{\"Format\":\"minersim-snapshot\",\"Version\":2}]"),
                            "malformed snapshot: Miner: missing or not an object");
                    assertThat(c.snapshot()).isEqualTo(snap);
                }));
        Map<String, Contract> out = new TreeMap<>();
        for (Contract c : all) {
            assertThat(out.put(c.method, c)).as("one contract per method: %s", c.method).isNull();
        }
        for (Contract c : workerReturns()) {
            assertThat(out.put(c.method, c)).as("one contract per method: %s", c.method).isNull();
        }
        for (Contract c : StorageContracts.all()) {
            assertThat(out.put(c.method, c)).as("one contract per method: %s", c.method).isNull();
        }
        for (Contract c : WorkerContracts.all()) {
            assertThat(out.put(c.method, c)).as("one contract per method: %s", c.method).isNull();
        }
        return out;
    }

    /** Lotus's push upload of {@code data} for the reader {@code upload}, as a client streams a piece. */
    private static CompletableFuture<HttpResponse<String>> pushAsync(Ctx c, UUID upload, byte[] data) {
        return Wire.HTTP.sendAsync(HttpRequest.newBuilder(c.node.httpUri().resolve("/rpc/streams/v0/push/" + upload))
                .timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + c.node.adminToken())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The Return* calls: a result for a call the miner has no record of is accepted once and kept, a second one
     * for the same call is refused as Lotus refuses it, a malformed CallID gets Go's uuid error, and the miner is
     * unchanged throughout.
     */
    private static List<Contract> workerReturns() {
        List<Contract> out = new ArrayList<>();
        for (Method m : WorkerReturnApi.class.getMethods()) {
            String name = m.getAnnotation(JsonRpcMethod.class).value();
            if (!name.startsWith("Filecoin.Return")) {
                continue;
            }
            String result = WorkerReturnParams.RESULTS.get(name);
            String params = "[" + WorkerReturnParams.CALL + (result == null ? "" : "," + result) + ",null]";
            String badId = params.replace("07070707-0707-0707-0707-070707070707", "x");
            out.add(m(name, "admin").params(params).fresh(NOTHING).check((c, r) -> {
                assertThat(r.isNull()).isTrue();
                Ctx.Snapshot snap = c.snapshot();
                expectHandlerError(c, c.call(c.node.adminToken(), name, params),
                        "callRes channel already has a response");
                String other = params.replace("\"Number\":9", "\"Number\":10");
                assertThat(c.admin(name, other).isNull()).as("another call's result").isTrue();
                assertThat(c.snapshot()).as("the miner is unchanged").isEqualTo(snap);
            }).extra("a CallID whose ID is no UUID gets Go's uuid error", c -> {
                Wire.Answer a = c.call(c.node.adminToken(), name, badId);
                expectProtocolError(c, a, -32700, null);
                assertThat(a.message()).isEqualTo("unmarshaling params for '" + name
                        + "' (param: *storiface.CallID): invalid UUID length: 1");
            }));
        }
        return out;
    }

    /** Methods whose first parameter is a number or SectorRef but NOT a sector number. */
    static final Set<String> FIRST_PARAM_NOT_A_SECTOR = Set.of("Filecoin.SectorAddPieceToAny",
            "Filecoin.SectorSetSealDelay", "Filecoin.SectorSetExpectedSealDuration", "Sim.Advance", "Sim.AdvanceTo",
            "Sim.Events", "Sim.MissPoSt", "Filecoin.CheckProvable", "Filecoin.ComputeWindowPoSt",
            "Filecoin.ComputeDataCid", "Filecoin.StorageBestAlloc");

    // ------------------------------------------------------------------------------------------ the API, reflected

    /** Every served method: wire name → Java method, from the two interfaces. */
    /** A {@code storiface.SectorRef} of miner 1000. */
    static String ref(long number, long proofType) {
        return "{\"ID\":{\"Miner\":1000,\"Number\":" + number + "},\"ProofType\":" + proofType + "}";
    }

    static Map<String, Method> apiMethods() {
        Map<String, Method> out = new TreeMap<>();
        for (Class<?> api : List.of(MinerApi.class, SimApi.class, ProvingApi.class, WorkerReturnApi.class,
                LogApi.class, FundsApi.class, MarketApi.class, MiningApi.class, PieceApi.class,
                io.minersim.rpc.StorageApi.class, io.minersim.rpc.WorkersApi.class)) {
            for (Method m : api.getMethods()) {
                JsonRpcMethod name = m.getAnnotation(JsonRpcMethod.class);
                if (name != null) {
                    out.put(name.value(), m);
                }
            }
        }
        return out;
    }

    @Test
    @Order(1)
    void theTableCoversEveryMethodOfTheApi() {
        Map<String, Method> api = apiMethods();
        assertThat(api).hasSizeGreaterThan(40);
        assertThat(TABLE.keySet()).as("a contract for every method served, and nothing else")
                .containsExactlyInAnyOrderElementsOf(api.keySet());
        for (Map.Entry<String, Method> e : api.entrySet()) {
            Contract c = TABLE.get(e.getKey());
            RequiresPermission p = e.getValue().getAnnotation(RequiresPermission.class);
            assertThat(p).as("%s has @RequiresPermission", e.getKey()).isNotNull();
            assertThat(p.value().wire()).as("the permission of %s (Lotus's perm tag)", e.getKey())
                    .isEqualTo(c.perm);
            Class<?>[] types = e.getValue().getParameterTypes();
            boolean takesSector = types.length > 0 && (types[0] == long.class || types[0] == SectorRef.class);
            if (takesSector && !FIRST_PARAM_NOT_A_SECTOR.contains(e.getKey())) {
                assertThat(c.unknownSectorParams).as("%s takes a sector number: it needs an unknown-sector case",
                        e.getKey()).isNotNull();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ the dynamic tests

    @TestFactory
    @Order(2)
    Stream<DynamicNode> contracts() {
        Map<String, Method> api = apiMethods();
        return TABLE.values().stream().filter(c -> api.containsKey(c.method))
                .map(c -> dynamicContainer(c.method, cases(c, api.get(c.method))));
    }

    private static Stream<DynamicNode> cases(Contract c, Method method) {
        List<DynamicNode> out = new ArrayList<>();
        Class<?>[] types = method.getParameterTypes();
        int n = types.length;
        boolean channel = method.isAnnotationPresent(io.minersim.rpc.ChannelMethod.class);
        if (c.refusedParams != null) {
            out.add(perTransport("always refused", c.fresh, ctx -> {
                Ctx.Snapshot snap = ctx.snapshot();
                expectHandlerError(ctx, ctx.call(ctx.node.adminToken(), c.method, c.refusedParams),
                        c.refusedMessage.replace("$PORT", String.valueOf(ctx.node.port())));
                assertThat(ctx.snapshot()).isEqualTo(snap);
            }));
        } else if (!c.own) {
            out.add(perTransport("good call", c.fresh, ctx -> goodCall(ctx, c, n, channel)));
        }
        out.add(perTransport("wrong param count: " + (n + 1) + " != " + n, null, ctx -> {
            ArrayNode ps = params(ctx, c);
            ps.add(0);
            expectCount(ctx, c, channel, ps.toString(), n + 1, n);
        }));
        if (n > 0) {
            out.add(perTransport("wrong param count: " + (n - 1) + " != " + n, null, ctx -> {
                ArrayNode ps = params(ctx, c);
                ps.remove(n - 1);
                expectCount(ctx, c, channel, ps.toString(), n - 1, n);
            }));
        }
        for (int i = 0; i < n; i++) {
            if (types[i] == ReaderStream.class) {
                continue; // decoded by the custom decoder: see the SectorAddPieceToAny extras
            }
            int at = i;
            // a number where a string or an object goes, a string where a number, bool or array goes
            String bad = types[i] == String.class || types[i] == byte[].class || isObject(types[i]) ? "5" : "\"x\"";
            out.add(perTransport("wrong type of param " + i + " (" + bad + ")", null, ctx -> {
                ArrayNode ps = params(ctx, c);
                ps.set(at, Wire.JSON.readTree(bad));
                Ctx.Snapshot snap = ctx.snapshot();
                Wire.Answer a = ctx.call(ctx.node.adminToken(), c.method, ps.toString());
                expectProtocolError(ctx, a, -32700, null);
                assertThat(a.message()).startsWith("unmarshaling params for '" + c.method + "' (param: ")
                        .contains("json: cannot unmarshal ");
                assertThat(ctx.snapshot()).isEqualTo(snap);
            }));
        }
        out.add(perTransport("missing permission (" + (denyingToken(c.perm).isEmpty() ? "no token"
                : "token " + denyingToken(c.perm)) + ")", null, ctx -> {
            Ctx.Snapshot snap = ctx.snapshot();
            Wire.Answer a = ctx.call(denying(ctx, c.perm), c.method, params(ctx, c).toString());
            if (channel && ctx.wire.isHttp()) {
                expectNoChannel(ctx, c, a);
            } else {
                expectHandlerError(ctx, a, "missing permission to invoke '" + c.goName() + "' (need '" + c.perm
                        + "')");
            }
            assertThat(ctx.snapshot()).isEqualTo(snap);
        }));
        if (c.unknownSectorParams != null) {
            out.add(perTransport("unknown sector " + UNKNOWN, null, ctx -> {
                Ctx.Snapshot snap = ctx.snapshot();
                Wire.Answer a = ctx.call(ctx.node.adminToken(), c.method, c.unknownSectorParams);
                expectHandlerError(ctx, a, c.unknownSectorMessage);
                assertThat(ctx.snapshot()).as("the miner is unchanged").isEqualTo(snap);
                assertThat(ctx.observe("Filecoin.SectorsList", "[]").toString()).doesNotContain("999");
            }));
        }
        for (Extra e : c.extras) {
            out.add(perTransport(e.name(), e.fresh(), e.body()::run));
        }
        return out.stream();
    }

    private static void goodCall(Ctx ctx, Contract c, int n, boolean channel) throws Exception {
        ArrayNode ps = params(ctx, c);
        assertThat(ps.size()).as("the table's good params match the method's arity").isEqualTo(n);
        Wire.Answer a = ctx.call(exactToken(ctx, c.perm), c.method, ps.toString());
        if (channel && ctx.wire.isHttp()) {
            expectNoChannel(ctx, c, a);
            return;
        }
        JsonNode result = Ctx.ok(a, c.method, ps.toString());
        if (ctx.wire.isHttp()) {
            assertThat(a.status()).isEqualTo(200);
        }
        c.check.check(ctx, result);
    }

    private static void expectCount(Ctx ctx, Contract c, boolean channel, String params, int got, int want)
            throws Exception {
        Ctx.Snapshot snap = ctx.snapshot();
        Wire.Answer a = ctx.call(ctx.node.adminToken(), c.method, params);
        if (channel && ctx.wire.isHttp()) {
            expectNoChannel(ctx, c, a); // go-jsonrpc checks the channel before the count
        } else {
            expectProtocolError(ctx, a, -32602, "wrong param count (method '" + c.method + "'): " + got + " != "
                    + want);
        }
        assertThat(ctx.snapshot()).isEqualTo(snap);
    }

    private static void expectNoChannel(Ctx ctx, Contract c, Wire.Answer a) {
        expectProtocolError(ctx, a, -32601, "method '" + c.method
                + "' not supported in this mode (no out channel support)");
    }

    /** The good params of a contract, resolved for this node. */
    private static ArrayNode params(Ctx ctx, Contract c) throws IOException {
        String p = (c.refusedParams != null ? c.refusedParams : c.params).replace("$RW", ctx.token(List.of("read", "write")));
        if (p.contains("$PATH")) {
            try {
                p = p.replace("$PATH", StorageContracts.path(ctx));
            } catch (Exception e) {
                throw new IOException("reading the node's storage path", e);
            }
        }
        if (p.contains("$SNAPSHOT")) {
            try {
                p = p.replace("$SNAPSHOT", SHARED.get(ctx.wire.name()).observe("Sim.Snapshot", "[]").toString());
            } catch (Exception e) {
                throw new IOException("taking the shared node's snapshot", e);
            }
        }
        return (ArrayNode) Wire.JSON.readTree(p);
    }

    /** The token a good call uses: exactly the needed permission (no token at all for read). */
    private static String exactToken(Ctx ctx, String perm) {
        return perm.equals("read") ? null : ctx.token(List.of(perm));
    }

    /** Read methods: only ["write"]; write: no token (default read); admin: the CLI's cumulative sign list. */
    private static List<String> denyingToken(String perm) {
        return switch (perm) {
            case "read" -> List.of("write");
            case "write" -> List.of();
            default -> List.of("read", "write", "sign");
        };
    }

    private static String denying(Ctx ctx, String perm) {
        List<String> perms = denyingToken(perm);
        return perms.isEmpty() ? null : ctx.token(perms);
    }

    // ------------------------------------------------------------------------------------------ Shutdown

    @TestFactory
    @Order(3)
    Stream<DynamicNode> shutdownStopsTheNode() {
        return Stream.of(dynamicContainer("Filecoin.Shutdown", Stream.of(dynamicContainer("good call (own node)",
                Wire.both().stream().map(w -> dynamicTest(w.name(), () -> {
                    MinerNode node = Ctx.startNode();
                    java.net.URI uri = node.httpUri();
                    try {
                        Ctx ctx = new Ctx(node, w);
                        String admin = ctx.token(List.of("admin"));
                        Wire.Answer a = ctx.call(admin, "Filecoin.Shutdown", "[]");
                        assertThat(Ctx.ok(a, "Filecoin.Shutdown", "[]").isNull()).isTrue();
                        assertThat(node.awaitStop(10, TimeUnit.SECONDS)).as("the node stops").isTrue();
                        boolean refused;
                        try {
                            Wire.HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                                    .POST(HttpRequest.BodyPublishers.ofString(Wire.request(1, "Filecoin.Version", "[]")))
                                    .build(), HttpResponse.BodyHandlers.ofString());
                            refused = false;
                        } catch (IOException e) {
                            refused = true;
                        }
                        assertThat(refused).as("the endpoint is closed").isTrue();
                    } finally {
                        node.close();
                    }
                }))))));
    }

    // ------------------------------------------------------------------------------------------ helpers

    /** One case over both transports: each its own test, on the shared node or on a fresh one. */
    private static DynamicNode perTransport(String name, Setup fresh, Body body) {
        return dynamicContainer(name, Wire.both().stream().map(w -> dynamicTest(w.name(), () -> {
            if (fresh == null) {
                body.run(SHARED.get(w.name()));
                return;
            }
            MinerNode node = Ctx.startNode();
            try {
                Ctx ctx = new Ctx(node, w);
                fresh.apply(ctx);
                body.run(ctx);
            } finally {
                closeInBackground(node);
            }
        })));
    }

    /** A protocol error: HTTP 500 over HTTP, the code, and the exact message when given. */
    static void expectProtocolError(Ctx ctx, Wire.Answer a, int code, String message) {
        assertThat(a.isError()).as("an error: %s", a).isTrue();
        assertThat(a.json().has("result")).as("no result with an error").isFalse();
        assertThat(a.code()).as("code of %s", a).isEqualTo(code);
        if (message != null) {
            assertThat(a.message()).isEqualTo(message);
        }
        if (ctx.wire.isHttp()) {
            assertThat(a.status()).as("HTTP status of a protocol error").isEqualTo(500);
        }
    }

    /** A handler error: code 1, HTTP 200, a non-empty message. */
    static void expectHandlerError(Ctx ctx, Wire.Answer a) {
        assertThat(a.isError()).as("an error: %s", a).isTrue();
        assertThat(a.json().has("result")).as("no result with an error").isFalse();
        assertThat(a.code()).as("code of %s", a).isEqualTo(1);
        assertThat(a.message()).isNotBlank();
        if (ctx.wire.isHttp()) {
            assertThat(a.status()).as("HTTP status of a handler error").isEqualTo(200);
        }
    }

    static void expectHandlerError(Ctx ctx, Wire.Answer a, String message) {
        expectHandlerError(ctx, a);
        assertThat(a.message()).isEqualTo(message);
    }

    static void assertNoSectors(Ctx c) throws Exception {
        assertThat(c.observe("Filecoin.SectorsList", "[]").toString()).isEqualTo("[]");
        assertThat(c.observe("Filecoin.SectorsSummary", "[]").toString()).isEqualTo("{}");
        assertThat(c.observe("Filecoin.SectorsRefs", "[]").toString()).isEqualTo("{}");
    }

    /** The miner actor's available balance at the head, in FIL as Lotus prints it (without the unit). */
    static String fil(Ctx c) {
        io.minersim.sealing.ChainView chain = c.node.miner().chain();
        return new java.math.BigDecimal(io.minersim.app.fullnode.Funds.availableBalance(chain, chain.head()))
                .movePointLeft(18).stripTrailingZeros().toPlainString();
    }

    static List<Long> longs(JsonNode array) {
        List<Long> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asLong()));
        return out;
    }

    static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Whether the parameter is a JSON object on the wire (BitFieldRuns is a record but an array on the wire). */
    private static boolean isObject(Class<?> t) {
        return t.isRecord() && t != io.minersim.rpc.types.BitFieldRuns.class;
    }
}
