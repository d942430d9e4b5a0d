package io.minersim.app.testing;

import io.minersim.app.node.MinerNode;
import io.minersim.app.scenario.Scenario;
import io.minersim.app.scenario.ScenarioLoader;
import io.minersim.rpc.MinerClient;
import io.minersim.rpc.Permission;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SealingConfig;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.chain.SimulatedChainClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A simulated Lotus miner started in-process for a test: the full JSON-RPC endpoint on
 * {@code 127.0.0.1} and a free port, a manual chain clock the test moves, and the tokens and typed
 * client to talk to it. {@link #close()} stops it and frees the port.
 *
 * <pre>{@code
 * try (MinerSimulator sim = MinerSimulator.builder().scenario(Path.of("scenarios/miner-in-trouble.yaml")).start()) {
 *     MinerClient client = sim.client();
 *     sim.advance(10);
 *     client.miner().sectorsSummary();
 * }
 * }</pre>
 *
 * <p>The same scenario, seed and calls give byte-identical answers: the clock moves only when the
 * test moves it.
 */
public final class MinerSimulator implements AutoCloseable {
    private final MinerNode node;
    private final String readToken;
    private volatile MinerClient client;
    private io.minersim.app.fullnode.FullNode fullNode;
    private io.minersim.rpc.FullNodeClient fullNodeClient;

    private MinerSimulator(MinerNode node) {
        this.node = node;
        this.readToken = node.token(Permission.READ);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How the simulator starts: devnet, {@code f01000}, 32 GiB sectors, seed 0 and a manual clock unless told or the scenario names its clock. */
    public static final class Builder {
        private Scenario scenario;
        private Profile profile;
        private Long seed;
        private String actor;
        private SectorSize sectorSize;
        private SealingConfig sealing;
        private Boolean manualClock;
        private Duration blockTime;

        private Builder() {
        }

        /** Starts from a scenario file (JSON or YAML); an invalid one fails {@link #start()}'s caller here. */
        public Builder scenario(Path file) {
            this.scenario = ScenarioLoader.load(file);
            return this;
        }

        /** Starts from a scenario given as JSON or YAML text. */
        public Builder scenario(String text) {
            this.scenario = ScenarioLoader.parse(text);
            return this;
        }

        /** Starts from a scenario already loaded. */
        public Builder scenario(Scenario s) {
            this.scenario = s;
            return this;
        }

        /** The seed of every simulated value (overrides the scenario's). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** {@code devnet} or {@code mainnet} (without a scenario). */
        public Builder profile(Profile p) {
            this.profile = p;
            return this;
        }

        /** The miner actor, e.g. {@code f01000} (without a scenario). */
        public Builder actor(String address) {
            this.actor = address;
            return this;
        }

        /** The sector size (without a scenario). */
        public Builder sectorSize(SectorSize size) {
            this.sectorSize = size;
            return this;
        }

        /** The sealing knobs: batch sizes and waits, sealing limits (without a scenario). */
        public Builder sealing(SealingConfig knobs) {
            this.sealing = knobs;
            return this;
        }

        /**
         * A real clock instead of the manual one: one epoch per {@code blockTime} of wall time. The
         * clock methods of the simulator then fail.
         */
        public Builder realClock(Duration blockTime) {
            this.manualClock = false;
            this.blockTime = blockTime;
            return this;
        }

        /** Starts the simulator. */
        public MinerSimulator start() throws Exception {
            if (scenario != null && (profile != null || actor != null || sectorSize != null || sealing != null)) {
                throw new IllegalStateException("a scenario names the miner: profile, actor, sector size and sealing"
                        + " knobs cannot be set as well");
            }
            MinerNode.Builder b = MinerNode.builder();
            MinerConfig config;
            if (scenario != null) {
                b.scenario(scenario);
                config = scenario.minerConfig();
            } else {
                Profile p = profile == null ? Profile.DEVNET : profile;
                b.profile(p);
                config = MinerConfig.of(p);
                if (actor != null) {
                    config = config.withActorId(MinerConfig.parseActor(actor));
                }
                if (sectorSize != null) {
                    config = config.withSectorSize(sectorSize);
                }
                if (sealing != null) {
                    config = config.withSealing(sealing);
                }
            }
            if (seed != null) {
                config = config.withSeed(seed);
            }
            b.config(config).listen("127.0.0.1", 0);
            if (manualClock != null) {
                b.manualClock(manualClock);
            } else if (scenario == null || scenario.manualClock() == null) {
                b.manualClock(true); // a test drives time unless asked otherwise or the scenario names its clock
            }
            if (blockTime != null) {
                b.blockTime(blockTime);
            }
            return new MinerSimulator(b.start());
        }
    }

    /** The JSON-RPC endpoint, {@code http://127.0.0.1:PORT/rpc/v0}. */
    public URI url() {
        return node.httpUri();
    }

    /** The same endpoint over WebSocket. */
    public URI webSocketUrl() {
        return node.webSocketUri();
    }

    public int port() {
        return node.port();
    }

    /** A token with every permission (read, write, sign, admin). */
    public String adminToken() {
        return node.adminToken();
    }

    /** A token with read permission only. */
    public String readToken() {
        return readToken;
    }

    /** A new token with Lotus's cumulative permissions up to {@code p}. */
    public String token(Permission p) {
        return node.token(p);
    }

    /** {@code MINER_API_INFO}: {@code <admin token>:<multiaddr>}. */
    public String minerApiInfo() {
        return node.minerApiInfo();
    }

    /** The typed client, with the admin token. */
    public MinerClient client() {
        MinerClient c = client;
        if (c == null) {
            c = MinerClient.connect(url(), adminToken());
            client = c;
        }
        return c;
    }

    /** A typed client with a token of permission {@code p}. */
    public MinerClient client(Permission p) {
        return MinerClient.connect(url(), token(p));
    }

    /**
     * The simulated Lotus full node beside the miner (its actor's chain state, the tipsets, the message pool), on
     * {@code 127.0.0.1} and a free port; started on first use and stopped with the simulator.
     */
    public synchronized io.minersim.app.fullnode.FullNode fullNode() {
        if (fullNode == null) {
            try {
                fullNode = io.minersim.app.fullnode.FullNode.start(java.util.List.of(node.miner()),
                        node.host().profile(), node.simulatedClock(), "127.0.0.1", 0, null);
            } catch (Exception e) {
                throw new IllegalStateException("the full node did not start: " + e.getMessage(), e);
            }
        }
        return fullNode;
    }

    /** {@code http://127.0.0.1:PORT/rpc/v1}: the full node's endpoint (started on first use). */
    public URI fullNodeUrl() {
        return fullNode().httpUri();
    }

    /** {@code FULLNODE_API_INFO}: {@code <admin token>:<multiaddr>} of the full node (started on first use). */
    public String fullNodeApiInfo() {
        return fullNode().fullNodeApiInfo();
    }

    /** The typed client of the full node, with its admin token (the node is started on first use). */
    public synchronized io.minersim.rpc.FullNodeClient fullNodeClient() {
        if (fullNodeClient == null) {
            io.minersim.app.fullnode.FullNode f = fullNode();
            fullNodeClient = io.minersim.rpc.FullNodeClient.connect(f.httpUri(), f.adminToken());
        }
        return fullNodeClient;
    }

    /** The chain head. */
    public long head() {
        return node.miner().head();
    }

    /** Moves the chain {@code epochs} forward; returns once everything due has happened. */
    public long advance(long epochs) {
        return manualClock().advance(epochs);
    }

    /** Moves the chain to {@code epoch}; returns once everything due has happened. */
    public long advanceTo(long epoch) {
        return manualClock().advanceTo(epoch);
    }

    /** The engine itself, for assertions a test cannot make over the API. */
    public Miner miner() {
        return node.miner();
    }

    /** The node behind the simulator. */
    public MinerNode node() {
        return node;
    }

    private SimulatedChainClock manualClock() {
        return node.manualClock();
    }

    /** Stops the endpoints and the miner; the ports are free when this returns. */
    @Override
    public void close() {
        io.minersim.app.fullnode.FullNode f;
        synchronized (this) {
            f = fullNode;
        }
        try {
            if (f != null) {
                f.close();
            }
        } finally {
            node.close();
        }
    }
}
