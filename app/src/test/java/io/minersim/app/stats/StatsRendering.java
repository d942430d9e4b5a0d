package io.minersim.app.stats;

import java.util.List;

/**
 * The statistics API's success body for a query, rendered in process by the handler's own code (for the golden
 * trace, which renders every endpoint for every day without an HTTP request each).
 */
public final class StatsRendering {
    private StatsRendering() {
    }

    /**
     * What {@code GET <endpoint>?state_date=<stateDate>} answers (all miners), with {@code requestId} as its
     * {@code request_id}: {@link StatsService#query} and {@link StatsHttpHandler}'s body.
     */
    public static byte[] success(StatsService service, long seed, StatsEndpoint endpoint, String stateDate,
            String requestId) {
        return new StatsHttpHandler(service, StatsKeys.of(List.of()), seed)
                .success(requestId, endpoint, service.query(stateDate, null));
    }
}
