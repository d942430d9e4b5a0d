package io.minersim.app.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minersim.rpc.SimApi;
import io.minersim.rpc.types.ChainHead;
import io.minersim.rpc.types.ClockSettings;
import io.minersim.rpc.types.FailureSpec;
import io.minersim.rpc.types.SimEvent;
import io.minersim.sealing.FailureRule;
import io.minersim.sealing.HistoryEvent;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.Miner;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.chain.ChainClock;
import io.minersim.sealing.chain.ManualChainClock;
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
    private final ChainClock clock;

    public SimApiImpl(Miner miner, ChainClock clock) {
        this.miner = miner;
        this.clock = clock;
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
        if (epochs < 0) {
            throw new InvalidInputException("epochs", "cannot advance by a negative number of epochs: " + epochs);
        }
        if (clock instanceof SimulatedChainClock sim) {
            sim.advance(epochs);
        } else {
            manualClock().advance(epochs);
        }
        return head();
    }

    @Override
    public ChainHead advanceTo(long epoch) {
        if (epoch < 0) {
            throw new InvalidInputException("epoch", "epoch must not be negative, got " + epoch);
        }
        if (clock instanceof SimulatedChainClock sim) {
            sim.advanceTo(epoch);
        } else {
            ManualChainClock manual = manualClock();
            if (epoch < manual.head()) {
                throw new InvalidInputException("epoch",
                        "cannot advance to epoch " + epoch + ": the head is already at " + manual.head());
            }
            manual.advanceTo(epoch);
        }
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
        return wire(switchableClock().set(mode, blockTime));
    }

    @Override
    public ClockSettings pause() {
        return wire(switchableClock().pause());
    }

    @Override
    public ClockSettings resume() {
        return wire(switchableClock().resume());
    }

    private static ClockSettings wire(SimulatedChainClock.Settings s) {
        return new ClockSettings(s.mode() == SimulatedChainClock.Mode.REAL ? ClockSettings.REAL : ClockSettings.MANUAL,
                s.blockTime().toNanos(), s.paused());
    }

    private SimulatedChainClock switchableClock() {
        if (clock instanceof SimulatedChainClock sim) {
            return sim;
        }
        throw new SealingException("this simulator's clock cannot change mode");
    }

    @Override
    public void injectFailure(FailureSpec failure) {
        SectorState state = SectorState.byName(failure.state())
                .orElseThrow(() -> new InvalidInputException("State", "unknown sector state \"" + failure.state() + "\""));
        miner.injectFailure(new FailureRule(state, failure.sector(),
                failure.count() == null ? 1 : failure.count(), failure.error()));
    }

    @Override
    public void clearFailures() {
        miner.clearFailures();
    }

    @Override
    public void declareFaults(List<Long> sectors) {
        miner.declareFaults(numbers(sectors, "sectors"), true);
    }

    @Override
    public void recover(List<Long> sectors) {
        miner.recoverFaults(numbers(sectors, "sectors"));
    }

    @Override
    public void extendSectors(List<Long> sectors, long newExpiration) {
        List<Long> numbers = numbers(sectors, "sectors");
        if (newExpiration < 0) {
            throw new InvalidInputException("newExpiration", "expiration epoch must not be negative, got "
                    + newExpiration);
        }
        miner.extendSectors(numbers, newExpiration);
    }

    @Override
    public void expireDeals(List<Long> dealIds) {
        miner.expireDeals(numbers(dealIds, "dealIds"));
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
        SimulatedChainClock sim = switchableClock();
        sim.holding(() -> {
            if (sharedClock && !(document.get("Head") instanceof Number h && h.longValue() == sim.head())) {
                throw new InvalidInputException("snapshot", "this miner shares its clock with a fleet: only a snapshot"
                        + " taken at the clock's head (epoch " + sim.head() + ") can be restored, not one at epoch "
                        + document.get("Head"));
            }
            miner.restore(document);
            sim.resetHead(miner.head(), () -> { });
            return null;
        });
    }

    private ManualChainClock manualClock() {
        if (!(clock instanceof ManualChainClock manual)) {
            throw new SealingException("the chain follows a real clock: start minersim with --clock manual to advance it");
        }
        return manual;
    }
}
