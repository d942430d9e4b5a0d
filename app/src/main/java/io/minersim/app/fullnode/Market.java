package io.minersim.app.fullnode;

import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.MarketBalance;
import io.minersim.rpc.types.MarketDeal;
import io.minersim.sealing.ChainState;
import io.minersim.sealing.Miner;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.piece.DealProposal;
import io.minersim.sealing.piece.Piece;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The storage market actor as the simulated chain holds it: the legacy deals in the miners' sectors (the deals
 * {@code MarketListDeals} lists, a removed sector's excluded) and the escrow they lock. Each party is taken to have
 * deposited exactly what its deals lock, so escrow equals locked: the provider its deals' provider collateral, the
 * client its collateral plus the storage fees still to be paid (price per epoch × epochs left), until a deal ends.
 */
final class Market {
    private final MinerDirectory directory;

    Market(MinerDirectory directory) {
        this.directory = directory;
    }

    /** A deal of the simulated market: its miner, sector, ID and proposal. */
    private record Found(MinerDirectory.Entry entry, long sector, long dealId, DealProposal proposal) {
    }

    /** Every deal of the market, in miner then sector order. */
    private List<Found> deals() {
        List<Found> out = new ArrayList<>();
        for (MinerDirectory.Entry e : directory.entries()) {
            Miner miner = e.miner();
            miner.reading(() -> {
                long[] removed = miner.listInStates(List.of(SectorState.Removed));
                for (long n : miner.list()) {
                    if (Arrays.binarySearch(removed, n) >= 0) {
                        continue;
                    }
                    for (Piece p : miner.pieces(n)) {
                        if (p.deal() != null && p.deal().isLegacyDeal()) {
                            out.add(new Found(e, n, p.deal().dealId(), p.deal().proposal()));
                        }
                    }
                }
                return null;
            });
        }
        return out;
    }

    /**
     * Deal {@code dealId} with its state in the miner state {@code at} gives (activated with its sector: the sector's
     * activation epoch; before that, epochs -1 as Lotus's empty deal state); Lotus's error when there is no such deal.
     */
    MarketDeal deal(long dealId, Function<Miner, ChainState> at) {
        for (Found f : deals()) {
            if (f.dealId() == dealId) {
                MarketDeal.State state = at.apply(f.entry().miner()).sector(f.sector())
                        .map(s -> new MarketDeal.State(f.sector(), s.activation(), -1, -1))
                        .orElseGet(() -> new MarketDeal.State(0, -1, -1, -1));
                return new MarketDeal(ChainWire.dealProposal(f.proposal()), state);
            }
        }
        throw new ChainException("deal " + Long.toUnsignedString(dealId) + " not found - deal may not have completed"
                + " sealing before deal proposal start epoch, or deal may have been slashed");
    }

    /** Whether {@code address} is a client of some deal (so the state tree knows its actor). */
    boolean isClient(FilAddress address) {
        for (Found f : deals()) {
            if (same(f.proposal().client(), address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The escrow and locked funds of {@code address} at {@code height}: a miner's as provider ({@code provider}
     * null for another address), any address's as client; zeros for an address with no deal.
     */
    MarketBalance balance(FilAddress address, MinerDirectory.Entry provider, long height) {
        BigInteger locked = BigInteger.ZERO;
        for (Found f : deals()) {
            DealProposal p = f.proposal();
            if (p.endEpoch() <= height) {
                continue; // ended: its funds are settled and withdrawn
            }
            if (provider != null && f.entry() == provider) {
                locked = locked.add(p.providerCollateral());
            }
            if (same(p.client(), address)) {
                long left = p.endEpoch() - Math.max(height, p.startEpoch());
                locked = locked.add(p.clientCollateral()).add(p.storagePricePerEpoch()
                        .multiply(BigInteger.valueOf(left)));
            }
        }
        return new MarketBalance(locked, locked);
    }

    private static boolean same(String dealAddress, FilAddress address) {
        try {
            return dealAddress != null && new FilAddress(dealAddress).canonical().equals(address.canonical());
        } catch (IllegalArgumentException e) {
            return false; // a deal naming no valid address is nobody's
        }
    }
}
