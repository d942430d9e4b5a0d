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
 * @param declared for {@code fault}: a declared fault (FaultReported) rather than one detected (Faulty)
 * @param sector for {@code failure}: the one sector that fails, or {@code null} for any
 * @param error for {@code failure}: the error text, or {@code null}
 * @param deals for {@code expireDeals}: the deal IDs
 */
public record ScheduledEvent(String path, long epoch, Kind kind, List<Long> sectors, SectorState state, int count,
        boolean declared, Long sector, String error, List<Long> deals) {

    /** The kinds of event, by their name in a scenario file. */
    public enum Kind {
        /** Proving sectors become faulty (declared: FaultReported; detected: Faulty). */
        FAULT("fault"),
        /** Faulty sectors are proven again. */
        RECOVER("recover"),
        /** Sectors are terminated ({@code SectorTerminate}). */
        TERMINATE("terminate"),
        /** A failure is armed: the next sectors entering a state fail there. */
        FAILURE("failure"),
        /** Committed-capacity sectors are pledged. */
        PLEDGE("pledge"),
        /** Deals expire on chain. */
        EXPIRE_DEALS("expireDeals");

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
    }
}
