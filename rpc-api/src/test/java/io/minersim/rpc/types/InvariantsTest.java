package io.minersim.rpc.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.rpc.RpcJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Constructor checks, directly and through Jackson. */
class InvariantsTest {
    private static final ObjectMapper JSON = RpcJson.newObjectMapper();
    private static final String V1 = "bafy2bzacea3wsdh6y3a36tb3skempjoxqpuyompjbmfeyf34fi3uy6uue42v4";
    private static final String V0 = "QmPZ9gcCEpqKTo6aq61g2nXGUhM4iCL3ewB6LDXZCtioEB";

    @Test
    void cidLinkAcceptsBase32V1AndBase58V0() throws Exception {
        assertThat(CidLink.of(V1).isV0()).isFalse();
        assertThat(CidLink.of(V0).isV0()).isTrue();
        assertThat(CidLink.of("baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq").value()).startsWith("baga");
        assertThat(JSON.writeValueAsString(CidLink.of(V1))).isEqualTo("{\"/\":\"" + V1 + "\"}");
        assertThat(JSON.readValue("{\"/\":\"" + V0 + "\"}", CidLink.class)).isEqualTo(CidLink.of(V0));
    }

    @Test
    void cidLinkRejectsAnythingElse() {
        for (String bad : Arrays.asList("Bafy2bzace", "bafy2bzace1", "bafy2bzacE", "b", "zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA",
                "Qm", "QmPZ9gcCEpqKTo6aq61g2nXGUhM4iCL3ewB6LDXZCtioE0", V0 + "x", " " + V1, "")) {
            assertThatThrownBy(() -> CidLink.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("CID");
        }
        assertThatThrownBy(() -> new CidLink(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{\"/\":\"<cid>\"}");
        assertThatThrownBy(() -> JSON.readValue("{}", CidLink.class)).hasMessageContaining("CID must be given as");
        assertThatThrownBy(() -> JSON.readValue("{\"/\":\"hello\"}", CidLink.class)).hasMessageContaining("not a CID");
        assertThatThrownBy(() -> JSON.readValue("\"" + V1 + "\"", CidLink.class)).isNotNull();
    }

    @Test
    void bitFieldRunsAreCheckedLikeGoBitfield() {
        assertThatThrownBy(() -> new BitFieldRuns(new long[] {5, 0, 1})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot have a zero-length run except at start");
        assertThatThrownBy(() -> new BitFieldRuns(new long[] {0, 0})).hasMessageContaining("zero-length run");
        assertThatThrownBy(() -> new BitFieldRuns(new long[] {1, -3})).hasMessageContaining("negative");
        assertThatThrownBy(() -> new BitFieldRuns(new long[] {Long.MAX_VALUE, 1})).hasMessageContaining("2^63-1");
        assertThatThrownBy(() -> new BitFieldRuns(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JSON.readValue("[5,0,1]", BitFieldRuns.class))
                .hasMessageContaining("zero-length run except at start");
        assertThatThrownBy(() -> JSON.readValue("[-1]", BitFieldRuns.class)).hasMessageContaining("negative");
    }

    @Test
    void bitFieldRunsAreCanonical() throws Exception {
        assertThat(new BitFieldRuns(new long[0]).runs()).containsExactly(0);
        assertThat(new BitFieldRuns(new long[] {7}).runs()).containsExactly(0);
        assertThat(new BitFieldRuns(new long[] {5, 1, 3}).runs()).containsExactly(5, 1);
        assertThat(new BitFieldRuns(new long[] {0, 3}).runs()).containsExactly(0, 3);
        assertThat(JSON.readValue("[]", BitFieldRuns.class)).isEqualTo(BitFieldRuns.EMPTY);
        assertThat(JSON.writeValueAsString(BitFieldRuns.EMPTY)).isEqualTo("[0]");
    }

    @Test
    void bitFieldRunsConvertToAndFromNumbers() {
        BitFieldRuns b = BitFieldRuns.of(10, 5, 7, 6, 6);
        assertThat(b.runs()).containsExactly(5, 3, 2, 1);
        assertThat(b.numbers()).containsExactly(5L, 6L, 7L, 10L);
        assertThat(b.count()).isEqualTo(4);
        assertThat(b.contains(6)).isTrue();
        assertThat(b.contains(8)).isFalse();
        assertThat(b.contains(11)).isFalse();
        assertThat(BitFieldRuns.of()).isEqualTo(BitFieldRuns.EMPTY);
        assertThat(BitFieldRuns.of().isEmpty()).isTrue();
        assertThat(BitFieldRuns.of(0, 1, 2).runs()).containsExactly(0, 3);
        assertThat(BitFieldRuns.range(100, 3).numbers()).containsExactly(100L, 101L, 102L);
        assertThat(BitFieldRuns.range(0, 1L << 40).numbers().limit(2)).containsExactly(0L, 1L);
        assertThat(BitFieldRuns.range(0, 1L << 40).count()).isEqualTo(1L << 40);
        assertThatThrownBy(() -> BitFieldRuns.of(-1)).hasMessageContaining("negative");
        long[] runs = {5, 1};
        BitFieldRuns copy = new BitFieldRuns(runs);
        runs[0] = 9;
        copy.runs()[0] = 9;
        assertThat(copy.runs()).containsExactly(5, 1);
    }

    @Test
    void uint64FieldsRejectNegativesWithTheLotusFieldName() {
        assertThatThrownBy(() -> new SectorId(1000, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SectorID.Number must be a non-negative uint64, got -1");
        assertThatThrownBy(() -> new PieceInfo(-2048, null)).hasMessageContaining("PieceInfo.Size");
        assertThatThrownBy(() -> new SectorOffset(1, -1)).hasMessageContaining("SectorOffset.Offset");
        assertThatThrownBy(() -> new SealedRef(1, 0, -5)).hasMessageContaining("SealedRef.Size");
        assertThatThrownBy(() -> new NumAssignerMeta(null, null, null, -1)).hasMessageContaining("NumAssignerMeta.Next");
        assertThatThrownBy(() -> new SectorLog("k", -1, "", "")).hasMessageContaining("SectorLog.Timestamp");
        assertThatThrownBy(() -> new VerifiedAllocationKey(-1, 0)).hasMessageContaining("VerifiedAllocationKey.Client");
        assertThatThrownBy(() -> new PreCommitBatchRes(List.of(1L, -2L), null, ""))
                .hasMessageContaining("PreCommitBatchRes.Sectors[] must be a non-negative uint64, got -2");
        assertThatThrownBy(() -> JSON.readValue("{\"Miner\":1000,\"Number\":-9}", SectorId.class))
                .hasMessageContaining("SectorID.Number must be a non-negative uint64, got -9");
        assertThatThrownBy(() -> JSON.readValue("{\"Miner\":1000,\"Number\":18446744073709551615}", SectorId.class))
                .hasMessageContaining("out of range");
    }

    @Test
    void sectorInfoKeepsOneDealEntryPerPiece() {
        SectorPiece piece = new SectorPiece(new PieceInfo(2048, CidLink.of(V1)), null);
        assertThatThrownBy(() -> new SectorInfo(1, "Packing", null, null, null, List.of(), List.of(piece), null, null,
                null, null, 0, false, null, "", List.of(), 8, 0, 0, null, null, null, 0, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SectorInfo.Deals must have one entry per piece: 0 deals for 1 pieces");
        assertThatThrownBy(() -> new SectorInfo(-1, "Packing", null, null, null, null, null, null, null, null, null, 0,
                false, null, "", null, 8, 0, 0, null, null, null, 0, 0)).hasMessageContaining("SectorInfo.SectorID");
    }

    @Test
    void listsRejectNullElementsAndAreImmutable() {
        List<Long> withNull = new ArrayList<>(Arrays.asList(1L, null));
        assertThatThrownBy(() -> new PreCommitBatchRes(withNull, null, ""))
                .hasMessage("PreCommitBatchRes.Sectors must not contain null elements");
        List<String> addresses = new ArrayList<>(List.of("f01"));
        AddressConfig config = new AddressConfig(addresses, List.of(), null, null, false, false);
        addresses.add("f02");
        assertThat(config.preCommitControl()).containsExactly("f01");
        assertThat(config.commitControl()).isEmpty();
        assertThat(config.terminateControl()).isNull();
        assertThatThrownBy(() -> config.preCommitControl().add("f03")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void sectorPieceNeedsAPiece() {
        assertThatThrownBy(() -> new SectorPiece(null, null)).hasMessage("SectorPiece.Piece is required");
    }

    @Test
    void versionAndHeadRanges() {
        assertThat(VersionInfo.MINER_API_VERSION).isEqualTo(66816);
        assertThat(VersionInfo.semver(2, 3, 0)).isEqualTo(131840);
        assertThatThrownBy(() -> new VersionInfo("v", 1L << 32, 30, "lotus")).hasMessageContaining("uint32");
        assertThatThrownBy(() -> VersionInfo.semver(1, 256, 0)).hasMessageContaining("semver out of range");
        assertThatThrownBy(() -> new ChainHead(-1, 0)).hasMessage("ChainHead.Epoch must not be negative, got -1");
        assertThatThrownBy(() -> new ChainHead(0, -1)).hasMessageContaining("ChainHead.Timestamp");
    }

    @Test
    void byteArraysAreCopied() {
        byte[] proof = {1, 2, 3};
        SealRandomness t = new SealRandomness(proof, 5);
        proof[0] = 9;
        t.value()[1] = 9;
        assertThat(t.value()).containsExactly(1, 2, 3);
        assertThat(t).isEqualTo(new SealRandomness(new byte[] {1, 2, 3}, 5)).hasSameHashCodeAs(new SealRandomness(new byte[] {1, 2, 3}, 5));
        assertThat(new SealRandomness(null, 0)).isEqualTo(SealRandomness.NONE);
    }

    @Test
    void readerStreamFactories() {
        assertThat(ReaderStream.push(java.util.UUID.fromString("07070707-0707-0707-0707-070707070707")))
                .isEqualTo(new ReaderStream("push", "07070707-0707-0707-0707-070707070707"));
        assertThat(ReaderStream.http(java.net.URI.create("http://x/piece"))).isEqualTo(new ReaderStream("http", "http://x/piece"));
        assertThatThrownBy(() -> ReaderStream.zeros(-1)).hasMessageContaining("ReaderStream.Info");
        assertThat(new ReaderStream(null, null)).isEqualTo(new ReaderStream("", ""));
    }
}
