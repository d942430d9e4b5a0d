package io.minersim.rpc.types;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code api.MarketDeal}, an element of {@code MarketListDeals}: a deal's proposal and its state in the storage
 * market actor.
 *
 * @param proposal the published proposal
 * @param state where the deal is on chain
 */
public record MarketDeal(@JsonProperty("Proposal") DealProposal proposal, @JsonProperty("State") State state) {

    public MarketDeal {
        if (proposal == null || state == null) {
            throw new IllegalArgumentException("MarketDeal needs its Proposal and State");
        }
    }

    /**
     * {@code api.MarketDealState}: epochs are -1 until they happen.
     *
     * @param sectorNumber the sector the deal was activated in (0 before activation)
     * @param sectorStartEpoch the epoch the sector proving the deal was activated, or -1
     * @param lastUpdatedEpoch the last epoch the market paid the deal, or -1
     * @param slashEpoch the epoch the deal was slashed, or -1
     */
    public record State(@JsonProperty("SectorNumber") long sectorNumber,
            @JsonProperty("SectorStartEpoch") long sectorStartEpoch,
            @JsonProperty("LastUpdatedEpoch") long lastUpdatedEpoch,
            @JsonProperty("SlashEpoch") long slashEpoch) {
        public State {
            Checks.uint64(sectorNumber, "MarketDealState", "SectorNumber");
            if (sectorStartEpoch < -1 || lastUpdatedEpoch < -1 || slashEpoch < -1) {
                throw new IllegalArgumentException("MarketDealState epochs are -1 or an epoch");
            }
        }
    }
}
