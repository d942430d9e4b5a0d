package io.minersim.app.scenario;

import io.minersim.sealing.FailureRule;
import io.minersim.sealing.Miner;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.chain.ChainClock;
import io.minersim.sealing.chain.ChainView;
import io.minersim.sealing.chain.HeadListener;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * One run of a {@link Scenario} on one miner. Its clock stands between the chain clock and the miner:
 * when the head jumps past scheduled epochs, the miner is told each of those epochs in turn and the
 * events due there run once it has caught up, so an event at epoch E happens at E however the clock
 * moves. An event that cannot happen when its epoch comes (its sectors are no longer Proving, say) is
 * reported on stderr; the run goes on.
 */
public final class ScenarioSession {
    private final Scenario scenario;
    private final EventClock clock;
    private final TreeMap<Long, List<ScheduledEvent>> due = new TreeMap<>();
    private volatile Miner miner;
    /** Whether a failed event goes unreported (while a journal is replayed: it was reported when it ran). */
    private volatile boolean quiet;

    ScenarioSession(Scenario scenario, ChainClock chain) {
        this(scenario, chain, scenario.events(), -1);
    }

    private ScenarioSession(Scenario scenario, ChainClock chain, List<ScheduledEvent> events, long told) {
        this.scenario = scenario;
        this.clock = new EventClock(chain);
        for (ScheduledEvent e : events) {
            due.computeIfAbsent(e.epoch(), k -> new ArrayList<>()).add(e);
        }
        clock.told = told;
    }

    /**
     * Where a session is: the events still to happen, in order, and the last epoch its clock told the miner.
     * {@link #resume} goes on from there.
     */
    public record State(List<ScheduledEvent> remaining, long told) {
        public State {
            remaining = List.copyOf(remaining);
        }
    }

    /** The session's state now (read it while the chain does not move). */
    public State state() {
        synchronized (clock) {
            List<ScheduledEvent> remaining = new ArrayList<>();
            due.values().forEach(remaining::addAll);
            return new State(remaining, clock.told);
        }
    }

    /**
     * A session that goes on from a {@link #state()}, for a miner restored as it was then: start the miner on
     * {@link #clock()}, then {@link #attach} it (nothing is seeded, nothing runs).
     */
    public static ScenarioSession resume(State state, ChainClock chain) {
        return new ScenarioSession(null, chain, state.remaining(), state.told());
    }

    /** Drives {@code m}, a miner restored with this session's state, from now on. */
    public void attach(Miner m) {
        if (miner != null) {
            throw new IllegalStateException("the session already drives a miner");
        }
        miner = m;
    }

    /** Whether failed events go unreported (a journal being replayed). */
    public void quiet(boolean q) {
        this.quiet = q;
    }

    /** The clock to start the miner on. */
    public ChainClock clock() {
        return clock;
    }

    /**
     * Seeds the miner (started on {@link #clock()}) with the scenario's sectors, then runs the events
     * due at the head. Returns the seeded sector numbers, named sectors first.
     */
    public long[] load(Miner m) {
        if (miner != null) {
            throw new IllegalStateException("the scenario is already loaded");
        }
        miner = m;
        if (scenario.storage() != null) {
            m.changeStorage(scenario.storage());
        }
        if (!scenario.workers().isEmpty()) {
            m.configureWorkers(scenario.workers());
        }
        long[] numbers = m.seed(scenario.seeds());
        synchronized (clock) {
            runDue(m.head());
        }
        return numbers;
    }

    private void runDue(long epoch) {
        while (!due.isEmpty() && due.firstKey() <= epoch) {
            for (ScheduledEvent e : due.pollFirstEntry().getValue()) {
                try {
                    run(e);
                } catch (SealingException | IllegalArgumentException ex) {
                    if (quiet) {
                        continue;
                    }
                    String line = "scenario event " + e.path() + " (" + e.kind().wire() + ") at epoch " + epoch
                            + " failed: " + ex.getMessage();
                    System.err.println("minersim: " + line);
                }
            }
        }
    }

    private void run(ScheduledEvent e) {
        Miner m = miner;
        switch (e.kind()) {
            case FAULT -> m.declareFaults(targets(e), e.declared());
            case RECOVER -> m.recoverFaults(targets(e));
            case TERMINATE -> {
                for (long n : targets(e)) {
                    m.terminate(n);
                }
            }
            case FAILURE -> m.injectFailure(new FailureRule(e.state(), e.sector(), Math.max(1, e.count()), e.error()));
            case PLEDGE -> {
                for (int i = 0; i < e.count(); i++) {
                    m.pledgeSector();
                }
            }
            case EXPIRE_DEALS -> m.expireDeals(e.deals());
            case MISS_POST -> m.missPoSt(e.deadline(), e.partitions());
            case WORKER_OFFLINE -> m.setWorkerEnabled(e.worker(), false);
            case WORKER_ONLINE -> m.setWorkerEnabled(e.worker(), true);
        }
    }

    /**
     * The event's sectors: by number, or the lowest-numbered {@code count} in its state now (for a fault,
     * among those the miner can read and the chain proves; for a recovery, among those it cannot read).
     */
    private List<Long> targets(ScheduledEvent e) {
        if (!e.sectors().isEmpty()) {
            return e.sectors();
        }
        long[] inState = miner.listInStates(List.of(e.state()));
        if (e.kind() == ScheduledEvent.Kind.FAULT || e.kind() == ScheduledEvent.Kind.RECOVER) {
            io.minersim.sealing.numbers.BitField unreadable = miner.chain().unreadable();
            io.minersim.sealing.numbers.BitField proven = miner.chain().liveSectors();
            boolean recover = e.kind() == ScheduledEvent.Kind.RECOVER;
            inState = java.util.Arrays.stream(inState)
                    .filter(n -> recover ? unreadable.contains(n) : !unreadable.contains(n) && proven.contains(n))
                    .toArray();
        }
        if (inState.length < e.count()) {
            throw new SealingException("only " + inState.length + " sectors are " + e.state() + ", " + e.count()
                    + " asked");
        }
        List<Long> out = new ArrayList<>(e.count());
        for (int i = 0; i < e.count(); i++) {
            out.add(inState[i]);
        }
        return out;
    }

    /** The chain clock as the miner sees it: the same head and times, told epoch by scheduled epoch. */
    private final class EventClock extends ChainView implements HeadListener {
        /** Guards subscriptions only: the miner unsubscribes under its own lock while heads may be moving. */
        private final Object subscriptions = new Object();
        private long told = -1;

        EventClock(ChainClock chain) {
            super(chain);
        }

        @Override
        public void subscribe(HeadListener listener) {
            synchronized (subscriptions) {
                if (listeners.isEmpty()) {
                    chain.subscribe(this);
                }
                listeners.add(listener);
            }
        }

        @Override
        public void unsubscribe(HeadListener listener) {
            synchronized (subscriptions) {
                if (listeners.remove(listener) && listeners.isEmpty()) {
                    chain.unsubscribe(this);
                }
            }
        }

        @Override
        public synchronized void onHead(long epoch) {
            while (miner != null && !due.isEmpty() && due.firstKey() <= epoch) {
                long at = due.firstKey();
                tell(at);
                runDue(at);
            }
            tell(epoch);
        }

        @Override
        protected void tell(long epoch) {
            if (epoch > told) {
                told = epoch;
                super.tell(epoch);
            }
        }
    }
}
