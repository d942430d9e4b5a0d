package io.minersim.app.scenario;

import io.minersim.sealing.fsm.SectorState;
import java.util.List;
import java.util.Objects;

/**
 * Something a scenario makes happen at an epoch. Sectors are named by number, or as the
 * lowest-numbered {@code count} sectors in {@code state} when the event runs.
 *
 * @param path where the event sits in its file, e.g. {@code $.miner.events[3]}
 * @param epoch when it happens
 * @param kind what happens
 * @param sectors the sectors it acts on, by number (empty when chosen by state and count)
 * @param state the state sectors are chosen from, or (for {@code failure}) the state that fails
 * @param count how many sectors (chosen by state), failures or pledges; 0 when not given
 * @param declared for {@code fault}: kept from older scenario files; faults reach the chain the same way
 *     either way (skipped in the sector's deadline's next Window PoSt)
 * @param sector for {@code failure}: the one sector that fails, or {@code null} for any
 * @param error for {@code failure}: the error text, or {@code null}
 * @param deals for {@code expireDeals}: the deal IDs
 * @param deadline for {@code missPoSt}: the deadline whose next Window PoSt the miner misses
 * @param partitions for {@code missPoSt}: the partitions missed, or empty for all
 * @param worker for {@code workerOffline} and {@code workerOnline}: the worker's hostname or id
 */
public record ScheduledEvent(String path, long epoch, Kind kind, List<Long> sectors, SectorState state, int count,
        boolean declared, Long sector, String error, List<Long> deals, int deadline, List<Long> partitions,
        String worker) {

    /** The kinds of event, by their name in a scenario file. */
    public enum Kind {
        /** The miner can no longer read these sectors: they fault on chain at their deadline's next PoSt. */
        FAULT("fault"),
        /** The miner can read these sectors again: it declares them recovered, its next PoST proves them. */
        RECOVER("recover"),
        /** Sectors are terminated ({@code SectorTerminate}). */
        TERMINATE("terminate"),
        /** A failure is armed: the next sectors entering a state fail there. */
        FAILURE("failure"),
        /** Committed-capacity sectors are pledged. */
        PLEDGE("pledge"),
        /** Deals expire on chain. */
        EXPIRE_DEALS("expireDeals"),
        /** The miner misses a deadline's next Window PoSt: its sectors are detected faulty at the close. */
        MISS_POST("missPoSt"),
        /** A worker goes offline: its running tasks fail, and nothing new starts on it. */
        WORKER_OFFLINE("workerOffline"),
        /** A worker comes back: what fits starts on it. */
        WORKER_ONLINE("workerOnline");

        private final String wire;

        Kind(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        static Kind of(String wire) {
            for (Kind k : values()) {
                if (k.wire.equals(wire)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown event kind " + wire);
        }
    }

    public ScheduledEvent {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
        sectors = List.copyOf(sectors);
        deals = List.copyOf(deals);
        partitions = List.copyOf(partitions);
    }
}
