package io.minersim.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.AddressConfig;
import io.minersim.rpc.types.BitFieldRuns;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.CommitBatchRes;
import io.minersim.rpc.types.NumAssignerMeta;
import io.minersim.rpc.types.PieceDealInfo;
import io.minersim.rpc.types.PreCommitBatchRes;
import io.minersim.rpc.types.ReaderStream;
import io.minersim.rpc.types.RemoteSectorMeta;
import io.minersim.rpc.types.SealedRef;
import io.minersim.rpc.types.SectorId;
import io.minersim.rpc.types.SectorInfo;
import io.minersim.rpc.types.SectorOffset;
import io.minersim.rpc.types.SectorRef;
import io.minersim.rpc.types.VersionInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The methods a Lotus storage miner serves on {@code /rpc/v0} that minersim implements: every {@code Sector*} /
 * {@code Sectors*} method, PledgeSector, and the common methods miner tooling calls first.
 *
 * <p>Each method carries its exact Lotus name ({@link JsonRpcMethod}) and the permission Lotus's {@code perm:} tag
 * gives it ({@link RequiresPermission}). Parameters are positional, in Lotus's order, without Go's context. A Go
 * method that returns only {@code error} is {@code void} here and answers {@code null} on the wire.
 */
public interface MinerApi {

    // ---- Sectors* ----------------------------------------------------------------------------------------------

    /**
     * The status of a sector. Fails for an unknown sector. With {@code showOnChainInfo} the on-chain fields
     * (Activation, Expiration, weights, pledge, OnTime, Early) are filled when the sector is on chain.
     */
    @JsonRpcMethod("Filecoin.SectorsStatus")
    @RequiresPermission(Permission.READ)
    SectorInfo sectorsStatus(@GoType(value = "abi.SectorNumber", unsigned = true) long sectorNumber,
            @GoType("bool") boolean showOnChainInfo);

    /** All sector numbers, Removed ones included, without records in the undefined ("") state; {@code []} if none. */
    @JsonRpcMethod("Filecoin.SectorsList")
    @RequiresPermission(Permission.READ)
    List<Long> sectorsList();

    /**
     * The sectors in any of these states. Unknown state names are ignored.
     *
     * @return the sector numbers, or {@code null} (not {@code []}) when nothing matches or no state is valid
     */
    @JsonRpcMethod("Filecoin.SectorsListInStates")
    @RequiresPermission(Permission.READ)
    List<Long> sectorsListInStates(@GoType("[]api.SectorState") List<String> states);

    /** State name → number of sectors in it; only states with at least one sector; {@code {}} if none. */
    @JsonRpcMethod("Filecoin.SectorsSummary")
    @RequiresPermission(Permission.READ)
    Map<String, Long> sectorsSummary();

    /** Deal ID (decimal string) → where the deal's piece was placed. */
    @JsonRpcMethod("Filecoin.SectorsRefs")
    @RequiresPermission(Permission.READ)
    Map<String, List<SealedRef>> sectorsRefs();

    /** Forces a sector into a state. Like all event senders it does not fail for an unknown sector. */
    @JsonRpcMethod("Filecoin.SectorsUpdate")
    @RequiresPermission(Permission.ADMIN)
    void sectorsUpdate(@GoType(value = "abi.SectorNumber", unsigned = true) long sectorNumber,
            @GoType("api.SectorState") String state);

    /**
     * Unseals a piece of a sector.
     *
     * @param sector the sector and its seal proof type
     * @param offset the UNPADDED byte offset of the piece
     * @param size the UNPADDED piece size
     * @param randomness the seal ticket (base64 on the wire)
     * @param commD the sector's unsealed CID, or {@code null}
     */
    @JsonRpcMethod("Filecoin.SectorsUnsealPiece")
    @RequiresPermission(Permission.ADMIN)
    void sectorsUnsealPiece(@GoType("storiface.SectorRef") SectorRef sector,
            @GoType(value = "storiface.UnpaddedByteIndex", unsigned = true) long offset,
            @GoType(value = "abi.UnpaddedPieceSize", unsigned = true) long size,
            @GoType("abi.SealRandomness") byte[] randomness, @GoType("*cid.Cid") CidLink commD);

    // ---- Sector* -----------------------------------------------------------------------------------------------

    /**
     * Adds a piece to an open sector, creating one if needed; blocks until the piece is assigned.
     *
     * @param size the UNPADDED piece size (127·2^k bytes)
     * @param data the piece's bytes as an rpcenc reader
     * @param deal the deal: legacy market info or a PieceActivationManifest, exactly one
     * @return the sector and the piece's PADDED offset in it
     */
    @JsonRpcMethod("Filecoin.SectorAddPieceToAny")
    @RequiresPermission(Permission.ADMIN)
    SectorOffset sectorAddPieceToAny(@GoType(value = "abi.UnpaddedPieceSize", unsigned = true) long size,
            ReaderStream data, @GoType("piece.PieceDealInfo") PieceDealInfo deal);

    /** Starts sealing a sector in Empty or WaitDeals now instead of waiting for more deals. */
    @JsonRpcMethod("Filecoin.SectorStartSealing")
    @RequiresPermission(Permission.WRITE)
    void sectorStartSealing(@GoType(value = "abi.SectorNumber", unsigned = true) long sectorNumber);

    /** Sets how long a new sector waits for more deals (WaitDealsDelay), in nanoseconds. */
    @JsonRpcMethod("Filecoin.SectorSetSealDelay")
    @RequiresPermission(Permission.WRITE)
    void sectorSetSealDelay(@GoType("time.Duration") long delayNanos);

    /** How long a new sector waits for more deals, in nanoseconds (default 6h = 21600000000000). */
    @JsonRpcMethod("Filecoin.SectorGetSealDelay")
    @RequiresPermission(Permission.READ)
    long sectorGetSealDelay();

    /** Sets the expected time for a sector to seal, in nanoseconds. */
    @JsonRpcMethod("Filecoin.SectorSetExpectedSealDuration")
    @RequiresPermission(Permission.WRITE)
    void sectorSetExpectedSealDuration(@GoType("time.Duration") long durationNanos);

    /** The expected time for a sector to seal, in nanoseconds. */
    @JsonRpcMethod("Filecoin.SectorGetExpectedSealDuration")
    @RequiresPermission(Permission.READ)
    long sectorGetExpectedSealDuration();

    /** Removes a sector from storage without terminating it on chain. */
    @JsonRpcMethod("Filecoin.SectorRemove")
    @RequiresPermission(Permission.ADMIN)
    void sectorRemove(@GoType(value = "abi.SectorNumber", unsigned = true) long sectorNumber);

    /** Terminates a sector on chain (through the termination batch), then removes it. */
    @JsonRpcMethod("Filecoin.SectorTerminate")
    @RequiresPermission(Permission.ADMIN)
    void sectorTerminate(@GoType(value = "abi.SectorNumber", unsigned = true) long sectorNumber);

    /**
     * Sends the pending termination batch now.
     *
     * @return the message CID, or {@code null} if no message was sent
     */
    @JsonRpcMethod("Filecoin.SectorTerminateFlush")
    @RequiresPermission(Permission.ADMIN)
    CidLink sectorTerminateFlush();

    /** The sectors waiting in the termination batch; {@code []} if none. */
    @JsonRpcMethod("Filecoin.SectorTerminatePending")
    @RequiresPermission(Permission.ADMIN)
    List<SectorId> sectorTerminatePending();

    /**
     * Sends the pending PreCommit batch now.
     *
     * @return one result per message, or {@code null} if nothing was pending
     */
    @JsonRpcMethod("Filecoin.SectorPreCommitFlush")
    @RequiresPermission(Permission.ADMIN)
    List<PreCommitBatchRes> sectorPreCommitFlush();

    /** The sectors waiting in the PreCommit batch; {@code []} if none. */
    @JsonRpcMethod("Filecoin.SectorPreCommitPending")
    @RequiresPermission(Permission.ADMIN)
    List<SectorId> sectorPreCommitPending();

    /**
     * Sends the pending (aggregate) ProveCommit batch now.
     *
     * @return one result per message, or {@code null} if nothing was pending
     */
    @JsonRpcMethod("Filecoin.SectorCommitFlush")
    @RequiresPermission(Permission.ADMIN)
    List<CommitBatchRes> sectorCommitFlush();

    /** The sectors waiting in the ProveCommit batch; {@code []} if none. */
    @JsonRpcMethod("Filecoin.SectorCommitPending")
    @RequiresPermission(Permission.ADMIN)
    List<SectorId> sectorCommitPending();

    /**
     * Marks a Proving CC sector for a snap-deal upgrade; {@code snap=false} fails ("non-snap upgrades are not
     * supported").
     */
    @JsonRpcMethod("Filecoin.SectorMarkForUpgrade")
    @RequiresPermission(Permission.ADMIN)
    void sectorMarkForUpgrade(@GoType(value = "abi.SectorNumber", unsigned = true) long sectorNumber,
            @GoType("bool") boolean snap);

    /** Aborts a sector's snap-deal upgrade in progress. */
    @JsonRpcMethod("Filecoin.SectorAbortUpgrade")
    @RequiresPermission(Permission.ADMIN)
    void sectorAbortUpgrade(@GoType(value = "abi.SectorNumber", unsigned = true) long sectorNumber);

    /** Retries matching pending pieces to open sectors. */
    @JsonRpcMethod("Filecoin.SectorMatchPendingPiecesToOpenSectors")
    @RequiresPermission(Permission.ADMIN)
    void sectorMatchPendingPiecesToOpenSectors();

    /** Starts unsealing a sector in the background and returns at once. */
    @JsonRpcMethod("Filecoin.SectorUnseal")
    @RequiresPermission(Permission.ADMIN)
    void sectorUnseal(@GoType(value = "abi.SectorNumber", unsigned = true) long sectorNumber);

    /** The sector-number assigner's reserved, allocated and in-use bitfields and its next number. */
    @JsonRpcMethod("Filecoin.SectorNumAssignerMeta")
    @RequiresPermission(Permission.READ)
    NumAssignerMeta sectorNumAssignerMeta();

    /** Reservation name → reserved sector numbers. */
    @JsonRpcMethod("Filecoin.SectorNumReservations")
    @RequiresPermission(Permission.READ)
    Map<String, BitFieldRuns> sectorNumReservations();

    /**
     * Reserves sector numbers under a name; fails on colliding numbers or names unless {@code force}.
     *
     * @param name {@code a-z A-Z 0-9 _ -} only
     */
    @JsonRpcMethod("Filecoin.SectorNumReserve")
    @RequiresPermission(Permission.ADMIN)
    void sectorNumReserve(String name,
            @GoType("bitfield.BitField") BitFieldRuns sectors, @GoType("bool") boolean force);

    /** Reserves the {@code count} lowest free sector numbers under a name and returns them. */
    @JsonRpcMethod("Filecoin.SectorNumReserveCount")
    @RequiresPermission(Permission.ADMIN)
    BitFieldRuns sectorNumReserveCount(String name, @GoType(value = "uint64", unsigned = true) long count);

    /** Drops a sector-number reservation. */
    @JsonRpcMethod("Filecoin.SectorNumFree")
    @RequiresPermission(Permission.ADMIN)
    void sectorNumFree(String name);

    /** Imports a sector sealed elsewhere; returns once it has left the undefined state. */
    @JsonRpcMethod("Filecoin.SectorReceive")
    @RequiresPermission(Permission.ADMIN)
    void sectorReceive(@GoType("api.RemoteSectorMeta") RemoteSectorMeta meta);

    /** Creates a committed-capacity sector and returns once its state machine has started. */
    @JsonRpcMethod("Filecoin.PledgeSector")
    @RequiresPermission(Permission.WRITE)
    SectorId pledgeSector();

    // ---- Actor, common -----------------------------------------------------------------------------------------

    /** The node's version, API version (66816 = 1.5.0 on the miner), block delay and agent. */
    @JsonRpcMethod("Filecoin.Version")
    @RequiresPermission(Permission.READ)
    VersionInfo version();

    /** The miner actor's address, e.g. {@code "f01000"}. */
    @JsonRpcMethod("Filecoin.ActorAddress")
    @RequiresPermission(Permission.READ)
    String actorAddress();

    /** The sector size in bytes of the miner at {@code address}. */
    @JsonRpcMethod("Filecoin.ActorSectorSize")
    @RequiresPermission(Permission.READ)
    long actorSectorSize(@GoType("address.Address") String address);

    /** The control addresses the miner sends its messages from. */
    @JsonRpcMethod("Filecoin.ActorAddressConfig")
    @RequiresPermission(Permission.READ)
    AddressConfig actorAddressConfig();

    /**
     * Signs a new API token allowing these permissions. Lotus does not check the names.
     *
     * @return the JWT's ASCII bytes (a Go {@code []byte}, so base64 on the wire)
     */
    @JsonRpcMethod("Filecoin.AuthNew")
    @RequiresPermission(Permission.ADMIN)
    byte[] authNew(@GoType("[]auth.Permission") List<String> permissions);

    /** The permissions ({@code Allow} list) of a valid token; fails "JWT Verification failed: ..." otherwise. */
    @JsonRpcMethod("Filecoin.AuthVerify")
    @RequiresPermission(Permission.READ)
    List<String> authVerify(String token);

    /** A UUID identifying this process; constant until restart. */
    @JsonRpcMethod("Filecoin.Session")
    @RequiresPermission(Permission.READ)
    UUID session();

    /** When the node started, as an RFC3339 (Go RFC3339Nano) string. */
    @JsonRpcMethod("Filecoin.StartTime")
    @RequiresPermission(Permission.READ)
    String startTime();

    /** Shuts the node down gracefully. */
    @JsonRpcMethod("Filecoin.Shutdown")
    @RequiresPermission(Permission.ADMIN)
    void shutdown();

    /**
     * A channel that never fires; clients watch the connection instead. WebSocket only.
     *
     * @return the channel ID
     */
    @JsonRpcMethod("Filecoin.Closing")
    @RequiresPermission(Permission.READ)
    @ChannelMethod
    long closing();

    /** The OpenRPC document of the miner API (keys sorted, compact). Also served as {@code rpc.discover}. */
    @JsonRpcMethod("Filecoin.Discover")
    @RequiresPermission(Permission.READ)
    @RpcAlias("rpc.discover")
    ObjectNode discover();

    /** The enabled subsystems, e.g. {@code ["Mining","Sealing","SectorStorage"]}. */
    @JsonRpcMethod("Filecoin.RuntimeSubsystems")
    @RequiresPermission(Permission.READ)
    List<String> runtimeSubsystems();
}
