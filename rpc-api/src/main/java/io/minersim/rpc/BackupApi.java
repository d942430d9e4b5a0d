package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;

/**
 * Lotus's miner method that backs the node up, served on the same endpoint as {@link MinerApi} (kept apart from it:
 * {@link MinerApi} is the sector API and the common methods tooling calls first).
 */
public interface BackupApi {

    /**
     * Writes a backup of the node under {@code path}: minersim writes a consistent copy of the whole simulated world
     * (every miner, the clock, their history and statistics), from which {@code minersim run --restore FILE} starts.
     * As Lotus, it needs the node to run with {@code LOTUS_BACKUP_BASE_PATH} set and {@code path} inside it
     * ("LOTUS_BACKUP_BASE_PATH env var not set", "backup file name (…) must be inside base path (…)").
     */
    @JsonRpcMethod("Filecoin.CreateBackup")
    @RequiresPermission(Permission.ADMIN)
    void createBackup(String path);
}
