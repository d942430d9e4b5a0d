package io.minersim.app.cli;

import io.minersim.rpc.StorageApi;
import io.minersim.rpc.types.FsStat;
import io.minersim.rpc.types.SectorId;
import io.minersim.rpc.types.SectorStorageInfo;
import io.minersim.rpc.types.StorageDecl;
import io.minersim.rpc.types.StorageInfo;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code minersim storage}: lotus-miner's {@code storage list} and {@code storage find}, in its layout. */
@Command(name = "storage", mixinStandardHelpOptions = true, description = "Manage sector storage.",
        subcommands = {StorageCommand.ListPaths.class, StorageCommand.Find.class})
public final class StorageCommand extends CommandGroup {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    private static final int BAR_COLS = 50;
    /** The five sector file types lotus-miner counts, by bit. */
    private static final String[] COUNTED = {"Unsealed", "Sealed", "Caches", "Updated", "Update-caches"};

    /** Lotus's {@code types.SizeStr}: {@code %.4g} of the value in the largest binary unit below 1024, and the unit. */
    static String sizeStr(long bytes) {
        BigDecimal v = new BigDecimal(Long.toUnsignedString(bytes));
        int unit = 0;
        BigDecimal k = BigDecimal.valueOf(1024);
        while (v.compareTo(k) >= 0 && unit + 1 < UNITS.length) {
            v = v.divide(k, MathContext.DECIMAL64);
            unit++;
        }
        String n = v.signum() == 0 ? "0" : v.round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros()
                .toPlainString();
        return n + " " + UNITS[unit];
    }

    /** {@code storage list}: every path with its use, its sectors' files, its roles and where it is. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "list local storage paths")
    static final class ListPaths extends MinerCommand {
        @Override
        void run(MinerConnection miner) {
            StorageApi api = miner.storage();
            Map<String, List<StorageDecl>> list = api.storageList();
            if (json()) {
                printJson(new TreeMap<>(list));
                return;
            }
            Map<String, String> local = api.storageLocal();
            record Path(String id, List<StorageDecl> decls, long capacity) {
            }
            List<Path> sorted = new ArrayList<>();
            list.forEach((id, decls) -> {
                long capacity;
                try {
                    capacity = api.storageStat(id).capacity();
                } catch (RuntimeException e) {
                    capacity = 0;
                }
                sorted.add(new Path(id, decls, capacity));
            });
            sorted.sort((a, b) -> a.capacity() != b.capacity() ? Long.compare(b.capacity(), a.capacity())
                    : a.id().compareTo(b.id()));
            PrintWriter out = out();
            for (Path p : sorted) {
                int[] count = new int[COUNTED.length];
                for (StorageDecl d : p.decls()) {
                    for (int i = 0; i < count.length; i++) {
                        if ((d.sectorFileType() & (1L << i)) != 0) {
                            count[i]++;
                        }
                    }
                }
                out.printf("%s:%n", p.id());
                long start = System.nanoTime();
                FsStat st;
                try {
                    st = api.storageStat(p.id());
                } catch (RuntimeException e) {
                    out.printf("\tError: %s:%n", MinerCommand.describe(e, miner.endpoint()));
                    continue;
                }
                long ping = System.nanoTime() - start;
                printUse(out, st);
                StringBuilder files = new StringBuilder("\t");
                for (int i = 0; i < COUNTED.length; i++) {
                    files.append(COUNTED[i]).append(": ").append(count[i]).append("; ");
                }
                out.printf("%sReserved: %s%n", files, sizeStr(st.reserved()));
                StorageInfo si = api.storageInfo(p.id());
                printInfo(out, si);
                String localPath = local.get(p.id());
                if (localPath != null) {
                    out.printf("\tLocal: %s%n", localPath);
                }
                List<String> urls = si.urls() == null ? List.of() : si.urls();
                for (int i = 0; i < urls.size(); i++) {
                    String rtt = localPath == null && i == 0 ? " (latency: " + goDuration(ping / 100_000 * 100_000)
                            + ")" : "";
                    out.printf("\tURL: %s%s%n", urls.get(i), rtt);
                }
                out.println();
            }
        }

        private static void printUse(PrintWriter out, FsStat st) {
            long cap = st.capacity();
            long usedPercent = cap == 0 ? 0 : (cap - st.fsAvailable()) * 100 / cap;
            long set = cap == 0 ? 0 : (cap - st.fsAvailable()) * BAR_COLS / cap;
            long used = cap == 0 ? 0 : (cap - (st.fsAvailable() + st.reserved())) * BAR_COLS / cap;
            out.printf("\t[%s] %s/%s %d%%%s%n", bar(used, set - used, BAR_COLS - set),
                    sizeStr(cap - st.fsAvailable()), sizeStr(cap), usedPercent, st.max() > 0 ? " (filesystem)" : "");
            if (st.max() > 0) {
                long pct = st.used() * 100 / st.max();
                long limSet = st.used() * BAR_COLS / st.max();
                long limUsed = (st.used() + st.reserved()) * BAR_COLS / st.max();
                out.printf("\t[%s] %s/%s %d%% (limit)%n", bar(limUsed, limSet - limUsed, BAR_COLS - limSet),
                        sizeStr(st.used()), sizeStr(st.max()), pct);
            }
        }

        private static String bar(long used, long reserved, long free) {
            return repeat("#", used) + repeat("*", reserved) + repeat(" ", free);
        }

        private static String repeat(String s, long n) {
            return n <= 0 ? "" : s.repeat((int) n);
        }

        private static void printInfo(PrintWriter out, StorageInfo si) {
            if (si.canSeal() || si.canStore()) {
                out.printf("\tWeight: %d; Use: %s%s%n", si.weight(), si.canSeal() ? "Seal " : "",
                        si.canStore() ? "Store" : "");
            } else {
                out.println("\tUse: ReadOnly");
            }
            if (si.groups() != null && !si.groups().isEmpty()) {
                out.printf("\tGroups: %s%n", String.join(", ", si.groups()));
            }
            if (si.allowTo() != null && !si.allowTo().isEmpty()) {
                out.printf("\tAllowTo: %s%n", String.join(", ", si.allowTo()));
            }
            boolean lists = si.allowTypes() != null && !si.allowTypes().isEmpty()
                    || si.denyTypes() != null && !si.denyTypes().isEmpty();
            if (lists) {
                List<String> allowed = new ArrayList<>();
                List<String> denied = new ArrayList<>();
                for (io.minersim.sealing.storage.SectorFileType t : io.minersim.sealing.storage.SectorFileType
                        .values()) {
                    (t.allowed(si.allowTypes(), si.denyTypes()) ? allowed : denied).add(t.wireName());
                }
                if (allowed.isEmpty()) {
                    out.println("\tAllow Types: None");
                } else if (allowed.size() < denied.size()) {
                    out.printf("\tAllow Types: %s%n", String.join(" ", allowed));
                } else {
                    out.printf("\tDeny Types:  %s%n", String.join(" ", denied));
                }
            }
        }

        /** Go's {@code time.Duration.String()} for a non-negative duration under a minute. */
        static String goDuration(long nanos) {
            if (nanos == 0) {
                return "0s";
            }
            if (nanos < 1_000) {
                return nanos + "ns";
            }
            if (nanos < 1_000_000) {
                return trim(BigDecimal.valueOf(nanos, 3)) + "µs";
            }
            if (nanos < 1_000_000_000) {
                return trim(BigDecimal.valueOf(nanos, 6)) + "ms";
            }
            return trim(BigDecimal.valueOf(nanos, 9)) + "s";
        }

        private static String trim(BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
    }

    /** {@code storage find <sector>}: the paths holding each of the sector's files. */
    @Command(name = "find", mixinStandardHelpOptions = true, description = "find sector in the storage system")
    static final class Find extends MinerCommand {
        @Parameters(index = "0", paramLabel = "SECTOR", description = "The sector number.")
        long sector;

        private static final String[] NAMES = {"Unsealed", "Sealed", "Cache", "Update", "UpdateCache"};

        @Override
        void check() {
            SectorsCommand.sectorNumber(sector);
        }

        @Override
        void run(MinerConnection miner) {
            long actor = io.minersim.sealing.MinerConfig.parseActor(miner.api().actorAddress());
            SectorId sid = new SectorId(actor, sector);
            Map<String, SectorStorageInfo> byId = new TreeMap<>();
            Map<String, List<String>> types = new LinkedHashMap<>();
            for (int i = 0; i < NAMES.length; i++) {
                for (SectorStorageInfo info : miner.storage().storageFindSector(sid, 1L << i, 0, false)) {
                    byId.putIfAbsent(info.id(), info);
                    types.computeIfAbsent(info.id(), k -> new ArrayList<>()).add(NAMES[i]);
                }
            }
            Map<String, String> local = miner.storage().storageLocal();
            PrintWriter out = out();
            byId.forEach((id, info) -> {
                out.printf("In %s (%s)%n", id, String.join(", ", types.get(id)));
                out.printf("\tSealing: %b; Storage: %b%n", info.canSeal(), info.canStore());
                if (local.containsKey(id)) {
                    out.printf("\tLocal (%s)%n", local.get(id));
                } else {
                    out.println("\tRemote");
                }
                for (String u : info.urls()) {
                    out.printf("\tURL: %s%n", u);
                }
            });
        }
    }
}
