package io.minersim.rpc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcMethod;
import io.minersim.rpc.types.ActorReadState;
import io.minersim.rpc.types.ActorState;
import io.minersim.rpc.types.BandwidthStats;
import io.minersim.rpc.types.BigIntString;
import io.minersim.rpc.types.BitFieldRuns;
import io.minersim.rpc.types.ChainMessageJson;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.HeadChange;
import io.minersim.rpc.types.MarketBalance;
import io.minersim.rpc.types.MarketDeal;
import io.minersim.rpc.types.MinerDeadline;
import io.minersim.rpc.types.MinerInfo;
import io.minersim.rpc.types.MinerPartition;
import io.minersim.rpc.types.MinerPower;
import io.minersim.rpc.types.MinerSectorCount;
import io.minersim.rpc.types.MiningBaseInfo;
import io.minersim.rpc.types.MsgLookup;
import io.minersim.rpc.types.NatInfo;
import io.minersim.rpc.types.PeerAddrInfo;
import io.minersim.rpc.types.PreCommitOnChainInfo;
import io.minersim.rpc.types.ProvingDeadline;
import io.minersim.rpc.types.SectorDeadlinePartition;
import io.minersim.rpc.types.SectorExpirationEpochs;
import io.minersim.rpc.types.SectorOnChainInfo;
import io.minersim.rpc.types.SectorPreCommitInfo;
import io.minersim.rpc.types.SignedMessage;
import io.minersim.rpc.types.SyncState;
import io.minersim.rpc.types.TipSet;
import io.minersim.rpc.types.VersionInfo;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;

/**
 * The methods of Lotus's full node ({@code /rpc/v1}, v1.36) that minersim's simulated chain serves: the chain's head
 * and tipsets, the miner actors' state as {@code State*} reads it, messages, wallets and the common methods.
 *
 * <p>Each method carries its Lotus name and the permission of its {@code perm:} tag. A {@code types.TipSetKey}
 * parameter is a list of block CIDs; {@code null} or {@code []} means the head; a {@code State*} method answers the
 * state at that tipset (minersim keeps the last 900 epochs' and answers an older one as a pruned state store does).
 * Results are those of Lotus's JSON, field for field: a Go nil pointer or slice is {@code null}.
 */
public interface FullNodeApi {

    // ---- Chain ------------------------------------------------------------------------------------------------

    /** The head tipset. */
    @JsonRpcMethod("Filecoin.ChainHead")
    @RequiresPermission(Permission.READ)
    TipSet chainHead();

    /**
     * The tipset at {@code height}, or the nearest earlier one; fails for a height above the head
     * ({@code looking for tipset with height greater than start point, req: H, head: N}).
     */
    @JsonRpcMethod("Filecoin.ChainGetTipSetByHeight")
    @RequiresPermission(Permission.READ)
    TipSet chainGetTipSetByHeight(@GoType("abi.ChainEpoch") long height,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The tipset of a key. */
    @JsonRpcMethod("Filecoin.ChainGetTipSet")
    @RequiresPermission(Permission.READ)
    TipSet chainGetTipSet(@GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /**
     * A channel of head changes: first {@code [{"Type":"current","Val":head}]}, then {@code apply} for each new
     * head. WebSocket only.
     */
    @JsonRpcMethod("Filecoin.ChainNotify")
    @RequiresPermission(Permission.READ)
    @ChannelMethod
    Flow.Publisher<List<HeadChange>> chainNotify();

    /** A message the node holds; fails {@code ipld: could not find <cid>} for any other. */
    @JsonRpcMethod("Filecoin.ChainGetMessage")
    @RequiresPermission(Permission.READ)
    ChainMessageJson chainGetMessage(@GoType("cid.Cid") CidLink message);

    // ---- State: the miner actor ------------------------------------------------------------------------------

    @JsonRpcMethod("Filecoin.StateMinerInfo")
    @RequiresPermission(Permission.READ)
    MinerInfo stateMinerInfo(@GoType("address.Address") FilAddress miner,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The miner's claim (zeros for an unknown miner, as Lotus) and the network's total. */
    @JsonRpcMethod("Filecoin.StateMinerPower")
    @RequiresPermission(Permission.READ)
    MinerPower stateMinerPower(@GoType("address.Address") FilAddress miner,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    @JsonRpcMethod("Filecoin.StateMinerProvingDeadline")
    @RequiresPermission(Permission.READ)
    ProvingDeadline stateMinerProvingDeadline(@GoType("address.Address") FilAddress miner,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The 48 deadlines' PoSt bookkeeping. */
    @JsonRpcMethod("Filecoin.StateMinerDeadlines")
    @RequiresPermission(Permission.READ)
    List<MinerDeadline> stateMinerDeadlines(@GoType("address.Address") FilAddress miner,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The partitions of a deadline, or {@code null} when it has none. */
    @JsonRpcMethod("Filecoin.StateMinerPartitions")
    @RequiresPermission(Permission.READ)
    List<MinerPartition> stateMinerPartitions(@GoType("address.Address") FilAddress miner,
            @GoType(value = "uint64", unsigned = true) long deadline,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    @JsonRpcMethod("Filecoin.StateMinerFaults")
    @RequiresPermission(Permission.READ)
    BitFieldRuns stateMinerFaults(@GoType("address.Address") FilAddress miner,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    @JsonRpcMethod("Filecoin.StateMinerRecoveries")
    @RequiresPermission(Permission.READ)
    BitFieldRuns stateMinerRecoveries(@GoType("address.Address") FilAddress miner,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The active sectors (neither faulty, unproven nor terminated). */
    @JsonRpcMethod("Filecoin.StateMinerActiveSectors")
    @RequiresPermission(Permission.READ)
    List<SectorOnChainInfo> stateMinerActiveSectors(@GoType("address.Address") FilAddress miner,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The sectors of a bitfield, or every sector on chain when it is null; numbers not on chain are skipped. */
    @JsonRpcMethod("Filecoin.StateMinerSectors")
    @RequiresPermission(Permission.READ)
    List<SectorOnChainInfo> stateMinerSectors(@GoType("address.Address") FilAddress miner,
            @GoType("*bitfield.BitField") BitFieldRuns sectors,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    @JsonRpcMethod("Filecoin.StateMinerSectorCount")
    @RequiresPermission(Permission.READ)
    MinerSectorCount stateMinerSectorCount(@GoType("address.Address") FilAddress miner,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The on-chain sector, or {@code null} (no error) when the actor has none of that number. */
    @JsonRpcMethod("Filecoin.StateSectorGetInfo")
    @RequiresPermission(Permission.READ)
    SectorOnChainInfo stateSectorGetInfo(@GoType("address.Address") FilAddress miner,
            @GoType(value = "abi.SectorNumber", unsigned = true) long sector,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** Where a sector is proven; fails {@code sector N not due at any deadline}. */
    @JsonRpcMethod("Filecoin.StateSectorPartition")
    @RequiresPermission(Permission.READ)
    SectorDeadlinePartition stateSectorPartition(@GoType("address.Address") FilAddress miner,
            @GoType(value = "abi.SectorNumber", unsigned = true) long sector,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** When a live sector expires; fails {@code failed to find sector N}. */
    @JsonRpcMethod("Filecoin.StateSectorExpiration")
    @RequiresPermission(Permission.READ)
    SectorExpirationEpochs stateSectorExpiration(@GoType("address.Address") FilAddress miner,
            @GoType(value = "abi.SectorNumber", unsigned = true) long sector,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The landed pre-commitment, or {@code null} (no error) when there is none. */
    @JsonRpcMethod("Filecoin.StateSectorPreCommitInfo")
    @RequiresPermission(Permission.READ)
    PreCommitOnChainInfo stateSectorPreCommitInfo(@GoType("address.Address") FilAddress miner,
            @GoType(value = "abi.SectorNumber", unsigned = true) long sector,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The balance neither locked by pledge nor by pre-commit deposits (a big.Int string). */
    @JsonRpcMethod("Filecoin.StateMinerAvailableBalance")
    @RequiresPermission(Permission.READ)
    BigIntString stateMinerAvailableBalance(@GoType("address.Address") FilAddress miner,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The initial pledge a sector of these parameters would take, ×110/100 as Lotus overestimates it. */
    @JsonRpcMethod("Filecoin.StateMinerInitialPledgeCollateral")
    @RequiresPermission(Permission.READ)
    BigIntString stateMinerInitialPledgeCollateral(@GoType("address.Address") FilAddress miner,
            @GoType("miner.SectorPreCommitInfo") SectorPreCommitInfo info,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The pre-commit deposit a sector of these parameters would lock, ×110/100 as Lotus overestimates it. */
    @JsonRpcMethod("Filecoin.StateMinerPreCommitDepositForPower")
    @RequiresPermission(Permission.READ)
    BigIntString stateMinerPreCommitDepositForPower(@GoType("address.Address") FilAddress miner,
            @GoType("miner.SectorPreCommitInfo") SectorPreCommitInfo info,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    // ---- State: the market and verified registry --------------------------------------------------------------

    /** An address's escrow and locked funds in the storage market ({@code "0"}s for an ID address with none). */
    @JsonRpcMethod("Filecoin.StateMarketBalance")
    @RequiresPermission(Permission.READ)
    MarketBalance stateMarketBalance(@GoType("address.Address") FilAddress address,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** A deal's proposal and state; fails {@code deal N not found - …} for a deal the market does not have. */
    @JsonRpcMethod("Filecoin.StateMarketStorageDeal")
    @RequiresPermission(Permission.READ)
    MarketDeal stateMarketStorageDeal(@GoType(value = "abi.DealID", unsigned = true) long dealId,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** An address's remaining datacap, or {@code null} when it has none. */
    @JsonRpcMethod("Filecoin.StateVerifiedClientStatus")
    @RequiresPermission(Permission.READ)
    BigIntString stateVerifiedClientStatus(@GoType("address.Address") FilAddress address,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    // ---- State: actors, addresses, messages, network ----------------------------------------------------------

    /** A miner actor or one of its account actors; fails {@code actor not found}. */
    @JsonRpcMethod("Filecoin.StateGetActor")
    @RequiresPermission(Permission.READ)
    ActorState stateGetActor(@GoType("address.Address") FilAddress actor,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /**
     * An actor's balance, code and decoded state: the miner actor's {@code miner.State}, an account's key address;
     * fails {@code getting actor: actor not found}.
     */
    @JsonRpcMethod("Filecoin.StateReadState")
    @RequiresPermission(Permission.READ)
    ActorReadState stateReadState(@GoType("address.Address") FilAddress actor,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The built-in actors' code CIDs of a network version the node has run, by actor name. */
    @JsonRpcMethod("Filecoin.StateActorCodeCIDs")
    @RequiresPermission(Permission.READ)
    Map<String, CidLink> stateActorCodeCids(@GoType(value = "network.Version", unsigned = true) long networkVersion);

    /** The ID address of an address; fails {@code actor not found} (code 11). */
    @JsonRpcMethod("Filecoin.StateLookupID")
    @RequiresPermission(Permission.READ)
    String stateLookupId(@GoType("address.Address") FilAddress address,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The key address of an account actor. */
    @JsonRpcMethod("Filecoin.StateAccountKey")
    @RequiresPermission(Permission.READ)
    String stateAccountKey(@GoType("address.Address") FilAddress address,
            @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /**
     * Where a message was executed, or {@code null} when it has not been (or not within {@code lookbackLimit} epochs
     * of the tipset, -1 for no limit); fails {@code failed to load message: ipld: could not find <cid>} for a message
     * the node does not hold.
     */
    @JsonRpcMethod("Filecoin.StateSearchMsg")
    @RequiresPermission(Permission.READ)
    MsgLookup stateSearchMsg(@GoType("types.TipSetKey") List<CidLink> tipSetKey, @GoType("cid.Cid") CidLink message,
            @GoType("abi.ChainEpoch") long lookbackLimit, @GoType("bool") boolean allowReplaced);

    /**
     * Waits until a message has {@code confidence} epochs on top of its execution; fails at once for a message the
     * node does not hold or a confidence above 900, and ends with {@code context canceled} when the caller goes away.
     */
    @JsonRpcMethod("Filecoin.StateWaitMsg")
    @RequiresPermission(Permission.READ)
    MsgLookup stateWaitMsg(@GoType("cid.Cid") CidLink message, @GoType(value = "uint64", unsigned = true)
            long confidence, @GoType("abi.ChainEpoch") long lookbackLimit, @GoType("bool") boolean allowReplaced);

    /** The network version at a tipset. */
    @JsonRpcMethod("Filecoin.StateNetworkVersion")
    @RequiresPermission(Permission.READ)
    long stateNetworkVersion(@GoType("types.TipSetKey") List<CidLink> tipSetKey);

    @JsonRpcMethod("Filecoin.StateNetworkName")
    @RequiresPermission(Permission.READ)
    String stateNetworkName();

    /** The messages of the miners not yet included, in nonce order. */
    @JsonRpcMethod("Filecoin.MpoolPending")
    @RequiresPermission(Permission.READ)
    List<SignedMessage> mpoolPending(@GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** An address's balance; {@code "0"} for an unknown one. */
    @JsonRpcMethod("Filecoin.WalletBalance")
    @RequiresPermission(Permission.READ)
    BigIntString walletBalance(@GoType("address.Address") FilAddress address);

    /**
     * What a miner needs to mine at {@code round} on a tipset: its power at the Winning PoSt lookback, the challenged
     * sector, the beacon entries; {@code null} for a miner with no active sector (or no miner).
     */
    @JsonRpcMethod("Filecoin.MinerGetBaseInfo")
    @RequiresPermission(Permission.READ)
    MiningBaseInfo minerGetBaseInfo(@GoType("address.Address") FilAddress miner,
            @GoType("abi.ChainEpoch") long round, @GoType("types.TipSetKey") List<CidLink> tipSetKey);

    /** The wallet's addresses: the key addresses of the miners' worker accounts. */
    @JsonRpcMethod("Filecoin.WalletList")
    @RequiresPermission(Permission.WRITE)
    List<String> walletList();

    /** The wallet's default address: the first miner's worker key. */
    @JsonRpcMethod("Filecoin.WalletDefaultAddress")
    @RequiresPermission(Permission.WRITE)
    String walletDefaultAddress();

    // ---- Sync and net ---------------------------------------------------------------------------------------

    /** The sync workers: a node in sync shows one worker complete at the head. */
    @JsonRpcMethod("Filecoin.SyncState")
    @RequiresPermission(Permission.READ)
    SyncState syncState();

    /** The node's libp2p peer ID ({@code 12D3KooW…}). */
    @JsonRpcMethod("Filecoin.ID")
    @RequiresPermission(Permission.READ)
    String id();

    /** The connected peers. */
    @JsonRpcMethod("Filecoin.NetPeers")
    @RequiresPermission(Permission.READ)
    List<PeerAddrInfo> netPeers();

    /** What AutoNAT found of the node's reachability. */
    @JsonRpcMethod("Filecoin.NetAutoNatStatus")
    @RequiresPermission(Permission.READ)
    NatInfo netAutoNatStatus();

    /** libp2p traffic in total. */
    @JsonRpcMethod("Filecoin.NetBandwidthStats")
    @RequiresPermission(Permission.READ)
    BandwidthStats netBandwidthStats();

    /** libp2p traffic by protocol ID. */
    @JsonRpcMethod("Filecoin.NetBandwidthStatsByProtocol")
    @RequiresPermission(Permission.READ)
    Map<String, BandwidthStats> netBandwidthStatsByProtocol();

    // ---- Common ---------------------------------------------------------------------------------------------

    /** The node's version; APIVersion 2.3.0 (FullAPIVersion1). */
    @JsonRpcMethod("Filecoin.Version")
    @RequiresPermission(Permission.READ)
    VersionInfo version();

    @JsonRpcMethod("Filecoin.AuthNew")
    @RequiresPermission(Permission.ADMIN)
    byte[] authNew(@GoType("[]auth.Permission") List<String> permissions);

    @JsonRpcMethod("Filecoin.AuthVerify")
    @RequiresPermission(Permission.READ)
    List<String> authVerify(String token);

    @JsonRpcMethod("Filecoin.Session")
    @RequiresPermission(Permission.READ)
    UUID session();

    /** An OpenRPC document listing exactly the methods this endpoint serves. Also {@code rpc.discover}. */
    @JsonRpcMethod("Filecoin.Discover")
    @RequiresPermission(Permission.READ)
    @RpcAlias("rpc.discover")
    ObjectNode discover();
}
