package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.rpc.MinerClient;
import io.minersim.rpc.types.SectorInfo;
import io.minersim.sealing.ChainView;
import io.minersim.sealing.Miner;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.proving.SectorExpiration;
import io.minersim.sealing.stats.Level;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One truth: random pledges, clock moves, faults, recoveries, missed Window PoSts and terminations, each
 * through the API, and after every few the miner API ({@code SectorsList}, {@code SectorsSummary},
 * {@code SectorsStatus}), the chain's view (what the full node serves), the statistics and the CLI's
 * {@code sectors list} are checked to tell the same world.
 */
class OneTruthPropertyTest {

    @RegisterExtension
    final CliFixture sim = CliFixture.devnet();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void everyViewTellsTheSameWorld(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        MinerClient client = sim.client();
        Miner miner = sim.node().miner();
        for (int i = 0; i < 4; i++) {
            client.miner().pledgeSector();
        }
        client.sim().advance(100);
        for (int step = 1; step <= 64; step++) {
            ChainView chain = miner.chain();
            List<Long> active = list(chain.activeSectors());
            int op = random.nextInt(10); // pledge 2, fault 2, recover 1, missed PoSt 1, terminate 1, advance 3 in 10
            if (op < 2) {
                client.miner().pledgeSector();
            } else if (op < 4) {
                pick(random, active.stream().filter(n -> !chain.unreadable().contains(n)).toList())
                        .ifPresent(n -> client.sim().declareFaults(List.of(n)));
            } else if (op == 4) {
                pick(random, list(chain.unreadable().union(chain.faults()).intersect(chain.liveSectors())))
                        .ifPresent(n -> client.sim().recover(List.of(n)));
            } else if (op == 5) {
                client.sim().missPoSt(random.nextInt(48), List.of());
            } else if (op == 6) {
                pick(random, active).ifPresent(client.miner()::sectorTerminate);
            } else {
                client.sim().advance(1 + random.nextInt(600));
            }
            if (step % 8 == 0) {
                checkOneTruth(client, miner);
            }
        }
        client.sim().advance(3000);
        checkOneTruth(client, miner);
        assertThat(miner.chain().sectorCounts().live()).as("the run proved sectors").isPositive();
        assertThat(miner.history(0, Integer.MAX_VALUE)).extracting(e -> e.event())
                .as("the run reached the chain's faults and terminations")
                .contains(SectorEvent.SectorFaultDetected, SectorEvent.SectorTerminate);
    }

    private void checkOneTruth(MinerClient client, Miner miner) {
        ChainView chain = miner.chain();
        List<Long> numbers = client.miner().sectorsList();
        Map<String, Long> summary = client.miner().sectorsSummary();
        Map<String, Long> byState = new HashMap<>();
        Map<Long, SectorInfo> status = new HashMap<>();
        for (long n : numbers) {
            SectorInfo info = client.miner().sectorsStatus(n, true);
            status.put(n, info);
            byState.merge(info.state(), 1L, Long::sum);
            assertThat(info.activation() > 0).as("sector %d on chain", n).isEqualTo(chain.sector(n).isPresent());
            SectorExpiration due = chain.expiration(n).orElse(new SectorExpiration(0, 0));
            assertThat(new long[] {info.onTime(), info.early()}).as("sector %d OnTime/Early", n)
                    .containsExactly(due.onTime(), due.early());
            if (info.early() > 0) {
                assertThat(chain.faults().contains(n)).as("sector %d expires early: faulty", n).isTrue();
            }
        }
        assertThat(summary).as("SectorsSummary against each SectorsStatus").isEqualTo(byState);

        BitField faults = chain.faults();
        long size = miner.config().sectorSize().bytes();
        assertThat(chain.sectorCounts().faulty()).isEqualTo(faults.count());
        assertThat(chain.sectorCounts().active()).isEqualTo(chain.activeSectors().count());
        assertThat(chain.power().raw()).isEqualTo(BigInteger.valueOf(chain.activeSectors().count() * size));
        assertThat(faults.subtract(chain.liveSectors()).isEmpty()).as("faults are live sectors").isTrue();
        assertThat(miner.statistics().day(miner.statistics().dateOf(miner.head())).level(Level.FAULTY_RBP))
                .as("the statistics' faulty power").isEqualTo(faults.count() * size);

        List<String> rows = sim.run("sectors", "list", "--show-removed").ok().out().lines().skip(1)
                .filter(l -> !l.startsWith(" ")).toList();
        assertThat(rows).hasSize(numbers.size());
        for (String row : rows) {
            String[] cols = row.trim().split("\\s+");
            long n = Long.parseLong(cols[0]);
            assertThat(cols[1]).as("sector %d's state in the CLI", n).isEqualTo(status.get(n).state());
            assertThat(cols[2]).as("sector %d on chain in the CLI", n)
                    .isEqualTo(chain.sector(n).isPresent() ? "YES" : "NO");
        }
    }

    private static List<Long> list(BitField set) {
        List<Long> out = new ArrayList<>();
        set.forEach(out::add);
        return out;
    }

    private static Optional<Long> pick(SplittableRandom random, List<Long> from) {
        return from.isEmpty() ? Optional.empty() : Optional.of(from.get(random.nextInt(from.size())));
    }
}
