package io.minersim.app.fullnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.googlecode.jsonrpc4j.JsonRpcClientException;
import io.minersim.app.testing.MinerSimulator;
import io.minersim.app.testing.MinerSimulatorExtension;
import io.minersim.rpc.FullNodeApi;
import io.minersim.rpc.FullNodeClient;
import io.minersim.rpc.MinerClient;
import io.minersim.rpc.types.BitFieldRuns;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.MinerPartition;
import io.minersim.rpc.types.MinerPower;
import io.minersim.rpc.types.MinerSectorCount;
import io.minersim.rpc.types.PreCommitOnChainInfo;
import io.minersim.rpc.types.SectorOnChainInfo;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.ChainView;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code State*} at a tipset below the head answers that tipset's state: what the head said when it was the head,
 * not what the head says now; a tipset older than the retained window answers as a Lotus node whose splitstore
 * pruned its state.
 */
class PastTipsetStateTest {
    private static final FilAddress MINER = new FilAddress("f01000");

    @RegisterExtension
    MinerSimulatorExtension sim = MinerSimulatorExtension.configure(b -> b.sectorSize(SectorSize.SIZE_2KiB).seed(7));

    /**
     * What the head said at one moment: counts, power, faults, the sectors on chain, one deadline's partitions, the
     * pre-commitments of the first sectors and the actor's balance (its locked pledge and deposits).
     */
    private record Seen(List<CidLink> key, MinerSectorCount count, MinerPower power, BitFieldRuns faults,
            List<Long> onChain, List<MinerPartition> partitions, List<PreCommitOnChainInfo> preCommits,
            BigInteger balance) {
        static Seen at(FullNodeApi full, List<CidLink> key, long deadline) {
            List<Long> onChain = new ArrayList<>();
            full.stateMinerSectors(MINER, null, key).forEach(s -> onChain.add(s.sectorNumber()));
            List<PreCommitOnChainInfo> preCommits = new ArrayList<>();
            for (long n = 0; n < 8; n++) {
                preCommits.add(full.stateSectorPreCommitInfo(MINER, n, key));
            }
            return new Seen(key, full.stateMinerSectorCount(MINER, key), full.stateMinerPower(MINER, key),
                    full.stateMinerFaults(MINER, key), onChain, full.stateMinerPartitions(MINER, deadline, key),
                    preCommits, full.stateGetActor(MINER, key).balance());
        }
    }

    @Test
    void stateAtAnOlderTipsetIsWhatTheHeadSaidThen(MinerSimulator s, MinerClient miner, FullNodeClient client) {
        FullNodeApi full = client.fullNode();
        for (int i = 0; i < 4; i++) {
            miner.miner().pledgeSector();
        }
        List<SectorOnChainInfo> onChain = List.of();
        for (int i = 0; i < 300 && onChain.isEmpty(); i++) {
            s.advance(5);
            onChain = full.stateMinerSectors(MINER, null, null);
        }
        assertThat(onChain).as("a sector on chain").isNotEmpty();
        long faulty = onChain.get(0).sectorNumber();
        long deadline = full.stateSectorPartition(MINER, faulty, null).deadline();
        // the sector becomes unreadable: its deadline's next PoSt skips it, and it turns faulty on chain
        miner.sim().declareFaults(List.of(faulty));
        List<Seen> seen = new ArrayList<>();
        seen.add(Seen.at(full, full.chainHead().cids(), deadline));
        for (int i = 0; i < 700 && seen.get(seen.size() - 1).count().faulty() == 0; i++) {
            if (i == 3) {
                miner.miner().pledgeSector(); // and the sectors change meanwhile
            }
            s.advance(5);
            seen.add(Seen.at(full, full.chainHead().cids(), deadline));
        }
        Seen now = seen.get(seen.size() - 1);
        assertThat(now.count().faulty()).as("the fault reached the chain").isPositive();
        assertThat(now.faults().numbers().toArray()).contains(faulty);

        // every earlier head within the window: the same answers at its key now as then
        long head = full.chainHead().height();
        int checked = 0;
        for (Seen then : seen) {
            if (full.chainGetTipSet(then.key()).height() < head - ChainView.retainedEpochs()) {
                continue;
            }
            assertThat(Seen.at(full, then.key(), deadline)).usingRecursiveComparison().isEqualTo(then);
            checked++;
        }
        Seen before = seen.get(seen.size() - 2);
        assertThat(checked).isGreaterThan(1);
        assertThat(before.count()).isNotEqualTo(now.count());
        assertThat(before.count().faulty()).isZero();
        assertThat(before.partitions()).isNotEqualTo(now.partitions());
        assertThat(before.power()).isNotEqualTo(now.power());
        // a pre-commitment pending at some earlier head and activated since: still there at that head's key
        assertThat(seen.stream().anyMatch(x -> x.preCommits().stream().anyMatch(java.util.Objects::nonNull)))
                .as("a pre-commitment seen pending").isTrue();
        assertThat(seen.stream().map(Seen::balance).distinct().count()).as("the balance moved").isGreaterThan(1);

        // a sector activated after an earlier tipset is not on chain there
        Seen first = seen.stream().filter(x -> full.chainGetTipSet(x.key()).height()
                >= head - ChainView.retainedEpochs()).findFirst().orElseThrow();
        List<Long> newer = new ArrayList<>(now.onChain());
        newer.removeAll(first.onChain());
        if (!newer.isEmpty()) {
            long later = newer.get(0);
            assertThat(full.stateSectorGetInfo(MINER, later, first.key())).isNull();
            assertThat(full.stateSectorGetInfo(MINER, later, null)).isNotNull();
            assertThatThrownBy(() -> full.stateSectorPartition(MINER, later, first.key()))
                    .isInstanceOf(JsonRpcClientException.class)
                    .hasMessage("sector " + later + " not due at any deadline");
        }
        assertThat(full.stateMinerActiveSectors(MINER, before.key())).hasSize((int) before.count().active());
    }

    @Test
    void aTipsetBelowTheRetainedWindowAnswersLotusPrunedStateError(MinerSimulator s, MinerClient miner,
            FullNodeClient client) {
        FullNodeApi full = client.fullNode();
        miner.miner().pledgeSector();
        s.advance(10);
        List<CidLink> old = full.chainHead().cids();
        assertThat(full.stateMinerSectorCount(MINER, old)).isNotNull();
        s.advance(ChainView.retainedEpochs() + 1);
        String root = full.chainGetTipSet(old).blocks().get(0).parentStateRoot().value();
        assertThatThrownBy(() -> full.stateMinerSectorCount(MINER, old))
                .isInstanceOf(JsonRpcClientException.class)
                .hasMessage("load state tree: failed to load state tree " + root
                        + ": failed to load hamt node: ipld: could not find " + root);
        assertThatThrownBy(() -> full.stateMinerFaults(MINER, old))
                .isInstanceOf(JsonRpcClientException.class)
                .hasMessage("failed to load miner actor: load state tree: failed to load state tree " + root
                        + ": failed to load hamt node: ipld: could not find " + root);
        // the oldest retained epoch still answers
        long head = full.chainHead().height();
        List<CidLink> edge = full.chainGetTipSetByHeight(head - ChainView.retainedEpochs(), null).cids();
        assertThat(full.stateMinerSectorCount(MINER, edge)).isNotNull();
    }
}
