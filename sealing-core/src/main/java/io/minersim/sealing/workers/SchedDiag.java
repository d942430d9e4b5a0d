package io.minersim.sealing.workers;

import java.util.List;

/**
 * The scheduler as {@code SealingSchedDiag} shows it: the queued requests in scheduling order and the open
 * scheduling windows (two per enabled worker, by worker id), and the calls returned early (aborts of unknown
 * calls, as {@code "<miner>-<sector>-<uuid>"}).
 */
public record SchedDiag(List<SchedRequest> requests, List<String> openWindows, List<String> earlyReturns) {

    public SchedDiag {
        requests = List.copyOf(requests);
        openWindows = List.copyOf(openWindows);
        earlyReturns = List.copyOf(earlyReturns);
    }
}
