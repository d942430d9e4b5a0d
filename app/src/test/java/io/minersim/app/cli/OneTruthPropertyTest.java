package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.jsonrpc4j.JsonRpcClientException;
import io.minersim.rpc.FullNodeApi;
import io.minersim.rpc.MinerClient;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.MinerPartition;
import io.minersim.rpc.types.MinerPower;
import io.minersim.rpc.types.MinerSectorCount;
import io.minersim.rpc.types.MsgLookup;
import io.minersim.rpc.types.SectorExpirationEpochs;
import io.minersim.rpc.types.SectorOnChainInfo;
import io.minersim.rpc.types.SignedMessage;
import io.minersim.rpc.types.SectorInfo;
import io.minersim.sealing.ChainView;
import io.minersim.sealing.Miner;
import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.proving.SectorExpiration;
import io.minersim.sealing.stats.Level;
import io.minersim.sealing.stats.QualityAdjustedPower;
import io.minersim.sealing.stats.SectorStats;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One truth: random pledges, clock moves (small steps and jumps of days), faults, recoveries, missed Window PoSts,
 * terminations and extensions, each through the API, and after every few the miner API ({@code SectorsList},
 * {@code SectorsSummary}, {@code SectorsStatus}), the full node over the wire ({@code StateMinerSectorCount},
 * {@code StateMinerPartitions}, {@code StateMinerPower}, {@code StateSectorGetInfo}, {@code StateSectorExpiration},
 * {@code StateSearchMsg}, {@code MpoolPending}, {@code StateMinerSectors}, {@code StateMinerActiveSectors}), the
 * chain's view in the engine, the statistics and the CLI's {@code sectors list} are checked to tell the same world.
 */
class OneTruthPropertyTest {

    @RegisterExtension
    final CliFixture sim = CliFixture.devnet();

    private static final FilAddress ACTOR = new FilAddress("f01000");

    private int extended;

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
            // pledge 2, fault 2, recover 1, missed PoSt 1, terminate 1, extend 1, advance 3 (one a jump) in 11
            int op = random.nextInt(11);
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
            } else if (op == 7) {
                Optional<Long> s = pick(random, active);
                if (s.isPresent()) {
                    long current = chain.sector(s.get()).orElseThrow().expiration();
                    // at most MaxSectorExpirationExtension past the head, as the actor allows
                    long to = Math.min(current + 2880L * (1 + random.nextInt(60)), miner.head() + 3_680_640L);
                    if (to > current) {
                        client.sim().extendSectors(List.of(s.get()), to);
                        extended++;
                    }
                }
            } else if (op == 8) {
                client.sim().advanceTo(miner.head() + 2880L * (1 + random.nextInt(5)) + random.nextInt(2880));
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
        assertThat(extended).as("the run extended sectors").isPositive();
    }

    private void checkOneTruth(MinerClient client, Miner miner) {
        ChainView chain = miner.chain();
        FullNodeApi full = sim.fullNode();
        checkFullNode(client, miner, full);
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

        Set<Long> onChain = numbers(full.stateMinerSectors(ACTOR, null, List.of()));
        Set<Long> activeOnChain = numbers(full.stateMinerActiveSectors(ACTOR, List.of()));
        List<String> rows = sim.run("sectors", "list", "--show-removed").ok().out().lines().skip(1)
                .filter(l -> !l.startsWith(" ")).toList();
        assertThat(rows).hasSize(numbers.size());
        for (String row : rows) {
            String[] cols = row.trim().split("\\s+");
            long n = Long.parseLong(cols[0]);
            assertThat(cols[1]).as("sector %d's state in the CLI", n).isEqualTo(status.get(n).state());
            assertThat(cols[2]).as("sector %d on chain in the CLI and StateMinerSectors", n)
                    .isEqualTo(onChain.contains(n) ? "YES" : "NO");
            assertThat(cols[3]).as("sector %d active in the CLI and StateMinerActiveSectors", n)
                    .isEqualTo(activeOnChain.contains(n) ? "YES" : "NO");
            assertThat(cols[2]).as("sector %d on chain in the CLI and the engine", n)
                    .isEqualTo(chain.sector(n).isPresent() || chain.onChainSectors().contains(n) ? "YES" : "NO");
        }
    }

    /** The full node over the wire against the miner API, its own partitions and the statistics. */
    private void checkFullNode(MinerClient client, Miner miner, FullNodeApi full) {
        long size = miner.config().sectorSize().bytes();
        long live = 0;
        long active = 0;
        long faulty = 0;
        Set<Long> partitionActive = new HashSet<>();
        for (int dl = 0; dl < 48; dl++) {
            List<MinerPartition> parts = full.stateMinerPartitions(ACTOR, dl, List.of());
            for (MinerPartition p : parts == null ? List.<MinerPartition>of() : parts) {
                live += p.liveSectors().count();
                active += p.activeSectors().count();
                faulty += p.faultySectors().count();
                p.activeSectors().numbers().forEach(partitionActive::add);
            }
        }
        MinerSectorCount count = full.stateMinerSectorCount(ACTOR, List.of());
        assertThat(new long[] {count.live(), count.active(), count.faulty()})
                .as("StateMinerSectorCount against the partitions").containsExactly(live, active, faulty);
        assertThat(numbers(full.stateMinerActiveSectors(ACTOR, List.of())))
                .as("StateMinerActiveSectors against the partitions' ActiveSectors").isEqualTo(partitionActive);
        assertThat(full.stateMinerFaults(ACTOR, List.of()).count()).isEqualTo(faulty);

        MinerPower power = full.stateMinerPower(ACTOR, List.of());
        BigInteger qa = BigInteger.ZERO;
        for (SectorOnChainInfo s : full.stateMinerActiveSectors(ACTOR, List.of())) {
            qa = qa.add(qualityAdjusted(s, size));
        }
        assertThat(power.minerPower().rawBytePower()).as("StateMinerPower raw: the active sectors")
                .isEqualTo(BigInteger.valueOf(active * size));
        assertThat(power.minerPower().qualityAdjPower()).as("StateMinerPower QA: the active sectors' weights")
                .isEqualTo(qa);
        SectorStats today = miner.statistics().day(miner.statistics().dateOf(miner.head()));
        assertThat(today.level(Level.FAULTY_RBP)).as("the statistics' faulty power against StateMinerSectorCount")
                .isEqualTo(faulty * size);
        assertThat(today.level(Level.ACTIVE_SECTORS)).as("the statistics' active sectors: live, not faulty")
                .isEqualTo(live - faulty);

        List<SignedMessage> pending = full.mpoolPending(List.of());
        Set<String> pendingCids = new HashSet<>();
        for (SignedMessage m : pending == null ? List.<SignedMessage>of() : pending) {
            pendingCids.add(m.cid().value());
        }
        long head = full.chainHead().height();
        for (long n : client.miner().sectorsList()) {
            SectorInfo st = client.miner().sectorsStatus(n, true);
            SectorOnChainInfo info = full.stateSectorGetInfo(ACTOR, n, List.of());
            if (info == null) {
                assertThat(new long[] {st.activation(), st.expiration(), st.onTime(), st.early()})
                        .as("sector %d not on chain: zeros in SectorsStatus", n).containsOnly(0L);
            } else {
                assertThat(new long[] {st.activation(), st.expiration()})
                        .as("sector %d's Activation/Expiration against StateSectorGetInfo", n)
                        .containsExactly(info.activation(), info.expiration());
                long[] due;
                try {
                    SectorExpirationEpochs e = full.stateSectorExpiration(ACTOR, n, List.of());
                    due = new long[] {e.onTime(), e.early()};
                } catch (JsonRpcClientException e) {
                    assertThat(e.getMessage()).isEqualTo("failed to find sector " + n);
                    due = new long[] {0, 0}; // Lotus's SectorsStatus swallows this error
                }
                assertThat(new long[] {st.onTime(), st.early()})
                        .as("sector %d's OnTime/Early against StateSectorExpiration", n).containsExactly(due);
            }
            for (CidLink msg : java.util.Arrays.asList(st.preCommitMsg(), st.commitMsg())) {
                if (msg == null) {
                    continue;
                }
                MsgLookup found = full.stateSearchMsg(List.of(), msg, -1, true);
                if (found == null) {
                    assertThat(pendingCids).as("sector %d's message %s: not executed, so pending", n, msg.value())
                            .contains(msg.value());
                } else {
                    assertThat(found.message()).as("sector %d's message", n).isEqualTo(msg);
                    assertThat(found.height()).isLessThanOrEqualTo(head);
                    assertThat(pendingCids).doesNotContain(msg.value());
                }
            }
        }
    }

    /** The actor's quality-adjusted power of an on-chain sector, from the weights the full node reports. */
    private static BigInteger qualityAdjusted(SectorOnChainInfo s, long size) {
        return BigInteger.valueOf(QualityAdjustedPower.of(size, s.expiration() - s.powerBaseEpoch(),
                s.dealWeight().longValueExact(), s.verifiedDealWeight().longValueExact()));
    }

    private static Set<Long> numbers(List<SectorOnChainInfo> sectors) {
        Set<Long> out = new HashSet<>();
        for (SectorOnChainInfo s : sectors == null ? List.<SectorOnChainInfo>of() : sectors) {
            out.add(s.sectorNumber());
        }
        return out;
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
