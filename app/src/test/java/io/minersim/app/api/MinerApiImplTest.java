package io.minersim.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.DealProposal;
import io.minersim.rpc.types.DealSchedule;
import io.minersim.rpc.types.PieceDealInfo;
import io.minersim.rpc.types.ReaderStream;
import io.minersim.rpc.types.SectorOffset;
import io.minersim.sealing.InvalidInputException;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinerApiImplTest {
    private final MinerConfig config = MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB);
    private final ManualChainClock clock = ManualChainClock.atGenesis(config.policy());
    private final Miner miner = Miner.start(config, clock);
    private byte[] pushed = new byte[0];
    private final MinerApiImpl api = new MinerApiImpl(miner, "devnet", new FakeTokens(),
            reader -> new ByteArrayInputStream(pushed), () -> { }, Duration.ofSeconds(5));

    private static PieceDealInfo deal(long id, long unpadded, byte[] commP) {
        CidLink piece = new CidLink(Cid.unsealedCommitment(commP).toString());
        DealProposal p = new DealProposal(piece, PieceCommitments.paddedSize(unpadded), false, "f01234", "f01000",
                "label", 1000, 600_000, BigInteger.ONE, BigInteger.ZERO, BigInteger.ZERO);
        CidLink publish = new CidLink(Cid.dagCborBlake2b256(new byte[] {(byte) id}).toString());
        return new PieceDealInfo(publish, id, p, new DealSchedule(1000, 600_000), null, false);
    }

    @Test
    void aPushedPieceWhoseDataMatchesTheDealIsAdded() {
        pushed = new byte[508];
        new Random(1).nextBytes(pushed);
        SectorOffset at = api.sectorAddPieceToAny(508, new ReaderStream("push", "00000000-0000-0000-0000-000000000001"),
                deal(5, 508, PieceCommitments.pieceCommitment(pushed)));
        assertThat(at).isEqualTo(new SectorOffset(0, 0));
        assertThat(api.sectorsStatus(0, false).state()).isEqualTo("AddPiece");
    }

    @Test
    void aPieceWhoseDataIsNotTheDealsIsAssignedAndAnsweredWithLotusPieceCidError() {
        pushed = new byte[508];
        PieceDealInfo deal = deal(5, 508, PieceCommitments.pieceCommitment(filled(508)));
        assertThatThrownBy(() -> api.sectorAddPieceToAny(508, new ReaderStream("push", "x"), deal))
                .isInstanceOf(SealingException.class).hasMessage("got unexpected piece CID: expected:"
                        + deal.dealProposal().pieceCid().value() + ", got:"
                        + Cid.unsealedCommitment(PieceCommitments.zeroCommitment(512)));
        assertThat(api.sectorsList()).containsExactly(0L);
        assertThat(api.sectorsStatus(0, false).state()).isEqualTo("AddPiece");
    }

    @Test
    void piecesWithTooLittleDataAreRefusedAndChangeNothing() {
        pushed = new byte[100];
        assertThatThrownBy(() -> api.sectorAddPieceToAny(508, new ReaderStream("push", "x"),
                deal(5, 508, PieceCommitments.zeroCommitment(512))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("shorter than the piece size 508");
        assertThatThrownBy(() -> api.sectorAddPieceToAny(508, new ReaderStream("null", "254"),
                deal(5, 508, PieceCommitments.zeroCommitment(512))))
                .isInstanceOf(InvalidInputException.class).hasMessage("reader has 254 bytes, the piece size is 508");
        assertThat(api.sectorsList()).isEmpty();
        assertThat(api.sectorsSummary()).isEmpty();
    }

    private static byte[] filled(int n) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) 7);
        return b;
    }

    @Test
    void aNullReaderAddsZeros() {
        assertThat(api.sectorAddPieceToAny(1016, new ReaderStream("null", "1016"),
                deal(6, 1016, PieceCommitments.zeroCommitment(1024)))).isEqualTo(new SectorOffset(0, 0));
    }

    @Test
    void listsAndSummaryAnswerInLotusShapes() {
        assertThat(api.sectorsListInStates(List.of("Proving", "NoSuchState"))).isNull();
        assertThat(api.sectorsSummary()).isEmpty();
        api.pledgeSector();
        api.pledgeSector();
        assertThat(api.sectorsSummary()).containsExactly(java.util.Map.entry("Packing", 2L));
        assertThat(api.sectorsListInStates(List.of("Packing", "bogus"))).containsExactly(0L, 1L);
        assertThat(api.sectorPreCommitPending()).isEmpty();
        assertThat(api.sectorPreCommitFlush()).isNull();
        assertThat(api.sectorCommitFlush()).isNull();
        assertThat(api.sectorTerminateFlush()).isNull();
    }

    @Test
    void unknownSectorsAndStatesGetClearErrors() {
        assertThatThrownBy(() -> api.sectorsStatus(7, false)).isInstanceOf(SealingException.class)
                .hasMessage("No state for /7: datastore: key not found");
        assertThatThrownBy(() -> api.sectorRemove(7)).hasMessage("sector 7 not found");
        api.pledgeSector();
        assertThatThrownBy(() -> api.sectorsUpdate(0, "Provng")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown sector state 'Provng'");
        assertThat(api.sectorsStatus(0, false).state()).isEqualTo("Packing");
    }

    @Test
    void nodeMethodsAnswerAsALotusMinerDoes() {
        assertThat(api.version().apiVersion()).isEqualTo(66816);
        assertThat(api.version().blockDelay()).isEqualTo(4);
        assertThat(api.version().agent()).isEqualTo("lotus");
        assertThat(api.actorAddress()).isEqualTo("f01000");
        assertThat(api.actorSectorSize("f01000")).isEqualTo(2048);
        assertThatThrownBy(() -> api.actorSectorSize("f09999")).hasMessageContaining("actor not found");
        assertThat(api.runtimeSubsystems()).containsExactly("Mining", "Sealing", "SectorStorage");
        assertThat(api.sectorGetSealDelay()).isEqualTo(Duration.ofSeconds(40).toNanos());
        api.sectorSetSealDelay(Duration.ofMinutes(1).toNanos());
        assertThat(api.sectorGetSealDelay()).isEqualTo(60_000_000_000L);
        assertThat(api.session()).isEqualTo(api.session());
        assertThat(new String(api.authNew(List.of("read")), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("token:read");
    }

    @Test
    void discoverReturnsLotusDocumentWithSortedKeys() {
        JsonNode doc = api.discover();
        List<String> listed = new ArrayList<>();
        doc.get("methods").forEach(m -> listed.add(m.get("name").asText()));
        assertThat(listed).as("only what is served, in Lotus's order").isNotEmpty()
                .allMatch(MinerApiImpl.served()::contains).doesNotHaveDuplicates();
        assertThat(listed).contains("Filecoin.SectorsStatus", "Filecoin.CreateBackup", "Filecoin.StorageList",
                "Filecoin.WorkerStats");
        assertThat(doc.get("info").get("version").asText()).isEqualTo("v1.36.2-dev");
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = doc.fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        assertThat(keys).isSorted();
    }

    private static final class FakeTokens implements TokenAuthority {
        @Override
        public String sign(List<String> allow) {
            return "token:" + String.join(",", allow);
        }

        @Override
        public List<String> verify(String token) {
            return List.of(token.substring("token:".length()).split(","));
        }
    }
}
