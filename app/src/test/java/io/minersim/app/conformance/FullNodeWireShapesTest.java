package io.minersim.app.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.app.fullnode.ChainWire;
import io.minersim.app.rpc.GoJson;
import io.minersim.rpc.types.MinerPartition;
import io.minersim.rpc.types.SectorDeadlinePartition;
import io.minersim.rpc.types.SectorExpirationEpochs;
import io.minersim.sealing.OnChainSector;
import io.minersim.sealing.PreCommitOnChain;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.proving.PartitionSectors;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The full node's wire records for a filled proving state (partitions with faults and recoveries, on-chain sectors,
 * snapped ones, placements, expirations), mapped from the chain side's records and encoded as the endpoint encodes
 * them, against Lotus's result schemas: what the endpoint answers once the proving engine fills partitions.
 */
class FullNodeWireShapesTest {
    private final LotusOpenRpc doc = LotusOpenRpc.load(FullNodeContractTest.RESOURCE);
    private final LotusSchemaErrata errata = new LotusSchemaErrata().forFullNode();
    private final ObjectMapper mapper = GoJson.newObjectMapper();

    private List<String> problems(String method, Object result) {
        JsonNode json = mapper.valueToTree(result);
        return doc.problems(errata.correct(method, doc.rawResultSchema(method)), json);
    }

    private static Cid commR(int n) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) n);
        return Cid.sealedCommitment(b);
    }

    @Test
    void partitionsSectorsPlacesAndExpirationsHaveLotusShapes() {
        PartitionSectors p = new PartitionSectors(BitField.of(0, 1, 5, 6), BitField.of(5), BitField.of(5),
                BitField.of(0, 1, 5, 6), BitField.of(0, 1));
        MinerPartition wire = ChainWire.partition(p);
        assertThat(mapper.valueToTree(wire).toString()).isEqualTo("{\"AllSectors\":[0,2,3,2],\"FaultySectors\":[5,1],"
                + "\"RecoveringSectors\":[5,1],\"LiveSectors\":[0,2,3,2],\"ActiveSectors\":[0,2]}");
        assertThat(problems("Filecoin.StateMinerPartitions", List.of(wire))).isEmpty();

        OnChainSector cc = new OnChainSector(5, 5, commR(1), List.of(), 100, 600_000, BigInteger.ZERO,
                BigInteger.ZERO, BigInteger.valueOf(11_920_929_000L), 100, null);
        OnChainSector snapped = new OnChainSector(6, 5, commR(2), List.of(42L), 90, 700_000,
                BigInteger.valueOf(2048L * 600_000), BigInteger.ZERO, BigInteger.TEN, 300, commR(3));
        List<Object> sectors = List.of(ChainWire.sector(cc), ChainWire.sector(snapped));
        assertThat(problems("Filecoin.StateMinerSectors", sectors)).isEmpty();
        assertThat(problems("Filecoin.StateMinerActiveSectors", sectors)).isEmpty();
        assertThat(problems("Filecoin.StateSectorGetInfo", ChainWire.sector(snapped))).isEmpty();
        JsonNode ccJson = mapper.valueToTree(ChainWire.sector(cc));
        assertThat(ccJson.get("ExpectedDayReward").isNull()).isTrue();
        assertThat(ccJson.get("SectorKeyCID").isNull()).isTrue();
        assertThat(ccJson.get("Flags").asLong()).isEqualTo(1);
        assertThat(ccJson.get("DailyFee").asText()).isEqualTo("0");
        assertThat(ccJson.get("InitialPledge").asText()).isEqualTo("11920929000");

        assertThat(problems("Filecoin.StateSectorPartition", new SectorDeadlinePartition(7, 0))).isEmpty();
        assertThat(problems("Filecoin.StateSectorExpiration", new SectorExpirationEpochs(0, 123_000))).isEmpty();
        assertThat(problems("Filecoin.StateMinerFaults", ChainWire.bitField(BitField.of(5, 6, 7)))).isEmpty();
        assertThat(problems("Filecoin.StateMinerFaults", ChainWire.bitField(BitField.empty()))).isEmpty();
        assertThat(mapper.valueToTree(ChainWire.bitField(BitField.empty())).toString()).isEqualTo("[0]");

        PreCommitOnChain pc = new PreCommitOnChain(9, 5, commR(4), 80, List.of(), 600_000,
                Cid.unsealedCommitment(new byte[32]), BigInteger.valueOf(1000), 95);
        JsonNode pcJson = mapper.valueToTree(ChainWire.preCommit(pc));
        assertThat(pcJson.at("/Info/DealIDs").isNull()).as("a nil slice").isTrue();
        assertThat(problems("Filecoin.StateSectorPreCommitInfo", ChainWire.preCommit(pc))).isEmpty();
    }
}
