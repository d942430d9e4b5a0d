package io.minersim.rpc.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The invariants and JSON of the full node's wallet, sync, net, market and actor-state records. */
class FullNodeRecordsTest {
    private static final ObjectMapper JSON = io.minersim.rpc.RpcJson.newObjectMapper();
    private static final CidLink C = CidLink.of("bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4");

    @Test
    void bandwidthRatesAreWrittenAsGoWritesFloat64s() throws Exception {
        assertThat(JSON.writeValueAsString(BandwidthStats.NONE))
                .isEqualTo("{\"TotalIn\":0,\"TotalOut\":0,\"RateIn\":0,\"RateOut\":0}");
        assertThat(JSON.writeValueAsString(new BandwidthStats(5, 6, 12.3, 100)))
                .isEqualTo("{\"TotalIn\":5,\"TotalOut\":6,\"RateIn\":12.3,\"RateOut\":100}");
        assertThat(GoFloat64Serializer.format(1e-7)).isEqualTo("1e-07");
        assertThat(GoFloat64Serializer.format(1e21)).isEqualTo("1e+21");
        assertThat(GoFloat64Serializer.format(0.5)).isEqualTo("0.5");
        assertThat(JSON.readValue("{\"TotalIn\":1,\"TotalOut\":2,\"RateIn\":0.5,\"RateOut\":0}",
                BandwidthStats.class)).isEqualTo(new BandwidthStats(1, 2, 0.5, 0));
        assertThatThrownBy(() -> new BandwidthStats(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BandwidthStats(0, 0, Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void natInfoHasPublicAddressesOnlyWhenPublic() {
        assertThat(new NatInfo(NatInfo.UNKNOWN, null).publicAddrs()).isNull();
        assertThat(new NatInfo(NatInfo.PUBLIC, List.of("/ip4/1.2.3.4/tcp/1")).publicAddrs()).hasSize(1);
        assertThatThrownBy(() -> new NatInfo(NatInfo.PRIVATE, List.of("/ip4/1.2.3.4/tcp/1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NatInfo(3, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void syncStagesAndMarketFundsAreBounded() {
        assertThatThrownBy(() -> new SyncState.ActiveSync(1, null, null, 7, 0, "t", "t", ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new SyncState.ActiveSync(1, null, null, SyncState.STAGE_SYNC_COMPLETE, 0, "t", "t", null)
                .message()).isEmpty();
        assertThatThrownBy(() -> new SyncState(null, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new MarketBalance(null, null)).isEqualTo(new MarketBalance(BigInteger.ZERO, BigInteger.ZERO));
        assertThatThrownBy(() -> new MarketBalance(BigInteger.ONE, BigInteger.TWO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PeerAddrInfo(null, List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void minerActorStateKeepsItsDeadlineInThePeriodAndItsFundsNonNegative() {
        BitFieldRuns none = new BitFieldRuns(new long[] {0});
        MinerActorState ok = new MinerActorState(C, BigInteger.ONE, null, null, null, BigInteger.TEN, C, C, C, C, 100,
                47, C, none, true);
        assertThat(ok.lockedFunds()).isZero();
        assertThatThrownBy(() -> new MinerActorState(C, BigInteger.ONE, null, null, null, BigInteger.TEN, C, C, C, C,
                100, 48, C, none, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MinerActorState(C, BigInteger.ONE.negate(), null, null, null, BigInteger.TEN, C,
                C, C, C, 100, 0, C, none, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ActorReadState(BigInteger.ONE, C, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void miningBaseInfoNeedsItsWorkerAndBeaconAndKeepsTheMinerWithinTheNetwork() throws Exception {
        BlockHeader.BeaconEntry beacon = new BlockHeader.BeaconEntry(5, new byte[] {1, 2});
        MiningBaseInfo.WinningSector sector = new MiningBaseInfo.WinningSector(5, 3, null, C);
        MiningBaseInfo info = new MiningBaseInfo(BigInteger.TEN, BigInteger.TEN, List.of(sector), "f0100", 2048,
                beacon, null, true);
        assertThat(info.beaconEntries()).isEmpty();
        assertThat(JSON.writeValueAsString(info)).contains("\"MinerPower\":\"10\"", "\"SectorKey\":null",
                "\"BeaconEntries\":[]");
        assertThatThrownBy(() -> new MiningBaseInfo(BigInteger.TEN, BigInteger.ONE, List.of(sector), "f0100", 2048,
                beacon, List.of(), true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MiningBaseInfo(null, null, List.of(), null, 2048, beacon, List.of(), false))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MiningBaseInfo.WinningSector(5, 3, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
