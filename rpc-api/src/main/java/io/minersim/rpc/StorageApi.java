package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.FsStat;
import io.minersim.rpc.types.HealthReport;
import io.minersim.rpc.types.SectorId;
import io.minersim.rpc.types.SectorLocks;
import io.minersim.rpc.types.SectorStorageInfo;
import io.minersim.rpc.types.StorageDecl;
import io.minersim.rpc.types.StorageInfo;
import java.util.List;
import java.util.Map;

/**
 * Lotus's miner methods on storage paths and the sector index ({@code api/api_storage.go}, served by
 * {@code node/impl/storminer.go} over {@code storage/paths}), on the same endpoint as {@link MinerApi}. A storage ID
 * is any string (Lotus's {@code storiface.ID}); file types are {@code storiface.SectorFileType} bit masks
 * (unsealed 1, sealed 2, cache 4, update 8, update-cache 16, piece 32). Methods returning only {@code error} are
 * {@code void} and answer {@code null}.
 */
public interface StorageApi {

    /** Every path in the index with its sectors' declared file types, one entry per sector ({@code []} when none). */
    @JsonRpcMethod("Filecoin.StorageList")
    @RequiresPermission(Permission.ADMIN)
    Map<String, List<StorageDecl>> storageList();

    /** The miner's own open paths: ID → directory. */
    @JsonRpcMethod("Filecoin.StorageLocal")
    @RequiresPermission(Permission.ADMIN)
    Map<String, String> storageLocal();

    /** A path of the index; "sector store not found" for an unknown ID. */
    @JsonRpcMethod("Filecoin.StorageInfo")
    @RequiresPermission(Permission.ADMIN)
    StorageInfo storageInfo(@GoType("storiface.ID") String id);

    /** A path's space: computed from its sector files for a local path, as last reported for another. */
    @JsonRpcMethod("Filecoin.StorageStat")
    @RequiresPermission(Permission.ADMIN)
    FsStat storageStat(@GoType("storiface.ID") String id);

    /**
     * The paths declaring any of the sector's files of types {@code ft}, each with the file's URLs; with
     * {@code allowFetch}, also the sealing paths with room it could be fetched to (weight 0). {@code []} when none.
     */
    @JsonRpcMethod("Filecoin.StorageFindSector")
    @RequiresPermission(Permission.ADMIN)
    List<SectorStorageInfo> storageFindSector(@GoType("abi.SectorID") SectorId sector,
            @GoType("storiface.SectorFileType") long ft,
            @GoType(value = "abi.SectorSize", unsigned = true) long sectorSize, boolean allowFetch);

    /**
     * The paths files of types {@code ft} could be allocated in, best (available × weight) first; {@code pathType}
     * is {@code "sealing"} or {@code "storage"}; "no good path found" when none.
     */
    @JsonRpcMethod("Filecoin.StorageBestAlloc")
    @RequiresPermission(Permission.ADMIN)
    List<StorageInfo> storageBestAlloc(@GoType("storiface.SectorFileType") long ft,
            @GoType(value = "abi.SectorSize", unsigned = true) long sectorSize,
            @GoType("storiface.PathType") String pathType,
            @GoType(value = "abi.ActorID", unsigned = true) long miner);

    /** Registers a path (a worker's), or merges URLs into a known one and overwrites its other fields. */
    @JsonRpcMethod("Filecoin.StorageAttach")
    @RequiresPermission(Permission.ADMIN)
    void storageAttach(@GoType("storiface.StorageInfo") StorageInfo info, @GoType("fsutil.FsStat") FsStat stat);

    /** Opens a directory of the simulated machine that holds a {@code sectorstore.json}, and adds it to storage.json. */
    @JsonRpcMethod("Filecoin.StorageAddLocal")
    @RequiresPermission(Permission.ADMIN)
    void storageAddLocal(String path);

    /** Drops one URL of a path, or the whole path with its declarations when it is its only URL. */
    @JsonRpcMethod("Filecoin.StorageDetach")
    @RequiresPermission(Permission.ADMIN)
    void storageDetach(@GoType("storiface.ID") String id, String url);

    /** Closes one of the miner's open paths and removes it from storage.json. */
    @JsonRpcMethod("Filecoin.StorageDetachLocal")
    @RequiresPermission(Permission.ADMIN)
    void storageDetachLocal(String path);

    /** Declares again what one (or, with a null ID, every) open path holds; optionally drops what it does not. */
    @JsonRpcMethod("Filecoin.StorageRedeclareLocal")
    @RequiresPermission(Permission.ADMIN)
    void storageRedeclareLocal(@GoType("*storiface.ID") String id, boolean dropMissing);

    /** Declares a sector's files of types {@code ft} in a path. */
    @JsonRpcMethod("Filecoin.StorageDeclareSector")
    @RequiresPermission(Permission.ADMIN)
    void storageDeclareSector(@GoType("storiface.ID") String id, @GoType("abi.SectorID") SectorId sector,
            @GoType("storiface.SectorFileType") long ft, boolean primary);

    /** Drops a sector's declarations of types {@code ft} in a path. */
    @JsonRpcMethod("Filecoin.StorageDropSector")
    @RequiresPermission(Permission.ADMIN)
    void storageDropSector(@GoType("storiface.ID") String id, @GoType("abi.SectorID") SectorId sector,
            @GoType("storiface.SectorFileType") long ft);

    /** A path's heartbeat: its space and error; "health report for unknown storage: <id>" for an unknown one. */
    @JsonRpcMethod("Filecoin.StorageReportHealth")
    @RequiresPermission(Permission.ADMIN)
    void storageReportHealth(@GoType("storiface.ID") String id, @GoType("storiface.HealthReport") HealthReport report);

    /** The sector locks the running sealing tasks hold. */
    @JsonRpcMethod("Filecoin.StorageGetLocks")
    @RequiresPermission(Permission.ADMIN)
    SectorLocks storageGetLocks();

    /**
     * Takes the locks and releases them as the call ends; a lock a running task holds fails "failed to acquire
     * lock" (Lotus would wait for it).
     */
    @JsonRpcMethod("Filecoin.StorageLock")
    @RequiresPermission(Permission.ADMIN)
    void storageLock(@GoType("abi.SectorID") SectorId sector, @GoType("storiface.SectorFileType") long read,
            @GoType("storiface.SectorFileType") long write);

    /** Whether the locks could be taken now (released as the call ends); false when none is asked. */
    @JsonRpcMethod("Filecoin.StorageTryLock")
    @RequiresPermission(Permission.ADMIN)
    boolean storageTryLock(@GoType("abi.SectorID") SectorId sector, @GoType("storiface.SectorFileType") long read,
            @GoType("storiface.SectorFileType") long write);

    /** The permissions of a token, as {@code AuthVerify}. */
    @JsonRpcMethod("Filecoin.StorageAuthVerify")
    @RequiresPermission(Permission.READ)
    List<String> storageAuthVerify(String token);
}
