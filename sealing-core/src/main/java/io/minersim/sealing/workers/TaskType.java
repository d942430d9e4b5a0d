package io.minersim.sealing.workers;

/**
 * Lotus's sealing task types ({@code sealtasks.TaskType}): the wire string, the short name the CLI prints and the
 * scheduling order (lower is more urgent; a negative order beats every positive one).
 */
public enum TaskType {
    DATA_CID("seal/v0/datacid", "DC", 10),
    ADD_PIECE("seal/v0/addpiece", "AP", 9),
    PRE_COMMIT_1("seal/v0/precommit/1", "PC1", 5),
    PRE_COMMIT_2("seal/v0/precommit/2", "PC2", 4),
    COMMIT_1("seal/v0/commit/1", "C1", 2),
    COMMIT_2("seal/v0/commit/2", "C2", 3),
    FINALIZE("seal/v0/finalize", "FIN", -3),
    FINALIZE_UNSEALED("seal/v0/finalizeunsealed", "FUS", -4),
    FETCH("seal/v0/fetch", "GET", -1),
    UNSEAL("seal/v0/unseal", "UNS", 1),
    REPLICA_UPDATE("seal/v0/replicaupdate", "RU", 8),
    PROVE_REPLICA_UPDATE_1("seal/v0/provereplicaupdate/1", "PR1", 6),
    PROVE_REPLICA_UPDATE_2("seal/v0/provereplicaupdate/2", "PR2", 7),
    REGEN_SECTOR_KEY("seal/v0/regensectorkey", "GSK", 11),
    FINALIZE_REPLICA_UPDATE("seal/v0/finalize/replicaupdate", "FRU", 0),
    DOWNLOAD_SECTOR("seal/v0/download/sector", "DL", -2),
    GENERATE_WINDOW_POST("post/v0/windowproof", "WDP", -5),
    GENERATE_WINNING_POST("post/v0/winningproof", "WNP", -6);

    private final String wire;
    private final String shortName;
    private final int order;

    TaskType(String wire, String shortName, int order) {
        this.wire = wire;
        this.shortName = shortName;
        this.order = order;
    }

    /** The wire string, e.g. {@code seal/v0/precommit/1}. */
    public String wire() {
        return wire;
    }

    /** The CLI's short name, e.g. {@code PC1}. */
    public String shortName() {
        return shortName;
    }

    /** Lotus's scheduling order: lower is more urgent. */
    public int order() {
        return order;
    }

    /** Whether a PoSt task (a PoSt worker's type). */
    public boolean isPoSt() {
        return this == GENERATE_WINDOW_POST || this == GENERATE_WINNING_POST;
    }

    /** The task type of a wire string, or {@code null}. */
    public static TaskType ofWire(String wire) {
        for (TaskType t : values()) {
            if (t.wire.equals(wire)) {
                return t;
            }
        }
        return null;
    }

    /**
     * Lotus's request order between two task types ({@code MuchLess}, then {@code Less}): negative {@code a}
     * when {@code a} is scheduled first.
     */
    public static int compareUrgency(TaskType a, TaskType b) {
        return Integer.compare(a.order, b.order);
    }

    /** The 16 types a default lotus-miner's local worker accepts (everything but PoSt). */
    public static java.util.Set<TaskType> sealing() {
        java.util.Set<TaskType> out = java.util.EnumSet.allOf(TaskType.class);
        out.remove(GENERATE_WINDOW_POST);
        out.remove(GENERATE_WINNING_POST);
        return out;
    }
}
