package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.rpc.types.SectorInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SectorsCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final CliFixture sim = CliFixture.devnet();

    private String state(long sector) {
        return sim.client().miner().sectorsStatus(sector, false).state();
    }

    // ---- list --------------------------------------------------------------------------------------------------

    @Test
    void listShowsEverySectorWithItsStateAndOnChainColumns() {
        sim.provingSectors(2);
        sim.client().miner().pledgeSector();

        List<String> lines = sim.run("sectors", "list").ok().out().lines().toList();

        assertThat(lines.get(0)).matches("ID\\s+State\\s+OnChain\\s+Active\\s+Expiration\\s+Deals");
        assertThat(lines).hasSize(4);
        // proven-committed but not yet in a Window PoSt: on chain, not active (StateMinerActiveSectors)
        assertThat(lines.get(1)).matches("0\\s+Proving\\s+YES\\s+NO\\s+\\d+ \\(in \\d+ weeks? \\d+ days?\\)\\s+CC");
        assertThat(lines.get(2)).startsWith("1 ").contains("Proving");
        assertThat(lines.get(3)).matches("2\\s+" + state(2) + "\\s+NO\\s+NO\\s+n/a\\s+CC");
        int stateColumn = lines.get(0).indexOf("State");
        assertThat(lines.subList(1, 4)).allSatisfy(l -> assertThat(l.indexOf(l.strip().split("\\s+")[1]))
                .as("aligned: %s", l).isEqualTo(stateColumn));
    }

    @Test
    void listFastLeavesOutExpirationButStillReadsOnChainAndActiveFromTheFullNode() {
        sim.provingSectors(1);

        List<String> lines = sim.run("sectors", "list", "--fast").ok().out().lines().toList();

        assertThat(lines).containsExactly("ID  State    OnChain  Active  Deals", "0   Proving  YES      NO      CC");
    }

    @Test
    void listShowsAnUnprovenSectorActiveOnlyAfterItsFirstWindowPoSt() {
        sim.provingSectors(1);
        FullNodeView.assertActive(sim, 0, false);
        assertThat(sim.run("sectors", "list").ok().out().lines().skip(1).toList())
                .singleElement().asString().matches("0\\s+Proving\\s+YES\\s+NO\\s+.*");
        sim.client().sim().advance(2880);
        FullNodeView.assertActive(sim, 0, true);
        assertThat(sim.run("sectors", "list").ok().out().lines().skip(1).toList())
                .singleElement().asString().matches("0\\s+Proving\\s+YES\\s+YES\\s+.*");
    }

    @Test
    void listShowsAFaultySectorProvingOnChainAndNotActive() {
        sim.provingSectors(2);
        sim.client().sim().advance(2880);
        sim.client().sim().declareFaults(List.of(1L));
        sim.client().sim().advance(2880);
        FullNodeView.assertActive(sim, 1, false);
        List<String> rows = sim.run("sectors", "list").ok().out().lines().toList();
        assertThat(rows.get(1)).matches("0\\s+Proving\\s+YES\\s+YES\\s+.*");
        assertThat(rows.get(2)).matches("1\\s+Proving\\s+YES\\s+NO\\s+\\d+ \\(in .*");
        assertThat(rows.get(3)).matches("  RecoveryTimeout: \\d+ \\(in .*\\)");
    }

    /** What the full node says of a sector, for the assertions next to the CLI's. */
    private static final class FullNodeView {
        static void assertActive(CliFixture sim, long sector, boolean active) {
            io.minersim.rpc.types.FilAddress actor = new io.minersim.rpc.types.FilAddress("f01000");
            assertThat(sim.fullNode().stateMinerActiveSectors(actor, List.of()))
                    .extracting(io.minersim.rpc.types.SectorOnChainInfo::sectorNumber)
                    .as("StateMinerActiveSectors holds %d", sector).matches(l -> l.contains(sector) == active);
            assertThat(sim.fullNode().stateMinerSectors(actor, null, List.of()))
                    .extracting(io.minersim.rpc.types.SectorOnChainInfo::sectorNumber).contains(sector);
        }
    }

    @Test
    void listFiltersByStatesAndHidesRemovedSectorsUnlessAsked() {
        sim.provingSectors(2);
        sim.client().miner().sectorRemove(0);
        sim.client().sim().advance(5);
        assertThat(state(0)).isEqualTo("Removed");

        assertThat(sim.run("sectors", "list", "--fast").ok().out().lines().skip(1).toList())
                .containsExactly("1   Proving  YES      NO      CC");
        // SectorRemove only drops the sector locally: the actor still holds it (it will fault, not vanish)
        assertThat(sim.run("sectors", "list", "--fast", "--show-removed").ok().out().lines().skip(1).toList())
                .containsExactly("0   Removed  YES      NO      CC", "1   Proving  YES      NO      CC");
        assertThat(sim.run("sectors", "list", "--fast", "--states", "Removed").ok().out().lines().skip(1).toList())
                .containsExactly("0   Removed  YES      NO      CC");
        assertThat(sim.run("sectors", "list", "--states", "Faulty").ok().out()).isEmpty();
    }

    @Test
    void listJsonPrintsTheStatusOfEachListedSector() throws Exception {
        sim.provingSectors(2);

        JsonNode json = JSON.readTree(sim.run("sectors", "list", "--json").ok().out());

        assertThat(json.isArray()).isTrue();
        assertThat(json).hasSize(2);
        assertThat(json.get(1).get("SectorID").asLong()).isEqualTo(1);
        assertThat(json.get(1).get("State").asText()).isEqualTo("Proving");
        assertThat(json.get(1).get("Expiration").asLong()).isPositive();
    }

    @Test
    void listCountsDealsAndEstimatesTheWeightOfASectorNotYetOnChain() {
        sim.client().miner().sectorSetSealDelay(java.time.Duration.ofDays(1).toNanos());
        long sector = DealPieces.addDeal(sim);

        List<String> lines = sim.run("sectors", "list").ok().out().lines().toList();

        assertThat(lines.get(0)).matches("ID\\s+State\\s+OnChain\\s+Active\\s+Expiration\\s+Deals\\s+DealWeight");
        assertThat(lines.get(1)).matches(sector + "\\s+WaitDeals\\s+NO\\s+NO\\s+n/a\\s+1\\s+\\[256B]");
    }

    @Test
    void listOptionalColumnsShowEventsSealTimeAndPledge() {
        sim.provingSectors(1);
        SectorInfo info = sim.client().miner().sectorsStatus(0, true);
        long events = info.log().stream().filter(l -> l.kind().startsWith("event;")).count();

        List<String> lines = sim.run("sectors", "list", "--events", "--seal-time", "--initial-pledge").ok().out()
                .lines().toList();

        assertThat(lines.get(0)).matches("ID\\s+State\\s+OnChain\\s+Active\\s+Expiration\\s+SealTime\\s+Events"
                + "\\s+Deals\\s+Pledge");
        assertThat(lines.get(1)).matches("0\\s+Proving\\s+YES\\s+NO\\s+.+\\)\\s+\\d+m\\d+s\\s+" + events
                + "\\s+CC\\s+[\\d.]+ [afpnμm]?FIL");
    }

    @Test
    void listWithAReadTokenReadsTheHeadFromTheFullNode() {
        sim.provingSectors(1);
        long expiration = sim.client().miner().sectorsStatus(0, true).expiration();

        List<String> lines = sim.run("sectors", "list", "--token", sim.node().token(io.minersim.rpc.Permission.READ))
                .ok().out().lines().toList();

        assertThat(lines.get(1)).matches("0\\s+Proving\\s+YES\\s+NO\\s+" + expiration + " \\(in .+\\)\\s+CC");
    }

    @Test
    void listWithoutAFullNodeSaysHowToNameOne() {
        sim.provingSectors(1);
        sim.env.remove(FullNodeEndpoint.FULLNODE_API_INFO);
        sim.run("sectors", "list").refused("could not get full node API info: set FULLNODE_API_INFO");
    }

    @Test
    void listRefusesUnknownStatesAndConflictingFilters() {
        sim.run("sectors", "list", "--states", "Proving,Sleeping").refused("\"Sleeping\" is not a valid sector state");
        sim.run("sectors", "list", "--states", "Proving", "--unproven").refused("only one of --states or --unproven");
    }

    // ---- status ------------------------------------------------------------------------------------------------

    @Test
    void statusPrintsLotusLinesWithTheStateTheMinerReports() {
        sim.provingSectors(1);
        SectorInfo info = sim.client().miner().sectorsStatus(0, true);

        String out = sim.run("sectors", "status", "0").ok().out();

        assertThat(out.lines().toList()).startsWith(
                "SectorID:\t0",
                "Status:\t\tProving",
                "CIDcommD:\t" + info.commD().value(),
                "CIDcommR:\t" + info.commR().value());
        assertThat(out).contains("TicketH:\t" + info.ticket().epoch() + "\n", "SeedH:\t\t" + info.seed().epoch() + "\n",
                "Precommit:\t" + info.preCommitMsg().value() + "\n", "Commit:\t\t" + info.commitMsg().value() + "\n",
                "Deals:\t\t[0]\n", "Retries:\t0\n");
        assertThat(out).doesNotContain("Sector On Chain Info", "Event Log");
    }

    @Test
    void statusOnChainInfoAndLogAddTheirSections() {
        sim.provingSectors(1);
        SectorInfo info = sim.client().miner().sectorsStatus(0, true);

        String out = sim.run("sectors", "status", "0", "--on-chain-info", "--log").ok().out();

        assertThat(out).contains("\nSector On Chain Info\n", "Activation:\t\t" + info.activation() + "\n",
                "Expiration:\t\t" + info.expiration() + "\n", "\nExpiration Info\n",
                "OnTime:\t\t" + info.onTime() + "\n", "InitialPledge:\t\t0.", " FIL\n", "--------\nEvent Log:\n");
        assertThat(out).containsPattern("0\\.\\t2020-08-24 22:00:00 \\+0000 UTC:\\t\\[event;sealing\\.SectorStartCC]\\t");
        assertThat(out.lines().filter(l -> l.matches("\\d+\\.\\t.*"))).hasSize(info.log().size());
    }

    @Test
    void statusOfANewSectorShowsNilCidsLikeLotus() {
        sim.client().miner().pledgeSector();

        String out = sim.run("sectors", "status", "0").ok().out();

        assertThat(out).contains("CIDcommR:\t<nil>\n", "Precommit:\t<nil>\n", "Commit:\t\t<nil>\n");
    }

    @Test
    void statusJsonIsTheRawSectorsStatusResult() throws Exception {
        sim.provingSectors(1);

        JsonNode json = JSON.readTree(sim.run("sectors", "status", "0", "--json", "--on-chain-info").ok().out());

        assertThat(json.get("SectorID").asLong()).isZero();
        assertThat(json.get("State").asText()).isEqualTo("Proving");
        assertThat(json.get("CommR").get("/").asText()).startsWith("bagboea4b5abc");
        assertThat(json.get("Activation").asLong()).isPositive();
        assertThat(json.get("InitialPledge").isTextual()).as("big ints as decimal strings").isTrue();
    }

    @Test
    void statusOfAnUnknownSectorFailsWithLotusText() {
        sim.run("sectors", "status", "42").refused("No state for /42: datastore: key not found");
        sim.run("sectors", "status", "forty-two").refused("'forty-two' is not a long");
    }

    // ---- summary -----------------------------------------------------------------------------------------------

    @Test
    void summaryPrintsTotalThenStatesInLotusOrder() {
        sim.provingSectors(2);
        sim.client().miner().pledgeSector();
        sim.client().sim().advance(1);
        String sealing = state(2);

        String out = sim.run("sectors", "summary").ok().out();

        assertThat(out).isEqualTo("Sectors:\n\tTotal: 3\n\tProving: 2\n\t" + sealing + ": 1\n");
    }

    @Test
    void summaryJsonIsTheRawSectorsSummaryResult() throws Exception {
        sim.provingSectors(2);

        JsonNode json = JSON.readTree(sim.run("sectors", "summary", "--json").ok().out());

        assertThat(json.get("Proving").asLong()).isEqualTo(2);
        assertThat(json.size()).isEqualTo(1);
    }

    // ---- remove ------------------------------------------------------------------------------------------------

    @Test
    void removeNeedsReallyDoItAndChangesNothingWithout() {
        sim.provingSectors(1);

        sim.run("sectors", "remove", "0").refused(
                "this is a command for advanced users, only use it if you are sure of what you are doing");

        assertThat(state(0)).isEqualTo("Proving");
    }

    @Test
    void removeRemovesTheSector() {
        sim.provingSectors(1);

        sim.run("sectors", "remove", "0", "--really-do-it").ok();
        sim.client().sim().advance(5);

        assertThat(state(0)).isEqualTo("Removed");
    }

    @Test
    void removeOfAnUnknownSectorSaysItWasNotCreated() {
        sim.run("sectors", "remove", "7", "--really-do-it").refused("sectorID 7 has not been created yet");
    }

    @Test
    void removeJsonPrintsNull() {
        sim.provingSectors(1);

        assertThat(sim.run("sectors", "remove", "0", "--really-do-it", "--json").ok().out()).isEqualTo("null\n");
    }

    // ---- terminate ---------------------------------------------------------------------------------------------

    @Test
    void terminateNeedsReallyDoIt() {
        sim.provingSectors(1);

        sim.run("sectors", "terminate", "0").refused("pass --really-do-it to confirm this action");

        assertThat(state(0)).isEqualTo("Proving");
        assertThat(sim.client().miner().sectorTerminatePending()).isEmpty();
    }

    @Test
    void terminateQueuesTheSectorThenPendingListsItAndFlushSendsTheMessage() {
        sim.provingSectors(2);

        assertThat(sim.run("sectors", "terminate", "1", "--really-do-it", "--json").ok().out()).isEqualTo("null\n");
        sim.client().sim().advance(1);

        assertThat(sim.run("sectors", "terminate", "pending").ok().out()).isEqualTo("1\n");
        assertThat(sim.run("sectors", "terminate", "pending", "--json").ok().out())
                .isEqualToIgnoringWhitespace("[{\"Miner\": 1000, \"Number\": 1}]");
        String cid = sim.run("sectors", "terminate", "flush").ok().out();
        assertThat(cid).matches("bafy2bzace[a-z2-7]+\n");
        assertThat(sim.client().miner().sectorTerminatePending()).isEmpty();
        sim.run("sectors", "terminate", "flush").refused("no sectors were queued for termination");
        assertThat(sim.run("sectors", "terminate", "flush", "--json").ok().out()).isEqualTo("null\n");
    }

    @Test
    void terminateOfAnUnknownSectorFails() {
        sim.run("sectors", "terminate", "9", "--really-do-it").refused("sector 9 not found");
    }

    // ---- update-state ------------------------------------------------------------------------------------------

    @Test
    void updateStateForcesTheState() {
        sim.provingSectors(1);

        sim.run("sectors", "update-state", "0", "FaultedFinal", "--really-do-it").ok();

        assertThat(state(0)).isEqualTo("FaultedFinal");
        assertThat(sim.run("sectors", "update-state", "0", "Removing", "--really-do-it", "--json").ok().out())
                .isEqualTo("null\n");
        assertThat(state(0)).isIn("Removing", "Removed");
    }

    @Test
    void updateStateRefusesWithoutReallyDoItUnknownStatesAndUnknownSectors() {
        sim.provingSectors(1);

        sim.run("sectors", "update-state", "0", "Removed").refused("this is a command for advanced users");
        sim.run("sectors", "update-state", "0", "Asleep", "--really-do-it")
                .refused("\"Asleep\" is not a valid state; possible states for sectors are: Empty, WaitDeals");
        sim.run("sectors", "update-state", "5", "Removed", "--really-do-it")
                .refused("sector 5 not found, could not change state");
        sim.run("sectors", "update-state", "0", "--really-do-it").refused("Missing required parameter: '<newState>'");

        assertThat(state(0)).isEqualTo("Proving");
    }

    // ---- pledge, seal ------------------------------------------------------------------------------------------

    @Test
    void pledgeCreatesACcSector() throws Exception {
        assertThat(sim.run("sectors", "pledge").ok().out()).isEqualTo("Created CC sector:  0\n");
        JsonNode json = JSON.readTree(sim.run("sectors", "pledge", "--json").ok().out());

        assertThat(json.get("Number").asLong()).isEqualTo(1);
        assertThat(json.get("Miner").asLong()).isEqualTo(1000);
        assertThat(sim.client().miner().sectorsList()).containsExactly(0L, 1L);
    }

    @Test
    void sealStartsSealingASectorWaitingForDeals() {
        sim.client().miner().sectorSetSealDelay(java.time.Duration.ofDays(1).toNanos());
        long sector = DealPieces.addDeal(sim);
        assertThat(state(sector)).isEqualTo("WaitDeals");

        assertThat(sim.run("sectors", "seal", Long.toString(sector), "--json").ok().out()).isEqualTo("null\n");
        sim.client().sim().advance(2);

        assertThat(state(sector)).isNotIn("WaitDeals", "AddPiece");
    }

    @Test
    void sealOfAnUnknownSectorFails() {
        sim.run("sectors", "seal", "3").refused("sector 3 not found");
        sim.run("sectors", "seal", "3", "--json").refused("sector 3 not found");
    }

    // ---- snap upgrade ------------------------------------------------------------------------------------------

    @Test
    void markForUpgradeMakesAProvingCcSectorAvailableForSnapDeals() {
        sim.provingSectors(1);

        assertThat(sim.run("sectors", "mark-for-upgrade", "0").ok().out()).isEmpty();

        assertThat(state(0)).isEqualTo("Available");
        sim.run("sectors", "mark-for-upgrade", "0").refused("not in the 'Proving' state");
    }

    @Test
    void markForUpgradeOfASectorNotProvingIsRefused() {
        sim.client().miner().pledgeSector();

        sim.run("sectors", "mark-for-upgrade", "0").refused("unable to snap-up sectors not in the 'Proving' state");
    }

    @Test
    void abortUpgradeNeedsReallyDoItThenRevertsTheUpgrade() {
        sim.provingSectors(1);
        sim.run("sectors", "snap-up", "0").ok();

        sim.run("sectors", "abort-upgrade", "0").refused(
                "--really-do-it must be specified for this action to have an effect; you have been warned");
        assertThat(state(0)).isEqualTo("Available");

        assertThat(sim.run("sectors", "abort-upgrade", "0", "--really-do-it", "--json").ok().out())
                .isEqualTo("null\n");
        sim.client().sim().advance(10);
        assertThat(state(0)).isEqualTo("Proving");
        assertThat(sim.run("sectors", "snap-up", "0", "--json").ok().out()).isEqualTo("null\n");
        assertThat(state(0)).isEqualTo("Available");
    }

    // ---- groups ------------------------------------------------------------------------------------------------

    @Test
    void aGroupWithoutASubcommandPrintsItsUsage() {
        assertThat(sim.run("sectors").ok().out()).contains("Usage: minersim sectors", "list", "status", "batching");
        sim.run("sectors", "frobnicate").refused("Unmatched argument");
    }
}
