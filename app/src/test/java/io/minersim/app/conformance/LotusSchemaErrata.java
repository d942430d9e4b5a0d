package io.minersim.app.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Corrections to Lotus's OpenRPC result schemas, each where the document contradicts the wire format
 * Lotus itself produces (../shared/lotus/wire-facts.md, sections a and e), plus two tightenings.
 *
 * <p>Lotus generates {@code build/openrpc/miner.json} by reflecting over Go types. Reflection cannot
 * see custom {@code MarshalJSON} methods, nor Go's nil pointers and slices, so for some types the
 * schema describes the Go struct rather than the JSON: a {@code cid.Cid} becomes a plain string, a
 * {@code big.Int}, {@code address.Address}, {@code bitfield.BitField} or {@code market.DealLabel} an
 * empty object with no properties, a named {@code []byte} an array of numbers, an enum with a string
 * encoding a number, and a Go value that can be {@code nil} is never nullable. Served JSON that is
 * right per Lotus's encoders would fail such schemas, so each defect is rewritten here, narrowly:
 * only a schema node of exactly the defective shape, only at the field names listed. Everything
 * else in the document is validated as Lotus wrote it. {@link Erratum#hits()} counts rewrites so
 * that an erratum the document no longer needs is noticed.
 *
 * <p>Tightenings (not defects): a one-element {@code items} tuple is made a plain item schema, since
 * under draft-07 {@code "items":[X]} checks only element 0 while Lotus means "every element"; and
 * every declared property becomes required, since Go's encoding/json writes every field of these
 * structs (none has {@code omitempty}).
 */
final class LotusSchemaErrata {

    /** One correction: what it rewrites, where, why, and how often it applied. */
    static final class Erratum {
        private final String id;
        private final String reason;
        private final Set<String> locations;
        private int hits;

        Erratum(String id, String reason, Set<String> locations) {
            this.id = id;
            this.reason = reason;
            this.locations = new java.util.LinkedHashSet<>(locations);
        }

        String id() {
            return id;
        }

        String reason() {
            return reason;
        }

        Set<String> locations() {
            return locations;
        }

        int hits() {
            return hits;
        }

        @Override
        public String toString() {
            return id + " (" + hits + " rewrites at " + locations + "): " + reason;
        }
    }

    static final String CID_PATTERN = "^(b[a-z2-7]+|Qm[1-9A-HJ-NP-Za-km-z]{44})$";
    static final String BASE64_PATTERN = "^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$";

    final Erratum cid = new Erratum("E1-cid",
            "cid.Cid is {\"/\":\"<cid>\"} on the wire (go-cid MarshalJSON; wire-facts e.1), the document says"
                    + " {\"title\":\"Content Identifier\",\"type\":\"string\"}",
            Set.of("*"));
    final Erratum bigInt = new Erratum("E2-bigint",
            "big.Int / abi.TokenAmount / abi.DealWeight is a decimal string (wire-facts e.1), the document says"
                    + " an object without properties",
            Set.of("DealWeight", "VerifiedDealWeight", "InitialPledge", "StoragePricePerEpoch",
                    "ProviderCollateral", "ClientCollateral"));
    final Erratum address = new Erratum("E3-address",
            "address.Address is a string such as \"f01234\" (wire-facts e.1, a.2), the document says an object"
                    + " without properties",
            Set.of("ActorAddress", "Client", "Provider", "Address", "PreCommitControl[]", "CommitControl[]",
                    "TerminateControl[]", "DealPublishControl[]"));
    final Erratum label = new Erratum("E4-deal-label",
            "market.DealLabel marshals as a JSON string (go-state-types builtin market DealLabel.MarshalJSON:"
                    + " json.Marshal of the label string; a bytes label cannot be marshaled), the document says an"
                    + " object without properties",
            Set.of("Label"));
    final Erratum bitField = new Erratum("E5-bitfield",
            "bitfield.BitField is an RLE run array of uint64, [0] when empty (wire-facts e.1), the document"
                    + " says an object without properties",
            Set.of("Allocated", "InUse", "Reserved", "SectorNumReserveCount", "SectorNumReservations{}", "Skipped"));
    final Erratum randomness = new Erratum("E6-randomness",
            "abi.SealRandomness / abi.InteractiveSealRandomness are Go []byte, so standard base64 (null when"
                    + " nil) on the wire (wire-facts e.1, e.3; abi.Randomness likewise: ComputeWindowPoSt's"
                    + " ChainCommitRand), the document says an array of numbers",
            Set.of("Value", "ChainCommitRand"));
    final Erratum subsystem = new Erratum("E7-subsystem",
            "api.MinerSubsystem marshals as its name, \"Mining\" / \"Sealing\" / \"SectorStorage\" (wire-facts"
                    + " e.1, a.2), the document says a number",
            Set.of("RuntimeSubsystems[]"));
    final Erratum nullable = new Erratum("E8-nullable",
            "Go pointers, slices and nil results marshal as null where Lotus documents null (wire-facts a.1:"
                    + " SectorsListInStates, SectorPreCommitFlush, SectorCommitFlush, SectorTerminateFlush;"
                    + " e.1 *cid.Cid; e.2 PreCommitBatchRes/CommitBatchRes Msg; e.3 CommD, CommR, Proof,"
                    + " PreCommitMsg, CommitMsg, ReplicaUpdateMessage, DealInfo for filler pieces, Ticket/Seed"
                    + " Value; d.3 PieceDealInfo PublishCid, DealProposal, PieceActivationManifest,"
                    + " VerifiedAllocationKey, Notify; the ActorAddressConfig control lists, which lotus"
                    + " node/modules/storageminer.go AddressSelector appends to nil slices, so null when none is"
                    + " configured), the document never allows null",
            Set.of("PreCommitControl", "CommitControl", "TerminateControl", "DealPublishControl",
                    "SectorsListInStates", "SectorPreCommitFlush", "SectorCommitFlush", "SectorTerminateFlush",
                    "Msg", "CommD", "CommR", "Proof", "PreCommitMsg", "CommitMsg", "ReplicaUpdateMessage",
                    "DealInfo", "Value", "PublishCid", "DealProposal", "PieceActivationManifest",
                    "VerifiedAllocationKey", "Notify", "Payload", "ChainCommitRand", "MarketListDeals", "Groups",
                    "AllowTo", "AllowTypes", "DenyTypes", "AllowMiners", "DenyMiners"));
    final Erratum decl = new Erratum("E12-decl",
            "storiface.Decl embeds abi.SectorID and adds SectorFileType (storiface/index.go), so StorageList's"
                    + " entries are {Miner, Number, SectorFileType} (ops-facts C.3); the document's Decl lacks"
                    + " SectorFileType",
            Set.of("StorageList{}[]"));
    final Erratum tuple = new Erratum("T1-items-tuple",
            "tightening: \"items\":[X] (a draft-07 tuple: only element 0 is checked) becomes \"items\":X",
            Set.of("*"));
    final Erratum required = new Erratum("T2-required",
            "tightening: every declared property is required (Go writes every field; no omitempty here)",
            Set.of("*"));

    final Erratum tipSet = new Erratum("E9-tipset",
            "types.TipSet marshals as {Cids, Blocks, Height} (ExpTipSet; proving-facts F.2) and a types.TipSetKey as"
                    + " an array of CIDs, the document says an object without properties",
            Set.of("ChainHead", "ChainGetTipSet", "ChainGetTipSetByHeight", "TipSet", "MiningBase"));
    final Erratum messageCid = new Erratum("E10-message-cid",
            "types.Message and types.SignedMessage write their CID as a \"CID\" field (their MarshalJSON; the"
                    + " document's own example has it), the document's properties lack it",
            Set.of("MpoolPending[]", "Message"));
    final Erratum omitEmpty = new Erratum("E11-omitempty",
            "types.Actor's DelegatedAddress is omitempty, so it is absent for an actor without an f4 address",
            Set.of("DelegatedAddress"));

    final Erratum uuid = new Erratum("E13-uuid",
            "uuid.UUID marshals as its canonical string (google/uuid MarshalText), the document says an array of 16"
                    + " numbers (the Go [16]byte)",
            Set.of("ID", "SchedId"));
    final Erratum jobHostname = new Erratum("E14-job-hostname",
            "storiface.WorkerJob's Hostname is omitempty (api/storiface/worker.go), so a running job, which the"
                    + " worker itself tracks, has none",
            Set.of("Filecoin.WorkerJobs"));

    private boolean fullNode;

    /** The corrections of the document at hand: the miner's, or with {@link #forFullNode()} the full node's. */
    List<Erratum> all() {
        return fullNode ? List.of(cid, bigInt, address, label, bitField, nullable, tuple, required, tipSet,
                messageCid, omitEmpty) : List.of(cid, bigInt, address, label, bitField, randomness, subsystem, nullable, tuple,
                required, tipSet, decl, uuid, jobHostname);
    }

    /**
     * The same corrections at the full node's field names too ({@code ../shared/lotus/proving-facts.md} F: the
     * wire forms of big.Int, address, bitfield, nil pointers and slices in the full node's results).
     */
    LotusSchemaErrata forFullNode() {
        fullNode = true;
        bigInt.locations.addAll(Set.of("Balance", "Value", "GasFeeCap", "GasPremium", "DailyFee", "ExpectedDayReward",
                "ExpectedStoragePledge", "ReplacedDayReward", "PreCommitDeposit", "QualityAdjPower", "RawBytePower",
                "Quota", "UsedQuota", "NewQuota", "StateMinerAvailableBalance", "StateMinerInitialPledgeCollateral",
                "StateMinerPreCommitDepositForPower", "WalletBalance"));
        address.locations.addAll(Set.of("Owner", "Worker", "NewWorker", "ControlAddresses[]", "Beneficiary",
                "PendingOwnerAddress", "NewBeneficiary", "From", "To", "DelegatedAddress", "StateLookupID",
                "StateAccountKey", "WalletList[]", "WalletDefaultAddress"));
        tipSet.locations.addAll(Set.of("Base", "Target"));
        messageCid.locations.add("ChainGetMessage");
        bigInt.locations.addAll(Set.of("Escrow", "Locked", "StoragePricePerEpoch", "ProviderCollateral",
                "ClientCollateral", "StateVerifiedClientStatus", "PreCommitDeposits", "LockedFunds", "FeeDebt",
                "InitialPledge"));
        address.locations.addAll(Set.of("Client", "Provider"));
        nullable.locations.addAll(Set.of("StateVerifiedClientStatus", "MinerGetBaseInfo", "SectorKey"));
        bigInt.locations.addAll(Set.of("MinerPower", "NetworkPower"));
        address.locations.add("WorkerKey");
        bitField.locations.addAll(Set.of("PostSubmissions", "ActiveSectors", "AllSectors", "FaultySectors",
                "LiveSectors", "RecoveringSectors", "StateMinerFaults", "StateMinerRecoveries"));
        nullable.locations.addAll(Set.of("PeerId", "Multiaddrs", "ControlAddresses", "PendingOwnerAddress",
                "PendingBeneficiaryTerm", "ExpectedDayReward", "ExpectedStoragePledge", "ReplacedDayReward",
                "SectorKeyCID", "Return", "EventsRoot", "ReturnDec", "Params", "DealIDs", "UnsealedCid",
                "StateSectorGetInfo", "StateSectorPreCommitInfo", "StateSearchMsg", "StateWaitMsg",
                "StateMinerPartitions"));
        return this;
    }

    /** The rewrites as "method: location: erratum", for the report. */
    private final Map<String, List<String>> applied = new LinkedHashMap<>();

    Map<String, List<String>> applied() {
        return applied;
    }

    /** A corrected deep copy of {@code methodName}'s result schema. */
    JsonNode correct(String methodName, JsonNode schema) {
        String shortName = methodName.startsWith("Filecoin.") ? methodName.substring("Filecoin.".length())
                : methodName;
        JsonNode copy = schema.deepCopy();
        return rewrite(methodName, shortName, "", copy);
    }

    private JsonNode rewrite(String method, String name, String pointer, JsonNode node) {
        if (!(node instanceof ObjectNode schema)) {
            return node;
        }
        // children first, so that a rewritten node is not walked again
        if (schema.get("properties") instanceof ObjectNode props) {
            for (Map.Entry<String, JsonNode> e : props.properties()) {
                e.setValue(rewrite(method, e.getKey(), pointer + "/" + e.getKey(), e.getValue()));
            }
        }
        if (schema.get("patternProperties") instanceof ObjectNode pattern) {
            for (Map.Entry<String, JsonNode> e : pattern.properties()) {
                e.setValue(rewrite(method, name + "{}", pointer + "/{" + e.getKey() + "}", e.getValue()));
            }
        }
        JsonNode items = schema.get("items");
        if (items instanceof ArrayNode tupleItems && tupleItems.size() == 1) {
            items = tupleItems.get(0);
            schema.set("items", items);
            hit(tuple, method, pointer);
        }
        if (items instanceof ObjectNode) {
            schema.set("items", rewrite(method, name + "[]", pointer + "/[]", items));
        }

        ObjectNode out = schema;
        if (decl.locations.contains(name) && schema.get("properties") instanceof ObjectNode dp
                && !dp.has("SectorFileType")) {
            dp.putObject("SectorFileType").put("type", "number");
            hit(decl, method, pointer);
        }
        if (messageCid.locations.contains(name) && schema.get("properties") instanceof ObjectNode mp
                && !mp.has("CID") && (mp.has("GasFeeCap") || mp.has("Signature"))) {
            mp.set("CID", cidSchema());
            hit(messageCid, method, pointer);
        }
        if (isOpaqueObject(schema) && tipSet.locations.contains(name)) {
            out = name.equals("TipSet") ? tipSetKeySchema() : tipSetSchema();
            hit(tipSet, method, pointer);
        } else if (isType(schema, "string") && "Content Identifier".equals(text(schema, "title"))) {
            out = cidSchema();
            hit(cid, method, pointer);
        } else if (isOpaqueObject(schema) && bigInt.locations.contains(name)) {
            out = stringSchema("^-?(0|[1-9][0-9]*)$");
            hit(bigInt, method, pointer);
        } else if (isOpaqueObject(schema) && address.locations.contains(name)) {
            out = stringSchema(name.equals("NewWorker") ? "^([ft](0[0-9]+|[1-4][a-z2-7]+|410f[a-z2-7]+)|<empty>)$"
                    : "^[ft](0[0-9]+|[1-4][a-z2-7]+|410f[a-z2-7]+)$");
            hit(address, method, pointer);
        } else if (isOpaqueObject(schema) && label.locations.contains(name)) {
            out = stringSchema(null);
            hit(label, method, pointer);
        } else if (isOpaqueObject(schema) && bitField.locations.contains(name)) {
            out = RawRpc.NODES.objectNode().put("type", "array").put("minItems", 1);
            out.putObject("items").put("type", "integer").put("minimum", 0);
            hit(bitField, method, pointer);
        } else if (isType(schema, "array") && randomness.locations.contains(name) && schema.get("items") != null
                && isType(schema.get("items"), "number")) {
            out = stringSchema(BASE64_PATTERN);
            hit(randomness, method, pointer);
        } else if (!fullNode && isType(schema, "array") && uuid.locations.contains(name)
                && schema.path("minItems").asInt() == 16 && schema.path("maxItems").asInt() == 16) {
            out = stringSchema("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
            hit(uuid, method, pointer);
        } else if (isType(schema, "number") && subsystem.locations.contains(name)) {
            out = RawRpc.NODES.objectNode().put("type", "string");
            out.putArray("enum").add("Unknown").add("Mining").add("Sealing").add("SectorStorage");
            hit(subsystem, method, pointer);
        }

        if (out.get("properties") instanceof ObjectNode props && props.size() > 0
                && !out.has("required")) {
            ArrayNode req = out.putArray("required");
            props.fieldNames().forEachRemaining(f -> {
                if (omitEmpty.locations.contains(f)) {
                    hit(omitEmpty, method, pointer + "/" + f);
                } else if (!fullNode && f.equals("Hostname") && jobHostname.locations.contains(method)
                        && props.has("RunWait")) {
                    hit(jobHostname, method, pointer + "/" + f);
                } else {
                    req.add(f);
                }
            });
            hit(required, method, pointer);
        }
        if (nullable.locations.contains(name)) {
            addNull(out);
            hit(nullable, method, pointer);
        }
        return out;
    }

    private void hit(Erratum e, String method, String pointer) {
        e.hits++;
        if (e != required && e != tuple) {
            applied.computeIfAbsent(method, k -> new ArrayList<>()).add((pointer.isEmpty() ? "(result)" : pointer)
                    + " " + e.id);
        }
    }

    private static ObjectNode cidSchema() {
        ObjectNode s = RawRpc.NODES.objectNode().put("type", "object");
        s.putObject("properties").putObject("/").put("type", "string").put("pattern", CID_PATTERN);
        s.putArray("required").add("/");
        s.put("additionalProperties", false);
        return s;
    }

    /** {@code types.TipSetKey}: a non-empty array of CIDs. */
    private static ObjectNode tipSetKeySchema() {
        ObjectNode s = RawRpc.NODES.objectNode().put("type", "array").put("minItems", 1);
        s.set("items", cidSchema());
        return s;
    }

    /** {@code types.TipSet} as Lotus writes it, every block header field required (none is omitempty). */
    private static ObjectNode tipSetSchema() {
        ObjectNode block = RawRpc.NODES.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode p = block.putObject("properties");
        ObjectNode b64 = stringSchema(BASE64_PATTERN);
        ObjectNode num = RawRpc.NODES.objectNode().put("type", "integer");
        ObjectNode big = stringSchema("^-?(0|[1-9][0-9]*)$");
        p.set("Miner", stringSchema("^[ft]0[0-9]+$"));
        p.set("Ticket", object("VRFProof", b64));
        p.set("ElectionProof", object("WinCount", num, "VRFProof", b64));
        p.set("BeaconEntries", array(object("Round", num, "Data", b64)));
        p.set("WinPoStProof", array(object("PoStProof", num, "ProofBytes", b64)));
        p.set("Parents", tipSetKeySchema());
        p.set("ParentWeight", big);
        p.set("Height", num);
        p.set("ParentStateRoot", cidSchema());
        p.set("ParentMessageReceipts", cidSchema());
        p.set("Messages", cidSchema());
        p.set("BLSAggregate", object("Type", num, "Data", b64));
        p.set("Timestamp", num);
        p.set("BlockSig", object("Type", num, "Data", b64));
        p.set("ForkSignaling", num);
        p.set("ParentBaseFee", big);
        ArrayNode req = block.putArray("required");
        p.fieldNames().forEachRemaining(req::add);
        ObjectNode ts = object("Cids", tipSetKeySchema(), "Blocks", array(block), "Height", num);
        ((ObjectNode) ts.get("properties").get("Blocks")).put("minItems", 1);
        return ts;
    }

    private static ObjectNode object(Object... namesAndSchemas) {
        ObjectNode s = RawRpc.NODES.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode p = s.putObject("properties");
        ArrayNode req = s.putArray("required");
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            p.set((String) namesAndSchemas[i], ((ObjectNode) namesAndSchemas[i + 1]).deepCopy());
            req.add((String) namesAndSchemas[i]);
        }
        return s;
    }

    private static ObjectNode array(ObjectNode items) {
        ObjectNode s = RawRpc.NODES.objectNode().put("type", "array");
        s.set("items", items);
        return s;
    }

    private static ObjectNode stringSchema(String pattern) {
        ObjectNode s = RawRpc.NODES.objectNode().put("type", "string");
        if (pattern != null) {
            s.put("pattern", pattern);
        }
        return s;
    }

    /** {@code "type":"object"} (or {@code ["object"]}), {@code "additionalProperties":false} and nothing else. */
    static boolean isOpaqueObject(JsonNode schema) {
        Set<String> keys = new TreeSet<>();
        schema.fieldNames().forEachRemaining(keys::add);
        keys.remove("title");
        return isType(schema, "object") && keys.equals(Set.of("type", "additionalProperties"))
                && schema.get("additionalProperties").isBoolean() && !schema.get("additionalProperties").asBoolean();
    }

    static boolean isType(JsonNode schema, String type) {
        JsonNode t = schema.get("type");
        if (t == null) {
            return false;
        }
        if (t.isTextual()) {
            return t.asText().equals(type);
        }
        return t.isArray() && t.size() == 1 && t.get(0).asText().equals(type);
    }

    private static void addNull(ObjectNode schema) {
        JsonNode t = schema.get("type");
        ArrayNode types = RawRpc.NODES.arrayNode();
        if (t != null && t.isTextual()) {
            types.add(t.asText());
        } else if (t != null && t.isArray()) {
            t.forEach(types::add);
        } else {
            throw new IllegalStateException("cannot make a schema without a type nullable: " + schema);
        }
        boolean hasNull = false;
        for (JsonNode x : types) {
            hasNull |= x.asText().equals("null");
        }
        if (!hasNull) {
            types.add("null");
        }
        schema.set("type", types);
        // "required", "pattern", "items" etc. only constrain instances of their own type, so null passes them
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null ? null : v.asText();
    }
}
