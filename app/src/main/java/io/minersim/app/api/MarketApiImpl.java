package io.minersim.app.api;

import io.minersim.rpc.MarketApi;
import io.minersim.rpc.types.MarketDeal;
import io.minersim.sealing.Miner;
import io.minersim.sealing.OnChainSector;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.Piece;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link MarketApi} over one miner: the simulated market holds exactly the legacy deals the miner's sectors carry
 * (a deal enters the simulated world with {@code SectorAddPieceToAny}), in sector then piece order. A deal is
 * activated with its sector's ProveCommit (SectorNumber and SectorStartEpoch from the sector on chain); a deal of
 * a removed sector has left the market, as the market actor drops the deals of a terminated sector.
 */
public final class MarketApiImpl implements MarketApi {
    private final Miner miner;

    public MarketApiImpl(Miner miner) {
        this.miner = miner;
    }

    @Override
    public List<MarketDeal> marketListDeals() {
        return miner.reading(() -> {
            List<MarketDeal> out = new ArrayList<>();
            long[] removed = miner.listInStates(List.of(SectorState.Removed));
            for (long n : miner.list()) {
                if (java.util.Arrays.binarySearch(removed, n) >= 0) {
                    continue;
                }
                Optional<OnChainSector> onChain = Optional.empty();
                boolean looked = false;
                for (Piece p : miner.pieces(n)) {
                    if (p.deal() == null || !p.deal().isLegacyDeal()) {
                        continue;
                    }
                    if (!looked) {
                        onChain = miner.chain().sector(n);
                        looked = true;
                    }
                    MarketDeal.State state = onChain.map(s -> new MarketDeal.State(n, s.activation(), -1, -1))
                            .orElseGet(() -> new MarketDeal.State(0, -1, -1, -1));
                    out.add(new MarketDeal(WireMapping.dealProposal(p.deal().proposal()), state));
                }
            }
            return out.isEmpty() ? null : out; // Lotus's nil slice
        });
    }
}
