package io.minersim.app.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minersim.app.world.Durability;
import io.minersim.rpc.SimApi;
import io.minersim.rpc.types.ChainHead;
import io.minersim.rpc.types.ClockSettings;
import io.minersim.rpc.types.FailureSpec;
import io.minersim.rpc.types.SimEvent;
import io.minersim.sealing.FailureRule;
import io.minersim.sealing.HistoryEvent;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.Miner;
import io.minersim.sealing.chain.SimulatedChainClock;
import io.minersim.sealing.fsm.SectorState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own control methods. {@code Sim.Advance} moves a manual clock and returns once
 * everything due up to the new head has happened; on a real clock (paused or not) it is refused.
 * {@code Sim.SetClock}, {@code Sim.Pause} and {@code Sim.Resume} need the node's
 * {@link SimulatedChainClock}. Every bad argument is refused before anything changes.
 */
public final class SimApiImpl implements SimApi {
    private final Miner miner;
    private final SimulatedChainClock clock;
    private final Durability durability;
    private final Runnable clockChanged;

    public SimApiImpl(Miner miner, SimulatedChainClock clock) {
        this(miner, clock, Durability.NONE, () -> { });
    }

    /**
     * @param durability where the world's changes are kept: each changing call answers only once they are
     * @param clockChanged records the clock's settings after a change (run under the clock's lock)
     */
    public SimApiImpl(Miner miner, SimulatedChainClock clock, Durability durability, Runnable clockChanged) {
        this.miner = miner;
        this.clock = clock;
        this.durability = durability;
        this.clockChanged = clockChanged;
    }

    /** Whether the clock is shared with a fleet's other miners: a restore may then not move it. */
    private boolean sharedClock;

    /** Marks the clock as a fleet's: {@code Restore} accepts only a snapshot taken at the clock's head. */
    public SimApiImpl onSharedClock() {
        this.sharedClock = true;
        return this;
    }

    @Override
    public ChainHead head() {
        long epoch = miner.head();
        return new ChainHead(epoch, clock.timestampOf(epoch));
    }

    @Override
    public ChainHead advance(long epochs) {
        clock.advance(epochs); // refuses a negative count, then a real clock
        durability.await();
        return head();
    }

    @Override
    public ChainHead advanceTo(long epoch) {
        if (epoch < 0) {
            throw new InvalidInputException("epoch", "epoch must not be negative, got " + epoch);
        }
        clock.advanceTo(epoch);
        durability.await();
        return head();
    }

    @Override
    public ClockSettings setClock(ClockSettings settings) {
        if (settings == null) {
            throw new InvalidInputException("settings", "clock settings are missing: give {\"Mode\":\"manual\"|\"real\"}"
                    + " and/or {\"BlockTime\":nanoseconds}");
        }
        SimulatedChainClock.Mode mode = settings.mode() == null ? null
                : settings.mode().equals(ClockSettings.REAL) ? SimulatedChainClock.Mode.REAL
                : SimulatedChainClock.Mode.MANUAL;
        Duration blockTime = settings.blockTime() == null ? null : Duration.ofNanos(settings.blockTime());
        return wire(changeClock(() -> clock.set(mode, blockTime)));
    }

    @Override
    public ClockSettings pause() {
        return wire(changeClock(clock::pause));
    }

    @Override
    public ClockSettings resume() {
        return wire(changeClock(clock::resume));
    }

    /** Changes the clock's settings and records them, under the clock's lock; answers once they are kept. */
    private SimulatedChainClock.Settings changeClock(java.util.function.Supplier<SimulatedChainClock.Settings> change) {
        SimulatedChainClock.Settings s = clock.holding(() -> {
            SimulatedChainClock.Settings after = change.get();
            clockChanged.run();
            return after;
        });
        durability.await();
        return s;
    }

    private static ClockSettings wire(SimulatedChainClock.Settings s) {
        return new ClockSettings(s.mode() == SimulatedChainClock.Mode.REAL ? ClockSettings.REAL : ClockSettings.MANUAL,
                s.blockTime().toNanos(), s.paused());
    }

    @Override
    public void injectFailure(FailureSpec failure) {
        SectorState state = SectorState.byName(failure.state())
                .orElseThrow(() -> new InvalidInputException("State", "unknown sector state \"" + failure.state() + "\""));
        miner.injectFailure(new FailureRule(state, failure.sector(),
                failure.count() == null ? 1 : failure.count(), failure.error()));
        durability.await();
    }

    @Override
    public void workerOffline(String worker) {
        miner.setWorkerEnabled(worker, false);
        durability.await();
    }

    @Override
    public void workerOnline(String worker) {
        miner.setWorkerEnabled(worker, true);
        durability.await();
    }

    @Override
    public void clearFailures() {
        miner.clearFailures();
        durability.await();
    }

    @Override
    public void declareFaults(List<Long> sectors) {
        miner.declareFaults(numbers(sectors, "sectors"), true);
        durability.await();
    }

    @Override
    public void recover(List<Long> sectors) {
        miner.recoverFaults(numbers(sectors, "sectors"));
        durability.await();
    }

    @Override
    public void missPoSt(long deadline, List<Long> partitions) {
        if (deadline < 0 || deadline >= io.minersim.sealing.proving.DeadlineInfo.PERIOD_DEADLINES) {
            throw new InvalidInputException("deadline", "invalid deadline " + deadline + " of 48");
        }
        miner.missPoSt((int) deadline, partitions == null ? List.of() : numbers(partitions, "partitions"));
        durability.await();
    }

    @Override
    public void extendSectors(List<Long> sectors, long newExpiration) {
        List<Long> numbers = numbers(sectors, "sectors");
        if (newExpiration < 0) {
            throw new InvalidInputException("newExpiration", "expiration epoch must not be negative, got "
                    + newExpiration);
        }
        miner.extendSectors(numbers, newExpiration);
        durability.await();
    }

    @Override
    public void expireDeals(List<Long> dealIds) {
        miner.expireDeals(numbers(dealIds, "dealIds"));
        durability.await();
    }

    /** A list of numbers from the wire: present, without nulls. */
    private static List<Long> numbers(List<Long> list, String name) {
        if (list == null) {
            throw new InvalidInputException(name, name + " must be a list, got null");
        }
        for (Long n : list) {
            if (n == null) {
                throw new InvalidInputException(name, name + " must not contain null");
            }
        }
        return list;
    }

    @Override
    public List<SimEvent> events(long sinceSeq, int limit) {
        if (limit <= 0) {
            throw new InvalidInputException("limit", "limit must be positive, got " + limit);
        }
        List<SimEvent> out = new ArrayList<>();
        for (HistoryEvent e : miner.history(sinceSeq, limit)) {
            out.add(new SimEvent(e.seq(), e.epoch(), e.sector(), e.from() == null ? null : e.from().name(),
                    e.to().name(), e.event().name()));
        }
        return out;
    }

    /** The core's snapshot is plain values; this mapper only turns them into a JSON tree and back. */
    private static final ObjectMapper TREE = new ObjectMapper();

    @Override
    public JsonNode snapshot() {
        return TREE.valueToTree(miner.snapshot());
    }

    /**
     * Restores under the clock's lock (no head move meanwhile), then puts the clock's head at the restored
     * miner's. On a malformed or incompatible snapshot the miner refuses before changing anything.
     */
    @Override
    public void restore(ObjectNode snapshot) {
        if (snapshot == null) {
            throw new InvalidInputException("snapshot", "the snapshot is missing: pass the object Sim.Snapshot returned");
        }
        Map<String, Object> document = TREE.convertValue(snapshot, new TypeReference<Map<String, Object>>() { });
        clock.holding(() -> {
            if (sharedClock && !(document.get("Head") instanceof Number h && h.longValue() == clock.head())) {
                throw new InvalidInputException("snapshot", "this miner shares its clock with a fleet: only a snapshot"
                        + " taken at the clock's head (epoch " + clock.head() + ") can be restored, not one at epoch "
                        + document.get("Head"));
            }
            miner.restore(document);
            clock.resetHead(miner.head(), () -> { });
            return null;
        });
        durability.await();
    }
}
