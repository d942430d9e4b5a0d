package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.Alert;
import java.util.List;

/**
 * The {@code Log*} methods of Lotus's {@code Common} API ({@code node/impl/common/common.go}), served by the miner
 * beside {@link MinerApi}: go-log's subsystems and their levels, and the node's alerts. They are not in the miner's
 * OpenRPC document (it lists no {@code Common} method), so {@code Discover} does not name them, as in Lotus.
 */
public interface LogApi {

    /** The names of the node's loggers (go-log's {@code GetSubsystems}), sorted. */
    @JsonRpcMethod("Filecoin.LogList")
    @RequiresPermission(Permission.WRITE)
    List<String> logList();

    /**
     * Sets a subsystem's level as go-log's {@code SetLogLevel} does: {@code "*"} sets every logger and the default;
     * a name no logger has is remembered for a logger of that name (no error, and {@code LogList} does not grow); a
     * level zap does not know is refused ({@code unrecognized level: "x"}) and nothing changes.
     */
    @JsonRpcMethod("Filecoin.LogSetLevel")
    @RequiresPermission(Permission.WRITE)
    void logSetLevel(String subsystem, String level);

    /** The node's alert types, raised or not, sorted by system then subsystem (Lotus's {@code GetAlerts}). */
    @JsonRpcMethod("Filecoin.LogAlerts")
    @RequiresPermission(Permission.ADMIN)
    List<Alert> logAlerts();
}
