package io.minersim.app.fullnode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.jsonrpc4j.JsonRpcClientException;
import io.minersim.app.testing.MinerSimulatorExtension;
import io.minersim.rpc.FullNodeApi;
import io.minersim.rpc.FullNodeClient;
import io.minersim.rpc.MinerClient;
import io.minersim.rpc.types.BigIntString;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.MsgLookup;
import io.minersim.sealing.SectorSize;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One truth between the miner's operational methods and the full node: a withdrawal the miner pushes is a message of
 * the chain that moves the miner actor's available balance to its owner once included, and the miner mines on the
 * full node's head.
 */
class MinerFundsAndChainTest {
    private static final FilAddress MINER = new FilAddress("f01000");
    private static final BigInteger FIL = BigInteger.TEN.pow(18);

    @RegisterExtension
    MinerSimulatorExtension sim = MinerSimulatorExtension.configure(b -> b.sectorSize(SectorSize.SIZE_2KiB).seed(3));

    @Test
    void aWithdrawalMovesTheAvailableBalanceToTheOwnerOnceIncludedAndSurvivesARestore(MinerClient miner,
            FullNodeClient client) {
        FullNodeApi full = client.fullNode();
        FilAddress owner = new FilAddress(full.stateMinerInfo(MINER, null).owner());
        BigInteger available = full.stateMinerAvailableBalance(MINER, null).value();
        BigInteger ownerBalance = full.walletBalance(owner).value();
        BigInteger actorBalance = full.stateGetActor(MINER, null).balance();
        ObjectNode before = (ObjectNode) miner.sim().snapshot();

        CidLink sent = miner.funds().actorWithdrawBalance(new BigIntString(FIL.multiply(BigInteger.valueOf(3))));
        assertThat(full.stateMinerAvailableBalance(MINER, null).value()).as("pending: not yet included")
                .isEqualTo(available);
        assertThat(full.mpoolPending(null)).anySatisfy(m -> assertThat(m.cid()).isEqualTo(sent));

        sim.get().advance(1);
        BigInteger three = FIL.multiply(BigInteger.valueOf(3));
        assertThat(full.stateMinerAvailableBalance(MINER, null).value()).isEqualTo(available.subtract(three));
        assertThat(full.walletBalance(owner).value()).isEqualTo(ownerBalance.add(three));
        assertThat(full.stateGetActor(MINER, null).balance()).isEqualTo(actorBalance.subtract(three));
        assertThat(full.walletBalance(MINER).value()).isEqualTo(actorBalance.subtract(three));
        MsgLookup landed = full.stateSearchMsg(null, sent, -1, true);
        assertThat(landed).isNotNull();
        assertThat(landed.receipt().exitCode()).isZero();

        // the miner refuses what the full node says it does not have
        String availableNow = new java.math.BigDecimal(available.subtract(three)).movePointLeft(18)
                .stripTrailingZeros().toPlainString();
        assertThatThrownBy(() -> miner.funds().beneficiaryWithdrawBalance(new BigIntString(available)))
                .isInstanceOf(JsonRpcClientException.class)
                .hasMessage("can't withdraw more funds than available; requested: "
                        + new java.math.BigDecimal(available).movePointLeft(18).stripTrailingZeros().toPlainString()
                        + " FIL; available: " + availableNow + " FIL");

        // the message is part of the miner's state: a snapshot keeps it, a restore from before drops it
        ObjectNode after = (ObjectNode) miner.sim().snapshot();
        miner.sim().restore(before);
        assertThat(full.stateMinerAvailableBalance(MINER, null).value()).isEqualTo(available);
        miner.sim().restore(after);
        assertThat(full.stateMinerAvailableBalance(MINER, null).value()).isEqualTo(available.subtract(three));
        assertThat(full.stateSearchMsg(null, sent, -1, true)).isNotNull();
    }

    @Test
    void theMinerMinesOnTheFullNodesHead(MinerClient miner, FullNodeClient client) {
        FullNodeApi full = client.fullNode();
        assertThat(miner.mining().miningBase()).usingRecursiveComparison().isEqualTo(full.chainHead());
        sim.get().advance(7);
        assertThat(miner.mining().miningBase()).usingRecursiveComparison().isEqualTo(full.chainHead());
        assertThat(miner.mining().miningBase().height()).isEqualTo(7);
    }
}
