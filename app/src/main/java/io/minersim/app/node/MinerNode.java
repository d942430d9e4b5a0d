package io.minersim.app.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.api.MinerApiImpl;
import io.minersim.app.api.SimApiImpl;
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
import io.minersim.app.scenario.ScenarioSession;
import io.minersim.rpc.MinerApi;
import io.minersim.rpc.Permission;
import io.minersim.rpc.SimApi;
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
    private final Miner miner;
    private final SimulatedChainClock clock;
    private final RpcServer server;
    private final JwtAuthority auth;
    private final MinerRepo repo;
    private final String adminToken;
    private static final Duration SHUTDOWN_GRACE = Duration.ofMillis(250);
    /** How long SectorAddPieceToAny waits for a sector to take its piece. */
    private static final Duration ADD_PIECE_TIMEOUT = Duration.ofMinutes(10);

    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closed;
    /** Whether the node made its clock (and so starts and stops it), or shares a fleet's. */
    private final boolean ownsClock;

    private MinerNode(Miner miner, SimulatedChainClock clock, boolean ownsClock, RpcServer server, JwtAuthority auth,
            MinerRepo repo) {
        this.miner = miner;
        this.clock = clock;
        this.ownsClock = ownsClock;
        this.server = server;
        this.auth = auth;
        this.repo = repo;
        this.adminToken = auth.token(Permission.ADMIN.cumulative());
        if (repo != null) {
            repo.writeToken(adminToken);
            repo.writeApi(server.multiaddr());
        }
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
        private Duration pushTimeout = PushStreams.DEFAULT_TIMEOUT;

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
            long startEpoch = scenario == null ? 0 : scenario.startEpoch();
            // one clock whose mode Sim.SetClock can switch (a fleet's, shared); the block time is kept for real mode
            SimulatedChainClock clock = sharedClock != null ? sharedClock
                    : new SimulatedChainClock(startEpoch, config.policy().genesisTimestamp(),
                    config.policy().blockDelaySeconds(),
                    manualClock ? SimulatedChainClock.Mode.MANUAL : SimulatedChainClock.Mode.REAL,
                    blockTime == null ? profile.defaultBlockTime() : blockTime, System::nanoTime);
            ScenarioSession session = scenario == null ? null
                    : scenario.withSeed(config.seed()).session(clock);
            Miner miner = Miner.start(config, session == null ? clock : session.clock());
            if (session != null) {
                try {
                    session.load(miner);
                } catch (RuntimeException e) {
                    miner.close();
                    throw e;
                }
            }
            JwtAuthority auth = repo == null ? JwtAuthority.generate() : new JwtAuthority(repo.apiSecret());
            PushStreams push = new PushStreams(pushTimeout);
            MinerNode[] self = new MinerNode[1];
            TokenAuthority tokens = new TokenAuthority() {
                @Override
                public String sign(List<String> allow) {
                    return auth.sign(allow);
                }

                @Override
                public List<String> verify(String token) {
                    return auth.verify(token);
                }
            };
            MinerApiImpl api = new MinerApiImpl(miner, profile.name().toLowerCase(Locale.ROOT), tokens,
                    reader -> push.open(reader.type(), reader.info()), () -> self[0].shutdownSoon(), ADD_PIECE_TIMEOUT);
            ObjectMapper mapper = GoJson.newObjectMapper();
            RpcDispatcher dispatcher = RpcDispatcher.builder()
                    .register(MinerApi.class, api)
                    .register(SimApi.class, sharedClock != null ? new SimApiImpl(miner, clock).onSharedClock()
                            : new SimApiImpl(miner, clock))
                    .objectMapper(mapper)
                    .errorMapper(errors())
                    .paramDecoder(ReaderStream.class, (json, ctx) -> {
                        PushStreams.ReaderParam r = PushStreams.readerParam(json);
                        push.await(r.type(), r.info()); // Lotus's decoder waits for a push upload
                        return new ReaderStream(r.type(), r.info());
                    })
                    .build();
            RpcServer server;
            try {
                server = RpcServer.builder(dispatcher).host(host).port(port).auth(auth).pushStreams(push).start();
            } catch (Exception e) {
                miner.close();
                throw e;
            }
            if (sharedClock == null) {
                clock.start();
            }
            self[0] = new MinerNode(miner, clock, sharedClock == null, server, auth, repo);
            return self[0];
        }
    }

    /** Handler errors: the core's messages as Lotus-style code-1 errors; anything else is a panic. */
    private static ErrorMapper errors() {
        ErrorMapper defaults = ErrorMapper.defaults();
        return (method, error) -> error instanceof SealingException || error instanceof IllegalArgumentException
                ? new RpcError(RpcError.HANDLER_ERROR, error.getMessage()) : defaults.toError(method, error);
    }

    public Miner miner() {
        return miner;
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
        return server.httpUri();
    }

    public URI webSocketUri() {
        return server.webSocketUri();
    }

    public int port() {
        return server.port();
    }

    /** The listen multiaddr, as in the repo's {@code api} file. */
    public String multiaddr() {
        return server.multiaddr();
    }

    /** A token with all four permissions. */
    public String adminToken() {
        return adminToken;
    }

    /** A new token with Lotus's cumulative list up to {@code p}. */
    public String token(Permission p) {
        return auth.token(p.cumulative());
    }

    /** {@code <admin token>:<multiaddr>}, the value of {@code MINER_API_INFO}. */
    public String minerApiInfo() {
        return adminToken + ":" + multiaddr();
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

    /** Stops the endpoint, then the clock and the miner, and removes the repo's {@code api} file. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.stop();
        } finally {
            if (ownsClock) {
                clock.close();
            }
            miner.close();
            if (repo != null) {
                repo.removeApi();
            }
            stopped.countDown();
        }
    }
}
