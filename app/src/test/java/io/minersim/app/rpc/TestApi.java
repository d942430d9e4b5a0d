package io.minersim.app.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.Permission;
import io.minersim.rpc.RequiresPermission;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A small API in the shape of Lotus's miner API, for the transport tests. */
public interface TestApi {
    @GoType("abi.SectorID")
    record SectorId(long Miner, long Number) {
    }

    @GoType("storiface.SectorRef")
    record SectorRef(SectorId ID, long ProofType) {
    }

    record Status(long SectorID, String State, List<Long> Deals) {
    }

    record Added(long Sector, long Offset, long Read, String Sha256) {
    }

    @JsonRpcMethod("Filecoin.Version")
    @RequiresPermission(Permission.READ)
    Map<String, Object> version();

    @JsonRpcMethod("Filecoin.SectorsStatus")
    @RequiresPermission(Permission.READ)
    Status sectorsStatus(@GoType("abi.SectorNumber") long sector, boolean showOnChainInfo);

    @JsonRpcMethod("Filecoin.SectorRemove")
    @RequiresPermission(Permission.ADMIN)
    void sectorRemove(long sector);

    @JsonRpcMethod("Filecoin.SectorStartSealing")
    @RequiresPermission(Permission.WRITE)
    void sectorStartSealing(long sector);

    @JsonRpcMethod("Filecoin.Echo")
    @RequiresPermission(Permission.READ)
    String echo(String s);

    @JsonRpcMethod("Filecoin.Fail")
    @RequiresPermission(Permission.READ)
    String fail(String message);

    @JsonRpcMethod("Filecoin.Panic")
    @RequiresPermission(Permission.READ)
    String panic();

    @JsonRpcMethod("Filecoin.Closing")
    @RequiresPermission(Permission.READ)
    @ChannelMethod
    CompletableFuture<Void> closing();

    @JsonRpcMethod("Filecoin.Discover")
    @RequiresPermission(Permission.READ)
    @RpcAlias("rpc.discover")
    Map<String, Object> discover();

    @JsonRpcMethod("Filecoin.Sleep")
    @RequiresPermission(Permission.READ)
    long sleep(long millis) throws InterruptedException;

    @JsonRpcMethod("Filecoin.Count")
    @RequiresPermission(Permission.READ)
    long count();

    @JsonRpcMethod("Filecoin.TakeRef")
    @RequiresPermission(Permission.READ)
    SectorRef takeRef(SectorRef ref);

    @JsonRpcMethod("Filecoin.SectorAddPieceToAny")
    @RequiresPermission(Permission.ADMIN)
    Added addPiece(long size, InputStream data, Map<String, Object> deal) throws java.io.IOException;

    @JsonRpcMethod("Filecoin.AuthNew")
    @RequiresPermission(Permission.ADMIN)
    byte[] authNew(List<String> perms);

    @JsonRpcMethod("Filecoin.AuthVerify")
    @RequiresPermission(Permission.READ)
    List<String> authVerify(String token) throws JwtVerificationException;

    /** A helper: not part of the API. */
    default String helper() {
        return "helper";
    }
}
