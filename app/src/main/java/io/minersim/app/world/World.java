package io.minersim.app.world;

import io.minersim.app.scenario.Scenario;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.activity.ActivityProfile;
import io.minersim.sealing.chain.SimulatedChainClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The whole simulated world of one run: one chain clock and the miners on it ({@link MinerHost}s, in order). It is
 * built new ({@link #create}) or from a saved state ({@link #resume}), hears nothing until {@link #start()}, and
 * records its changes to a {@link Durability} once {@link #durability(Durability)} is set.
 */
public final class World implements AutoCloseable {
    private final Profile profile;
    private final SimulatedChainClock clock;
    private final List<MinerHost> hosts;
    private volatile Durability durability = Durability.NONE;
    /** The sequence number of the last clock-settings change recorded; guarded by the clock's lock. */
    private volatile long lastClockSeq;
    private boolean closed;

    private World(Profile profile, SimulatedChainClock clock, List<MinerHost> hosts) {
        this.profile = profile;
        this.clock = clock;
        this.hosts = List.copyOf(hosts);
    }

    /**
     * How a new world is made.
     *
     * @param profile the chain and sealing profile every miner shares
     * @param miners each miner's configuration, in order
     * @param scenarios each miner's scenario (its sectors and events), or null for none at all
     * @param manualClock whether the clock moves only when told
     * @param blockTime wall time per epoch of a real clock (null: the profile's)
     * @param startEpoch the clock's first head
     * @param activity seeded random activity for every miner, or null
     * @param activitySeed the activity's seed (each miner's generator also takes its actor)
     */
    public record Spec(Profile profile, List<MinerConfig> miners, List<Scenario> scenarios, boolean manualClock,
            Duration blockTime, long startEpoch, ActivityProfile activity, long activitySeed) {
        public Spec {
            Objects.requireNonNull(profile, "profile");
            miners = List.copyOf(miners);
            if (miners.isEmpty()) {
                throw new InvalidInputException("miners", "a world has at least one miner");
            }
            if (scenarios != null && scenarios.size() != miners.size()) {
                throw new InvalidInputException("miners", miners.size() + " miners with " + scenarios.size()
                        + " scenarios");
            }
            scenarios = scenarios == null ? null : new ArrayList<>(scenarios);
        }
    }

    /** A new world: the clock at the start epoch, each miner seeded from its scenario, activities armed. */
    public static World create(Spec s) {
        MinerConfig first = s.miners().get(0);
        SimulatedChainClock clock = new SimulatedChainClock(s.startEpoch(), first.policy().genesisTimestamp(),
                first.policy().blockDelaySeconds(),
                s.manualClock() ? SimulatedChainClock.Mode.MANUAL : SimulatedChainClock.Mode.REAL,
                s.blockTime() == null ? s.profile().defaultBlockTime() : s.blockTime(), System::nanoTime);
        List<MinerHost> hosts = new ArrayList<>();
        try {
            for (int i = 0; i < s.miners().size(); i++) {
                MinerHost h = MinerHost.create(i, s.profile(), s.miners().get(i), clock,
                        s.scenarios() == null ? null : s.scenarios().get(i));
                hosts.add(h);
                h.listen();
            }
            if (s.activity() != null) {
                for (MinerHost h : hosts) {
                    h.startActivity(s.activity(), s.activitySeed());
                }
            }
        } catch (RuntimeException | Error e) {
            hosts.forEach(MinerHost::close);
            clock.close();
            throw e;
        }
        return new World(s.profile(), clock, hosts);
    }

    /** The clock's state in a saved world. */
    public record ClockState(long genesisTimestamp, long blockDelaySeconds, SimulatedChainClock.Mode mode,
            Duration blockTime, boolean paused) {
    }

    /**
     * A world from its saved state: the clock with its settings, at the last head any miner was told; each miner
     * as its state has it. Nothing hears the clock until {@link #listen()}, so a journal can be replayed first.
     */
    public static World resume(Profile profile, ClockState c, List<MinerHost.State> miners, long lastClockSeq) {
        long head = 0;
        for (MinerHost.State m : miners) {
            head = Math.max(head, m.lastTold());
        }
        SimulatedChainClock clock = new SimulatedChainClock(head, c.genesisTimestamp(), c.blockDelaySeconds(),
                c.mode(), c.blockTime(), System::nanoTime);
        if (c.paused() && c.mode() == SimulatedChainClock.Mode.REAL) {
            clock.pause();
        }
        List<MinerHost> hosts = new ArrayList<>();
        try {
            for (int i = 0; i < miners.size(); i++) {
                hosts.add(MinerHost.resume(i, profile, clock, miners.get(i)));
            }
        } catch (RuntimeException | Error e) {
            hosts.forEach(MinerHost::close);
            clock.close();
            throw e;
        }
        World w = new World(profile, clock, hosts);
        w.lastClockSeq = lastClockSeq;
        return w;
    }

    /** Hosts hear the clock from now on (after a journal's replay). */
    public void listen() {
        for (MinerHost h : hosts) {
            h.listen();
        }
    }

    /** Records every change from now on to {@code d}. */
    public void durability(Durability d) {
        this.durability = Objects.requireNonNull(d, "durability");
        for (MinerHost h : hosts) {
            h.durability(d);
        }
    }

    public Durability durability() {
        return durability;
    }

    public Profile profile() {
        return profile;
    }

    public SimulatedChainClock clock() {
        return clock;
    }

    public List<MinerHost> hosts() {
        return hosts;
    }

    /** Whether the clock is shared by several miners. */
    public boolean fleet() {
        return hosts.size() > 1;
    }

    /**
     * Records the clock's settings as they are now; call it under the clock's lock, right after changing them
     * ({@link SimulatedChainClock#holding}).
     */
    public void clockChanged() {
        lastClockSeq = durability.recordClock(clock.settings(), System.currentTimeMillis());
    }

    /** Puts back clock settings a journal recorded (before {@link #start()}: a real clock does not move yet). */
    public void restoreClockSettings(SimulatedChainClock.Settings s, long seq) {
        clock.holding(() -> {
            clock.set(s.mode(), s.blockTime());
            if (s.paused() && s.mode() == SimulatedChainClock.Mode.REAL) {
                clock.pause();
            }
            lastClockSeq = seq;
            return null;
        });
    }

    /** The clock's settings and the sequence number of their last change, read together. */
    public record ClockSnapshot(ClockState state, long lastSeq) {
    }

    public ClockSnapshot clockSnapshot() {
        return clock.holding(() -> {
            SimulatedChainClock.Settings s = clock.settings();
            return new ClockSnapshot(new ClockState(clock.genesisTimestamp(), clock.blockDelaySeconds(), s.mode(),
                    s.blockTime(), s.paused()), lastClockSeq);
        });
    }

    /**
     * After a journal's replay: the clock is put at the last head any miner was told (it never moves back across
     * a restart), and every miner that was not told it (the process stopped in the middle of a move) is told it
     * now, as the move would have gone on to do; that is recorded like any move.
     */
    public void replayed() {
        long head = clock.head();
        for (MinerHost h : hosts) {
            head = Math.max(head, h.lastTold());
        }
        long at = head;
        clock.resetHead(at, () -> { });
        for (MinerHost h : hosts) {
            if (h.lastTold() < at) {
                h.catchUp(at);
            }
        }
    }

    /**
     * Moves a real clock on to where wall time has brought it since the last head was told (the chain went on
     * while the process was stopped); a manual or paused clock stays. Recorded like any move. Returns the head.
     */
    public long catchUpWithWallTime() {
        SimulatedChainClock.Settings s = clock.settings();
        if (s.mode() != SimulatedChainClock.Mode.REAL || s.paused()) {
            return clock.head();
        }
        long lastWall = 0;
        for (MinerHost h : hosts) {
            lastWall = Math.max(lastWall, h.lastToldWall());
        }
        long elapsedMillis = System.currentTimeMillis() - lastWall;
        long epochs = lastWall == 0 || elapsedMillis <= 0 ? 0 : elapsedMillis * 1_000_000L / s.blockTime().toNanos();
        if (epochs > 0) {
            clock.holding(() -> {
                clock.set(SimulatedChainClock.Mode.MANUAL, null);
                clock.advance(epochs);
                return clock.set(SimulatedChainClock.Mode.REAL, null);
            });
        }
        return clock.head();
    }

    /** Starts the clock (a real one begins to move). */
    public void start() {
        clock.start();
    }

    /** Stops the clock, then every miner. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            clock.close();
        } finally {
            hosts.forEach(MinerHost::close);
        }
    }
}
