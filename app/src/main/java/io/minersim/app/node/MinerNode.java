package io.minersim.app.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.api.BackupApiImpl;
import io.minersim.app.api.FundsApiImpl;
import io.minersim.app.api.LogApiImpl;
import io.minersim.app.api.MarketApiImpl;
import io.minersim.app.api.MiningApiImpl;
import io.minersim.app.api.PieceApiImpl;
import io.minersim.app.api.PieceData;
import io.minersim.app.fullnode.SimulatedTipsets;
import io.minersim.app.metrics.MetricsHandler;
import io.minersim.app.metrics.MinerMetrics;
import io.minersim.app.api.ProvingApiImpl;
import io.minersim.app.api.WorkerReturnApiImpl;
import io.minersim.app.api.WorkersApiImpl;
import io.minersim.app.api.MinerApiImpl;
import io.minersim.app.api.SimApiImpl;
import io.minersim.app.api.StorageApiImpl;
import io.minersim.app.api.TokenAuthority;
import io.minersim.app.repo.MinerRepo;
import io.minersim.app.rpc.ErrorMapper;
import io.minersim.app.rpc.JwtAuthority;
import io.minersim.app.rpc.PushStreams;
import io.minersim.app.rpc.RpcDispatcher;
import io.minersim.app.rpc.RpcError;
import io.minersim.app.rpc.GoJson;
import io.minersim.app.rpc.RpcServer;
import io.minersim.app.scenario.Scenario;
import io.minersim.app.world.Durability;
import io.minersim.app.world.MinerHost;
import io.minersim.app.world.World;
import io.minersim.rpc.BackupApi;
import io.minersim.rpc.FundsApi;
import io.minersim.rpc.LogApi;
import io.minersim.rpc.MarketApi;
import io.minersim.rpc.MiningApi;
import io.minersim.rpc.PieceApi;
import io.minersim.rpc.ProvingApi;
import io.minersim.rpc.MinerApi;
import io.minersim.rpc.Permission;
import io.minersim.rpc.SimApi;
import io.minersim.rpc.StorageApi;
import io.minersim.rpc.WorkerReturnApi;
import io.minersim.rpc.WorkersApi;
import io.minersim.rpc.types.ReaderStream;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.chain.ChainClock;
import io.minersim.sealing.chain.SimulatedChainClock;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One running simulated miner: the sealing core on its chain clock, behind the Lotus JSON-RPC
 * endpoint, with its repo files. Built by {@link #builder()}, stopped by {@link #close()} or by the
 * API's {@code Shutdown}.
 */
public final class MinerNode implements AutoCloseable {
    private final MinerHost host;
    private final Miner miner;
    private final SimulatedChainClock clock;
    private final NodeEndpoint endpoint;
    private static final Duration SHUTDOWN_GRACE = Duration.ofMillis(250);
    /** How long SectorAddPieceToAny waits for a sector to take its piece. */
    private static final Duration ADD_PIECE_TIMEOUT = Duration.ofMinutes(10);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;
    /** Whether the node made its world (and so starts and stops its clock and miner), or runs on a given one. */
    private final World ownWorld;

    /** Whether the node made its miner (on a fleet's clock), and so stops it. */
    private final boolean ownsHost;

    private MinerNode(MinerHost host, World ownWorld, boolean ownsHost, NodeEndpoint endpoint) {
        this.host = host;
        this.miner = host.miner();
        this.clock = host.chain();
        this.ownWorld = ownWorld;
        this.ownsHost = ownsHost;
        this.endpoint = endpoint;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How a node is configured; defaults as {@code minersim run}'s. */
    public static final class Builder {
        private MinerConfig config = MinerConfig.of(Profile.DEVNET);
        private Profile profile = Profile.DEVNET;
        private boolean manualClock;
        private Duration blockTime;
        private String host = "127.0.0.1";
        private int port;
        private MinerRepo repo;
        private SimulatedChainClock sharedClock;
        private Scenario scenario;
        private World world;
        private int hostIndex;
        private String backupBase = System.getenv("LOTUS_BACKUP_BASE_PATH");
        private Duration pushTimeout = PushStreams.DEFAULT_TIMEOUT;
        private boolean publishLater;

        /** The profile's defaults, keeping the actor, sector size and seed already set. */
        public Builder profile(Profile p) {
            this.profile = p;
            this.config = MinerConfig.of(p).withActorId(config.actorId()).withSectorSize(config.sectorSize())
                    .withSeed(config.seed());
            return this;
        }

        public Builder config(MinerConfig c) {
            this.config = c;
            return this;
        }

        public Builder manualClock(boolean manual) {
            this.manualClock = manual;
            return this;
        }

        public Builder blockTime(Duration d) {
            this.blockTime = d;
            return this;
        }

        public Builder listen(String host, int port) {
            this.host = host;
            this.port = port;
            return this;
        }

        public Builder repo(MinerRepo r) {
            this.repo = r;
            return this;
        }

        /**
         * The repo's {@code api} and {@code token} files are written by {@link MinerNode#publish()}, not at the end of
         * {@link #start()}: for a caller with more to do before a client may call (the pledges of {@code run}).
         */
        public Builder publishLater() {
            this.publishLater = true;
            return this;
        }

        /**
         * The directory {@code CreateBackup} may write into (default: the {@code LOTUS_BACKUP_BASE_PATH} environment
         * variable, as Lotus; null: none, so {@code CreateBackup} is refused).
         */
        public Builder backupBase(String dir) {
            this.backupBase = dir;
            return this;
        }

        /** How long a push reader's call and its upload wait for each other (Lotus's 30 s). */
        public Builder pushTimeout(Duration d) {
            this.pushTimeout = d;
            return this;
        }

        /**
         * Runs the miner on a clock shared with other nodes (a fleet), which the caller starts and
         * stops; the manual-clock and block-time settings are then the clock's.
         */
        public Builder sharedClock(SimulatedChainClock clock) {
            this.sharedClock = clock;
            return this;
        }

        /**
         * Serves miner {@code index} of a world built elsewhere (which starts and stops its clock and miners and
         * keeps its state): the profile, configuration, clock and scenario settings are then the world's.
         */
        public Builder world(World w, int index) {
            this.world = w;
            this.hostIndex = index;
            return this;
        }

        /**
         * Starts from a scenario: its profile, miner configuration and clock (mode and block time when it
         * names them, and its start epoch), then its sectors and scheduled events. Later calls may still
         * change the clock or the configuration.
         */
        public Builder scenario(Scenario s) {
            this.scenario = s;
            this.profile = s.profile();
            this.config = s.minerConfig();
            if (s.manualClock() != null) {
                this.manualClock = s.manualClock();
            }
            if (s.blockTime() != null) {
                this.blockTime = s.blockTime();
            }
            return this;
        }

        public MinerNode start() throws Exception {
            World own = null;
            MinerHost mh;
            if (world != null) {
                mh = world.hosts().get(hostIndex);
            } else if (sharedClock != null) {
                // a fleet's clock, started and stopped by the fleet; the node owns its miner
                mh = MinerHost.create(0, profile, config, sharedClock,
                        scenario == null ? null : scenario.withSeed(config.seed()));
                mh.listen();
            } else {
                long startEpoch = scenario == null ? 0 : scenario.startEpoch();
                own = World.create(new World.Spec(profile, List.of(config),
                        scenario == null ? null : List.of(scenario.withSeed(config.seed())), manualClock, blockTime,
                        startEpoch, null, 0));
                mh = own.hosts().get(0);
            }
            Miner miner = mh.miner();
            SimulatedChainClock clock = mh.chain();
            boolean fleet = sharedClock != null || (world != null && world.fleet());
            Durability durability = world != null ? world.durability() : Durability.NONE;
            World whole = world != null ? world : own;
            BackupApiImpl backup = new BackupApiImpl(backupBase, whole == null ? Durability.NONE::backup
                    : file -> io.minersim.app.state.DiskState.backup(whole, file));
            JwtAuthority auth = NodeEndpoint.authority(repo);
            PushStreams push = new PushStreams(pushTimeout);
            MinerNode[] self = new MinerNode[1];
            TokenAuthority tokens = NodeEndpoint.tokens(auth);
            PieceData pieceData = reader -> push.open(reader.type(), reader.info());
            MinerApiImpl api = new MinerApiImpl(miner, mh.profile().name().toLowerCase(Locale.ROOT), tokens,
                    pieceData, () -> self[0].shutdownSoon(), ADD_PIECE_TIMEOUT, durability);
            // the full node's chain: the tipsets of every miner of the world, in its order
            SimulatedTipsets tipsets = SimulatedTipsets.of(whole == null ? List.of(miner)
                    : whole.hosts().stream().map(MinerHost::miner).toList());
            SimApiImpl sim = new SimApiImpl(miner, clock, durability, world == null ? () -> { } : world::clockChanged);
            ObjectMapper mapper = GoJson.newObjectMapper();
            WorkerReturnApiImpl workerReturn = new WorkerReturnApiImpl();
            MinerMetrics metrics = new MinerMetrics(miner, mh.profile().name().toLowerCase(Locale.ROOT),
                    workerReturn::untrackedReturns);
            RpcDispatcher dispatcher = RpcDispatcher.builder()
                    .register(MinerApi.class, api)
                    .register(SimApi.class, fleet ? sim.onSharedClock() : sim)
                    .register(BackupApi.class, backup)
                    .register(ProvingApi.class, new ProvingApiImpl(miner, durability, tipsets))
                    .register(StorageApi.class, new StorageApiImpl(miner, durability, tokens))
                    .register(WorkerReturnApi.class, workerReturn)
                    .register(WorkersApi.class, new WorkersApiImpl(miner, durability, workerReturn))
                    .register(LogApi.class, new LogApiImpl())
                    .register(FundsApi.class, new FundsApiImpl(miner, durability))
                    .register(MarketApi.class, new MarketApiImpl(miner))
                    .register(MiningApi.class, new MiningApiImpl(miner, tipsets))
                    .register(PieceApi.class, new PieceApiImpl(pieceData))
                    .objectMapper(mapper)
                    .errorMapper(errors())
                    .callTimer(metrics.apiTimer())
                    .paramDecoder(ReaderStream.class, (json, ctx) -> {
                        PushStreams.ReaderParam r = PushStreams.readerParam(json);
                        push.await(r.type(), r.info()); // Lotus's decoder waits for a push upload
                        return new ReaderStream(r.type(), r.info());
                    })
                    .build();
            NodeEndpoint endpoint;
            try {
                endpoint = NodeEndpoint.start(RpcServer.builder(dispatcher).host(host).port(port).pushStreams(push)
                        .handler(MetricsHandler.PATH, new MetricsHandler(metrics)), auth, repo);
            } catch (Exception e) {
                if (own != null) {
                    own.close();
                } else if (world == null) {
                    mh.close();
                }
                throw e;
            }
            if (own != null) {
                own.start();
            }
            self[0] = new MinerNode(mh, own, world == null && own == null, endpoint);
            if (!publishLater) {
                endpoint.publish();
            }
            return self[0];
        }
    }

    /** Handler errors: the core's messages as Lotus-style code-1 errors; anything else is a panic. */
    private static ErrorMapper errors() {
        ErrorMapper defaults = ErrorMapper.defaults();
        return (method, error) -> error instanceof StorageApiImpl.PathTypePanic ? null
                : error instanceof SealingException || error instanceof IllegalArgumentException
                ? new RpcError(RpcError.HANDLER_ERROR, error.getMessage()) : defaults.toError(method, error);
    }

    public Miner miner() {
        return miner;
    }

    /** The miner with what drives it. */
    public MinerHost host() {
        return host;
    }

    public ChainClock clock() {
        return clock;
    }

    /** The manual clock, or an error when the node runs on a real one. */
    public SimulatedChainClock manualClock() {
        if (clock.mode() == SimulatedChainClock.Mode.MANUAL) {
            return clock;
        }
        throw new IllegalStateException("this node runs on a real clock");
    }

    /** The node's chain clock, whatever its mode. */
    public SimulatedChainClock simulatedClock() {
        return clock;
    }

    public URI httpUri() {
        return endpoint.httpUri();
    }

    public URI webSocketUri() {
        return endpoint.webSocketUri();
    }

    public int port() {
        return endpoint.port();
    }

    /** The listen multiaddr, as in the repo's {@code api} file. */
    public String multiaddr() {
        return endpoint.multiaddr();
    }

    /** A token with all four permissions. */
    public String adminToken() {
        return endpoint.adminToken();
    }

    /** A new token with Lotus's cumulative list up to {@code p}. */
    public String token(Permission p) {
        return endpoint.token(p);
    }

    /** Writes the repo's {@code token} and {@code api} files: a client that finds them may call (see publishLater). */
    public void publish() {
        endpoint.publish();
    }

    /** {@code <admin token>:<multiaddr>}, the value of {@code MINER_API_INFO}. */
    public String minerApiInfo() {
        return endpoint.apiInfo();
    }

    /** Waits until the node has stopped (by {@code Shutdown} or {@link #close()}). */
    public boolean awaitStop(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    /**
     * {@code Shutdown}: stops the node from another thread once the call's own answer has had time to
     * leave (over WebSocket the answer is written after the method returns).
     */
    private void shutdownSoon() {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(SHUTDOWN_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            close();
        }, "minersim-shutdown");
        t.setDaemon(false);
        t.start();
    }

    /**
     * Stops the endpoint, then the clock and the miner if the node made them (a world's are the world's to stop),
     * and removes the repo's {@code api} file.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            endpoint.close(() -> {
                if (ownWorld != null) {
                    ownWorld.close();
                } else if (ownsHost) {
                    host.close();
                }
            });
        } finally {
            stopped.countDown();
        }
    }
}
