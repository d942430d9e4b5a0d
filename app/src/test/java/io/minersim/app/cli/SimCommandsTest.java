package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.node.MinerNode;
import io.minersim.rpc.types.SectorInfo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SimCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final CliFixture sim = CliFixture.devnet();

    @Test
    void headPrintsTheEpochAndItsTime() throws Exception {
        assertThat(sim.run("sim", "head").ok().out()).isEqualTo("epoch 0 (2020-08-24 22:00:00 +0000 UTC)\n");
        sim.client().sim().advance(3);

        JsonNode json = JSON.readTree(sim.run("sim", "head", "--json").ok().out());

        assertThat(json.get("Epoch").asLong()).isEqualTo(3);
        assertThat(json.get("Timestamp").asLong()).isEqualTo(sim.client().sim().head().timestamp());
    }

    @Test
    void headNeedsAnAdminToken() {
        sim.run("sim", "head", "--token", sim.node().token(io.minersim.rpc.Permission.WRITE))
                .refused("missing permission to invoke 'Head' (need 'admin')");
    }

    @Test
    void advanceMovesTheClockAndSealsWhatIsDue() throws Exception {
        sim.client().miner().pledgeSector();

        assertThat(sim.run("sim", "advance", "60").ok().out()).isEqualTo("epoch 60 (2020-08-24 22:04:00 +0000 UTC)\n");

        assertThat(sim.client().sim().head().epoch()).isEqualTo(60);
        assertThat(sim.client().miner().sectorsStatus(0, false).state()).isEqualTo("Proving");
        assertThat(JSON.readTree(sim.run("sim", "advance", "0", "--json").ok().out()).get("Epoch").asLong())
                .isEqualTo(60);
    }

    @Test
    void advanceRefusesNegativeEpochsAndARealClock() throws Exception {
        sim.run("sim", "advance", "--", "-5").refused("cannot advance by a negative number of epochs: -5");
        assertThat(sim.client().sim().head().epoch()).isZero();

        try (MinerNode real = MinerNode.builder().listen("127.0.0.1", 0).start()) {
            sim.env.put(CliEnvironment.MINER_API_INFO, real.minerApiInfo());
            sim.run("sim", "advance", "1").refused("the chain follows a real clock");
        }
    }

    @Test
    void failMakesTheNextSectorFailInTheStateAndFollowLotusFailurePath() {
        assertThat(sim.run("sim", "fail", "PreCommit1", "--error", "disk on fire").ok().out())
                .isEqualTo("sectors will fail the next time one enters PreCommit1\n");
        sim.client().miner().pledgeSector();
        sim.client().sim().advance(3);

        SectorInfo s = sim.client().miner().sectorsStatus(0, false);
        assertThat(s.state()).isEqualTo("SealPreCommit1Failed");
        assertThat(s.lastErr()).contains("disk on fire");
        assertThat(sim.client().miner().sectorsStatus(0, false).log()).extracting(l -> l.kind())
                .contains("event;sealing.SectorSealPreCommit1Failed");
    }

    @Test
    void failForOneSectorLeavesTheOthersAlone() {
        sim.client().miner().pledgeSector();
        sim.client().miner().pledgeSector();
        assertThat(sim.run("sim", "fail", "PreCommit2", "--sector", "1", "--count", "2").ok().out())
                .isEqualTo("sector 1 will fail the next 2 times it enters PreCommit2\n");
        sim.run("sim", "fail", "PreCommit2", "--sector", "5").refused("sector 5 not found");
        sim.client().sim().advance(60);

        assertThat(sim.client().miner().sectorsStatus(0, false).state()).isEqualTo("Proving");
        SectorInfo failed = sim.client().miner().sectorsStatus(1, false);
        assertThat(failed.log()).filteredOn(l -> l.kind().equals("event;sealing.SectorSealPreCommit2Failed"))
                .hasSize(2);
    }

    @Test
    void failRefusesUnknownStatesAndBadCounts() {
        sim.run("sim", "fail", "Napping").refused("\"Napping\" is not a valid sector state");
        sim.run("sim", "fail", "PreCommit1", "--count", "0").refused("--count must be positive, got 0");
        sim.run("sim", "fail", "Proving").refused("state Proving has no failure path to inject into");
        sim.client().miner().pledgeSector();
        sim.client().sim().advance(60);
        assertThat(sim.client().miner().sectorsStatus(0, false).state()).as("nothing was injected")
                .isEqualTo("Proving");
    }

    @Test
    void failJsonPrintsNull() {
        assertThat(sim.run("sim", "fail", "PreCommit1", "--json").ok().out()).isEqualTo("null\n");
    }

    @Test
    void faultDeclaresProvingSectorsFaulty() {
        sim.provingSectors(3);

        assertThat(sim.run("sim", "fault", "0", "2").ok().out())
                .isEqualTo("unreadable, faulty at their deadline's next Window PoSt: 0 2\n");
        sim.client().sim().advance(2940); // every deadline's PoSt has run: the two are skipped, so faulty on chain

        assertThat(List.of(0L, 1L, 2L)).extracting(n -> sim.client().miner().sectorsStatus(n, false).state())
                .containsExactly("Proving", "Proving", "Proving");
        assertThat(sim.node().miner().chain().faults()).isEqualTo(io.minersim.sealing.numbers.BitField.of(0, 2));
        assertThat(sim.run("sectors", "list").ok().out().lines().filter(l -> l.startsWith("0 ")).findFirst()
                .orElseThrow()).matches("0\\s+Proving\\s+YES\\s+NO\\s.*");
    }

    @Test
    void faultRefusesUnknownOrNotProvingSectorsAndChangesNothing() {
        sim.provingSectors(1);
        sim.client().miner().pledgeSector();

        sim.run("sim", "fault", "0", "9").refused("sector 9 not found");
        sim.run("sim", "fault", "0", "1").refused("not active on chain; only sectors the chain proves can become faulty");
        sim.run("sim", "fault").refused("Missing required parameter");

        assertThat(sim.client().miner().sectorsStatus(0, false).state()).isEqualTo("Proving");
        assertThat(sim.run("sim", "fault", "0", "--json").ok().out()).isEqualTo("null\n");
    }

    @Test
    void recoverMakesFaultySectorsProvenAgainAtTheirDeadline() {
        sim.provingSectors(2);
        sim.run("sim", "fault", "1").ok();
        sim.client().sim().advance(2940);
        assertThat(sim.node().miner().chain().faults()).isEqualTo(io.minersim.sealing.numbers.BitField.of(1));

        assertThat(sim.run("sim", "recover", "1").ok().out())
                .isEqualTo("readable again, recovered at their deadline's next Window PoSt: 1\n");
        sim.client().sim().advance(3060); // declared before its deadline, proven by its next PoSt

        assertThat(sim.node().miner().chain().faults().isEmpty()).isTrue();
        sim.run("sim", "recover", "0").refused("sector 0 is neither unreadable nor faulty on chain");
    }

    @Test
    void missPoStMakesTheChainDetectTheDeadlinesSectorsFaulty() {
        sim.provingSectors(1);
        long deadline = sim.node().miner().chain().place(0).orElseThrow().deadline();

        assertThat(sim.run("sim", "miss-post", String.valueOf(deadline)).ok().out())
                .isEqualTo("deadline " + deadline + " will miss its next Window PoSt\n");
        sim.client().sim().advance(2940);

        assertThat(sim.node().miner().chain().faults()).isEqualTo(io.minersim.sealing.numbers.BitField.of(0));
        assertThat(sim.client().miner().sectorsStatus(0, false).state()).isEqualTo("Proving");
        sim.run("sim", "miss-post", "48").refused("invalid deadline 48 of 48");
        sim.run("sim", "miss-post", String.valueOf(deadline), "7").refused("has no partition 7");
    }
}
