package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.commitment.PieceCommitments;
import io.minersim.sealing.fsm.SectorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeterminismTest {

    /** A run that touches every moving part: deals, CC, batching, a failure, a fault, a termination. */
    private static List<Object> run(long seed) throws Exception {
        SimulatedMiner sim = new SimulatedMiner(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB)
                .withSeed(seed));
        Random data = new Random(7);
        for (int i = 0; i < 3; i++) {
            byte[] piece = new byte[508];
            data.nextBytes(piece);
            sim.miner.addPieceToAny(508, SimulatedMiner.marketDeal(100 + i, 508,
                    PieceCommitments.pieceCommitment(piece), 1000, 600_000, i == 1)).get();
        }
        sim.miner.injectFailure(new FailureRule(SectorState.PreCommit2, null, 1, "flaky"));
        for (int i = 0; i < 5; i++) {
            sim.miner.pledgeSector();
        }
        sim.clock.advance(12);
        sim.miner.preCommitFlush();
        sim.clock.advance(30);
        sim.miner.commitFlush();
        sim.clock.advance(60);
        sim.miner.declareFaults(List.of(1L), true);
        sim.miner.terminate(2);
        sim.miner.terminateFlush();
        sim.clock.advance(1000);

        List<Object> out = new ArrayList<>();
        for (long n : sim.miner.list()) {
            out.add(sim.miner.status(n, true));
        }
        out.add(sim.miner.summary());
        out.add(sim.miner.history(0, Integer.MAX_VALUE));
        return out;
    }

    @Test
    void sameSeedAndCallsGiveIdenticalSectorInfo() throws Exception {
        List<Object> first = run(42);
        List<Object> second = run(42);
        assertThat(second).isEqualTo(first);
        assertThat(first.toString()).isEqualTo(second.toString());
        assertThat(first).as("6 sectors, the summary and the history").hasSize(8);
    }

    @Test
    void anotherSeedGivesOtherRandomnessButTheSameStates() throws Exception {
        List<Object> a = run(1);
        List<Object> b = run(2);
        SectorInfo a0 = (SectorInfo) a.get(0);
        SectorInfo b0 = (SectorInfo) b.get(0);
        assertThat(a0.state()).isEqualTo(b0.state());
        assertThat(a0.commD()).isEqualTo(b0.commD());
        assertThat(a0.commR()).isNotEqualTo(b0.commR());
        assertThat(a0.ticket()).isNotEqualTo(b0.ticket());
        assertThat(a0.preCommitMessage()).isNotEqualTo(b0.preCommitMessage());
        assertThat(a.get(a.size() - 2)).isEqualTo(b.get(b.size() - 2));
    }
}
