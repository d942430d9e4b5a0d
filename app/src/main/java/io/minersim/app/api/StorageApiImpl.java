package io.minersim.app.api;

import io.minersim.app.world.Durability;
import io.minersim.rpc.StorageApi;
import io.minersim.rpc.types.FsStat;
import io.minersim.rpc.types.HealthReport;
import io.minersim.rpc.types.SectorId;
import io.minersim.rpc.types.SectorLocks;
import io.minersim.rpc.types.SectorStorageInfo;
import io.minersim.rpc.types.StorageDecl;
import io.minersim.rpc.types.StorageInfo;
import io.minersim.sealing.Miner;
import io.minersim.sealing.storage.Decl;
import io.minersim.sealing.storage.FoundPath;
import io.minersim.sealing.storage.PathMeta;
import io.minersim.sealing.storage.SectorLock;
import io.minersim.sealing.storage.StorageException;
import io.minersim.sealing.storage.StorageOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link StorageApi} over one miner's storage index: reads in one consistent state of the miner, changes journaled
 * through {@link Miner#changeStorage} and made durable before the answer.
 */
public final class StorageApiImpl implements StorageApi {

    /** Lotus panics on a path type it does not know; the dispatcher answers it as go-jsonrpc answers a panic. */
    public static final class PathTypePanic extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PathTypePanic(String pathType) {
            super("unexpected pathType: " + pathType);
        }
    }

    private final Miner miner;
    private final Durability durability;
    private final TokenAuthority tokens;

    public StorageApiImpl(Miner miner, Durability durability, TokenAuthority tokens) {
        this.miner = miner;
        this.durability = durability;
        this.tokens = tokens;
    }

    /** Go decodes a JSON null into a struct's zero value. */
    private static SectorId orZero(SectorId s) {
        return s == null ? new SectorId(0, 0) : s;
    }

    private void change(StorageOp op) {
        miner.changeStorage(op);
        durability.await();
    }

    @Override
    public Map<String, List<StorageDecl>> storageList() {
        Map<String, List<StorageDecl>> out = new LinkedHashMap<>();
        miner.storage().list().forEach((id, decls) -> {
            List<StorageDecl> wire = new ArrayList<>(decls.size());
            for (Decl d : decls) {
                wire.add(new StorageDecl(d.miner(), d.number(), d.types()));
            }
            out.put(id, wire);
        });
        return out;
    }

    @Override
    public Map<String, String> storageLocal() {
        return miner.storage().local();
    }

    @Override
    public StorageInfo storageInfo(String id) {
        return wire(miner.storage().info(id));
    }

    @Override
    public FsStat storageStat(String id) {
        return wire(miner.storage().stat(id));
    }

    @Override
    public List<SectorStorageInfo> storageFindSector(SectorId sector, long ft, long sectorSize, boolean allowFetch) {
        List<SectorStorageInfo> out = new ArrayList<>();
        SectorId s = orZero(sector);
        for (FoundPath f : miner.storage().find(s.miner(), s.number(), ft, sectorSize, allowFetch)) {
            PathMeta m = f.meta();
            out.add(new SectorStorageInfo(m.id(), f.urls(), m.urls() == null ? List.of() : m.urls(), f.weight(),
                    m.canSeal(), m.canStore(), f.primary(), m.allowTypes(), m.denyTypes(), m.allowMiners(),
                    m.denyMiners()));
        }
        return out;
    }

    @Override
    public List<StorageInfo> storageBestAlloc(long ft, long sectorSize, String pathType, long minerId) {
        boolean sealing;
        if ("sealing".equals(pathType)) {
            sealing = true;
        } else if ("storage".equals(pathType)) {
            sealing = false;
        } else {
            throw new PathTypePanic(pathType);
        }
        return miner.storage().bestAlloc(ft, sectorSize, sealing, minerId).stream().map(StorageApiImpl::wire)
                .toList();
    }

    @Override
    public void storageAttach(StorageInfo info, FsStat stat) {
        StorageInfo i = info == null ? new StorageInfo("", null, 0, 0, false, false, null, null, null, null, null, null)
                : info;
        change(new StorageOp.Attach(core(i), stat == null ? io.minersim.sealing.storage.FsStat.ZERO : core(stat)));
    }

    @Override
    public void storageAddLocal(String path) {
        change(new StorageOp.AddLocal(path == null ? "" : path));
    }

    @Override
    public void storageDetach(String id, String url) {
        change(new StorageOp.Detach(id == null ? "" : id, url == null ? "" : url));
    }

    @Override
    public void storageDetachLocal(String path) {
        change(new StorageOp.DetachLocal(path == null ? "" : path));
    }

    @Override
    public void storageRedeclareLocal(String id, boolean dropMissing) {
        change(new StorageOp.Redeclare(id, dropMissing));
    }

    @Override
    public void storageDeclareSector(String id, SectorId sector, long ft, boolean primary) {
        sector = orZero(sector);
        change(new StorageOp.Declare(id == null ? "" : id, sector.miner(), sector.number(), ft, primary));
    }

    @Override
    public void storageDropSector(String id, SectorId sector, long ft) {
        sector = orZero(sector);
        change(new StorageOp.Drop(id == null ? "" : id, sector.miner(), sector.number(), ft));
    }

    @Override
    public void storageReportHealth(String id, HealthReport report) {
        HealthReport r = report == null ? new HealthReport(null, null) : report;
        change(new StorageOp.ReportHealth(id == null ? "" : id, core(r.stat()), r.err()));
    }

    @Override
    public SectorLocks storageGetLocks() {
        List<SectorLocks.Lock> out = new ArrayList<>();
        for (SectorLock l : miner.storage().locks()) {
            out.add(new SectorLocks.Lock(new SectorId(l.miner(), l.number()), longs(l.write()), longs(l.read())));
        }
        return new SectorLocks(out);
    }

    @Override
    public void storageLock(SectorId sector, long read, long write) {
        if ((read | write) == 0) {
            return;
        }
        SectorId s = orZero(sector);
        if (!miner.storage().tryLock(s.miner(), s.number(), read, write)) {
            throw new StorageException("failed to acquire lock");
        }
    }

    @Override
    public boolean storageTryLock(SectorId sector, long read, long write) {
        SectorId s = orZero(sector);
        return miner.storage().tryLock(s.miner(), s.number(), read, write);
    }

    @Override
    public List<String> storageAuthVerify(String token) {
        return tokens.verify(token);
    }

    // ---------------------------------------------------------------------------------------------

    private static List<Long> longs(int[] a) {
        List<Long> out = new ArrayList<>(a.length);
        for (int v : a) {
            out.add((long) v);
        }
        return out;
    }

    static StorageInfo wire(PathMeta m) {
        return new StorageInfo(m.id(), m.urls(), m.weight(), m.maxStorage(), m.canSeal(), m.canStore(), m.groups(),
                m.allowTo(), m.allowTypes(), m.denyTypes(), m.allowMiners(), m.denyMiners());
    }

    static FsStat wire(io.minersim.sealing.storage.FsStat s) {
        return new FsStat(s.capacity(), s.available(), s.fsAvailable(), s.reserved(), s.max(), s.used());
    }

    private static PathMeta core(StorageInfo i) {
        return new PathMeta(i.id(), i.urls(), i.weight(), i.maxStorage(), i.canSeal(), i.canStore(), i.groups(),
                i.allowTo(), i.allowTypes(), i.denyTypes(), i.allowMiners(), i.denyMiners());
    }

    private static io.minersim.sealing.storage.FsStat core(FsStat s) {
        return new io.minersim.sealing.storage.FsStat(s.capacity(), s.available(), s.fsAvailable(), s.reserved(),
                s.max(), s.used());
    }
}
