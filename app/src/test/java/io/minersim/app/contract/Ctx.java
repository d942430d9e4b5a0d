package io.minersim.app.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.app.node.MinerNode;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One node seen through one transport. {@link #call} speaks the transport under test; {@link #admin} and
 * {@link #observe} always use plain HTTP with the admin token, to set a node up and to look at it.
 */
final class Ctx {
    private static final AtomicLong IDS = new AtomicLong();
    private static final Wire.Http HTTP = new Wire.Http();

    final MinerNode node;
    final Wire wire;
    private final Map<List<String>, String> tokens = new ConcurrentHashMap<>();

    Ctx(MinerNode node, Wire wire) {
        this.node = node;
        this.wire = wire;
    }

    /** A 2KiB devnet miner on a manual clock, on a free port. */
    static MinerNode startNode() throws Exception {
        return MinerNode.builder().config(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB))
                .manualClock(true).listen("127.0.0.1", 0).start();
    }

    static long nextId() {
        return IDS.incrementAndGet();
    }

    /** One request over the transport under test; {@code token} null means no Authorization header. */
    Wire.Answer call(String token, String method, String params) throws Exception {
        long id = nextId();
        Wire.Answer a = wire.call(node, token, Wire.request(id, method, params));
        assertThat(a.json()).as("an answer to %s %s", method, params).isNotNull();
        assertThat(a.json().path("id").asLong()).as("the id is echoed").isEqualTo(id);
        assertThat(a.json().path("jsonrpc").asText()).isEqualTo("2.0");
        return a;
    }

    /** A setup call: HTTP, admin token; must succeed. */
    JsonNode admin(String method, String params) throws Exception {
        return ok(HTTP.call(node, node.adminToken(), Wire.request(nextId(), method, params)), method, params);
    }

    /** Looking at the node (HTTP, admin token); must succeed. */
    JsonNode observe(String method, String params) throws Exception {
        return admin(method, params);
    }

    static JsonNode ok(Wire.Answer a, String method, String params) {
        assertThat(a.isError()).as("%s %s should succeed but answered %s", method, params, a).isFalse();
        assertThat(a.json().has("result")).as("a result member in %s", a).isTrue();
        return a.result();
    }

    /** A token allowing exactly {@code perms}, minted with AuthNew (no hierarchy: ["write"] cannot read). */
    String token(List<String> perms) {
        return tokens.computeIfAbsent(perms, p -> {
            try {
                String list = Wire.JSON.writeValueAsString(p);
                JsonNode b64 = admin("Filecoin.AuthNew", "[" + list + "]");
                return new String(Base64.getDecoder().decode(b64.asText()), StandardCharsets.US_ASCII);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * What a refused call must leave untouched, read in-process (cheap): the summary, every sector's state, the
     * head, the number assigner, the reservations, the batches, the seal settings and the storage index.
     */
    record Snapshot(Map<String, Long> summary, Map<Long, String> states, long head, String numbers,
            String reservations, List<Long> preCommits, List<Long> commits, List<Long> terminations, String delays,
            String storage) {
    }

    Snapshot snapshot() {
        Miner m = node.miner();
        Map<String, Long> summary = new TreeMap<>();
        m.summary().forEach((k, v) -> summary.put(k.name(), v));
        Map<Long, String> states = new TreeMap<>();
        for (long n : m.list()) {
            states.put(n, m.status(n, false).state().name());
        }
        return new Snapshot(summary, states, m.head(), m.numAssignerMeta().toString(),
                m.numReservations().toString(), m.preCommitPending(), m.commitPending(), m.terminatePending(),
                m.sealDelay() + "/" + m.expectedSealDuration(), storage(m));
    }

    /** The storage index as the Storage* reads see it. */
    private static String storage(Miner m) {
        String local;
        try {
            local = m.storage().local().toString();
        } catch (RuntimeException e) {
            local = e.getMessage();
        }
        StringBuilder sb = new StringBuilder(m.storage().list().toString()).append(local);
        for (String id : m.storage().ids()) {
            sb.append(m.storage().info(id)).append(m.storage().stat(id));
        }
        return sb.toString();
    }

    String state(long sector) throws Exception {
        return observe("Filecoin.SectorsStatus", "[" + sector + ",false]").path("State").asText();
    }
}
