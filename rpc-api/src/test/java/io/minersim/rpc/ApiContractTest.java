package io.minersim.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.jsonrpc4j.JsonRpcMethod;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The Java interfaces against Lotus's method list, names, permissions and parameter counts. */
class ApiContractTest {

    /** wire-facts a.1: all 31 Sector / Sectors methods, plus PledgeSector. */
    private static final Set<String> LOTUS_SECTOR_METHODS = Set.of(
            "Filecoin.SectorsStatus",
            "Filecoin.SectorsList",
            "Filecoin.SectorsListInStates",
            "Filecoin.SectorsSummary",
            "Filecoin.SectorsRefs",
            "Filecoin.SectorsUpdate",
            "Filecoin.SectorsUnsealPiece",
            "Filecoin.SectorAddPieceToAny",
            "Filecoin.SectorStartSealing",
            "Filecoin.SectorSetSealDelay",
            "Filecoin.SectorGetSealDelay",
            "Filecoin.SectorSetExpectedSealDuration",
            "Filecoin.SectorGetExpectedSealDuration",
            "Filecoin.SectorRemove",
            "Filecoin.SectorTerminate",
            "Filecoin.SectorTerminateFlush",
            "Filecoin.SectorTerminatePending",
            "Filecoin.SectorPreCommitFlush",
            "Filecoin.SectorPreCommitPending",
            "Filecoin.SectorCommitFlush",
            "Filecoin.SectorCommitPending",
            "Filecoin.SectorMarkForUpgrade",
            "Filecoin.SectorAbortUpgrade",
            "Filecoin.SectorMatchPendingPiecesToOpenSectors",
            "Filecoin.SectorUnseal",
            "Filecoin.SectorNumAssignerMeta",
            "Filecoin.SectorNumReservations",
            "Filecoin.SectorNumReserve",
            "Filecoin.SectorNumReserveCount",
            "Filecoin.SectorNumFree",
            "Filecoin.SectorReceive");

    /** wire-facts a.2: the methods miner tooling calls first that minersim serves. */
    private static final Set<String> LOTUS_COMMON_METHODS = Set.of(
            "Filecoin.PledgeSector",
            "Filecoin.Version",
            "Filecoin.ActorAddress",
            "Filecoin.ActorSectorSize",
            "Filecoin.ActorAddressConfig",
            "Filecoin.AuthNew",
            "Filecoin.AuthVerify",
            "Filecoin.Session",
            "Filecoin.StartTime",
            "Filecoin.Shutdown",
            "Filecoin.Closing",
            "Filecoin.Discover",
            "Filecoin.RuntimeSubsystems");

    private static List<Method> methods(Class<?> api) {
        return Stream.of(api.getDeclaredMethods()).filter(m -> !m.isSynthetic()).toList();
    }

    private static List<Method> allMethods() {
        List<Method> all = new ArrayList<>(methods(MinerApi.class));
        all.addAll(methods(SimApi.class));
        all.addAll(methods(WorkersApi.class));
        return all;
    }

    private static String rpcName(Method m) {
        return m.getAnnotation(JsonRpcMethod.class).value();
    }

    @Test
    void everyApiMethodHasExactlyOneUniqueRpcNameAndAPermission() {
        Map<String, Method> seen = new HashMap<>();
        for (Method m : allMethods()) {
            assertThat(m.getAnnotationsByType(JsonRpcMethod.class)).as("@JsonRpcMethod on %s", m).hasSize(1);
            assertThat(m.getAnnotationsByType(RequiresPermission.class)).as("@RequiresPermission on %s", m).hasSize(1);
            List<String> names = new ArrayList<>(List.of(rpcName(m)));
            RpcAlias alias = m.getAnnotation(RpcAlias.class);
            if (alias != null) {
                names.addAll(List.of(alias.value()));
            }
            for (String name : names) {
                Method previous = seen.put(name, m);
                assertThat(previous).as("%s is used by both %s and %s", name, previous, m).isNull();
            }
        }
    }

    @Test
    void filecoinNamesAreExactlyLotusSectorMethodsPlusTheCommonOnes() {
        assertThat(LOTUS_SECTOR_METHODS).hasSize(31);
        Set<String> expected = new TreeSet<>(LOTUS_SECTOR_METHODS);
        expected.addAll(LOTUS_COMMON_METHODS);
        Set<String> actual = methods(MinerApi.class).stream().map(ApiContractTest::rpcName).collect(Collectors.toCollection(TreeSet::new));
        assertThat(actual).containsExactlyElementsOf(expected);
        assertThat(methods(MinerApi.class)).hasSize(44);
    }

    @Test
    void simMethodsAreAdminOnlyInTheSimNamespace() {
        Map<String, Permission> perms = methods(SimApi.class).stream().collect(Collectors.toMap(
                ApiContractTest::rpcName, m -> m.getAnnotation(RequiresPermission.class).value()));
        assertThat(perms.keySet()).containsExactlyInAnyOrder("Sim.Head", "Sim.Advance", "Sim.AdvanceTo",
                "Sim.SetClock", "Sim.Pause", "Sim.Resume", "Sim.InjectFailure", "Sim.ClearFailures",
                "Sim.DeclareFaults", "Sim.Recover", "Sim.MissPoSt", "Sim.ExtendSectors", "Sim.ExpireDeals", "Sim.Events",
                "Sim.Snapshot", "Sim.Restore", "Sim.WorkerOffline", "Sim.WorkerOnline");
        assertThat(perms.values()).containsOnly(Permission.ADMIN);
    }

    @Test
    void javaNamesAreTheLotusNamesInLowerCamelCase() {
        for (Method m : allMethods()) {
            String go = rpcName(m).substring(rpcName(m).indexOf('.') + 1);
            assertThat(m.getName()).isEqualTo(Character.toLowerCase(go.charAt(0)) + go.substring(1));
        }
    }

    @Test
    void paramCountsAndVoidResultsMatchLotusOpenRpc() {
        Map<String, String[]> openRpc = new HashMap<>();
        for (String[] row : TestResources.table("lotus/openrpc-param-counts.txt")) {
            openRpc.put(row[0], row);
        }
        assertThat(openRpc).hasSize(88);
        int checked = 0;
        for (Method m : methods(MinerApi.class)) {
            String[] row = openRpc.get(rpcName(m));
            if (row == null) {
                continue; // the Common group is not in the OpenRPC document
            }
            checked++;
            assertThat(m.getParameterCount()).as("param count of %s", rpcName(m)).isEqualTo(Integer.parseInt(row[1]));
            assertThat(m.getReturnType() == void.class).as("%s returns nothing in Lotus (%s)", rpcName(m), row[2])
                    .isEqualTo(row[2].equals("Null"));
        }
        assertThat(checked).isEqualTo(36); // 31 Sector* + PledgeSector + Actor* (3) + RuntimeSubsystems
    }

    @Test
    void permissionsAndParamCountsMatchLotusDocs() {
        checkAgainstDocs("lotus/api-methods-miner.txt", true);
    }

    @Test
    void olderDocsAgreeOnPermissionsAndParamCounts() {
        checkAgainstDocs("lotus/seed-methods.txt", false);
    }

    private static void checkAgainstDocs(String resource, boolean mustCoverAll) {
        Map<String, String[]> docs = new HashMap<>();
        for (String[] row : TestResources.table(resource)) {
            docs.put(row[0], row);
        }
        for (Method m : methods(MinerApi.class)) {
            String[] row = docs.get(rpcName(m));
            if (row == null) {
                assertThat(mustCoverAll).as("%s missing from %s", rpcName(m), resource).isFalse();
                continue;
            }
            assertThat(m.getAnnotation(RequiresPermission.class).value())
                    .as("permission of %s", rpcName(m)).isEqualTo(Permission.fromWire(row[1]));
            assertThat(m.getParameterCount()).as("param count of %s", rpcName(m)).isEqualTo(Integer.parseInt(row[2]));
        }
    }

    @Test
    void shutdownIsVoidAndOnlyClosingIsAChannelMethod() throws Exception {
        assertThat(MinerApi.class.getMethod("shutdown").getReturnType()).isEqualTo(void.class);
        List<String> channels = allMethods().stream().filter(m -> m.isAnnotationPresent(ChannelMethod.class))
                .map(ApiContractTest::rpcName).toList();
        assertThat(channels).containsExactly("Filecoin.Closing");
        assertThat(MinerApi.class.getMethod("closing").getReturnType()).isEqualTo(long.class);
    }

    @Test
    void discoverIsAlsoServedAsRpcDiscover() throws Exception {
        Method discover = MinerApi.class.getMethod("discover");
        assertThat(discover.getAnnotation(RpcAlias.class).value()).containsExactly("rpc.discover");
        assertThat(allMethods().stream().filter(m -> m.isAnnotationPresent(RpcAlias.class))).containsExactly(discover);
    }

    @Test
    void durationsAreNanosecondLongs() throws Exception {
        assertThat(MinerApi.class.getMethod("sectorGetSealDelay").getReturnType()).isEqualTo(long.class);
        assertThat(MinerApi.class.getMethod("sectorGetExpectedSealDuration").getReturnType()).isEqualTo(long.class);
        assertThat(MinerApi.class.getMethod("sectorSetSealDelay", long.class)).isNotNull();
        assertThat(MinerApi.class.getMethod("sectorSetExpectedSealDuration", long.class)).isNotNull();
    }
}
