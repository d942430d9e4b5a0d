package io.minersim.app.fullnode;

import io.minersim.rpc.types.BlockHeader;
import io.minersim.rpc.types.MinerPower;
import io.minersim.rpc.types.MiningBaseInfo;
import io.minersim.sealing.ChainState;
import io.minersim.sealing.Miner;
import io.minersim.sealing.OnChainSector;
import io.minersim.sealing.numbers.BitField;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * MinerGetBaseInfo over the simulated chain: the miner's power and the challenged sector at the Winning PoSt lookback,
 * and the beacon entries the simulated blocks carry (block {@code h} carries round {@code h + 1}).
 */
final class Mining {
    /** {@code policy.GetWinningPoStSectorSetLookback}: 10 epochs. */
    static final long WINNING_POST_LOOKBACK = 10;
    /**
     * How far beyond the base tipset a round may be: the simulated beacon is computed, not fetched, so minersim
     * bounds the entries it lists (a Lotus node would wait for drand's).
     */
    static final long MAX_ROUNDS_AHEAD = 900;

    private final SimulatedTipsets tipsets;
    private final Funds funds;
    private final List<Miner> miners;

    Mining(SimulatedTipsets tipsets, Funds funds, List<Miner> miners) {
        this.tipsets = tipsets;
        this.funds = funds;
        this.miners = miners;
    }

    /** The lookback epoch of {@code round} from a base at {@code base}. */
    static long lookback(long round, long base) {
        long lb = round > WINNING_POST_LOOKBACK ? round - WINNING_POST_LOOKBACK : 0;
        return Math.min(lb, base);
    }

    /**
     * The base info of miner {@code e} for {@code round} on the tipset at {@code base}, its states read by {@code at}
     * (by epoch, every miner's); {@code null}, as Lotus, when the miner has no active sector to be challenged.
     */
    MiningBaseInfo baseInfo(MinerDirectory.Entry e, long round, long base,
            java.util.function.BiFunction<Miner, Long, ChainState> at) {
        if (round > base + MAX_ROUNDS_AHEAD) {
            throw new ChainException("round " + round + " is more than " + MAX_ROUNDS_AHEAD
                    + " epochs ahead of the base tipset at " + base + ": its beacon entries are not out yet");
        }
        long lb = lookback(round, base);
        ChainState state = at.apply(e.miner(), lb);
        BitField active = state.activeSectors();
        long count = active.count();
        if (count == 0) {
            return null;
        }
        long pick = Math.floorMod(new BigInteger(1, tipsets.hash("winning-challenge:" + e.accounts().actorId(),
                round, 8)).longValue(), count);
        OnChainSector sector = null;
        long i = 0;
        for (long n : active) {
            if (i++ == pick) {
                sector = state.sector(n).orElseThrow();
                break;
            }
        }
        MinerPower power = funds.power(e, miners, m -> at.apply(m, lb).power());
        List<BlockHeader.BeaconEntry> entries = new ArrayList<>();
        for (long h = base + 1; h <= round; h++) {
            entries.add(tipsets.beacon(h));
        }
        MiningBaseInfo.WinningSector challenged = new MiningBaseInfo.WinningSector(sector.sealProof(),
                sector.number(), ChainWire.cid(sector.sectorKeyCid()), ChainWire.cid(sector.sealedCid()));
        return new MiningBaseInfo(power.minerPower().qualityAdjPower(), power.totalPower().qualityAdjPower(),
                List.of(challenged), e.accounts().keyAddress(), e.miner().config().sectorSize().bytes(),
                tipsets.beacon(base), entries, power.hasMinPower());
    }
}
