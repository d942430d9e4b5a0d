package io.minersim.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.rpc.GoJsonWriter;
import io.minersim.app.rpc.GoJson;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.DataActivationNotification;
import io.minersim.rpc.types.DealProposal;
import io.minersim.rpc.types.DealSchedule;
import io.minersim.rpc.types.PieceActivationManifest;
import io.minersim.rpc.types.PieceDealInfo;
import io.minersim.rpc.types.PieceInfo;
import io.minersim.rpc.types.ReaderStream;
import io.minersim.rpc.types.SealRandomness;
import io.minersim.rpc.types.SectorInfo;
import io.minersim.rpc.types.SectorLog;
import io.minersim.rpc.types.SectorPiece;
import io.minersim.rpc.types.VerifiedAllocationKey;
import io.minersim.sealing.FailureRule;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SealingConfig;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SectorsStatus's fast path ({@link MinerApiImpl#sectorsStatusJson}: the hand-written encoder and the cache of
 * encoded answers), and SectorsSummary's result writer, against the reference, the RPC mapper writing a fresh
 * {@link MinerApiImpl#sectorsStatus}: byte for byte equal after every kind of mutation, with the cache primed before
 * each.
 */
class SectorsStatusEncodingTest {
    private static final String TRICKY = "boom <&> \"quoted\" back\\slash\n\r\t\b\f\u0001\u001f\u007f é 漢 😀 \u2028\u2029";

    private final MinerConfig config = MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB)
            .withSealing(SealingConfig.devnet().withPreCommitBatching(256, Duration.ofHours(24), Duration.ofHours(1))
                    .withCommitBatching(1, 819, Duration.ofHours(24), Duration.ofHours(1))
                    .withTerminateBatching(1, 100, Duration.ofHours(24)));
    private final ManualChainClock clock = ManualChainClock.atGenesis(config.policy());
    private final Miner miner = Miner.start(config, clock);
    private final MinerApiImpl api = new MinerApiImpl(miner, "devnet", null, reader -> {
        throw new IllegalStateException("no push readers here");
    }, () -> { }, Duration.ofSeconds(5));
    private final ObjectMapper mapper = GoJson.newObjectMapper();
    private int changedSteps;

    @Test
    void cachedAnswersStayEqualToFreshOnesAcrossEveryKindOfMutation() throws Exception {
        step("an empty miner", () -> { });
        long deals = step("a legacy deal piece", () -> api.sectorAddPieceToAny(508, nullReader(508),
                legacyDeal(7, 508)).sector());
        step("a DDO piece in the same sector", () -> api.sectorAddPieceToAny(508, nullReader(508), ddoDeal(508)));
        List<Long> cc = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cc.add(step("pledge", () -> api.pledgeSector().number()));
        }
        step("a failure with a text that needs escaping", () -> miner.injectFailure(new FailureRule(
                SectorState.PreCommit1, cc.get(0), 1, TRICKY)));
        step("start the deal sector", () -> api.sectorStartSealing(deals));
        step("the seal delay", () -> api.sectorSetSealDelay(Duration.ofMinutes(3).toNanos()));
        step("a number reservation", () -> api.sectorNumReserveCount("spare", 3));
        for (int epoch = 0; epoch < 80; epoch++) {
            step("one epoch", () -> clock.advance(1));
            if (!miner.preCommitPending().isEmpty()) {
                step("pre-commit flush", api::sectorPreCommitFlush);
            }
            if (!miner.commitPending().isEmpty()) {
                step("commit flush", api::sectorCommitFlush);
            }
        }
        assertThat(api.sectorsStatus(cc.get(1), false).state()).isEqualTo("Proving");
        step("mark for upgrade", () -> api.sectorMarkForUpgrade(cc.get(1), true));
        step("abort the upgrade", () -> api.sectorAbortUpgrade(cc.get(1)));
        step("a detected fault", () -> miner.declareFaults(List.of(cc.get(2)), false));
        step("a recovery", () -> miner.recoverFaults(List.of(cc.get(2))));
        step("a declared fault", () -> miner.declareFaults(List.of(cc.get(3)), true));
        step("force a state", () -> api.sectorsUpdate(cc.get(4), "Available"));
        step("terminate", () -> api.sectorTerminate(cc.get(5)));
        step("terminate flush", api::sectorTerminateFlush);
        step("remove", () -> api.sectorRemove(cc.get(6)));
        step("a call that fails and changes nothing", () -> {
            assertThatThrownBy(() -> api.sectorsUpdate(cc.get(7), "NoSuchState")).isInstanceOf(SealingException.class);
        });
        for (int epoch = 0; epoch < 40; epoch++) {
            step("one more epoch", () -> clock.advance(1));
        }
        assertThat(changedSteps).as("steps after which some served answer differed from before").isGreaterThan(30);
    }

    @Test
    void anAnswerIsServedFromTheCacheUntilTheMinerChanges() throws Exception {
        long n = api.pledgeSector().number();
        assertThat(api.cachedStatusJson(n, true)).isNull();
        byte[] first = api.sectorsStatusJson(n, true);
        assertThat(api.cachedStatusJson(n, true)).isEqualTo(first);
        assertThat(api.cachedStatusJson(n, false)).isNull();
        assertThat(api.sectorsStatusJson(n, true)).isEqualTo(first);

        clock.advance(1); // a write, even one that leaves this sector as it was
        assertThat(api.cachedStatusJson(n, true)).isNull();
        byte[] after = api.sectorsStatusJson(n, true);
        assertThat(after).isEqualTo(fresh(n, true));
        assertThat(api.cachedStatusJson(n, true)).isEqualTo(after);
    }

    @Test
    void anAnswerWrittenAfterOtherBytesIsCachedAsItsOwnSliceAndServedAfterOthers() throws Exception {
        long n = api.pledgeSector().number();
        GoJsonWriter out = new GoJsonWriter(1).raw("{\"id\":1,\"result\":");
        api.sectorsStatus(n, true, out);
        out.raw("}"); // the writer goes on after the cached slice: the slice must not change
        out.raw("x".repeat(100_000));
        assertThat(api.cachedStatusJson(n, true)).isEqualTo(fresh(n, true));

        GoJsonWriter again = new GoJsonWriter(1).raw("[");
        api.sectorsStatus(n, true, again);
        assertThat(new String(again.toByteArray(), StandardCharsets.UTF_8))
                .isEqualTo("[" + new String(fresh(n, true), StandardCharsets.UTF_8));
    }

    @Test
    void theDispatchersAnswerWrittenInItsEnvelopeEqualsTheReflectivePathsOnMissesAndHits() throws Exception {
        io.minersim.app.rpc.ErrorMapper errors = (method, error) -> error instanceof SealingException
                ? new io.minersim.app.rpc.RpcError(io.minersim.app.rpc.RpcError.HANDLER_ERROR, error.getMessage())
                : io.minersim.app.rpc.ErrorMapper.defaults().toError(method, error);
        io.minersim.app.rpc.RpcDispatcher fast = io.minersim.app.rpc.RpcDispatcher.builder()
                .register(io.minersim.rpc.MinerApi.class, api).objectMapper(mapper).errorMapper(errors).build();
        io.minersim.app.rpc.RpcDispatcher plain = io.minersim.app.rpc.RpcDispatcher.builder()
                .register(io.minersim.rpc.MinerApi.class, withoutResultWriters(api)).objectMapper(mapper)
                .errorMapper(errors).build();
        long sealed = api.pledgeSector().number();
        long young = api.pledgeSector().number();
        while (!api.sectorsStatus(sealed, true).state().equals("Proving")) {
            clock.advance(1);
            api.sectorPreCommitFlush();
            api.sectorCommitFlush();
        }
        api.pledgeSector(); // a sector in another state: a summary of several states
        assertThat(api.sectorsSummary()).hasSizeGreaterThan(1);
        io.minersim.app.rpc.CallContext ctx = io.minersim.app.rpc.CallContext.http(
                java.util.Set.of(io.minersim.rpc.Permission.READ));
        for (int round = 0; round < 2; round++) { // a miss, then a hit
            for (String body : List.of("{\"id\":1,\"method\":\"Filecoin.SectorsStatus\",\"params\":[" + sealed
                    + ",true]}", "{\"id\":\"a<\\\"b\",\"method\":\"Filecoin.SectorsStatus\",\"params\":["
                    + sealed + ",false]}", "{\"id\":-3,\"method\":\"Filecoin.SectorsStatus\",\"params\":["
                    + young + ",true]}", "{\"id\":2,\"method\":\"Filecoin.SectorsStatus\",\"params\":[99,true]}",
                    "{\"method\":\"Filecoin.SectorsStatus\",\"params\":[" + sealed + ",true]}",
                    "{\"id\":4,\"method\":\"Filecoin.SectorsSummary\",\"params\":[]}",
                    "{\"id\":5,\"method\":\"Filecoin.SectorsSummary\",\"params\":[1]}")) {
                byte[] b = body.getBytes(StandardCharsets.UTF_8);
                assertThat(fast.handleHttpBody(b, b.length, 1 << 20, ctx).bodyText()).as("round %d: %s", round, body)
                        .isEqualTo(plain.handleHttpBody(b, b.length, 1 << 20, ctx).bodyText());
            }
        }
        assertThat(api.cachedStatusJson(sealed, true)).isEqualTo(fresh(sealed, true));
    }

    @Test
    void anUnknownSectorFailsWithLotusTextAndNothingIsCached() {
        assertThatThrownBy(() -> api.sectorsStatusJson(42, false)).isInstanceOf(SealingException.class)
                .hasMessage("No state for /42: datastore: key not found");
        assertThatThrownBy(() -> api.sectorsStatusJson(42, false)).isInstanceOf(SealingException.class);
    }

    /** Why a cached answer may outlive clock moves in principle: a resting sector's status has no head in it. */
    @Test
    void aRestingSectorsStatusDoesNotDependOnTheHead() throws Exception {
        long n = api.pledgeSector().number();
        while (!api.sectorsStatus(n, true).state().equals("Proving")) {
            clock.advance(1);
            api.sectorPreCommitFlush();
            api.sectorCommitFlush();
        }
        byte[] proving = fresh(n, true);
        clock.advance(500);
        assertThat(fresh(n, true)).isEqualTo(proving);
    }

    @Test
    void theEncoderWritesWhatTheMapperWritesForEveryShape() throws Exception {
        SectorInfoJson encoder = new SectorInfoJson(mapper);
        CidLink a = new CidLink(Cid.unsealedCommitment(new byte[32]).toString());
        CidLink b = new CidLink("QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG");
        PieceDealInfo legacy = new PieceDealInfo(a, 9, new DealProposal(a, 2048, true, "f01234", "f01000", TRICKY,
                -1, Long.MAX_VALUE, new BigInteger("123456789012345678901234567890"), BigInteger.ZERO,
                BigInteger.valueOf(-5)), new DealSchedule(-3, 10), null, true);
        PieceDealInfo ddo = new PieceDealInfo(null, 0, null, new DealSchedule(0, 0), new PieceActivationManifest(b,
                2048, new VerifiedAllocationKey(1, 2), List.of(new DataActivationNotification("f0<9>",
                        new byte[] {0, -1, 2}))), false);
        List<SectorInfo> shapes = List.of(
                new SectorInfo(0, "", null, null, null, null, null, null, null, null, null, 0, false, null, null,
                        null, 0, 0, 0, null, null, null, 0, 0),
                new SectorInfo(Long.MAX_VALUE, TRICKY, a, a, new byte[] {1, 2, 3, 4}, List.of(0L, 9L, Long.MAX_VALUE),
                        List.of(new SectorPiece(new PieceInfo(2048, a), null), new SectorPiece(new PieceInfo(1, b),
                                legacy), new SectorPiece(new PieceInfo(0, a), ddo)),
                        new SealRandomness(new byte[0], -1), new SealRandomness(new byte[] {9}, Long.MIN_VALUE), b, a,
                        Long.MAX_VALUE, true, b, TRICKY, List.of(new SectorLog("event;sealing.X", 1, "", "{}"),
                                new SectorLog(TRICKY, Long.MAX_VALUE, TRICKY, "{\"User\":{\"A\":\"<b>\"}}")),
                        Long.MIN_VALUE, -1, Long.MIN_VALUE + 1, new BigInteger("-98765432109876543210"),
                        BigInteger.ONE.shiftLeft(100), BigInteger.TEN, -7, Long.MAX_VALUE));
        for (SectorInfo s : shapes) {
            assertThat(new String(encoder.encode(s), StandardCharsets.UTF_8))
                    .isEqualTo(new String(mapper.writeValueAsBytes(s), StandardCharsets.UTF_8));
        }
    }

    /**
     * The SectorCommitted message quoting the proof is written from the Proof field's base64 without escaping it
     * character by character: only a message that quotes exactly that base64 may take that path, and whatever path a
     * message takes, the bytes are the mapper's.
     */
    @Test
    void aLogMessageQuotingTheProofIsWrittenAsTheMapperWritesItAndNearMissesAreEscaped() throws Exception {
        SectorInfoJson encoder = new SectorInfoJson(mapper);
        byte[] proof = new byte[1920];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (i * 131 + 7);
        }
        String b64 = java.util.Base64.getEncoder().encodeToString(proof);
        String other = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(proof, 1917));
        String exact = "{\"User\":{\"Proof\":\"" + b64 + "\"}}";
        List<String> messages = List.of(exact,
                "{\"User\":{\"Proof\":\"" + b64.substring(0, 100) + "<" + b64.substring(101) + "\"}}",
                "{\"User\":{\"Proof\":\"" + b64.substring(0, 100) + "\u00e9" + b64.substring(101) + "\"}}",
                "{\"User\":{\"Proof\":\"" + b64.substring(0, 100) + "\u6f22" + b64.substring(101) + "\"}}",
                "{\"User\":{\"Proof\":\"" + other + "\"}}",
                "{\"User\":{\"Proof\":\"" + b64 + "\"}>", "<\"User\":{\"Proof\":\"" + b64 + "\"}}",
                "{\"User\":{\"Proof\":\"\"}}", "{\"User\":{}}");
        List<SectorLog> log = new ArrayList<>();
        for (String m : messages) {
            log.add(new SectorLog("event;sealing.SectorCommitted", 1, "", m));
        }
        for (byte[] p : java.util.Arrays.asList(proof, new byte[0], null)) {
            SectorInfo s = new SectorInfo(1, "Proving", null, null, p, List.of(), List.of(),
                    new SealRandomness(new byte[0], -1), new SealRandomness(new byte[0], -1), null, null, 0, false,
                    null, "", log, 0, 0, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, 0, 0);
            assertThat(new String(encoder.encode(s), StandardCharsets.UTF_8))
                    .isEqualTo(new String(mapper.writeValueAsBytes(s), StandardCharsets.UTF_8))
                    .contains("\\\"Proof\\\":\\\"" + (p == proof ? b64 : "") + "\\\"}}");
        }
    }

    // ---------------------------------------------------------------------------------------------

    /** The same API behind a proxy, which has no result writers: the dispatcher calls and encodes every method. */
    private static io.minersim.rpc.MinerApi withoutResultWriters(MinerApiImpl api) {
        return (io.minersim.rpc.MinerApi) java.lang.reflect.Proxy.newProxyInstance(
                io.minersim.rpc.MinerApi.class.getClassLoader(), new Class<?>[] {io.minersim.rpc.MinerApi.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(api, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private interface Mutation<T> {
        T run() throws Exception;
    }

    private interface VoidMutation {
        void run() throws Exception;
    }

    private void step(String what, VoidMutation m) throws Exception {
        step(what, () -> {
            m.run();
            return null;
        });
    }

    /**
     * Primes the cache with every sector's answer (checking it), runs the mutation, and checks again that every
     * answer served is a fresh render's.
     */
    private <T> T step(String what, Mutation<T> m) throws Exception {
        Map<String, byte[]> before = servedChecked("before " + what);
        T result = m.run();
        Map<String, byte[]> after = servedChecked("after " + what);
        boolean changed = !before.keySet().equals(after.keySet());
        for (Map.Entry<String, byte[]> e : after.entrySet()) {
            changed |= !java.util.Arrays.equals(e.getValue(), before.get(e.getKey()));
        }
        changedSteps += changed ? 1 : 0;
        return result;
    }

    private Map<String, byte[]> servedChecked(String when) throws Exception {
        Map<String, byte[]> served = new LinkedHashMap<>();
        for (long n : miner.list()) {
            for (boolean onChain : new boolean[] {false, true}) {
                byte[] json = api.sectorsStatusJson(n, onChain);
                assertThat(new String(json, StandardCharsets.UTF_8)).as("sector %d, on-chain %s, %s", n, onChain, when)
                        .isEqualTo(new String(fresh(n, onChain), StandardCharsets.UTF_8));
                served.put(n + "/" + onChain, json);
            }
        }
        return served;
    }

    private byte[] fresh(long n, boolean onChain) throws Exception {
        return mapper.writeValueAsBytes(api.sectorsStatus(n, onChain));
    }

    private static ReaderStream nullReader(long bytes) {
        return new ReaderStream("null", Long.toString(bytes));
    }

    private static CidLink zeroPiece(long unpadded) {
        return new CidLink(Cid.unsealedCommitment(PieceCommitments.zeroCommitment(
                PieceCommitments.paddedSize(unpadded))).toString());
    }

    private static PieceDealInfo legacyDeal(long id, long unpadded) {
        CidLink piece = zeroPiece(unpadded);
        DealProposal p = new DealProposal(piece, PieceCommitments.paddedSize(unpadded), false, "f01234", "f01000",
                "label <&>", 5_000, 600_000, BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO);
        CidLink publish = new CidLink(Cid.dagCborBlake2b256(new byte[] {(byte) id}).toString());
        return new PieceDealInfo(publish, id, p, new DealSchedule(5_000, 600_000), null, false);
    }

    private static PieceDealInfo ddoDeal(long unpadded) {
        PieceActivationManifest m = new PieceActivationManifest(zeroPiece(unpadded),
                PieceCommitments.paddedSize(unpadded), new VerifiedAllocationKey(1234, 5),
                List.of(new DataActivationNotification("f05", new byte[] {1, 2, 3})));
        return new PieceDealInfo(null, 0, null, new DealSchedule(5_000, 600_000), m, false);
    }
}
