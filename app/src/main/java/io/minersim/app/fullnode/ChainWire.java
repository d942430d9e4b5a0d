package io.minersim.app.fullnode;

import io.minersim.rpc.types.BitFieldRuns;
import io.minersim.rpc.types.ChainMessageJson;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.MinerPartition;
import io.minersim.rpc.types.MsgLookup;
import io.minersim.rpc.types.PreCommitOnChainInfo;
import io.minersim.rpc.types.ProvingDeadline;
import io.minersim.rpc.types.SectorOnChainInfo;
import io.minersim.rpc.types.SectorPreCommitInfo;
import io.minersim.rpc.types.Signature;
import io.minersim.rpc.types.SignedMessage;
import io.minersim.sealing.ChainMessage;
import io.minersim.sealing.OnChainSector;
import io.minersim.sealing.PreCommitOnChain;
import io.minersim.sealing.commitment.Cid;
import io.minersim.sealing.numbers.BitField;
import io.minersim.sealing.proving.DeadlineInfo;
import io.minersim.sealing.proving.PartitionSectors;
import java.math.BigInteger;

/** The chain side's values in Lotus's wire types (domain → wire only: the full node's parameters are few). */
public final class ChainWire {
    /** Gas of a miner's message: a fixed, plausible limit and fee cap. */
    private static final long GAS_LIMIT = 60_000_000;
    private static final BigInteger GAS_FEE_CAP = BigInteger.valueOf(1_000_000);
    private static final BigInteger GAS_PREMIUM = BigInteger.valueOf(100_000);
    /** Gas a miner's message used, reported in its receipt. */
    private static final long GAS_USED = 30_000_000;

    private ChainWire() {
    }

    public static CidLink cid(Cid cid) {
        return cid == null ? null : CidLink.of(cid.toString());
    }

    public static BitFieldRuns bitField(BitField b) {
        return new BitFieldRuns(b.toRuns());
    }

    public static ProvingDeadline deadline(DeadlineInfo d) {
        return new ProvingDeadline(d.currentEpoch(), d.periodStart(), d.index(), d.open(), d.close(), d.challenge(),
                d.faultCutoff(), DeadlineInfo.PERIOD_DEADLINES, DeadlineInfo.PROVING_PERIOD,
                DeadlineInfo.CHALLENGE_WINDOW, DeadlineInfo.CHALLENGE_LOOKBACK, DeadlineInfo.FAULT_DECLARATION_CUTOFF);
    }

    public static MinerPartition partition(PartitionSectors p) {
        return new MinerPartition(bitField(p.all()), bitField(p.faulty()), bitField(p.recovering()),
                bitField(p.live()), bitField(p.active()));
    }

    public static SectorOnChainInfo sector(OnChainSector s) {
        return SectorOnChainInfo.builder()
                .sectorNumber(s.number())
                .sealProof(s.sealProof())
                .sealedCid(cid(s.sealedCid()))
                .activation(s.activation())
                .expiration(s.expiration())
                .dealWeight(s.dealWeight())
                .verifiedDealWeight(s.verifiedDealWeight())
                .initialPledge(s.initialPledge())
                .powerBaseEpoch(s.powerBaseEpoch())
                .sectorKeyCid(cid(s.sectorKeyCid()))
                .build();
    }

    public static PreCommitOnChainInfo preCommit(PreCommitOnChain p) {
        SectorPreCommitInfo info = new SectorPreCommitInfo(p.sealProof(), p.number(), cid(p.sealedCid()),
                p.sealRandEpoch(), p.dealIds().isEmpty() ? null : p.dealIds(), p.expiration(), cid(p.unsealedCid()));
        return new PreCommitOnChainInfo(info, p.deposit(), p.preCommitEpoch());
    }

    /** A miner's message as the message pool holds it: sent by the worker's key, BLS-signed, so its CID is its own. */
    static SignedMessage signed(ChainMessage m, String from, String to, SimulatedTipsets derive) {
        CidLink cid = cid(m.cid());
        ChainMessageJson msg = message(m, from, to);
        return new SignedMessage(msg, new Signature(Signature.BLS, derive.hash("message-sig:" + m.cid(), m.nonce(),
                96)), cid);
    }

    /** A deal proposal as the market actor holds it. */
    static io.minersim.rpc.types.DealProposal dealProposal(io.minersim.sealing.piece.DealProposal p) {
        return new io.minersim.rpc.types.DealProposal(cid(p.pieceCid()), p.pieceSize(), p.verifiedDeal(), p.client(),
                p.provider(), p.label(), p.startEpoch(), p.endEpoch(), p.storagePricePerEpoch(),
                p.providerCollateral(), p.clientCollateral());
    }

    /**
     * A miner's message as the chain store holds it ({@code ChainGetMessage}): sent by the worker's key, with no
     * value (a withdrawal's amount is in its params, which minersim does not encode).
     */
    static ChainMessageJson message(ChainMessage m, String from, String to) {
        return ChainMessageJson.builder()
                .to(to)
                .from(from)
                .nonce(m.nonce())
                .gas(GAS_LIMIT, GAS_FEE_CAP, GAS_PREMIUM)
                .method(m.method())
                .cid(cid(m.cid()))
                .build();
    }

    /** Where a landed message was executed: the tipset at its inclusion epoch, with its exit code. */
    static MsgLookup lookup(ChainMessage m, SimulatedTipsets tipsets) {
        return new MsgLookup(cid(m.cid()), new MsgLookup.Receipt(m.exitCode(), null, GAS_USED, null), null,
                tipsets.key(m.inclusionEpoch()), m.inclusionEpoch());
    }
}
