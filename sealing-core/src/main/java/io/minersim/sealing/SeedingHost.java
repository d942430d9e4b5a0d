package io.minersim.sealing;

import io.minersim.sealing.ChainMessages.Message;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.SectorNumberAssigner;
import io.minersim.sealing.piece.Piece;
import io.minersim.sealing.stats.SectorMove;
import java.util.List;
import java.util.function.Supplier;

/**
 * The pipeline's side of {@link SectorSeeder}, called under the write lock: the seeder replays a
 * sector's past through the same event effects, expiration rule and statistics moves as a live move,
 * each at its past epoch.
 */
final class SeedingHost implements SectorSeeder.Host {

    private final Pipeline p;

    SeedingHost(Pipeline p) {
        this.p = p;
    }

    @Override public long head() {
        return p.head;
    }

    @Override public MinerConfig config() {
        return p.config;
    }

    @Override public SealingConfig sealing() {
        return p.sealing;
    }

    @Override public SectorTable sectors() {
        return p.sectors;
    }

    @Override public SectorNumberAssigner numbers() {
        return p.numbers;
    }

    @Override public SectorHistory history() {
        return p.history;
    }

    @Override public ChainMessages messages() {
        return p.messages;
    }

    @Override public void scheduleLanding(Message m) {
        p.landing.schedule(m);
    }

    @Override public void replay(Sector s, SectorEvent event, long arg, String error, long epoch) {
        at(epoch, () -> {
            s.log().append(event.ordinal(), epoch, arg, error);
            EventEffects.apply(p, s, event, arg, s.state, error);
            return null;
        });
    }

    @Override public void assign(Sector s, Piece piece) {
        p.input.assign(s, piece);
    }

    @Override public long preCommitExpiration(Sector s, long epoch) {
        return at(epoch, () -> p.chain.preCommitExpiration(s));
    }

    @Override public void enter(Sector s) {
        p.planner.enter(s);
    }

    @Override public SectorMove statisticsMove(Sector s, SectorState from, SectorEvent event, long epoch) {
        return at(epoch, () -> p.planner.statisticsMove(s, from, event, s.dealBytes()));
    }

    @Override public void provenOnChain(Sector s, boolean proven, boolean faulty, long faultStart) {
        if (!s.onChain()) {
            return;
        }
        p.wdpost.activate(s);
        if (proven) {
            p.proving.markProven(s.number);
        }
        if (s.terminatedEpoch() != Sector.NONE) {
            p.wdpost.terminated(s);
        } else if (faulty) {
            p.wdpost.seedFault(s, faultStart);
        }
    }

    @Override public void recordStatistics(List<SectorMove> moves) {
        p.statistics.recordPast(moves);
    }

    /** Runs {@code body} as if the head were at the past {@code epoch}, then puts the head back. */
    private <T> T at(long epoch, Supplier<T> body) {
        long now = p.head;
        p.head = epoch;
        p.seeding = true;
        try {
            return body.get();
        } finally {
            p.seeding = false;
            p.head = now;
        }
    }
}
