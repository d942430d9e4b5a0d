package io.minersim.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.rpc.MinerApi;
import io.minersim.rpc.MinerClient;
import io.minersim.rpc.SimApi;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.CommitBatchRes;
import io.minersim.rpc.types.DealProposal;
import io.minersim.rpc.types.DealSchedule;
import io.minersim.rpc.types.PieceDealInfo;
import io.minersim.rpc.types.PreCommitBatchRes;
import io.minersim.rpc.types.ReaderStream;
import io.minersim.rpc.types.SectorInfo;
import io.minersim.rpc.types.SectorLog;
import io.minersim.rpc.types.SectorOffset;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SealingConfig;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.commitment.PieceCommitments;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EndToEndHttpTest {
    private MinerNode node;
    private MinerApi miner;
    private SimApi sim;

    @BeforeEach
    void start() throws Exception {
        SealingConfig waits = SealingConfig.devnet().withPreCommitBatching(256, Duration.ofHours(24),
                Duration.ofHours(1)).withCommitBatching(4, 819, Duration.ofHours(24), Duration.ofHours(1));
        node = MinerNode.builder().config(MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB)
                .withSealing(waits)).manualClock(true).listen("127.0.0.1", 0).start();
        MinerClient client = MinerClient.connect(node.httpUri(), node.adminToken());
        miner = client.miner();
        sim = client.sim();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private static PieceDealInfo deal(long id, long unpadded, byte[] commP) {
        CidLink piece = new CidLink(Cid.unsealedCommitment(commP).toString());
        DealProposal proposal = new DealProposal(piece, PieceCommitments.paddedSize(unpadded), false, "f01234",
                "f01000", "deal " + id, 2000, 600_000, BigInteger.TEN, BigInteger.ZERO, BigInteger.ZERO);
        CidLink publish = new CidLink(Cid.dagCborBlake2b256(("publish " + id).getBytes()).toString());
        return new PieceDealInfo(publish, id, proposal, new DealSchedule(2000, 600_000), null, true);
    }

    @Test
    void twoDealPiecesSealToProvingThroughTheApi() throws Exception {
        miner.sectorSetSealDelay(Duration.ofHours(6).toNanos());
        byte[] data = new byte[508];
        new Random(5).nextBytes(data);
        UUID upload = UUID.randomUUID();
        CompletableFuture<HttpResponse<String>> push = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .build().sendAsync(HttpRequest.newBuilder(node.httpUri().resolve("/rpc/streams/v0/push/" + upload))
                        .header("Authorization", "Bearer " + node.adminToken())
                        .header("Content-Type", "application/octet-stream")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                        HttpResponse.BodyHandlers.ofString());
        SectorOffset first = miner.sectorAddPieceToAny(508, ReaderStream.push(upload),
                deal(41, 508, PieceCommitments.pieceCommitment(data)));
        assertThat(push.get().statusCode()).isEqualTo(200);
        SectorOffset second = miner.sectorAddPieceToAny(254, new ReaderStream("null", "254"),
                deal(42, 254, PieceCommitments.zeroCommitment(256)));
        assertThat(first).isEqualTo(new SectorOffset(0, 0));
        assertThat(second).isEqualTo(new SectorOffset(0, 512));

        sim.advance(1);
        assertThat(miner.sectorsStatus(0, false).state()).isEqualTo("WaitDeals");
        miner.sectorStartSealing(0);
        sim.advance(4);
        assertThat(miner.sectorPreCommitPending()).extracting(id -> id.number()).containsExactly(0L);
        List<PreCommitBatchRes> preCommits = miner.sectorPreCommitFlush();
        assertThat(preCommits).singleElement().satisfies(r -> assertThat(r.sectors()).containsExactly(0L));

        sim.advance(30);
        assertThat(miner.sectorsStatus(0, false).state()).isEqualTo("SubmitCommitAggregate");
        List<CommitBatchRes> commits = miner.sectorCommitFlush();
        assertThat(commits).singleElement().satisfies(r -> assertThat(r.failedSectors()).isEmpty());
        sim.advance(10);

        SectorInfo info = miner.sectorsStatus(0, true);
        assertThat(info.state()).isEqualTo("Proving");
        assertThat(info.deals()).startsWith(41L).contains(42L);
        assertThat(info.pieces()).filteredOn(p -> p.dealInfo() != null).hasSize(2);
        assertThat(info.commD().value()).startsWith("baga6ea4sea");
        assertThat(info.preCommitMsg()).isEqualTo(preCommits.get(0).msg());
        assertThat(info.commitMsg()).isEqualTo(commits.get(0).msg());
        assertThat(info.log()).extracting(SectorLog::kind).contains("event;sealing.SectorStart",
                "event;sealing.SectorPreCommitBatchSent", "event;sealing.SectorCommitAggregateSent",
                "event;sealing.SectorFinalized");
        assertThat(info.activation()).isPositive();
        assertThat(miner.sectorsSummary()).containsEntry("Proving", 1L);
    }
}
