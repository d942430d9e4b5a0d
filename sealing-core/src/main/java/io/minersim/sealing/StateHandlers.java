package io.minersim.sealing;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of state handlers, one entry per sector state, filled by the state groups as Lotus
 * groups its handlers: {@link SealingStates} ({@code states_sealing.go}), {@link FailedStates}
 * ({@code states_failed.go}), {@link ReplicaUpdateStates} ({@code states_replica_update.go}) and
 * {@link ProvingStates} ({@code states_proving.go}). Built once; a state registered twice, or not at
 * all, fails class initialisation.
 */
final class StateHandlers {

    private static final Map<SectorState, StateHandler> TABLE = build();
    /** The states whose sectors take new deal pieces, in state order. */
    private static final Set<SectorState> OPEN_FOR_DEALS = openForDeals(TABLE);

    private StateHandlers() {
    }

    /** The handler of {@code state}. */
    static StateHandler of(SectorState state) {
        return TABLE.get(state);
    }

    /** The event a failure injected into {@code state} sends, or {@code null} where nothing can fail. */
    static SectorEvent failureEvent(SectorState state) {
        return TABLE.get(state).failure();
    }

    /** The states whose sectors take new deal pieces ({@link StateHandler#openForDeals}), in state order. */
    static Set<SectorState> openForDealsStates() {
        return OPEN_FOR_DEALS;
    }

    /** The registrations in the order the groups made them, for the completeness test. */
    static List<StateHandler> registrations() {
        List<StateHandler> all = new java.util.ArrayList<>();
        SealingStates.register(all::add);
        FailedStates.register(all::add);
        ReplicaUpdateStates.register(all::add);
        ProvingStates.register(all::add);
        return all;
    }

    private static Map<SectorState, StateHandler> build() {
        Map<SectorState, StateHandler> table = new EnumMap<>(SectorState.class);
        for (StateHandler h : registrations()) {
            if (table.put(h.state(), h) != null) {
                throw new IllegalStateException("state " + h.state() + " has two handlers");
            }
        }
        for (SectorState s : SectorState.values()) {
            if (!table.containsKey(s)) {
                throw new IllegalStateException("state " + s + " has no handler");
            }
        }
        return table;
    }

    private static Set<SectorState> openForDeals(Map<SectorState, StateHandler> table) {
        Set<SectorState> out = EnumSet.noneOf(SectorState.class);
        table.values().stream().filter(StateHandler::openForDeals).forEach(h -> out.add(h.state()));
        return Collections.unmodifiableSet(out);
    }

    /** Where a state group registers its handlers. */
    @FunctionalInterface
    interface Registry {
        void add(StateHandler handler);
    }
}
