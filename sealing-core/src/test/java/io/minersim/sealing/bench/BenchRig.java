package io.minersim.sealing.bench;

import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.fsm.SectorState;

/**
 * A devnet miner on a manual clock, and the loop the benchmarks share: pledge committed-capacity
 * sectors and move the chain one epoch at a time until they are all {@code Proving}. Every run checks
 * its result, so a benchmark cannot silently measure a pipeline that stalled.
 */
final class BenchRig {
    /** Far more epochs than a devnet CC sector needs (about 33): a stalled pipeline fails, not loops. */
    static final int MAX_EPOCHS = 2_000;

    final Miner miner;
    final ManualChainClock clock;

    private BenchRig(Miner miner, ManualChainClock clock) {
        this.miner = miner;
        this.clock = clock;
    }

    /** A fresh devnet miner ({@code f01000}, 32 GiB, seed 0) at genesis. */
    static BenchRig devnet() {
        MinerConfig cfg = MinerConfig.of(Profile.DEVNET);
        ManualChainClock clock = ManualChainClock.atGenesis(cfg.policy());
        return new BenchRig(Miner.start(cfg, clock), clock);
    }

    long proving() {
        return miner.summary().getOrDefault(SectorState.Proving, 0L);
    }

    /** Moves the chain one epoch at a time until {@code target} sectors prove; returns the epochs taken. */
    int advanceUntilProving(long target) {
        for (int epochs = 0; epochs <= MAX_EPOCHS; epochs++) {
            if (proving() >= target) {
                return epochs;
            }
            clock.advance(1);
        }
        throw new IllegalStateException("only " + proving() + " of " + target + " sectors reached Proving after "
                + MAX_EPOCHS + " epochs (head " + clock.head() + "): " + miner.summary());
    }

    /**
     * Pledges {@code count} CC sectors in chunks of {@code chunk}, sealing each chunk to {@code Proving}
     * before pledging the next, and checks that exactly {@code count} sectors exist, all proving.
     */
    void sealCc(int count, int chunk) {
        int done = 0;
        while (done < count) {
            int n = Math.min(chunk, count - done);
            for (int i = 0; i < n; i++) {
                miner.pledgeSector();
            }
            done += n;
            advanceUntilProving(done);
        }
        requireAllProving(count);
    }

    /** Throws unless the miner has exactly {@code count} sectors and every one is {@code Proving}. */
    void requireAllProving(long count) {
        if (count <= 0) {
            throw new IllegalArgumentException("a benchmark must seal at least one sector, not " + count);
        }
        long total = miner.sectorCount();
        long proving = proving();
        if (total != count || proving != count) {
            throw new IllegalStateException("expected " + count + " sectors, all Proving; have " + total
                    + " sectors, " + proving + " Proving: " + miner.summary());
        }
    }
}
