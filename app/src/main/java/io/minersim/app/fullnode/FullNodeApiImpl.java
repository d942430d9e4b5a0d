package io.minersim.app.fullnode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minersim.app.api.CommonApi;
import io.minersim.app.api.TokenAuthority;
import io.minersim.rpc.FullNodeApi;
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
import io.minersim.sealing.ChainMessage;
import io.minersim.sealing.ChainState;
import io.minersim.sealing.ChainView;
import io.minersim.sealing.Miner;
import io.minersim.sealing.OnChainSector;
import io.minersim.sealing.Profile;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.proving.DeadlineInfo;
import io.minersim.sealing.proving.PartitionSectors;
import io.minersim.sealing.proving.SectorCounts;
import io.minersim.sealing.proving.SectorExpiration;
import io.minersim.sealing.proving.SectorPlace;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.stream.Collectors;

/**
 * The simulated full node: Lotus's {@code FullNodeApi} over the world's miners. Every {@code State*} answer reads the
 * miners' {@link ChainState} at the key's tipset: the head's {@link ChainView}, or the proving state the engine kept
 * for a recent epoch ({@link ChainView#at}); an older one answers as a Lotus node whose splitstore pruned it. A tipset
 * key must name a tipset of this chain at or below the head (else Lotus's {@code loading tipset} error).
 */
public final class FullNodeApiImpl implements FullNodeApi {
    private static final String MINER_PREFIX = "failed to load miner actor: ";
    private static final String SSET_PREFIX = "(get sset) failed to load miner actor: ";
    /** Lotus's FullAPIVersion1, 2.3.0. */
    static final long API_VERSION = VersionInfo.semver(2, 3, 0);
    /** Lotus's {@code api.LookbackNoLimit}. */
    static final long LOOKBACK_NO_LIMIT = MessageSearch.LOOKBACK_NO_LIMIT;
    /** How many StateWaitMsg calls may wait at once. */
    static final int MAX_WAITING = MessageSearch.MAX_WAITING;

    private final List<Miner> miners;
    private final Profile profile;
    private final CommonApi common;
    private final SimulatedTipsets tipsets;
    private final MinerDirectory directory;
    private final Funds funds;
    private final HeadFeed feed;
    private final NetAndSync net;
    private final Market market;
    private final Mining mining;
    private final java.util.function.Supplier<ObjectNode> openRpc;
    private final String networkName;
    private final MessageSearch messages;

    /**
     * @param miners the world's miners, in order (at least one)
     * @param profile the chain profile
     * @param tokens signs and verifies the full node's tokens
     * @param openRpc the document Discover answers (read on first use)
     */
    public FullNodeApiImpl(List<Miner> miners, Profile profile, TokenAuthority tokens,
            java.util.function.Supplier<ObjectNode> openRpc) {
        if (miners.isEmpty()) {
            throw new IllegalArgumentException("a full node needs at least one miner");
        }
        this.miners = List.copyOf(miners);
        this.profile = profile;
        this.openRpc = openRpc;
        Miner first = this.miners.get(0);
        this.common = new CommonApi(tokens, profile.name().toLowerCase(java.util.Locale.ROOT), API_VERSION,
                first.config().policy().blockDelaySeconds());
        this.tipsets = SimulatedTipsets.of(this.miners);
        this.funds = new Funds(profile, tipsets);
        this.directory = new MinerDirectory(miners, funds.accountCode());
        this.feed = new HeadFeed(tipsets, this::head);
        this.net = new NetAndSync(tipsets, this.miners);
        this.market = new Market(directory);
        this.mining = new Mining(tipsets, funds, this.miners);
        this.messages = new MessageSearch(this.miners, tipsets, feed, this::head);
        this.networkName = profile == Profile.MAINNET ? "mainnet"
                : "localnet-" + UUID.nameUUIDFromBytes(tipsets.hash("network-name", 0, 16));
    }

    /** The listener the chain clock tells of each new head (after the miners). */
    public io.minersim.sealing.chain.HeadListener headListener() {
        return feed;
    }

    /** The head: the first miner's (every miner of a world shares one clock). */
    long head() {
        return miners.get(0).head();
    }

    // ---- chain ---------------------------------------------------------------------------------------------------

    @Override
    public TipSet chainHead() {
        return tipsets.tipSet(head());
    }

    @Override
    public TipSet chainGetTipSetByHeight(long height, List<CidLink> tipSetKey) {
        long start = height(tipSetKey);
        if (height > start) {
            throw new ChainException("looking for tipset with height greater than start point, req: " + height
                    + ", head: " + start);
        }
        if (height < 0) {
            throw new ChainException("looking for tipset with negative height " + height);
        }
        return tipsets.tipSet(height);
    }

    @Override
    public TipSet chainGetTipSet(List<CidLink> tipSetKey) {
        return tipsets.tipSet(height(tipSetKey));
    }

    @Override
    public Flow.Publisher<List<HeadChange>> chainNotify() {
        return feed;
    }

    @Override
    public ChainMessageJson chainGetMessage(CidLink message) {
        for (MinerDirectory.Entry e : directory.entries()) {
            for (ChainMessage m : e.miner().chain().messages()) {
                if (message != null && m.sentEpoch() <= head() && m.cid().toString().equals(message.value())) {
                    return ChainWire.message(m, e.accounts().keyAddress(), e.accounts().actorAddress());
                }
            }
        }
        // the chain store's blockstore miss, unwrapped (go-cid prints cid.Undef as "b")
        throw new ChainException("ipld: could not find " + (message == null ? "b" : message.value()));
    }

    /** The height a key names: the head for null or {@code []}; Lotus's error for a key of no tipset here. */
    private long height(List<CidLink> key) {
        return tipsets.heightAt(key, head());
    }

    // ---- the miner actor ---------------------------------------------------------------------------------------

    /** The miner's state at the key's tipset; Lotus's error for an unknown miner or a state no longer kept. */
    private ChainState chain(FilAddress miner, List<CidLink> key, String prefix) {
        long h = height(key);
        return stateAt(directory.miner(miner, prefix).miner(), h, prefix);
    }

    /**
     * A miner's state at {@code height}; beyond the retained window, the error of a Lotus node whose splitstore has
     * pruned that tipset's state: its parent state root is no longer in the state store.
     */
    private ChainState stateAt(Miner m, long height, String prefix) {
        return m.chain().at(height).orElseThrow(() -> {
            String root = tipsets.derived("state-root", height).value();
            return new ChainException(prefix + "load state tree: failed to load state tree " + root
                    + ": failed to load hamt node: ipld: could not find " + root);
        });
    }

    @Override
    public MinerInfo stateMinerInfo(FilAddress miner, List<CidLink> tipSetKey) {
        height(tipSetKey);
        MinerDirectory.Entry e = directory.miner(miner, MINER_PREFIX);
        io.minersim.sealing.SectorSize size = e.miner().config().sectorSize();
        String account = e.accounts().accountAddress();
        return MinerInfo.builder().owner(account).worker(account).windowPoStProofType(size.windowPoStProof())
                .sectorSize(size.bytes()).windowPoStPartitionSectors(size.partitionSectors())
                .beneficiary(account, new MinerInfo.BeneficiaryTerm(java.math.BigInteger.ZERO,
                        java.math.BigInteger.ZERO, 0))
                .build();
    }

    @Override
    public MinerPower stateMinerPower(FilAddress miner, List<CidLink> tipSetKey) {
        long h = height(tipSetKey);
        return funds.power(directory.minerOrNull(miner), miners, m -> stateAt(m, h, "").power());
    }

    @Override
    public ProvingDeadline stateMinerProvingDeadline(FilAddress miner, List<CidLink> tipSetKey) {
        long h = height(tipSetKey);
        return ChainWire.deadline(deadlineAt(directory.miner(miner, MINER_PREFIX).miner().chain(), h));
    }

    /** The miner's current proving deadline at {@code h}. */
    private static DeadlineInfo deadlineAt(ChainView chain, long h) {
        DeadlineInfo atHead = chain.provingDeadline();
        if (h == atHead.currentEpoch()) {
            return atHead;
        }
        long offset = Math.floorMod(atHead.periodStart(), DeadlineInfo.PROVING_PERIOD);
        return DeadlineInfo.current(DeadlineInfo.provingPeriodStart(h, offset), h);
    }

    @Override
    public List<MinerDeadline> stateMinerDeadlines(FilAddress miner, List<CidLink> tipSetKey) {
        List<MinerDeadline> out = new ArrayList<>();
        for (BitField posted : chain(miner, tipSetKey, MINER_PREFIX).postSubmissions()) {
            out.add(new MinerDeadline(ChainWire.bitField(posted), 0, java.math.BigInteger.ZERO));
        }
        return out;
    }

    @Override
    public List<MinerPartition> stateMinerPartitions(FilAddress miner, long deadline, List<CidLink> tipSetKey) {
        ChainState chain = chain(miner, tipSetKey, MINER_PREFIX);
        if (deadline < 0 || deadline >= DeadlineInfo.PERIOD_DEADLINES) {
            throw new ChainException("failed to load the deadline: invalid deadline "
                    + Long.toUnsignedString(deadline));
        }
        List<PartitionSectors> parts = chain.partitions(deadline);
        if (parts.isEmpty()) {
            return null; // a Go nil slice
        }
        return parts.stream().map(ChainWire::partition).collect(Collectors.toList());
    }

    @Override
    public BitFieldRuns stateMinerFaults(FilAddress miner, List<CidLink> tipSetKey) {
        return ChainWire.bitField(chain(miner, tipSetKey, MINER_PREFIX).faults());
    }

    @Override
    public BitFieldRuns stateMinerRecoveries(FilAddress miner, List<CidLink> tipSetKey) {
        return ChainWire.bitField(chain(miner, tipSetKey, MINER_PREFIX).recoveries());
    }

    @Override
    public List<SectorOnChainInfo> stateMinerActiveSectors(FilAddress miner, List<CidLink> tipSetKey) {
        ChainState chain = chain(miner, tipSetKey, MINER_PREFIX);
        return sectors(chain, chain.activeSectors());
    }

    @Override
    public List<SectorOnChainInfo> stateMinerSectors(FilAddress miner, BitFieldRuns sectors,
            List<CidLink> tipSetKey) {
        ChainState chain = chain(miner, tipSetKey, MINER_PREFIX);
        BitField all = chain.onChainSectors();
        return sectors(chain, sectors == null ? all : all.intersect(BitField.fromRuns(sectors.runs())));
    }

    private static List<SectorOnChainInfo> sectors(ChainState chain, BitField numbers) {
        List<SectorOnChainInfo> out = new ArrayList<>();
        for (long n : numbers) {
            chain.sector(n).map(ChainWire::sector).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public MinerSectorCount stateMinerSectorCount(FilAddress miner, List<CidLink> tipSetKey) {
        SectorCounts c = chain(miner, tipSetKey, "").sectorCounts();
        return new MinerSectorCount(c.live(), c.active(), c.faulty());
    }

    @Override
    public SectorOnChainInfo stateSectorGetInfo(FilAddress miner, long sector, List<CidLink> tipSetKey) {
        ChainState chain = chain(miner, tipSetKey, SSET_PREFIX);
        Optional<OnChainSector> s = sector < 0 ? Optional.empty() : chain.sector(sector);
        return s.map(ChainWire::sector).orElse(null);
    }

    @Override
    public SectorDeadlinePartition stateSectorPartition(FilAddress miner, long sector, List<CidLink> tipSetKey) {
        ChainState chain = chain(miner, tipSetKey, "");
        Optional<SectorPlace> p = sector < 0 ? Optional.empty() : chain.place(sector);
        SectorPlace place = p.orElseThrow(() -> new ChainException("sector " + Long.toUnsignedString(sector)
                + " not due at any deadline"));
        return new SectorDeadlinePartition(place.deadline(), place.partition());
    }

    @Override
    public SectorExpirationEpochs stateSectorExpiration(FilAddress miner, long sector, List<CidLink> tipSetKey) {
        ChainState chain = chain(miner, tipSetKey, "");
        Optional<SectorExpiration> e = sector < 0 ? Optional.empty() : chain.expiration(sector);
        SectorExpiration exp = e.orElseThrow(() -> new ChainException("failed to find sector "
                + Long.toUnsignedString(sector)));
        return new SectorExpirationEpochs(exp.onTime(), exp.early());
    }

    @Override
    public PreCommitOnChainInfo stateSectorPreCommitInfo(FilAddress miner, long sector, List<CidLink> tipSetKey) {
        ChainState chain = chain(miner, tipSetKey, SSET_PREFIX);
        return sector < 0 ? null : chain.preCommit(sector).map(ChainWire::preCommit).orElse(null);
    }

    @Override
    public BigIntString stateMinerAvailableBalance(FilAddress miner, List<CidLink> tipSetKey) {
        long h = height(tipSetKey);
        chain(miner, tipSetKey, MINER_PREFIX); // Lotus's errors: an unknown miner, a state no longer kept
        return new BigIntString(Funds.availableBalance(directory.miner(miner, MINER_PREFIX).miner().chain(), h));
    }

    @Override
    public BigIntString stateMinerInitialPledgeCollateral(FilAddress miner, SectorPreCommitInfo info,
            List<CidLink> tipSetKey) {
        height(tipSetKey);
        return new BigIntString(Funds.overestimated(Funds.pledgeFor(info == null ? -1 : info.sealProof())));
    }

    @Override
    public BigIntString stateMinerPreCommitDepositForPower(FilAddress miner, SectorPreCommitInfo info,
            List<CidLink> tipSetKey) {
        height(tipSetKey);
        return new BigIntString(Funds.overestimated(Funds.pledgeFor(info == null ? -1 : info.sealProof())));
    }

    // ---- the market and verified registry -----------------------------------------------------------------------

    @Override
    public MarketBalance stateMarketBalance(FilAddress address, List<CidLink> tipSetKey) {
        long h = height(tipSetKey);
        MinerDirectory.Entry provider = directory.minerOrNull(address);
        if (!address.isId() && directory.accountOrNull(address) == null && !market.isClient(address)) {
            throw new ChainException(MinerDirectory.notFound(address)); // the state manager's ID lookup
        }
        return market.balance(address, provider, h);
    }

    @Override
    public MarketDeal stateMarketStorageDeal(long dealId, List<CidLink> tipSetKey) {
        long h = height(tipSetKey);
        return market.deal(dealId, m -> stateAt(m, h, ""));
    }

    /**
     * {@code null}: the simulated verified registry grants no datacap (a verified deal's datacap was spent when it was
     * published). The address must name an actor, as Lotus looks its ID up first.
     */
    @Override
    public BigIntString stateVerifiedClientStatus(FilAddress address, List<CidLink> tipSetKey) {
        if (!address.isId() && market.isClient(address)) {
            height(tipSetKey);
            return null;
        }
        stateLookupId(address, tipSetKey);
        return null;
    }

    // ---- actors, addresses, messages, network ----------------------------------------------------------------

    @Override
    public ActorState stateGetActor(FilAddress actor, List<CidLink> tipSetKey) {
        long h = height(tipSetKey);
        MinerDirectory.Entry m = directory.minerOrNull(actor);
        if (m != null) {
            return funds.minerActor(m, stateAt(m.miner(), h, ""), h);
        }
        MinerDirectory.Entry a = directory.accountOrNull(actor);
        if (a != null) {
            return funds.accountActor(a, stateAt(a.miner(), h, ""), h);
        }
        throw new ChainException(MinerDirectory.notFound(actor));
    }

    @Override
    public ActorReadState stateReadState(FilAddress actor, List<CidLink> tipSetKey) {
        long h = height(tipSetKey);
        MinerDirectory.Entry m = directory.minerOrNull(actor);
        if (m != null) {
            return funds.minerReadState(m, stateAt(m.miner(), h, "getting actor: "),
                    deadlineAt(m.miner().chain(), h), h);
        }
        MinerDirectory.Entry a = directory.accountOrNull(actor);
        if (a != null) {
            return funds.accountReadState(a, stateAt(a.miner(), h, "getting actor: "), h);
        }
        throw new ChainException("getting actor: " + MinerDirectory.notFound(actor));
    }

    /**
     * The codes of the one bundle the simulated chain runs, for each network version it has run (those
     * StateNetworkVersion answers over the profile's life); Lotus's error for another.
     */
    @Override
    public Map<String, CidLink> stateActorCodeCids(long networkVersion) {
        long first = Funds.networkVersion(profile, 0);
        long last = Funds.networkVersion(profile, Long.MAX_VALUE / 2);
        if (networkVersion < first || networkVersion > last) {
            String nv = Long.toUnsignedString(networkVersion);
            throw new ChainException("invalid network version " + nv + ": unsupported network version " + nv);
        }
        return funds.actorCodes();
    }

    @Override
    public String stateLookupId(FilAddress address, List<CidLink> tipSetKey) {
        height(tipSetKey);
        if (address.isId()) {
            return address.canonical();
        }
        MinerDirectory.Entry a = directory.accountOrNull(address);
        if (a == null) {
            throw new ChainException(ChainException.ACTOR_NOT_FOUND, "actor not found");
        }
        return a.accounts().accountAddress();
    }

    @Override
    public String stateAccountKey(FilAddress address, List<CidLink> tipSetKey) {
        height(tipSetKey);
        if (!address.isId() && (address.value().charAt(1) == '1' || address.value().charAt(1) == '3')) {
            return address.canonical(); // a key address is its own key
        }
        MinerDirectory.Entry a = directory.accountOrNull(address);
        if (a != null) {
            return a.accounts().keyAddress();
        }
        if (directory.minerOrNull(address) != null) {
            throw new ChainException("address " + address.canonical() + " was not for an account actor");
        }
        throw new ChainException(MinerDirectory.notFound(address));
    }

    @Override
    public MsgLookup stateSearchMsg(List<CidLink> tipSetKey, CidLink message, long lookbackLimit,
            boolean allowReplaced) {
        return messages.search(height(tipSetKey), message, lookbackLimit);
    }

    /** Lotus's {@code WaitForMessage} ({@link MessageSearch#await}). */
    @Override
    public MsgLookup stateWaitMsg(CidLink message, long confidence, long lookbackLimit, boolean allowReplaced) {
        return messages.await(message, confidence, lookbackLimit);
    }

    /** How many StateWaitMsg calls are waiting now. */
    int waitingCalls() {
        return messages.waitingCalls();
    }

    @Override
    public long stateNetworkVersion(List<CidLink> tipSetKey) {
        return Funds.networkVersion(profile, height(tipSetKey));
    }

    @Override
    public String stateNetworkName() {
        return networkName;
    }

    @Override
    public List<SignedMessage> mpoolPending(List<CidLink> tipSetKey) {
        long h = height(tipSetKey);
        List<SignedMessage> out = new ArrayList<>();
        for (MinerDirectory.Entry e : directory.entries()) {
            for (ChainMessage m : e.miner().chain().messages()) {
                if (m.inclusionEpoch() > h && m.sentEpoch() <= h) {
                    out.add(ChainWire.signed(m, e.accounts().keyAddress(), e.accounts().actorAddress(), tipsets));
                }
            }
        }
        return out;
    }

    @Override
    public BigIntString walletBalance(FilAddress address) {
        MinerDirectory.Entry m = directory.minerOrNull(address);
        if (m != null) {
            return new BigIntString(funds.minerActor(m, m.miner().chain(), head()).balance());
        }
        MinerDirectory.Entry a = directory.accountOrNull(address);
        return new BigIntString(a == null ? java.math.BigInteger.ZERO
                : funds.accountActor(a, a.miner().chain(), head()).balance());
    }

    /**
     * Lotus's {@code stmgr.MinerGetBaseInfo}: {@code null} for an address of no actor (the lookback state has none)
     * or a miner with no active sector; the tipset's load error after {@code failed to load tipset for mining base}.
     */
    @Override
    public MiningBaseInfo minerGetBaseInfo(FilAddress miner, long round, List<CidLink> tipSetKey) {
        long h;
        try {
            h = height(tipSetKey);
        } catch (ChainException e) {
            String m = e.getMessage();
            // the chain store's own error, without the State API's "loading tipset {…}: "
            throw new ChainException("failed to load tipset for mining base: " + m.substring(m.indexOf("}: ") + 3));
        }
        MinerDirectory.Entry e = directory.minerOrNull(miner);
        if (e == null) {
            if (directory.accountOrNull(miner) != null) {
                directory.miner(miner, "failed to load miner actor state: "); // an account: not a miner's code
            }
            return null;
        }
        return mining.baseInfo(e, round, h, (m, epoch) -> stateAt(m, epoch, ""));
    }

    @Override
    public List<String> walletList() {
        List<String> out = new ArrayList<>();
        for (MinerDirectory.Entry e : directory.entries()) {
            out.add(e.accounts().keyAddress());
        }
        return out;
    }

    @Override
    public String walletDefaultAddress() {
        return directory.entries().get(0).accounts().keyAddress();
    }

    // ---- sync and net ----------------------------------------------------------------------------------------

    @Override
    public SyncState syncState() {
        return net.syncState(head());
    }

    @Override
    public String id() {
        return net.peerId();
    }

    @Override
    public List<PeerAddrInfo> netPeers() {
        return net.peers();
    }

    @Override
    public NatInfo netAutoNatStatus() {
        return net.natInfo();
    }

    @Override
    public BandwidthStats netBandwidthStats() {
        return net.bandwidth();
    }

    @Override
    public Map<String, BandwidthStats> netBandwidthStatsByProtocol() {
        return net.bandwidthByProtocol();
    }

    // ---- common ----------------------------------------------------------------------------------------------

    @Override
    public VersionInfo version() {
        return common.version();
    }

    @Override
    public byte[] authNew(List<String> permissions) {
        return common.authNew(permissions);
    }

    @Override
    public List<String> authVerify(String token) {
        return common.authVerify(token);
    }

    @Override
    public UUID session() {
        return common.session();
    }

    @Override
    public ObjectNode discover() {
        return openRpc.get().deepCopy();
    }
}
