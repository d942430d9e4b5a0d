package io.minersim.app.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.minersim.app.rpc.GoJsonWriter;
import io.minersim.app.rpc.OpenRpcDocument;
import io.minersim.app.rpc.ResultWriter;
import io.minersim.app.world.Durability;
import io.minersim.rpc.BackupApi;
import io.minersim.rpc.MinerApi;
import io.minersim.rpc.ProvingApi;
import io.minersim.rpc.StorageApi;
import io.minersim.rpc.WorkerReturnApi;
import io.minersim.rpc.WorkersApi;
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
import io.minersim.rpc.types.SectorOffset;
import io.minersim.rpc.types.SectorPiece;
import io.minersim.rpc.types.SectorRef;
import io.minersim.rpc.types.VersionInfo;
import io.minersim.sealing.CheckedPiece;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.SectorInfo;
import io.minersim.sealing.SectorLocation;
import io.minersim.sealing.SectorNotFoundException;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.SectorNumberAssigner;
import io.minersim.sealing.piece.Piece;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lotus miner API over one simulated {@link Miner}: checks arguments, maps wire records to the
 * core's domain values and back. Errors are {@link SealingException}s whose messages reach the client
 * as code-1 errors.
 */
public final class MinerApiImpl implements MinerApi {
    /** Lotus's MinerAPIVersion0, semver 1.5.0. */
    static final long API_VERSION = (1 << 16) | (5 << 8);

    private final Miner miner;
    private final MinerConfig config;
    private final CommonApi common;
    private final PieceData pieceData;
    private final Runnable shutdown;
    private final String startTime;
    private final java.util.function.Supplier<ObjectNode> openRpc;
    private final Duration addPieceTimeout;
    private final Durability durability;
    private final SectorInfoJson statusJson = new SectorInfoJson(io.minersim.app.rpc.GoJson.newObjectMapper());
    /** Up to 2048 encoded answers, about 8 KB each for a sealed sector. */
    private final StatusCache statusCache = new StatusCache(2048);

    public MinerApiImpl(Miner miner, String profile, TokenAuthority tokens, PieceData pieceData, Runnable shutdown,
            Duration addPieceTimeout) {
        this(miner, profile, tokens, pieceData, shutdown, addPieceTimeout, Durability.NONE);
    }

    /**
     * @param durability where the miner's changes are kept: each changing call answers only once they are
     */
    public MinerApiImpl(Miner miner, String profile, TokenAuthority tokens, PieceData pieceData, Runnable shutdown,
            Duration addPieceTimeout, Durability durability) {
        this.durability = durability;
        this.miner = miner;
        this.config = miner.config();
        this.common = new CommonApi(tokens, profile, API_VERSION, config.policy().blockDelaySeconds());
        this.pieceData = pieceData;
        this.shutdown = shutdown;
        this.addPieceTimeout = addPieceTimeout;
        this.startTime = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC));
        this.openRpc = OpenRpcDocument.lazy("/io/minersim/app/miner-openrpc.json", SERVED);
    }

    /** The miner's interfaces served on its endpoint: what {@code Discover} lists. */
    static final List<Class<?>> SERVED = List.of(MinerApi.class, BackupApi.class, ProvingApi.class, StorageApi.class,
            WorkerReturnApi.class, WorkersApi.class, io.minersim.rpc.FundsApi.class, io.minersim.rpc.MarketApi.class,
            io.minersim.rpc.MiningApi.class, io.minersim.rpc.PieceApi.class);

    /** The names this endpoint serves of the miner's API: what {@code Discover} may list. */
    static Set<String> served() {
        return OpenRpcDocument.served(SERVED);
    }

    // sector status

    @Override
    public io.minersim.rpc.types.SectorInfo sectorsStatus(long sectorNumber, boolean showOnChainInfo) {
        try {
            return WireMapping.sectorInfo(miner.status(sectorNumber, showOnChainInfo));
        } catch (SectorNotFoundException e) {
            throw new SealingException("No state for /" + Long.toUnsignedString(sectorNumber)
                    + ": datastore: key not found");
        }
    }

    /**
     * {@link #sectorsStatus(long, boolean)}'s result as the RPC mapper would encode it, byte for byte: served from
     * a cache while the miner has not changed since it was read (see {@link StatusCache}), else read and written
     * anew. The caller must not modify the array.
     */
    public byte[] sectorsStatusJson(long sectorNumber, boolean showOnChainInfo) throws JsonProcessingException {
        GoJsonWriter out = new GoJsonWriter(0);
        sectorsStatus(sectorNumber, showOnChainInfo, out);
        return out.toByteArray();
    }

    /**
     * Appends {@link #sectorsStatus(long, boolean)}'s result to {@code out}, as {@link #sectorsStatusJson} gives
     * it: the RPC dispatcher answers {@code Filecoin.SectorsStatus} through this {@link ResultWriter}, straight
     * into the response. A fresh answer is cached as the slice of {@code out} it was written to; on failure
     * nothing is cached and {@code out} is to be dropped.
     */
    @ResultWriter
    public void sectorsStatus(long sectorNumber, boolean showOnChainInfo, GoJsonWriter out)
            throws JsonProcessingException {
        long before = miner.writeCount();
        StatusCache.Entry cached = statusCache.get(sectorNumber, showOnChainInfo, before);
        if (cached != null) {
            // room for the envelope's closing bytes too: a buffer grown to fit the answer exactly would be
            // grown (and the answer copied) again for them
            out.reserve(cached.length() + 16).raw(cached.array(), cached.from(), cached.length());
            return;
        }
        io.minersim.rpc.types.SectorInfo info = sectorsStatus(sectorNumber, showOnChainInfo);
        int from = out.size();
        statusJson.encode(info, out);
        if (miner.writeCount() == before) {
            statusCache.put(sectorNumber, showOnChainInfo, before, out.array(), from, out.size() - from);
        }
    }

    /** The cached answer for a sector, a copy, or null (for tests of the cache). */
    byte[] cachedStatusJson(long sectorNumber, boolean showOnChainInfo) {
        StatusCache.Entry e = statusCache.get(sectorNumber, showOnChainInfo, miner.writeCount());
        return e == null ? null : java.util.Arrays.copyOfRange(e.array(), e.from(), e.from() + e.length());
    }

    @Override
    public List<Long> sectorsList() {
        return boxed(miner.list());
    }

    @Override
    public List<Long> sectorsListInStates(List<String> states) {
        Set<SectorState> known = EnumSet.noneOf(SectorState.class);
        if (states != null) {
            for (String name : states) {
                SectorState.byName(name).ifPresent(known::add);
            }
        }
        long[] found = miner.listInStates(known);
        return found.length == 0 ? null : boxed(found);
    }

    @Override
    public Map<String, Long> sectorsSummary() {
        Map<String, Long> out = new TreeMap<>();
        miner.summary().forEach((state, count) -> out.put(state.name(), count));
        return out;
    }

    /**
     * {@link #sectorsSummary()}'s result written straight into the response (the dispatcher's {@link ResultWriter}):
     * the states in the same order, as the mapper writes the map, without its serializer.
     */
    @ResultWriter
    public void sectorsSummary(GoJsonWriter out) {
        out.raw('{');
        boolean first = true;
        for (Map.Entry<String, Long> e : sectorsSummary().entrySet()) {
            if (!first) {
                out.raw(',');
            }
            first = false;
            out.string(e.getKey()).raw(':').number(e.getValue());
        }
        out.raw('}');
    }

    @Override
    public Map<String, List<SealedRef>> sectorsRefs() {
        Map<String, List<SealedRef>> out = new TreeMap<>();
        for (long n : miner.list()) {
            long offset = 0;
            for (Piece p : miner.pieces(n)) {
                if (p.deal() != null && p.deal().isLegacyDeal()) {
                    out.computeIfAbsent(Long.toUnsignedString(p.deal().dealId()), k -> new ArrayList<>())
                            .add(new SealedRef(n, offset, PieceCommitments.unpaddedSize(p.paddedSize())));
                }
                offset += p.paddedSize();
            }
        }
        return out;
    }

    // state changes

    @Override
    public void sectorsUpdate(long sectorNumber, String state) {
        SectorState target = SectorState.byName(state).orElseThrow(() -> new InvalidInputException("state",
                "unknown sector state '" + state + "' (minersim accepts only Lotus's 63 state names)"));
        miner.forceState(sectorNumber, target);
        durability.await();
    }

    @Override
    public void sectorsUnsealPiece(SectorRef sector, long offset, long size, byte[] randomness, CidLink commD) {
        if (sector.id().miner() != config.actorId()) {
            throw new InvalidInputException("sector", "sector " + sector.id().number() + " belongs to miner f0"
                    + sector.id().miner() + ", not " + config.actorAddress());
        }
        SectorInfo info = miner.status(sector.id().number(), false);
        long capacity = config.sectorSize().unpaddedBytes();
        if (offset < 0 || size <= 0 || offset + size > capacity) {
            throw new InvalidInputException("offset", "range " + offset + "+" + size
                    + " is outside the sector's " + capacity + " unpadded bytes");
        }
        if (info.commD() == null) {
            throw new SealingException("sector " + sector.id().number() + " has no CommD yet: nothing to unseal");
        }
    }

    @Override
    public SectorOffset sectorAddPieceToAny(long size, ReaderStream data, PieceDealInfo deal) {
        CheckedPiece checked = miner.checkPiece(size, WireMapping.dealInfo(deal));
        CheckedPiece piece = checked.withDataCid(dataCid(size, checked.paddedSize(), data));
        SectorLocation at;
        try {
            at = miner.addPieceToAny(piece).get(addPieceTimeout.toMillis(), TimeUnit.MILLISECONDS);
            durability.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SealingException("interrupted while waiting for a sector for the piece");
        } catch (ExecutionException e) {
            durability.await(); // the piece was assigned (its AddPiece fails): the write is journaled first
            throw new SealingException(String.valueOf(e.getCause().getMessage()));
        } catch (TimeoutException e) {
            durability.await();
            throw new SealingException("no sector took the piece within " + addPieceTimeout.toSeconds()
                    + " s; it stays queued (limits on open and sealing sectors)");
        }
        return new SectorOffset(at.sector(), at.offset());
    }

    /**
     * Reads the piece's bytes, exactly {@code size} of them, and returns their piece CID. One that is not the
     * deal's is not refused here: as in Lotus, the piece is assigned and its AddPiece fails the check.
     */
    private Cid dataCid(long size, long padded, ReaderStream data) {
        if (data == null) {
            throw new InvalidInputException("data", "no reader for the piece data");
        }
        byte[] commP;
        if (ReaderStream.NULL.equals(data.type())) {
            long count = parseCount(data.info());
            if (count != size) {
                throw new InvalidInputException("data", "reader has " + count + " bytes, the piece size is " + size);
            }
            commP = PieceCommitments.zeroCommitment(padded);
        } else {
            try (InputStream in = pieceData.open(data)) {
                commP = PieceCommitments.pieceCommitment(in, size);
            } catch (java.io.EOFException e) {
                throw new InvalidInputException("data", "piece data is shorter than the piece size " + size);
            } catch (IOException e) {
                throw new InvalidInputException("data", "reading piece data: " + e.getMessage());
            }
        }
        return Cid.unsealedCommitment(commP);
    }

    private static long parseCount(String info) {
        try {
            return Long.parseLong(info);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("data", "parsing null byte count: " + e.getMessage());
        }
    }

    @Override
    public void sectorStartSealing(long sectorNumber) {
        miner.startSealing(sectorNumber);
        durability.await();
    }

    @Override
    public void sectorSetSealDelay(long delayNanos) {
        if (delayNanos < 0) {
            throw new InvalidInputException("delay", "seal delay must not be negative");
        }
        miner.setSealDelay(Duration.ofNanos(delayNanos));
        durability.await();
    }

    @Override
    public long sectorGetSealDelay() {
        return miner.sealDelay().toNanos();
    }

    @Override
    public void sectorSetExpectedSealDuration(long durationNanos) {
        miner.setExpectedSealDuration(Duration.ofNanos(durationNanos));
        durability.await();
    }

    @Override
    public long sectorGetExpectedSealDuration() {
        return miner.expectedSealDuration().toNanos();
    }

    @Override
    public void sectorRemove(long sectorNumber) {
        miner.remove(sectorNumber);
        durability.await();
    }

    @Override
    public void sectorTerminate(long sectorNumber) {
        miner.terminate(sectorNumber);
        durability.await();
    }

    @Override
    public CidLink sectorTerminateFlush() {
        CidLink sent = miner.terminateFlush().map(WireMapping::cid).orElse(null);
        durability.await();
        return sent;
    }

    @Override
    public List<SectorId> sectorTerminatePending() {
        return ids(miner.terminatePending());
    }

    @Override
    public List<PreCommitBatchRes> sectorPreCommitFlush() {
        List<PreCommitBatchRes> sent = miner.preCommitFlush().map(l -> l.stream().map(WireMapping::preCommitBatch)
                .toList()).orElse(null);
        durability.await();
        return sent;
    }

    @Override
    public List<SectorId> sectorPreCommitPending() {
        return ids(miner.preCommitPending());
    }

    @Override
    public List<CommitBatchRes> sectorCommitFlush() {
        List<CommitBatchRes> sent = miner.commitFlush().map(l -> l.stream().map(WireMapping::commitBatch).toList())
                .orElse(null);
        durability.await();
        return sent;
    }

    @Override
    public List<SectorId> sectorCommitPending() {
        return ids(miner.commitPending());
    }

    @Override
    public void sectorMarkForUpgrade(long sectorNumber, boolean snap) {
        miner.markForUpgrade(sectorNumber, snap);
        durability.await();
    }

    @Override
    public void sectorAbortUpgrade(long sectorNumber) {
        miner.abortUpgrade(sectorNumber);
        durability.await();
    }

    @Override
    public void sectorMatchPendingPiecesToOpenSectors() {
        miner.matchPendingPiecesToOpenSectors();
        durability.await();
    }

    @Override
    public void sectorUnseal(long sectorNumber) {
        miner.status(sectorNumber, false);
    }

    // sector numbers

    @Override
    public NumAssignerMeta sectorNumAssignerMeta() {
        SectorNumberAssigner.Meta m = miner.numAssignerMeta();
        return new NumAssignerMeta(WireMapping.bitField(m.reserved()), WireMapping.bitField(m.allocated()),
                WireMapping.bitField(m.inUse()), m.next());
    }

    @Override
    public Map<String, BitFieldRuns> sectorNumReservations() {
        Map<String, BitFieldRuns> out = new TreeMap<>();
        miner.numReservations().forEach((name, bits) -> out.put(name, WireMapping.bitField(bits)));
        return out;
    }

    @Override
    public void sectorNumReserve(String name, BitFieldRuns sectors, boolean force) {
        miner.numReserve(name, WireMapping.bitField(sectors), force);
        durability.await();
    }

    @Override
    public BitFieldRuns sectorNumReserveCount(String name, long count) {
        BitFieldRuns reserved = WireMapping.bitField(miner.numReserveCount(name, count));
        durability.await();
        return reserved;
    }

    @Override
    public void sectorNumFree(String name) {
        miner.numFree(name);
        durability.await();
    }

    @Override
    public void sectorReceive(RemoteSectorMeta meta) {
        SectorState target = SectorState.byName(meta.state()).orElseThrow(() -> new InvalidInputException("State",
                "unknown sector state '" + meta.state() + "'"));
        if (meta.sector() == null || meta.sector().miner() != config.actorId()) {
            throw new InvalidInputException("Sector", "the sector must be of miner " + config.actorAddress());
        }
        List<Piece> pieces = new ArrayList<>();
        if (meta.pieces() != null) {
            for (SectorPiece p : meta.pieces()) {
                Cid cid = WireMapping.cid(p.piece().pieceCid(), "Pieces.Piece.PieceCID");
                pieces.add(new Piece(p.piece().size(), cid, WireMapping.dealInfo(p.dealInfo())));
            }
        }
        miner.receive(meta.sector().number(), target, pieces);
        durability.await();
    }

    @Override
    public SectorId pledgeSector() {
        SectorId pledged = new SectorId(config.actorId(), miner.pledgeSector());
        durability.await();
        return pledged;
    }

    // node

    @Override
    public VersionInfo version() {
        return common.version();
    }

    @Override
    public String actorAddress() {
        return config.actorAddress();
    }

    @Override
    public long actorSectorSize(String address) {
        long id;
        try {
            id = MinerConfig.parseActor(address);
        } catch (InvalidInputException e) {
            throw new InvalidInputException("address", "invalid address '" + address + "': " + e.getMessage());
        }
        if (id != config.actorId()) {
            throw new SealingException("getting miner info: actor not found: " + address);
        }
        return config.sectorSize().bytes();
    }

    @Override
    public AddressConfig actorAddressConfig() {
        return new AddressConfig(null, null, null, null, false, false);
    }

    @Override
    public byte[] authNew(List<String> perms) {
        return common.authNew(perms);
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
    public String startTime() {
        return startTime;
    }

    @Override
    public void shutdown() {
        shutdown.run();
    }

    @Override
    public long closing() {
        return 0;
    }

    @Override
    public ObjectNode discover() {
        return openRpc.get().deepCopy();
    }

    @Override
    public List<String> runtimeSubsystems() {
        return List.of("Mining", "Sealing", "SectorStorage");
    }

    private List<SectorId> ids(List<Long> numbers) {
        List<SectorId> out = new ArrayList<>(numbers.size());
        for (long n : numbers) {
            out.add(new SectorId(config.actorId(), n));
        }
        return out;
    }

    private static List<Long> boxed(long[] values) {
        return Arrays.stream(values).boxed().toList();
    }
}
