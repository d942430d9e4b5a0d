package io.minersim.app.stats;

import io.minersim.sealing.Miner;
import io.minersim.sealing.stats.MinerStatistics;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * One miner as the statistics API sees it: its ID address, its statistics and the epoch it has
 * processed up to (which decides the last complete day).
 */
public record StatsMiner(String minerId, MinerStatistics statistics, LongSupplier head) {
    public StatsMiner {
        Objects.requireNonNull(minerId, "minerId");
        Objects.requireNonNull(statistics, "statistics");
        Objects.requireNonNull(head, "head");
    }

    /** A running miner. */
    public static StatsMiner of(Miner miner) {
        return new StatsMiner(miner.config().actorAddress(), miner.statistics(), miner::head);
    }
}
