package io.minersim.app.scenario;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import io.minersim.app.scenario.ScenarioException.Problem;
import io.minersim.app.scenario.ScheduledEvent.Kind;
import io.minersim.sealing.FailureRule;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SealingConfig;
import io.minersim.sealing.SectorSeed;
import io.minersim.sealing.SectorSeeder;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.StageDurations;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.DealInfo;
import io.minersim.sealing.piece.DealProposal;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.piece.PieceActivationManifest;
import io.minersim.sealing.piece.VerifiedAllocationKey;
import io.minersim.sealing.workers.WorkerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a scenario file (JSON, or YAML: {@code .yaml}/{@code .yml}, or any text not starting with
 * <code>{</code>), checks it against {@code scenario.schema.json} and then against the simulator's
 * rules, and builds the {@link Scenario}. Every problem is reported at once, each with the JSON path of
 * the field at fault; an invalid scenario gives a {@link ScenarioException} and nothing else.
 *
 * <p>The rules beyond the schema: state names are Lotus's; a state must be one a sector can be seeded
 * in (with deals, or without); deal pieces must be valid deals and fit in the sector; sector numbers
 * and deal IDs are not used twice; an event is not scheduled before the chain's start epoch, names
 * sectors the scenario has, and has the fields its kind needs; knobs must be consistent
 * (MinCommitBatch ≤ MaxCommitBatch, …).
 */
public final class ScenarioLoader {
    /** The schema, in app's resources. */
    public static final String SCHEMA_RESOURCE = "/io/minersim/app/scenario/scenario.schema.json";
    /** The most sectors a scenario may seed. */
    static final long MAX_SECTORS = 10_000_000;
    /** The first deal ID of generated deals, unless {@code dealIdStart} says otherwise. */
    static final long DEFAULT_DEAL_ID_START = 1000;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final ObjectMapper YAML = new YAMLMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Pattern BYTES = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*(B|KiB|MiB|GiB|TiB|PiB|)");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ns|us|µs|ms|s|m|h)");

    private static volatile Schema schema;

    private static final Pattern NUMBERED = Pattern.compile("\\d+|\\D+");

    /** Paths in document order: {@code [2]} before {@code [10]}. */
    static final Comparator<String> PATH_ORDER = (a, b) -> {
        Matcher x = NUMBERED.matcher(a);
        Matcher y = NUMBERED.matcher(b);
        while (x.find() && y.find()) {
            String u = x.group();
            String v = y.group();
            boolean digits = Character.isDigit(u.charAt(0)) && Character.isDigit(v.charAt(0));
            int c = digits ? Long.compare(Long.parseLong(u), Long.parseLong(v)) : u.compareTo(v);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length(), b.length());
    };

    private ScenarioLoader() {
    }

    /** Reads and checks a scenario file. */
    public static Scenario load(Path file) {
        return fromFile(file, ScenarioLoader::parse);
    }

    /** Reads and checks a scenario given as text, JSON or YAML. */
    public static Scenario parse(String text) {
        return parse(text, "<inline>", !looksLikeJson(text));
    }

    /**
     * Reads and checks a scenario file that describes one miner ({@code miner}) or a fleet
     * ({@code miners}): one scenario per miner, in order, sharing the file's profile, seed and clock.
     * A fleet miner without an {@code actor} is {@code f01000} + its index.
     */
    public static List<Scenario> loadFleet(Path file) {
        return fromFile(file, ScenarioLoader::parseFleet);
    }

    /** How a document is read: its text, the name problems are reported under, and whether it is YAML. */
    @FunctionalInterface
    private interface DocumentReader<T> {
        T read(String text, String source, boolean yaml);
    }

    /** Reads a file and hands it to {@code reader}: YAML by its name, or when the text is not JSON. */
    private static <T> T fromFile(Path file, DocumentReader<T> reader) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(name, List.of(new Problem("$", "cannot read the file: " + e.getMessage())));
        }
        String lower = name.toLowerCase(Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml")
                || (!lower.endsWith(".json") && !looksLikeJson(text));
        return reader.read(text, name, yaml);
    }

    /** {@link #loadFleet} for text, JSON or YAML. */
    public static List<Scenario> parseFleet(String text) {
        return parseFleet(text, "<inline>", !looksLikeJson(text));
    }

    private static List<Scenario> parseFleet(String text, String source, boolean yaml) {
        JsonNode tree = tree(text, source, yaml);
        if (!tree.has("miners")) {
            return List.of(new Reader(source, tree).read());
        }
        Set<Problem> problems = new LinkedHashSet<>();
        List<Scenario> out = new ArrayList<>();
        if (tree.has("miner")) {
            problems.add(new Problem("$.miners", "give one miner under \"miner\", or a fleet under \"miners\", not both"));
        }
        JsonNode miners = tree.get("miners");
        if (miners.isEmpty()) {
            problems.add(new Problem("$.miners", "a fleet has at least one miner"));
        }
        Map<Long, Integer> actors = new HashMap<>();
        for (int i = 0; i < miners.size(); i++) {
            try {
                Scenario sc = new Reader(source, tree, miners.get(i), "$.miners[" + i + "]", i).read();
                Integer other = actors.putIfAbsent(sc.minerConfig().actorId(), i);
                if (other != null) {
                    problems.add(new Problem("$.miners[" + i + "].actor", "actor " + sc.minerConfig().actorAddress()
                            + " is also $.miners[" + other + "]'s"));
                }
                out.add(sc);
            } catch (ScenarioException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparing(Problem::path, PATH_ORDER));
            throw new ScenarioException(source, sorted);
        }
        return List.copyOf(out);
    }

    private static boolean looksLikeJson(String text) {
        return text.stripLeading().startsWith("{");
    }

    static Scenario parse(String text, String source, boolean yaml) {
        JsonNode tree = tree(text, source, yaml);
        if (tree.has("miners")) {
            throw new ScenarioException(source, List.of(new Problem("$.miners", tree.has("miner")
                    ? "give one miner under \"miner\", or a fleet under \"miners\", not both"
                    : "a fleet of miners: start it with minersim run --scenario")));
        }
        return new Reader(source, tree).read();
    }

    /** The document, checked against the schema. */
    private static JsonNode tree(String text, String source, boolean yaml) {
        JsonNode tree;
        try {
            tree = (yaml ? YAML : JSON).readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new ScenarioException(source, List.of(new Problem("$", "not valid " + (yaml ? "YAML" : "JSON")
                    + ": " + e.getOriginalMessage() + where)));
        }
        if (tree == null || !tree.isObject()) {
            throw new ScenarioException(source, List.of(new Problem("$", "a scenario is an object (a mapping)")));
        }
        List<Problem> problems = schemaProblems(tree);
        if (!problems.isEmpty()) {
            throw new ScenarioException(source, problems);
        }
        return tree;
    }

    /** What the schema says of the document, one problem per field, in path order. */
    static List<Problem> schemaProblems(JsonNode tree) {
        List<com.networknt.schema.Error> messages = schema().validate(tree);
        Set<Problem> out = new LinkedHashSet<>();
        messages.stream().map(m -> {
            String path = m.getInstanceLocation().toString();
            String keyword = m.getKeyword();
            if (("required".equals(keyword) || "additionalProperties".equals(keyword)) && m.getProperty() != null) {
                path = path + "." + m.getProperty();
            }
            String why = switch (keyword) {
                case "required" -> "is required";
                case "additionalProperties" -> "is not a field of this object";
                default -> m.getMessage();
            };
            return new Problem(path, why);
        }).sorted(Comparator.comparing(Problem::path, PATH_ORDER).thenComparing(Problem::message)).forEach(out::add);
        return List.copyOf(out);
    }

    private static Schema schema() {
        Schema s = schema;
        if (s == null) {
            try (InputStream in = ScenarioLoader.class.getResourceAsStream(SCHEMA_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + SCHEMA_RESOURCE + " is missing");
                }
                JsonNode node = JSON.readTree(in);
                SchemaRegistryConfig config = SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH)
                        .locale(Locale.ENGLISH).failFast(false).build();
                s = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                        b -> b.schemaRegistryConfig(config)).getSchema(node);
                schema = s;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return s;
    }

    /**
     * Parses a Go duration ({@code 1h30m}, {@code 250ms}, {@code 0}), as Lotus's config and the scenario files
     * write them (and {@code minersim run --block-time}).
     */
    /** A size in bytes: a plain number, or one with a unit ({@code 4TiB}, {@code 512GiB}, {@code 1.5PiB}). */
    public static long parseBytes(String text) {
        Matcher m = BYTES.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size such as 4TiB or 1000000: '" + text + "'");
        }
        int shift = switch (m.group(2)) {
            case "", "B" -> 0;
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            case "TiB" -> 40;
            default -> 50;
        };
        java.math.BigDecimal v = new java.math.BigDecimal(m.group(1)).multiply(java.math.BigDecimal.valueOf(2)
                .pow(shift));
        if (v.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("too large: '" + text + "'");
        }
        return v.longValue();
    }

    public static Duration parseDuration(String text) {
        if ("0".equals(text)) {
            return Duration.ZERO;
        }
        Matcher m = DURATION.matcher(text);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find() && m.start() == end) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ns" -> Duration.ofNanos(n);
                case "us", "µs" -> Duration.ofNanos(n * 1000);
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            end = m.end();
        }
        if (end != text.length() || end == 0) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 30s, 1h30m, 250ms)");
        }
        return total;
    }

    /** The semantic pass over a document the schema accepts. */
    private static final class Reader implements SectionReader {
        private final String source;
        private final JsonNode root;
        private final List<Problem> problems = new ArrayList<>();
        /** The miner read, its JSON path, and its index in a fleet (-1 for a single miner). */
        private final JsonNode minerNode;
        private final String minerPath;
        private final int fleetIndex;

        Reader(String source, JsonNode root) {
            this(source, root, root.path("miner"), "$.miner", -1);
        }

        Reader(String source, JsonNode root, JsonNode minerNode, String minerPath, int fleetIndex) {
            this.source = source;
            this.root = root;
            this.minerNode = minerNode;
            this.minerPath = minerPath;
            this.fleetIndex = fleetIndex;
        }

        @Override
        public void problem(String path, String message) {
            problems.add(new Problem(path, message));
        }

        Scenario read() {
            Profile profile = root.has("profile") ? Profile.parse(root.get("profile").asText()) : Profile.DEVNET;
            long seed = longValue(root.path("seed"), "$.seed", 0);
            JsonNode clock = root.path("clock");
            Boolean manual = clock.has("mode") ? "manual".equals(clock.get("mode").asText()) : null;
            Duration blockTime = null;
            if (clock.has("blockTime")) {
                blockTime = parseDuration(clock.get("blockTime").asText());
                if (blockTime.isZero()) {
                    problem("$.clock.blockTime", "a real clock's block time must be positive");
                }
            }
            long startEpoch = longValue(clock.path("startEpoch"), "$.clock.startEpoch", 0);
            JsonNode miner = minerNode;
            MinerConfig config = MinerConfig.of(profile).withSeed(seed);
            if (fleetIndex >= 0) {
                config = config.withActorId(MinerConfig.DEFAULT_ACTOR_ID + fleetIndex);
            }
            if (miner.has("actor")) {
                config = config.withActorId(MinerConfig.parseActor(miner.get("actor").asText()));
            }
            if (miner.has("sectorSize")) {
                config = config.withSectorSize(SectorSize.parse(miner.get("sectorSize").asText()));
            }
            config = config.withSealing(sealing(profile.sealing(), miner.path("sealing")))
                    .withStages(stages(profile.stages(), miner.path("stages")));
            long dealIdStart = longValue(miner.path("dealIdStart"), minerPath + ".dealIdStart", DEFAULT_DEAL_ID_START);

            Map<Long, String> dealIds = new HashMap<>();
            List<SectorSeed> sectors = sectors(config, miner.path("sectors"), dealIds);
            List<Scenario.CountGroup> counts = counts(config, miner.path("counts"));
            long total = sectors.size();
            long generated = 0;
            for (Scenario.CountGroup g : counts) {
                total += g.count();
                generated += g.count() * g.deals();
            }
            if (total > MAX_SECTORS) {
                problem(minerPath + ".counts", "the scenario seeds " + total + " sectors; at most " + MAX_SECTORS);
            }
            if (generated > 0) {
                for (Map.Entry<Long, String> e : dealIds.entrySet()) {
                    if (e.getKey() >= dealIdStart && e.getKey() < dealIdStart + generated) {
                        problem(e.getValue(), "deal ID " + e.getKey() + " is also one of the " + generated
                                + " generated for counted sectors (from dealIdStart " + dealIdStart + ")");
                    }
                }
            }
            long[] explicit = sectors.stream().mapToLong(SectorSeed::number).filter(n -> n >= 0).sorted().toArray();
            List<ScheduledEvent> events = events(miner.path("events"), startEpoch, explicit,
                    total - sectors.stream().filter(s -> s.number() >= 0).count());
            io.minersim.sealing.storage.StorageOp.Configure storage = miner.has("storage")
                    ? StorageSection.read(this, config, miner.path("storage"), minerPath) : null;
            List<WorkerSpec> workers = WorkerSection.read(this, miner.path("workers"), minerPath);
            if (!problems.isEmpty()) {
                problems.sort(Comparator.comparing(Problem::path, PATH_ORDER));
                throw new ScenarioException(source, problems);
            }
            return new Scenario(source, profile, config, manual, blockTime, startEpoch, dealIdStart, sectors, counts,
                    events, storage, workers);
        }

        @Override
        public long longValue(JsonNode node, String path, long absent) {
            if (node.isMissingNode()) {
                return absent;
            }
            if (!node.canConvertToLong()) {
                problem(path, "out of range: " + node.asText());
                return absent;
            }
            return node.asLong();
        }

        private int intValue(JsonNode node, String path, int absent) {
            long v = longValue(node, path, absent);
            if (v > Integer.MAX_VALUE) {
                problem(path, "out of range: " + v);
                return absent;
            }
            return (int) v;
        }

        private SectorState state(JsonNode node, String path) {
            String name = node.asText();
            Optional<SectorState> s = SectorState.byName(name);
            if (s.isEmpty()) {
                problem(path, "unknown sector state \"" + name + "\" (Lotus's state names are case-sensitive, e.g."
                        + " Proving, WaitDeals, SealPreCommit1Failed)");
            }
            return s.orElse(null);
        }

        private SealingConfig sealing(SealingConfig defaults, JsonNode node) {
            SealingConfig.Builder b = defaults.toBuilder();
            String at = minerPath + ".sealing.";
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                JsonNode v = e.getValue();
                String path = at + e.getKey();
                switch (e.getKey()) {
                    case "MaxWaitDealsSectors" -> b.maxWaitDealsSectors = intValue(v, path, 0);
                    case "MaxSealingSectors" -> b.maxSealingSectors = intValue(v, path, 0);
                    case "MaxSealingSectorsForDeals" -> b.maxSealingSectorsForDeals = intValue(v, path, 0);
                    case "WaitDealsDelay" -> b.waitDealsDelay = parseDuration(v.asText());
                    case "MakeCCSectorsAvailable" -> b.makeCCSectorsAvailable = v.asBoolean();
                    case "CommittedCapacitySectorLifetime" -> b.committedCapacitySectorLifetime =
                            parseDuration(v.asText());
                    case "StartEpochSealingBuffer" -> b.startEpochSealingBuffer = longValue(v, path, 0);
                    case "MaxPreCommitBatch" -> b.maxPreCommitBatch = intValue(v, path, 1);
                    case "PreCommitBatchWait" -> b.preCommitBatchWait = parseDuration(v.asText());
                    case "PreCommitBatchSlack" -> b.preCommitBatchSlack = parseDuration(v.asText());
                    case "MinCommitBatch" -> b.minCommitBatch = intValue(v, path, 1);
                    case "MaxCommitBatch" -> b.maxCommitBatch = intValue(v, path, 1);
                    case "CommitBatchWait" -> b.commitBatchWait = parseDuration(v.asText());
                    case "CommitBatchSlack" -> b.commitBatchSlack = parseDuration(v.asText());
                    case "TerminateBatchMin" -> b.terminateBatchMin = intValue(v, path, 1);
                    case "TerminateBatchMax" -> b.terminateBatchMax = intValue(v, path, 1);
                    case "TerminateBatchWait" -> b.terminateBatchWait = parseDuration(v.asText());
                    case "MinRetryTime" -> b.minRetryTime = parseDuration(v.asText());
                    default -> problem(path, "not a sealing knob");
                }
            }
            try {
                return b.build();
            } catch (InvalidInputException e) {
                problem(at + e.argument(), e.getMessage());
                return defaults;
            }
        }

        private StageDurations stages(StageDurations d, JsonNode node) {
            long[] v = {d.addPiece(), d.packing(), d.getTicket(), d.preCommit1(), d.preCommit2(), d.committing(),
                d.finalizeSector(), d.replicaUpdate(), d.proveReplicaUpdate(), d.finalizeReplicaUpdate(),
                d.releaseSectorKey(), d.removing()};
            List<String> names = List.of("AddPiece", "Packing", "GetTicket", "PreCommit1", "PreCommit2", "Committing",
                    "FinalizeSector", "ReplicaUpdate", "ProveReplicaUpdate", "FinalizeReplicaUpdate",
                    "ReleaseSectorKey", "Removing");
            for (int i = 0; i < v.length; i++) {
                v[i] = longValue(node.path(names.get(i)), minerPath + ".stages." + names.get(i), v[i]);
            }
            return new StageDurations(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11]);
        }

        private List<SectorSeed> sectors(MinerConfig config, JsonNode list, Map<Long, String> dealIds) {
            List<SectorSeed> out = new ArrayList<>();
            Map<Long, String> numbers = new HashMap<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode s = list.get(i);
                String path = minerPath + ".sectors[" + i + "]";
                SectorState state = state(s.get("state"), path + ".state");
                long number = longValue(s.path("number"), path + ".number", SectorSeed.NEXT);
                if (number >= 0) {
                    String first = numbers.putIfAbsent(number, path);
                    if (first != null) {
                        problem(path + ".number", "sector " + number + " is already named at " + first);
                    }
                }
                List<Piece> pieces = new ArrayList<>();
                JsonNode ps = s.path("pieces");
                for (int k = 0; k < ps.size(); k++) {
                    Piece p = piece(config, ps.get(k), path + ".pieces[" + k + "]", dealIds);
                    if (p != null) {
                        pieces.add(p);
                    }
                }
                if (state == null || pieces.size() != ps.size()) {
                    continue;
                }
                SectorSeed seed = new SectorSeed(number, state, pieces, s.has("error") ? s.get("error").asText() : null,
                        longValue(s.path("age"), path + ".age", 0), s.path("faulty").asBoolean(false));
                try {
                    SectorSeeder.validate(seed, config.sectorSize());
                    out.add(seed);
                } catch (InvalidInputException e) {
                    problem(path + seedField(e.argument()), e.getMessage());
                }
            }
            return out;
        }

        /** The scenario field of a {@link SectorSeeder#validate} argument: State, Pieces, Pieces[k].…. */
        private static String seedField(String argument) {
            if (argument.startsWith("Pieces[")) {
                return ".pieces" + argument.substring("Pieces".length(), argument.indexOf(']') + 1);
            }
            return "." + argument.substring(0, 1).toLowerCase(Locale.ROOT) + argument.substring(1);
        }

        private Piece piece(MinerConfig config, JsonNode p, String path, Map<Long, String> dealIds) {
            long size = longValue(p.path("size"), path + ".size", 0);
            if (size < 128 || Long.bitCount(size) != 1) {
                problem(path + ".size", "a padded piece size is a power of two ≥ 128, not " + size);
                return null;
            }
            if (size > config.sectorSize().bytes()) {
                problem(path + ".size", "a " + size + "-byte piece does not fit in a " + config.sectorSize() + " sector");
                return null;
            }
            long start = longValue(p.path("startEpoch"), path + ".startEpoch", 1);
            long end = longValue(p.path("endEpoch"), path + ".endEpoch", 1);
            if (end <= start) {
                problem(path + ".endEpoch", "the deal ends (" + end + ") before it starts (" + start + ")");
                return null;
            }
            Cid cid;
            if (p.has("pieceCid")) {
                try {
                    cid = Cid.parse(p.get("pieceCid").asText());
                } catch (RuntimeException e) {
                    problem(path + ".pieceCid", "not a CID: " + e.getMessage());
                    return null;
                }
                if (!cid.isUnsealedCommitment()) {
                    problem(path + ".pieceCid", "not a piece commitment (commP): " + cid);
                    return null;
                }
            } else {
                cid = derivedPieceCid(config.seed(), path);
            }
            boolean verified = p.path("verified").asBoolean(false);
            String client = p.path("client").asText("f01234");
            DealInfo deal;
            if (p.has("dealId")) {
                long id = longValue(p.get("dealId"), path + ".dealId", 1);
                String first = dealIds.putIfAbsent(id, path + ".dealId");
                if (first != null) {
                    problem(path + ".dealId", "deal " + id + " is already at " + first);
                }
                if (p.has("allocationId")) {
                    problem(path + ".allocationId", "a market deal (dealId) has no allocation; drop one of the two");
                }
                DealProposal proposal = new DealProposal(cid, size, verified, client, config.actorAddress(),
                        p.path("label").asText(""), start, end, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);
                Cid publish = Cid.dagCborBlake2b256(("minersim/scenario/publish/" + id).getBytes(StandardCharsets.UTF_8));
                deal = new DealInfo(publish, id, proposal, null, start, end, true);
            } else {
                VerifiedAllocationKey allocation = null;
                if (p.has("allocationId")) {
                    allocation = new VerifiedAllocationKey(MinerConfig.parseActor(client),
                            longValue(p.get("allocationId"), path + ".allocationId", 1));
                } else if (verified) {
                    problem(path + ".verified", "a verified DDO piece needs its allocationId");
                }
                deal = new DealInfo(null, 0, null, new PieceActivationManifest(cid, size, allocation, List.of()), start,
                        end, true);
            }
            try {
                deal.validate();
            } catch (InvalidInputException e) {
                problem(path, e.getMessage());
                return null;
            }
            return new Piece(size, cid, deal);
        }

        private static Cid derivedPieceCid(long seed, String path) {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(("minersim/scenario/piece/" + path).getBytes(StandardCharsets.UTF_8));
                sha.update(ByteBuffer.allocate(8).putLong(seed).array());
                byte[] commP = sha.digest();
                commP[31] &= 0x3f;
                return Cid.unsealedCommitment(commP);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK has no SHA-256", e);
            }
        }

        private List<Scenario.CountGroup> counts(MinerConfig config, JsonNode list) {
            List<Scenario.CountGroup> out = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode g = list.get(i);
                String path = minerPath + ".counts[" + i + "]";
                SectorState state = state(g.get("state"), path + ".state");
                long count = longValue(g.path("count"), path + ".count", 0);
                int deals = intValue(g.path("deals"), path + ".deals", 0);
                if (deals > config.sectorSize().maxDealsPerSector()) {
                    problem(path + ".deals", "a " + config.sectorSize() + " sector holds at most "
                            + config.sectorSize().maxDealsPerSector() + " deals");
                    continue;
                }
                if (deals > 0 && config.sectorSize().bytes() / Long.highestOneBit(2L * deals - 1) < 128) {
                    problem(path + ".deals", deals + " equal pieces do not fit in a " + config.sectorSize() + " sector");
                    continue;
                }
                boolean verified = g.path("verified").asBoolean(false);
                if (verified && deals == 0) {
                    problem(path + ".verified", "verified applies to deals: give deals too");
                }
                if (state == null) {
                    continue;
                }
                Optional<String> why = SectorSeeder.whyNotSeedable(state, deals > 0);
                if (why.isPresent()) {
                    problem(path + (deals > 0 && SectorSeeder.whyNotSeedable(state, false).isEmpty() ? ".deals"
                            : ".state"), why.get());
                    continue;
                }
                boolean faulty = g.path("faulty").asBoolean(false);
                if (faulty) {
                    try {
                        SectorSeeder.validate(SectorSeed.of(state).withFaulty(true), config.sectorSize());
                    } catch (InvalidInputException e) {
                        problem(path + ".faulty", e.getMessage());
                        continue;
                    }
                }
                out.add(new Scenario.CountGroup(path, state, count, deals, verified,
                        longValue(g.path("age"), path + ".age", 0), longValue(g.path("ageSpread"), path + ".ageSpread", 0),
                        g.has("error") ? g.get("error").asText() : null, faulty));
            }
            return out;
        }

        /** The fault states Lotus never reaches by itself: an event choosing sectors in one is an old file's. */
        private static final Set<SectorState> FAULT_STATES = Set.of(SectorState.Faulty, SectorState.FaultReported,
                SectorState.FaultedFinal);

        /** Which fields each kind of event takes (besides kind and epoch). */
        private static final Map<Kind, Set<String>> EVENT_FIELDS = Map.of(
                Kind.FAULT, Set.of("sectors", "state", "count", "declared"),
                Kind.RECOVER, Set.of("sectors", "state", "count"),
                Kind.TERMINATE, Set.of("sectors", "state", "count"),
                Kind.FAILURE, Set.of("state", "count", "sector", "error"),
                Kind.PLEDGE, Set.of("count"),
                Kind.EXPIRE_DEALS, Set.of("deals"),
                Kind.MISS_POST, Set.of("deadline", "partitions"),
                Kind.WORKER_OFFLINE, Set.of("worker"),
                Kind.WORKER_ONLINE, Set.of("worker"));

        private List<ScheduledEvent> events(JsonNode list, long startEpoch, long[] explicit, long counted) {
            List<ScheduledEvent> out = new ArrayList<>();
            long pledged = 0;
            List<java.util.function.LongConsumer> sectorChecks = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                JsonNode e = list.get(i);
                String path = minerPath + ".events[" + i + "]";
                Kind kind = Kind.of(e.get("kind").asText());
                long epoch = longValue(e.path("epoch"), path + ".epoch", startEpoch);
                if (epoch < startEpoch) {
                    problem(path + ".epoch", "epoch " + epoch + " is before the chain's start epoch " + startEpoch
                            + ": it would be in the past");
                }
                for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
                    String f = it.next();
                    if (!f.equals("kind") && !f.equals("epoch") && !EVENT_FIELDS.get(kind).contains(f)) {
                        problem(path + "." + f, "a " + kind.wire() + " event has no " + f);
                    }
                }
                List<Long> sectors = new ArrayList<>();
                for (int k = 0; k < e.path("sectors").size(); k++) {
                    long n = e.get("sectors").get(k).asLong();
                    sectors.add(n);
                    String at = path + ".sectors[" + k + "]";
                    sectorChecks.add(seeded -> checkSector(at, n, explicit, seeded));
                }
                SectorState state = e.has("state") ? state(e.get("state"), path + ".state") : null;
                int count = intValue(e.path("count"), path + ".count", 0);
                Long sector = e.has("sector") ? e.get("sector").asLong() : null;
                List<Long> deals = new ArrayList<>();
                e.path("deals").forEach(d -> deals.add(d.asLong()));
                switch (kind) {
                    case FAULT, RECOVER, TERMINATE -> {
                        if (kind != Kind.TERMINATE && state != null && FAULT_STATES.contains(state)) {
                            problem(path + ".state", "sectors are no longer " + state + " when faulty: faults live on"
                                    + " chain and a faulty sector stays Proving, as in Lotus; choose \"state\": \"Proving\"");
                        }
                        boolean byNumber = e.has("sectors");
                        boolean byState = e.has("count") || e.has("state");
                        if (byNumber == byState) {
                            problem(path, "name the sectors either by number (sectors) or by state and count, not "
                                    + (byNumber ? "both" : "neither"));
                        } else if (byState && (!e.has("count") || !e.has("state"))) {
                            problem(path + (e.has("count") ? ".state" : ".count"), "choosing sectors by state needs"
                                    + " both state and count");
                        } else if (byNumber && sectors.isEmpty()) {
                            problem(path + ".sectors", "names no sector");
                        }
                    }
                    case FAILURE -> {
                        if (!e.has("state")) {
                            problem(path + ".state", "is required: the state whose work fails");
                        } else if (state != null) {
                            try {
                                new FailureRule(state, sector, Math.max(1, count), null);
                            } catch (InvalidInputException ex) {
                                problem(path + "." + ex.argument().toLowerCase(Locale.ROOT), ex.getMessage());
                            }
                        }
                        if (sector != null) {
                            long n = sector;
                            sectorChecks.add(seeded -> checkSector(path + ".sector", n, explicit, seeded));
                        }
                    }
                    case PLEDGE -> {
                        if (!e.has("count")) {
                            problem(path + ".count", "is required: how many sectors to pledge");
                        }
                        pledged += count;
                    }
                    case EXPIRE_DEALS -> {
                        if (deals.isEmpty()) {
                            problem(path + ".deals", "names no deal");
                        }
                    }
                    case MISS_POST -> {
                        if (!e.has("deadline")) {
                            problem(path + ".deadline", "is required: the deadline whose next PoSt is missed");
                        }
                    }
                    case WORKER_OFFLINE, WORKER_ONLINE -> {
                        if (!e.has("worker")) {
                            problem(path + ".worker", "is required: the worker's hostname or id");
                        }
                    }
                }
                List<Long> partitions = new ArrayList<>();
                e.path("partitions").forEach(p -> partitions.add(p.asLong()));
                out.add(new ScheduledEvent(path, epoch, kind, sectors, state, count, e.path("declared").asBoolean(true),
                        sector, e.has("error") ? e.get("error").asText() : null, deals, e.path("deadline").asInt(0),
                        partitions, e.has("worker") ? e.get("worker").asText() : null));
            }
            long seededOrPledged = counted + pledged;
            sectorChecks.forEach(check -> check.accept(seededOrPledged));
            out.sort(Comparator.comparingLong(ScheduledEvent::epoch));
            return out;
        }

        /**
         * A sector an event names must be one the scenario seeds or pledges: a named number, or one of
         * the lowest numbers the named ones leave free (counted sectors, then pledges take those).
         */
        private void checkSector(String path, long n, long[] explicit, long numbered) {
            if (Arrays.binarySearch(explicit, n) >= 0) {
                return;
            }
            long below = 0;
            for (long x : explicit) {
                below += x < n ? 1 : 0;
            }
            if (n - below >= numbered) {
                problem(path, "sector " + n + " is not one the scenario seeds or pledges");
            }
        }
    }

}
