package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minersim.sealing.fsm.SectorState;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class FailureInjectionTest {

    @Test
    void aPreCommit1FailureCoolsDownRetriesAndSeals() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        sim.miner.injectFailure(new FailureRule(SectorState.PreCommit1, null, 1, "out of disk"));
        long n = sim.miner.pledgeSector();
        long cooldown = sim.config.policy().epochsCovering(sim.config.sealing().minRetryTime().getSeconds());
        assertThat(sim.walk(n, SectorState.PreCommit2, 50)).containsExactly("Packing@0", "GetTicket@1",
                "PreCommit1@2", "SealPreCommit1Failed@3", "PreCommit1@" + (3 + cooldown),
                "PreCommit2@" + (4 + cooldown));
        sim.advanceUntil(n, SectorState.Proving, 100);
        SectorInfo info = sim.miner.status(n, false);
        assertThat(info.lastErr()).isEqualTo("out of disk");
        assertThat(info.log()).filteredOn(e -> e.kind().equals("event;sealing.SectorSealPreCommit1Failed"))
                .singleElement().satisfies(e -> assertThat(e.trace()).isEqualTo("out of disk"));
        assertThat(sim.miner.failureRules()).isEmpty();
    }

    @Test
    void morePreCommit1FailuresThanLotusRetriesRemoveTheSector() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.miner.injectFailure(new FailureRule(SectorState.PreCommit1, n, 10, "bad replica"));
        sim.advanceUntil(n, SectorState.Removed, 200);
        List<String> kinds = sim.miner.status(n, false).log().stream().map(SectorLogEntry::kind).toList();
        assertThat(kinds.stream().filter(k -> k.equals("event;sealing.SectorSealPreCommit1Failed")).count())
                .isEqualTo(4);
        assertThat(kinds).endsWith("event;sealing.SectorRemove", "event;sealing.SectorRemoved");
        assertThat(sim.miner.failureRules()).singleElement().satisfies(r -> assertThat(r.count()).isEqualTo(6));
        assertThat(sim.miner.summary()).containsEntry(SectorState.Removed, 1L).hasSize(1);
    }

    @ParameterizedTest(name = "{0} fails into {1} and the sector still seals")
    @CsvSource({
        "PreCommit1, SealPreCommit1Failed",
        "PreCommit2, SealPreCommit2Failed",
        "SubmitPreCommitBatch, PreCommitFailed",
        "PreCommitBatchWait, PreCommitFailed",
        "WaitSeed, PreCommitFailed",
        "Committing, ComputeProofFailed",
        "SubmitCommitAggregate, CommitFailed",
        "CommitAggregateWait, CommitFailed",
        "FinalizeSector, FinalizeFailed"
    })
    void eachSealingStateFailsIntoLotusFailureStateAndRecovers(SectorState state, SectorState failure) {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.miner.injectFailure(new FailureRule(state, n, 1, "injected"));
        List<String> walk = sim.walk(n, SectorState.Proving, 400);
        assertThat(walk).anySatisfy(s -> assertThat(s).startsWith(failure + "@"));
        int failed = indexOf(walk, failure);
        assertThat(walk.get(failed - 1)).startsWith(state + "@");
        assertThat(sim.miner.status(n, false).lastErr()).isEqualTo("injected");
    }

    @Test
    void computeProofFailuresPastTheLimitGoBackToPreCommit1() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.miner.injectFailure(new FailureRule(SectorState.Committing, n, 3, "proof failed"));
        List<String> walk = sim.walk(n, SectorState.Proving, 400);
        assertThat(walk.stream().filter(s -> s.startsWith("ComputeProofFailed@")).count()).isEqualTo(3);
        assertThat(walk.get(indexOf(walk, SectorState.SealPreCommit1Failed) - 1)).startsWith("ComputeProofFailed@");
        assertThat(sim.miner.status(n, false).retries()).as("InvalidProofs is reset by SealPreCommit1Failed")
                .isZero();
    }

    @Test
    void everyTicketAndSeedAStatusQuotesIsTheOneDrawnAtItsEpochAfterRetries() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        long other = sim.miner.pledgeSector();
        sim.miner.injectFailure(new FailureRule(SectorState.Committing, n, 3, "proof failed"));
        sim.miner.injectFailure(new FailureRule(SectorState.PreCommit1, other, 2, "bad replica"));
        sim.walk(n, SectorState.Proving, 400);
        sim.walk(other, SectorState.Proving, 400);
        SimulatedRandomness random = new SimulatedRandomness(sim.config.seed(), sim.config.actorId());
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        for (long sector : new long[] {n, other}) {
            SectorInfo info = sim.miner.status(sector, true);
            int quoted = 0;
            for (SectorLogEntry e : info.log()) {
                java.util.regex.Matcher m = java.util.regex.Pattern
                        .compile("\\{\"User\":\\{\"(Ticket|Seed)Value\":\"([^\"]*)\",\"(?:Ticket|Seed)Epoch\":(\\d+)}}")
                        .matcher(e.message());
                if (m.matches()) {
                    String domain = m.group(1).equals("Ticket") ? "ticket" : "seed";
                    assertThat(m.group(2)).as("%s of sector %d at %s", domain, sector, m.group(3))
                            .isEqualTo(b64.encodeToString(random.bytes(domain, Long.parseLong(m.group(3)), 0, 32)));
                    quoted++;
                }
            }
            assertThat(quoted).as("tickets and seeds quoted by sector %d", sector).isGreaterThanOrEqualTo(2);
            assertThat(info.ticket().value()).isEqualTo(random.bytes("ticket", info.ticket().epoch(), 0, 32));
            assertThat(info.seed().value()).isEqualTo(random.bytes("seed", info.seed().epoch(), 0, 32));
        }
    }

    @Test
    void removalFailureRetriesTheRemoval() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        long n = sim.miner.pledgeSector();
        sim.miner.injectFailure(new FailureRule(SectorState.Removing, n, 1, "file busy"));
        sim.miner.remove(n);
        assertThat(sim.walk(n, SectorState.Removed, 50)).extracting(s -> s.substring(0, s.indexOf('@')))
                .containsExactly("Packing", "Removing", "RemoveFailed", "Removing", "Removed");
    }

    @Test
    void aRuleForAStateWithoutFailurePathOrAnUnknownSectorIsRefused() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        assertThatThrownBy(() -> new FailureRule(SectorState.Proving, null, 1, "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("Proving has no failure path");
        assertThatThrownBy(() -> new FailureRule(SectorState.PreCommit1, null, 0, "x"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("count must be positive");
        assertThatThrownBy(() -> sim.miner.injectFailure(new FailureRule(SectorState.PreCommit1, 7L, 1, "x")))
                .isInstanceOf(SectorNotFoundException.class).hasMessage("sector 7 not found");
        assertThat(sim.miner.failureRules()).isEmpty();
    }

    @Test
    void clearFailuresDisarmsEveryRule() {
        SimulatedMiner sim = SimulatedMiner.devnet();
        sim.miner.injectFailure(new FailureRule(SectorState.PreCommit1, null, 5, "x"));
        sim.miner.clearFailures();
        long n = sim.miner.pledgeSector();
        assertThat(sim.walk(n, SectorState.Proving, 100)).noneSatisfy(s -> assertThat(s).contains("Failed"));
    }

    private static int indexOf(List<String> walk, SectorState state) {
        for (int i = 0; i < walk.size(); i++) {
            if (walk.get(i).startsWith(state + "@")) {
                return i;
            }
        }
        throw new AssertionError(state + " not in " + walk);
    }
}
