package io.minersim.app.api;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.minersim.sealing.fsm.SectorState;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's own control methods. {@code Sim.Advance} moves a manual clock and returns once
 * everything due up to the new head has happened; on a real clock it is refused.
 */
public final class SimApiImpl implements SimApi {
    private final Miner miner;
    private final ChainClock clock;

    public SimApiImpl(Miner miner, ChainClock clock) {
        this.miner = miner;
        this.clock = clock;
    }

    @Override
    public ChainHead head() {
        long epoch = miner.head();
        return new ChainHead(epoch, clock.timestampOf(epoch));
    }

    @Override
    public ChainHead advance(long epochs) {
        ManualChainClock manual = manualClock();
        if (epochs < 0) {
            throw new InvalidInputException("epochs", "cannot advance by a negative number of epochs: " + epochs);
        }
        manual.advance(epochs);
        return head();
    }

    @Override
    public ChainHead advanceTo(long epoch) {
        ManualChainClock manual = manualClock();
        long head = manual.head();
        if (epoch < head) {
            throw new InvalidInputException("epoch",
                    "cannot advance to epoch " + epoch + ": the head is already at " + head);
        }
        manual.advanceTo(epoch);
        return head();
    }

    @Override
    public ClockSettings setClock(ClockSettings settings) {
        throw new SealingException("Sim.SetClock is not available yet");
    }

    @Override
    public ClockSettings pause() {
        throw new SealingException("Sim.Pause is not available yet");
    }

    @Override
    public ClockSettings resume() {
        throw new SealingException("Sim.Resume is not available yet");
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
        miner.declareFaults(sectors, true);
    }

    @Override
    public void recover(List<Long> sectors) {
        miner.recoverFaults(sectors);
    }

    @Override
    public void extendSectors(List<Long> sectors, long newExpiration) {
        throw new SealingException("Sim.ExtendSectors is not available yet");
    }

    @Override
    public void expireDeals(List<Long> dealIds) {
        throw new SealingException("Sim.ExpireDeals is not available yet");
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

    @Override
    public JsonNode snapshot() {
        throw new SealingException("Sim.Snapshot is not available yet");
    }

    @Override
    public void restore(JsonNode snapshot) {
        throw new SealingException("Sim.Restore is not available yet");
    }

    private ManualChainClock manualClock() {
        if (!(clock instanceof ManualChainClock manual)) {
            throw new SealingException("the chain follows a real clock: start minersim with --clock manual to advance it");
        }
        return manual;
    }
}
