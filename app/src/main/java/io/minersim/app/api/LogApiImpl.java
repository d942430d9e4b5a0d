package io.minersim.app.api;

import io.minersim.rpc.LogApi;
import io.minersim.rpc.types.Alert;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link LogApi} of one node: go-log's levels as the node's state (in memory, as a Lotus process keeps them: a
 * restart starts again from the defaults) and the alerts of a healthy miner.
 *
 * <p>The subsystems are the loggers Lotus's own packages register in a {@code lotus-miner} process (every
 * {@code logging.Logger("…")} of the packages the miner binary links, read from Lotus's source at v1.36), sorted:
 * go-log hands them out in map order, so any order is Lotus's. Loggers of Lotus's dependencies (libp2p, IPFS) are
 * not simulated.
 */
public final class LogApiImpl implements LogApi {

    /** Lotus's own loggers in a lotus-miner process. */
    static final List<String> SUBSYSTEMS = List.of("actors", "advmgr", "alerting", "api_proxy", "backupds",
            "beacon", "blockstore", "build", "build/buildtypes", "builder", "bundle", "chain", "chainindex",
            "chainstore", "chainxchg", "cli", "cliutil", "conngater", "consensus-common", "ctladdr", "disputer",
            "drand", "ethtypes", "events", "f3", "ffiwrapper", "fil-consensus", "fsjournal", "fsutil", "fullnode",
            "gen", "genesis", "healthcheck", "hello", "httpreader", "incrt", "lotus-miner", "lotus-tracer",
            "market_adapter", "messagepool", "messagesigner", "metrics", "miner", "modules", "node", "node/eth",
            "node/gasutils", "p2pnode", "panic-reporter", "partialfile", "pathresolv", "paych",
            "payment-channel-settler", "peermgr", "preseal", "rand", "repo", "resources", "retry", "rpc", "rpcenc",
            "sectors", "slashsvc", "splitstore", "sqlite", "statemgr", "statetree", "storageminer", "stores", "sub",
            "system", "tarutil", "tracing", "types", "ulimit", "vm", "wallet", "wallet-ledger", "watchdog",
            "wdpost");

    /** zap's level names (lower case; zap also takes them in any case), and the empty name for info. */
    private static final Map<String, String> LEVELS = Map.of("debug", "debug", "info", "info", "", "info",
            "warn", "warn", "warning", "warn", "error", "error", "dpanic", "dpanic", "panic", "panic", "fatal",
            "fatal");

    /** lotus-miner's start-up level for every logger ({@code lotuslog.SetupLogLevels}: info). */
    private static final String DEFAULT_LEVEL = "info";

    private final Map<String, String> levels = new TreeMap<>();
    private String defaultLevel = DEFAULT_LEVEL;

    public LogApiImpl() {
        for (String s : SUBSYSTEMS) {
            levels.put(s, DEFAULT_LEVEL);
        }
    }

    @Override
    public List<String> logList() {
        return SUBSYSTEMS;
    }

    @Override
    public synchronized void logSetLevel(String subsystem, String level) {
        String lvl = parse(level);
        if ("*".equals(subsystem)) {
            levels.replaceAll((k, v) -> lvl);
            defaultLevel = lvl;
            return;
        }
        levels.put(subsystem == null ? "" : subsystem, lvl);
    }

    /** The level a subsystem logs at: its own, or the default for a logger never set. */
    public synchronized String level(String subsystem) {
        return levels.getOrDefault(subsystem, defaultLevel);
    }

    /** zap's {@code Level.UnmarshalText}: the name as given, then lower-cased; else Go's error. */
    private static String parse(String level) {
        String text = level == null ? "" : level;
        String lvl = LEVELS.get(text);
        if (lvl == null) {
            lvl = LEVELS.get(text.toLowerCase(Locale.ROOT));
        }
        if (lvl == null) {
            throw new IllegalArgumentException("unrecognized level: " + GoQuote.quote(text));
        }
        return lvl;
    }

    /**
     * The alerts Lotus registers on a miner ({@code node/modules/alerts.go}): the FD-limit check always adds its
     * type, raised only when the soft limit is below the miner's minimum; minersim's simulated process has no such
     * shortage, so it is listed, not active. The UDP-buffer and FVM-concurrency checks add a type only when they
     * raise it.
     */
    @Override
    public List<Alert> logAlerts() {
        return List.of(new Alert(new Alert.Type("process", "fd-limit"), false, null, null));
    }
}
