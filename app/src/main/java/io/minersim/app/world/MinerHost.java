package io.minersim.app.world;

import io.minersim.app.scenario.Scenario;
import io.minersim.app.scenario.ScenarioSession;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerCall;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.activity.ActivityProfile;
import io.minersim.sealing.activity.MinerActivity;
import io.minersim.sealing.chain.HeadListener;
import io.minersim.sealing.chain.SimulatedChainClock;
import java.util.Map;

/**
 * One miner of the world and what drives it: its scenario session (events scheduled at epochs) and its seeded
 * activity, both on a {@link Relay} of the world's clock. When the clock moves, the host records the new head and
 * tells the miner, the session and the activity, all inside one {@link Miner#exclusive} section: nothing else
 * runs on the miner meanwhile, so replaying the head on the host's state gives exactly what the move gave. Every
 * other call on the miner is recorded by the miner itself ({@link Miner#recordCalls}).
 */
public final class MinerHost implements AutoCloseable {
    private final int index;
    private final Profile profile;
    private final SimulatedChainClock chain;
    private final Relay relay;
    private final Miner miner;
    private final ScenarioSession session;
    private final HeadListener onChain = this::onChainHead;
    private MinerActivity activity;
    private volatile Durability durability = Durability.NONE;
    /** The last head the clock told this host, and when (wall time); guarded by the miner's write lock. */
    private volatile long lastTold;
    private volatile long lastToldWall;
    /** The sequence number of the host's last recorded change; guarded by the miner's write lock. */
    private volatile long lastSeq;
    private boolean closed;

    private MinerHost(int index, Profile profile, SimulatedChainClock chain, Relay relay, Miner miner,
            ScenarioSession session) {
        this.index = index;
        this.profile = profile;
        this.chain = chain;
        this.relay = relay;
        this.miner = miner;
        this.session = session;
        this.lastTold = chain.head();
        miner.recordCalls(this::recordCall);
    }

    /**
     * A new miner at the clock's head, seeded from {@code scenario} (null: empty), whose events then happen as the
     * clock passes their epochs. It does not hear the clock until {@link #listen()}.
     */
    public static MinerHost create(int index, Profile profile, MinerConfig config, SimulatedChainClock chain,
            Scenario scenario) {
        Relay relay = new Relay(chain);
        ScenarioSession session = scenario == null ? null : scenario.session(relay);
        Miner miner = Miner.start(config, session == null ? relay : session.clock());
        MinerHost host = new MinerHost(index, profile, chain, relay, miner, session);
        if (session != null) {
            try {
                miner.exclusive(() -> session.load(miner));
            } catch (RuntimeException e) {
                miner.close();
                throw e;
            }
        }
        return host;
    }

    /**
     * A miner restored from a {@link #state()}: its snapshot, its session's and activity's state, the head it was
     * last told. It does not hear the clock until {@link #listen()}.
     */
    public static MinerHost resume(int index, Profile profile, SimulatedChainClock chain, State state) {
        Relay relay = new Relay(chain);
        ScenarioSession session = state.session() == null ? null : ScenarioSession.resume(state.session(), relay);
        Miner miner = Miner.start(state.config(), session == null ? relay : session.clock());
        try {
            miner.restore(state.snapshot());
        } catch (RuntimeException e) {
            miner.close();
            throw e;
        }
        if (session != null) {
            session.attach(miner);
        }
        MinerHost host = new MinerHost(index, profile, chain, relay, miner, session);
        host.lastTold = state.lastTold();
        host.lastToldWall = state.lastToldWall();
        host.lastSeq = state.lastSeq();
        if (state.activity() != null) {
            host.activity = MinerActivity.resume(miner, relay, state.activityProfile(), state.activity());
        }
        return host;
    }

    /** Starts the miner's seeded random activity (after the scenario's events at each head). */
    public void startActivity(ActivityProfile profile, long seed) {
        miner.exclusive(() -> {
            if (activity != null) {
                throw new IllegalStateException("the miner already has an activity");
            }
            activity = MinerActivity.start(miner, relay, profile, seed);
            return null;
        });
    }

    /** From now on the clock's moves reach this miner. */
    public void listen() {
        chain.subscribe(onChain);
    }

    /** Where changes are recorded from now on. */
    void durability(Durability d) {
        this.durability = d;
    }

    public int index() {
        return index;
    }

    public Miner miner() {
        return miner;
    }

    public Profile profile() {
        return profile;
    }

    /** The world's clock. */
    public SimulatedChainClock chain() {
        return chain;
    }

    /** The last head the clock told this miner. */
    public long lastTold() {
        return lastTold;
    }

    /** When (wall time, unix milliseconds) the last head was told; 0 if never. */
    public long lastToldWall() {
        return lastToldWall;
    }

    /** Tells the miner the clock's head it missed (the process stopped in the middle of a move). */
    void catchUp(long epoch) {
        onChainHead(epoch);
    }

    /** The sequence number of the last change recorded for this miner. */
    public long lastSeq() {
        return lastSeq;
    }

    /** Whether the miner has a seeded activity. */
    public boolean hasActivity() {
        return activity != null;
    }

    /** The profile of the miner's seeded activity, or null. */
    public ActivityProfile activityProfile() {
        return activity == null ? null : activity.profile();
    }

    // ------------------------------------------------------------------------------------------ the clock

    private void onChainHead(long epoch) {
        long wall = System.currentTimeMillis();
        miner.exclusive(() -> {
            long start = System.nanoTime();
            lastTold = epoch;
            lastToldWall = wall;
            try {
                relay.pass(epoch);
            } finally {
                // recorded whatever happened: a replay does the same, and fails where this failed
                lastSeq = durability.recordHead(this, epoch, wall, System.nanoTime() - start);
            }
            return null;
        });
    }

    private void recordCall(MinerCall call, boolean failed, long nanos) {
        if (call instanceof MinerCall.Restore && !failed) {
            lastTold = miner.head(); // the clock is put there too (a fleet's only from its own head)
        }
        lastSeq = durability.recordCall(this, call, failed, nanos);
    }

    // ------------------------------------------------------------------------------------------ replay

    /** Tells the miner a head again, as {@link #onChainHead} did when it was recorded. */
    public void replayHead(long epoch, long wallMillis, long seq) {
        miner.exclusive(() -> {
            lastTold = epoch;
            lastToldWall = wallMillis;
            lastSeq = seq;
            relay.pass(epoch);
            return null;
        });
    }

    /**
     * Runs a recorded call again; returns whether it failed (it should fail exactly where it failed when it ran).
     * Only while the world is being restored, before anyone else can reach the miner.
     */
    public boolean replayCall(MinerCall call, long seq) {
        boolean failed = false;
        try {
            miner.replay(call); // the recorder sees it too (recording nowhere): a restore moves lastTold
        } catch (RuntimeException e) {
            failed = true;
        }
        lastSeq = seq;
        return failed;
    }

    /** Whether failed scenario events go unreported (while a journal is replayed). */
    public void quiet(boolean q) {
        if (session != null) {
            session.quiet(q);
        }
    }

    // ------------------------------------------------------------------------------------------ state

    /**
     * Everything the host is, as of its change {@code lastSeq}: the miner's configuration and snapshot, the
     * scenario session's and the activity's state, the head it was last told and when.
     */
    public record State(MinerConfig config, Map<String, Object> snapshot, ScenarioSession.State session,
            ActivityProfile activityProfile, MinerActivity.State activity, long lastTold, long lastToldWall,
            long lastSeq) {
    }

    /**
     * The host's state, taken under the miner's read lock (no change runs while it is taken), the snapshot's columns
     * compressed after the lock is released.
     */
    public State state() {
        Object[] taken = new Object[1];
        State partial = miner.reading(() -> {
            taken[0] = miner.snapshotLater();
            return new State(miner.config(), null, session == null ? null : session.state(),
                    activity == null ? null : activity.profile(), activity == null ? null : activity.state(), lastTold,
                    lastToldWall, lastSeq);
        });
        @SuppressWarnings("unchecked")
        Map<String, Object> snapshot = ((java.util.function.Supplier<Map<String, Object>>) taken[0]).get();
        return new State(partial.config(), snapshot, partial.session(), partial.activityProfile(), partial.activity(),
                partial.lastTold(), partial.lastToldWall(), partial.lastSeq());
    }

    /** Stops hearing the clock, then stops the activity and the miner. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        chain.unsubscribe(onChain);
        if (activity != null) {
            activity.close();
        }
        miner.close();
    }

    /** A miner's configuration, for the world's checks. */
    public MinerConfig config() {
        return miner.config();
    }
}
