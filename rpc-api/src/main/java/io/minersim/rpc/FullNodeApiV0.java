package io.minersim.rpc;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.MsgLookup;
import io.minersim.rpc.types.PreCommitOnChainInfo;
import io.minersim.rpc.types.VersionInfo;
import java.util.List;

/**
 * Where Lotus's v0 full-node API ({@code /rpc/v0}, {@code api/v0api}) differs from v1 among the methods minersim
 * serves: Lotus serves v0 as v1 through a wrapper ({@code v0api.WrapperV1Full}) that replaces these methods and adds
 * the {@code *Limited} forms and {@code StateGetReceipt}. Every other method of {@link FullNodeApi} is the same on
 * both paths. The v0 methods call v1 with no tipset (the head), no lookback limit unless given, and replaced messages
 * allowed.
 */
public interface FullNodeApiV0 {

    /** Where a message was executed, searched from the head without limit, or {@code null} when it has not been. */
    @JsonRpcMethod("Filecoin.StateSearchMsg")
    @RequiresPermission(Permission.READ)
    MsgLookup stateSearchMsg(@GoType("cid.Cid") CidLink message);

    /** {@link #stateSearchMsg} looking back at most {@code limit} epochs. */
    @JsonRpcMethod("Filecoin.StateSearchMsgLimited")
    @RequiresPermission(Permission.READ)
    MsgLookup stateSearchMsgLimited(@GoType("cid.Cid") CidLink message, @GoType("abi.ChainEpoch") long limit);

    /** Waits until a message has {@code confidence} epochs on top of its execution. */
    @JsonRpcMethod("Filecoin.StateWaitMsg")
    @RequiresPermission(Permission.READ)
    MsgLookup stateWaitMsg(@GoType("cid.Cid") CidLink message,
            @GoType(value = "uint64", unsigned = true) long confidence);

    /** {@link #stateWaitMsg} looking back at most {@code limit} epochs for an executed message. */
    @JsonRpcMethod("Filecoin.StateWaitMsgLimited")
    @RequiresPermission(Permission.READ)
    MsgLookup stateWaitMsgLimited(@GoType("cid.Cid") CidLink message,
            @GoType(value = "uint64", unsigned = true) long confidence, @GoType("abi.ChainEpoch") long limit);

    /** A message's receipt as seen from a tipset, or {@code null} when it has not been executed. */
    @JsonRpcMethod("Filecoin.StateGetReceipt")
    @RequiresPermission(Permission.READ)
    MsgLookup.Receipt stateGetReceipt(@GoType("cid.Cid") CidLink message,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The landed pre-commitment; fails {@code precommit info does not exist} (v1 answers {@code null}). */
    @JsonRpcMethod("Filecoin.StateSectorPreCommitInfo")
    @RequiresPermission(Permission.READ)
    PreCommitOnChainInfo stateSectorPreCommitInfo(@GoType("address.Address") FilAddress miner,
            @GoType(value = "abi.SectorNumber", unsigned = true) long sector,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The node's version with APIVersion 1.5.0 (FullAPIVersion0). */
    @JsonRpcMethod("Filecoin.Version")
    @RequiresPermission(Permission.READ)
    VersionInfo version();
}
