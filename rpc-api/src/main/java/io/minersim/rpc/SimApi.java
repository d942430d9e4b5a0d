package io.minersim.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.ChainHead;
import io.minersim.rpc.types.ClockSettings;
import io.minersim.rpc.types.FailureSpec;
import io.minersim.rpc.types.SimEvent;
import java.util.List;

/**
 * The simulator's own control methods, in the {@code Sim} namespace (no Lotus counterpart): the simulated chain
 * clock, injected failures, the chain-side events a real miner learns from the chain, the event history, and
 * snapshots. Served on the same endpoint as {@link MinerApi}; all need admin. Every bad argument is a code-1 error
 * and changes nothing.
 */
public interface SimApi {

    /** The simulated chain head. */
    @JsonRpcMethod("Sim.Head")
    @RequiresPermission(Permission.ADMIN)
    ChainHead head();

    /**
     * Moves a manual chain clock forward and returns once everything due up to the new head has happened.
     *
     * @param epochs how many epochs to advance (not negative)
     * @return the new head
     */
    @JsonRpcMethod("Sim.Advance")
    @RequiresPermission(Permission.ADMIN)
    ChainHead advance(@GoType("abi.ChainEpoch") long epochs);

    /**
     * Moves a manual chain clock forward to an epoch (not before the head).
     *
     * @return the new head
     */
    @JsonRpcMethod("Sim.AdvanceTo")
    @RequiresPermission(Permission.ADMIN)
    ChainHead advanceTo(@GoType("abi.ChainEpoch") long epoch);

    /**
     * Switches the clock's mode ({@code manual} or {@code real}) or its block time at run time.
     *
     * @return the clock's settings after the change
     */
    @JsonRpcMethod("Sim.SetClock")
    @RequiresPermission(Permission.ADMIN)
    ClockSettings setClock(@GoType("sim.ClockSettings") ClockSettings settings);

    /** Stops a real clock from moving the head; a paused clock still answers Sim.Head. */
    @JsonRpcMethod("Sim.Pause")
    @RequiresPermission(Permission.ADMIN)
    ClockSettings pause();

    /** Lets a paused real clock move the head again, from where it stopped. */
    @JsonRpcMethod("Sim.Resume")
    @RequiresPermission(Permission.ADMIN)
    ClockSettings resume();

    /**
     * Makes the given sector (or the next {@code Count} sectors) entering a state fail with an error, so that it
     * follows Lotus's failure path for that state.
     */
    @JsonRpcMethod("Sim.InjectFailure")
    @RequiresPermission(Permission.ADMIN)
    void injectFailure(@GoType("sim.FailureSpec") FailureSpec failure);

    /** Removes every injected failure not yet used. */
    @JsonRpcMethod("Sim.ClearFailures")
    @RequiresPermission(Permission.ADMIN)
    void clearFailures();

    /**
     * The miner can no longer read these sectors (its storage lost them): its next Window PoSt of each
     * sector's deadline skips them, so the chain marks them faulty. The sealing state stays (Proving), as
     * in Lotus; the fault shows in {@code StateMinerFaults}, the partitions and {@code SectorsStatus}'s Early.
     */
    @JsonRpcMethod("Sim.DeclareFaults")
    @RequiresPermission(Permission.ADMIN)
    void declareFaults(@GoType(value = "[]abi.SectorNumber", unsigned = true) List<Long> sectors);

    /**
     * The miner can read these sectors again: as Lotus's PoSt scheduler does, it declares the faulty ones
     * recovered before their deadline, whose next Window PoSt proves them.
     */
    @JsonRpcMethod("Sim.Recover")
    @RequiresPermission(Permission.ADMIN)
    void recover(@GoType(value = "[]abi.SectorNumber", unsigned = true) List<Long> sectors);

    /**
     * The miner misses the next Window PoSt of a deadline (of the given partitions, or of all when none
     * is given): the chain detects their sectors faulty when the deadline closes.
     */
    @JsonRpcMethod("Sim.MissPoSt")
    @RequiresPermission(Permission.ADMIN)
    void missPoSt(@GoType(value = "uint64", unsigned = true) long deadline,
            @GoType(value = "[]uint64", unsigned = true) List<Long> partitions);

    /** The chain extends these active sectors' expiration to a later epoch. */
    @JsonRpcMethod("Sim.ExtendSectors")
    @RequiresPermission(Permission.ADMIN)
    void extendSectors(@GoType(value = "[]abi.SectorNumber", unsigned = true) List<Long> sectors,
            @GoType("abi.ChainEpoch") long newExpiration);

    /** The chain expires these deals (their sectors lose the deals' weight). */
    @JsonRpcMethod("Sim.ExpireDeals")
    @RequiresPermission(Permission.ADMIN)
    void expireDeals(@GoType(value = "[]abi.DealID", unsigned = true) List<Long> dealIds);

    /**
     * The domain-event history, oldest first.
     *
     * @param sinceSeq the first sequence number to return
     * @param limit at most this many events (positive)
     */
    @JsonRpcMethod("Sim.Events")
    @RequiresPermission(Permission.ADMIN)
    List<SimEvent> events(@GoType(value = "uint64", unsigned = true) long sinceSeq, @GoType("int") int limit);

    /** The whole miner state as one JSON document that {@link #restore} brings back exactly. */
    @JsonRpcMethod("Sim.Snapshot")
    @RequiresPermission(Permission.ADMIN)
    JsonNode snapshot();

    /**
     * Replaces the miner's whole state with a snapshot taken by {@link #snapshot} from a miner with the same actor,
     * sector size, seed, chain policy and stage durations; the chain head becomes the snapshot's. A snapshot is a JSON
     * object (like a Go struct, anything else fails to decode); a malformed or incompatible one is a code-1 error and
     * changes nothing.
     */
    @JsonRpcMethod("Sim.Restore")
    @RequiresPermission(Permission.ADMIN)
    void restore(@GoType("sim.Snapshot") ObjectNode snapshot);

    /**
     * Takes a worker (by UUID or hostname) offline: its running tasks fail, their sectors take the state's failure
     * path, and nothing new starts on it. Without a configured fleet this is the default local worker.
     */
    @JsonRpcMethod("Sim.WorkerOffline")
    @RequiresPermission(Permission.ADMIN)
    void workerOffline(@GoType("string") String worker);

    /** Brings a worker (by UUID or hostname) back: what fits in the queue starts on it. */
    @JsonRpcMethod("Sim.WorkerOnline")
    @RequiresPermission(Permission.ADMIN)
    void workerOnline(@GoType("string") String worker);
}
