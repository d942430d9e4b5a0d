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
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.MinerPartition;
import io.minersim.rpc.types.MinerSectorCount;
import io.minersim.rpc.types.MsgLookup;
import io.minersim.rpc.types.PreCommitOnChainInfo;
import io.minersim.rpc.types.ProvingDeadline;
import io.minersim.rpc.types.SectorInfo;
import io.minersim.rpc.types.SectorOnChainInfo;
import io.minersim.rpc.types.SignedMessage;
import io.minersim.rpc.types.TipSet;
import io.minersim.sealing.SectorSize;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The full node over its typed client, against a miner driven through the miner's API and the clock: the chain,
 * the actor's state as ChainView holds it, messages from the pool to their receipts, and Lotus's errors.
 */
class FullNodeApiTest {
    private static final FilAddress MINER = new FilAddress("f01000");

    @RegisterExtension
    MinerSimulatorExtension sim = MinerSimulatorExtension.configure(b -> b.sectorSize(SectorSize.SIZE_2KiB).seed(7));

    @Test
    void chainHeadFollowsTheClockWithOneDeterministicBlockPerEpoch(FullNodeClient client) {
        FullNodeApi full = client.fullNode();
        TipSet h0 = full.chainHead();
        assertThat(h0.height()).isZero();
        sim.get().advance(5);
        TipSet h5 = full.chainHead();
        assertThat(h5.height()).isEqualTo(5);
        assertThat(h5.blocks()).hasSize(1);
        assertThat(h5.blocks().get(0).parents()).isEqualTo(full.chainGetTipSetByHeight(4, null).cids());
        assertThat(h5.blocks().get(0).miner()).isEqualTo("f01000");
        assertThat(h5.blocks().get(0).timestamp() - h0.blocks().get(0).timestamp()).isEqualTo(5 * 4);
        assertThat(full.chainGetTipSet(h5.cids())).usingRecursiveComparison().isEqualTo(h5);
        assertThat(full.chainGetTipSetByHeight(3, h5.cids()).height()).isEqualTo(3);
        assertThatThrownBy(() -> full.chainGetTipSetByHeight(6, null))
                .isInstanceOf(JsonRpcClientException.class)
                .hasMessage("looking for tipset with height greater than start point, req: 6, head: 5");
    }

    @Test
    void aKeyOfNoTipsetIsLotusLoadingError(FullNodeClient client) {
        FullNodeApi full = client.fullNode();
        TipSet later;
        sim.get().advance(3);
        later = full.chainHead();
        // a key from a head the chain has not reached: the same seed, another simulator, further on
        String cid = "bafy2bzaceaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        assertThatThrownBy(() -> full.stateMinerSectorCount(MINER, List.of(io.minersim.rpc.types.CidLink.of(cid))))
                .isInstanceOf(JsonRpcClientException.class)
                .hasMessage("loading tipset {" + cid + "}: get block " + cid + ": ipld: could not find " + cid);
        assertThat(full.stateMinerSectorCount(MINER, later.cids())).isNotNull();
    }

    @Test
    void provingDeadlineIsChainViewsAtTheHeadAndConsistentAtAnEarlierKey(FullNodeClient client) {
        FullNodeApi full = client.fullNode();
        sim.get().advance(130);
        ProvingDeadline d = full.stateMinerProvingDeadline(MINER, null);
        io.minersim.sealing.proving.DeadlineInfo view = sim.get().miner().chain().provingDeadline();
        assertThat(d.currentEpoch()).isEqualTo(130);
        assertThat(List.of(d.periodStart(), d.index(), d.open(), d.close(), d.challenge(), d.faultCutoff()))
                .containsExactly(view.periodStart(), view.index(), view.open(), view.close(), view.challenge(),
                        view.faultCutoff());
        assertThat(List.of(d.wPoStPeriodDeadlines(), d.wPoStProvingPeriod(), d.wPoStChallengeWindow(),
                d.wPoStChallengeLookback(), d.faultDeclarationCutoff())).containsExactly(48L, 2880L, 60L, 20L, 70L);
        assertThat(d.open()).isLessThanOrEqualTo(130).isGreaterThan(130 - 60);
        ProvingDeadline earlier = full.stateMinerProvingDeadline(MINER, full.chainGetTipSetByHeight(10, null).cids());
        assertThat(earlier.currentEpoch()).isEqualTo(10);
        assertThat(Math.floorMod(earlier.periodStart() - d.periodStart(), 2880L)).isZero();
        assertThat(earlier.open()).isLessThanOrEqualTo(10).isGreaterThan(10 - 60);
    }

    @Test
    void partitionsAgreeWithSectorCountsFaultsAndPlaces(MinerSimulator s, MinerClient miner, FullNodeClient client) {
        FullNodeApi full = client.fullNode();
        for (int i = 0; i < 6; i++) {
            miner.miner().pledgeSector();
        }
        s.advance(400);
        long live = 0;
        long active = 0;
        long faulty = 0;
        Set<Long> all = new HashSet<>();
        for (int dl = 0; dl < 48; dl++) {
            List<MinerPartition> parts = full.stateMinerPartitions(MINER, dl, null);
            if (parts == null) {
                continue;
            }
            assertThat(parts).isNotEmpty(); // an empty deadline is null, never []
            for (int p = 0; p < parts.size(); p++) {
                MinerPartition part = parts.get(p);
                live += part.liveSectors().count();
                active += part.activeSectors().count();
                faulty += part.faultySectors().count();
                for (long n : part.allSectors().numbers().toArray()) {
                    all.add(n);
                    assertThat(full.stateSectorPartition(MINER, n, null))
                            .isEqualTo(new io.minersim.rpc.types.SectorDeadlinePartition(dl, p));
                }
            }
        }
        MinerSectorCount count = full.stateMinerSectorCount(MINER, null);
        assertThat(count).isEqualTo(new MinerSectorCount(live, active, faulty));
        List<Long> onChain = new ArrayList<>();
        full.stateMinerSectors(MINER, null, null).forEach(x -> onChain.add(x.sectorNumber()));
        assertThat(onChain).containsExactlyInAnyOrderElementsOf(all);
        assertThat(full.stateMinerActiveSectors(MINER, null)).hasSize((int) active);
        assertThat(full.stateMinerFaults(MINER, null).count()).isEqualTo(faulty);
        assertThat(full.stateMinerDeadlines(MINER, null)).hasSize(48);
        for (long n : onChain) {
            SectorOnChainInfo info = full.stateSectorGetInfo(MINER, n, null);
            SectorInfo status = miner.miner().sectorsStatus(n, true);
            assertThat(info.activation()).isEqualTo(status.activation());
            assertThat(info.expiration()).isEqualTo(status.expiration());
        }
    }

    @Test
    void messagesArePendingUntilTheyLandThenFoundWithTheirReceipt(MinerSimulator s, MinerClient miner,
            FullNodeClient client) {
        FullNodeApi full = client.fullNode();
        miner.miner().pledgeSector();
        List<SignedMessage> seen = new ArrayList<>();
        for (int i = 0; i < 200 && seen.isEmpty(); i++) {
            s.advance(1);
            seen = full.mpoolPending(null);
        }
        assertThat(seen).isNotEmpty();
        SignedMessage pending = seen.get(0);
        assertThat(pending.cid()).isEqualTo(pending.message().cid());
        assertThat(pending.message().to()).isEqualTo("f01000");
        assertThat(pending.message().from()).startsWith("f1");
        assertThat(full.stateSearchMsg(null, pending.cid(), -1, true)).isNull();
        assertThat(full.stateAccountKey(new FilAddress("f0100"), null)).isEqualTo(pending.message().from());
        assertThat(full.stateLookupId(new FilAddress(pending.message().from()), null)).isEqualTo("f0100");
        MsgLookup found = null;
        for (int i = 0; i < 200 && found == null; i++) {
            s.advance(1);
            found = full.stateSearchMsg(null, pending.cid(), -1, true);
        }
        assertThat(found).isNotNull();
        assertThat(found.message()).isEqualTo(pending.cid());
        assertThat(found.receipt().exitCode()).isZero();
        assertThat(found.tipSet()).isEqualTo(full.chainGetTipSetByHeight(found.height(), null).cids());
        assertThat(full.mpoolPending(null)).doesNotContain(pending);
        assertThat(full.stateWaitMsg(pending.cid(), 0, -1, true)).isEqualTo(found);
        // the pre-commitment, once its message has landed and until the sector is proven
        SectorInfo status = miner.miner().sectorsStatus(0, false);
        PreCommitOnChainInfo pci = full.stateSectorPreCommitInfo(MINER, 0, null);
        if (pci != null) {
            assertThat(pci.info().sectorNumber()).isZero();
            assertThat(pci.info().sealedCid()).isEqualTo(status.commR());
        }
    }

    @Test
    void unknownMinersAndSectorsGetLotusErrors(FullNodeClient client) {
        FullNodeApi full = client.fullNode();
        FilAddress nobody = new FilAddress("f09999");
        assertThatThrownBy(() -> full.stateMinerInfo(nobody, null)).hasMessage("failed to load miner actor: actor not found");
        assertThatThrownBy(() -> full.stateMinerInfo(new FilAddress("f0100"), null))
                .hasMessageStartingWith("failed to load miner actor: unknown actor code bafk2bza");
        assertThatThrownBy(() -> full.stateSectorGetInfo(nobody, 1, null))
                .hasMessage("(get sset) failed to load miner actor: actor not found");
        assertThatThrownBy(() -> full.stateMinerSectorCount(nobody, null)).hasMessage("actor not found");
        assertThatThrownBy(() -> full.stateGetActor(nobody, null)).hasMessage("actor not found");
        assertThat(full.stateSectorGetInfo(MINER, 12345, null)).isNull();
        assertThat(full.stateSectorPreCommitInfo(MINER, 12345, null)).isNull();
        assertThatThrownBy(() -> full.stateSectorPartition(MINER, 12345, null))
                .hasMessage("sector 12345 not due at any deadline");
        assertThatThrownBy(() -> full.stateSectorExpiration(MINER, 12345, null)).hasMessage("failed to find sector 12345");
        assertThatThrownBy(() -> full.stateMinerPartitions(MINER, 48, null))
                .hasMessage("failed to load the deadline: invalid deadline 48");
        assertThat(full.stateMinerPower(nobody, null).minerPower().rawBytePower()).isZero();
        assertThat(full.stateMinerPower(nobody, null).hasMinPower()).isFalse();
        assertThat(full.walletBalance(nobody).value()).isZero();
        assertThatThrownBy(() -> full.stateLookupId(new FilAddress("f1ys5qqiciehcml3sp764ymbbytfn3qoar5fo3iwy"), null))
                .isInstanceOfSatisfying(JsonRpcClientException.class, e -> assertThat(e.getCode()).isEqualTo(11))
                .hasMessage("actor not found");
    }

    @Test
    void fundsAreConsistent(MinerSimulator s, MinerClient miner, FullNodeClient client) {
        FullNodeApi full = client.fullNode();
        java.math.BigInteger workerBefore = full.walletBalance(new FilAddress("f0100")).value();
        miner.miner().pledgeSector();
        s.advance(300);
        java.math.BigInteger locked = s.miner().chain().initialPledge().add(s.miner().chain().preCommitDeposits());
        java.math.BigInteger available = full.stateMinerAvailableBalance(MINER, null).value();
        assertThat(full.stateGetActor(MINER, null).balance()).isEqualTo(locked.add(available));
        assertThat(full.walletBalance(MINER).value()).isEqualTo(locked.add(available));
        assertThat(full.walletBalance(new FilAddress("f0100")).value()).isEqualTo(workerBefore.subtract(locked));
        String key = full.stateAccountKey(new FilAddress("f0100"), null);
        assertThat(full.walletBalance(new FilAddress(key)).value())
                .isEqualTo(full.walletBalance(new FilAddress("f0100")).value());
        assertThat(full.stateMinerInfo(MINER, null).worker()).isEqualTo("f0100");
        assertThat(full.stateMinerInfo(MINER, null).sectorSize()).isEqualTo(2048);
        assertThat(full.stateMinerPower(MINER, null).minerPower().rawBytePower())
                .isEqualTo(s.miner().chain().power().raw());
        BitFieldRuns none = full.stateMinerRecoveries(MINER, null);
        assertThat(none.count()).isEqualTo(s.miner().chain().recoveries().count());
    }
}
