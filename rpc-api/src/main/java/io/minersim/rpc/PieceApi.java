package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.PieceInfo;
import io.minersim.rpc.types.ReaderStream;

/** Lotus's miner method that commits to a piece's data without storing it ({@code DataCid}). */
public interface PieceApi {

    /**
     * The piece commitment (CommP) of {@code size} unpadded bytes of {@code data}, zero-filled past its end as
     * Lotus's sealer reads it, and the padded size. {@code size} must be a valid unpadded piece size (127·2^n).
     */
    @JsonRpcMethod("Filecoin.ComputeDataCid")
    @RequiresPermission(Permission.ADMIN)
    PieceInfo computeDataCid(@GoType("abi.UnpaddedPieceSize") long size, @GoType("storiface.Data") ReaderStream data);
}
