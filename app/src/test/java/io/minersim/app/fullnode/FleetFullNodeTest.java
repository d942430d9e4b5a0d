package io.minersim.app.fullnode;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.world.World;
import io.minersim.rpc.FullNodeApi;
import io.minersim.rpc.FullNodeClient;
import io.minersim.rpc.types.FilAddress;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSize;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One full node for a fleet: every miner's actor, their accounts, blocks in turn; the same seed, the same bytes. */
class FleetFullNodeTest {

    private static World fleet(long seed) {
        MinerConfig a = MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB).withSeed(seed);
        return World.create(new World.Spec(Profile.DEVNET, List.of(a, a.withActorId(1001)), null, true, null, 0,
                null, 0));
    }

    private static FullNode start(World w) throws Exception {
        List<Miner> miners = new ArrayList<>();
        w.hosts().forEach(h -> miners.add(h.miner()));
        return FullNode.start(miners, w.profile(), w.clock(), "127.0.0.1", 0, null);
    }

    @Test
    void everyMinerOfTheFleetIsVisible() throws Exception {
        try (World w = fleet(3); FullNode node = start(w)) {
            w.start();
            FullNodeApi full = FullNodeClient.connect(node.httpUri(), node.adminToken()).fullNode();
            assertThat(full.stateMinerInfo(new FilAddress("f01000"), null).worker()).isEqualTo("f0100");
            assertThat(full.stateMinerInfo(new FilAddress("f01001"), null).worker()).isEqualTo("f0101");
            assertThat(full.stateAccountKey(new FilAddress("f0100"), null))
                    .isNotEqualTo(full.stateAccountKey(new FilAddress("f0101"), null));
            w.clock().advance(2);
            assertThat(full.chainGetTipSetByHeight(1, null).blocks().get(0).miner()).isEqualTo("f01001");
            assertThat(full.chainGetTipSetByHeight(2, null).blocks().get(0).miner()).isEqualTo("f01000");
        }
    }

    @Test
    void theWalletHoldsEveryWorkerKeyAndThePeerIdFollowsTheSeed() throws Exception {
        String id3;
        try (World w = fleet(3); FullNode node = start(w)) {
            w.start();
            FullNodeApi full = FullNodeClient.connect(node.httpUri(), node.adminToken()).fullNode();
            assertThat(full.walletList()).containsExactly(full.stateAccountKey(new FilAddress("f0100"), null),
                    full.stateAccountKey(new FilAddress("f0101"), null));
            assertThat(full.walletDefaultAddress()).isEqualTo(full.walletList().get(0));
            assertThat(full.syncState().activeSyncs()).singleElement()
                    .satisfies(s -> assertThat(s.target().cids()).isEqualTo(full.chainHead().cids()));
            assertThat(full.netPeers()).isEmpty();
            id3 = full.id();
        }
        try (World w = fleet(4); FullNode node = start(w)) {
            w.start();
            assertThat(FullNodeClient.connect(node.httpUri(), node.adminToken()).fullNode().id())
                    .startsWith("12D3KooW").isNotEqualTo(id3);
        }
    }

    @Test
    void theSameSeedAndMovesGiveTheSameBytes() throws Exception {
        List<String> answers = new ArrayList<>();
        for (int run = 0; run < 2; run++) {
            try (World w = fleet(9); FullNode node = start(w)) {
                w.start();
                for (io.minersim.app.world.MinerHost h : w.hosts()) {
                    h.miner().pledgeSector();
                }
                w.clock().advance(40);
                FullNodeApi full = FullNodeClient.connect(node.httpUri(), node.adminToken()).fullNode();
                com.fasterxml.jackson.databind.ObjectMapper json = io.minersim.app.rpc.GoJson.newObjectMapper();
                answers.add(json.writeValueAsString(List.of(full.chainHead(), full.mpoolPending(null),
                        full.stateGetActor(new FilAddress("f0101"), null), full.stateNetworkName(),
                        full.stateMinerProvingDeadline(new FilAddress("f01001"), null), full.id(), full.syncState(),
                        full.walletList(), full.netAutoNatStatus(), full.stateReadState(new FilAddress("f01001"), null),
                        full.stateActorCodeCids(full.stateNetworkVersion(null)))));
            }
        }
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
    }
}
