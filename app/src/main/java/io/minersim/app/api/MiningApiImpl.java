package io.minersim.app.api;

import io.minersim.app.fullnode.SimulatedTipsets;
import io.minersim.rpc.MiningApi;
import io.minersim.rpc.types.BlockHeader;
import io.minersim.rpc.types.ExtendedSectorInfo;
import io.minersim.rpc.types.TipSet;
import io.minersim.sealing.Miner;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.SectorInfo;
import io.minersim.sealing.SectorNotFoundException;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.BitField;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@link MiningApi} over one miner of a world: the chain's tipsets are the full node's ({@link SimulatedTipsets} of
 * the same miners), and the winning PoSt prover reads the miner's sectors as Lotus's sealer does.
 */
public final class MiningApiImpl implements MiningApi {
    /** Seal proofs 0 to 19 each have a winning PoSt (the size's: 0 to 4). */
    private static final long LAST_SEAL_PROOF = 19;
    private static final int RANDOMNESS_BYTES = 32;

    private final Miner miner;
    private final SimulatedTipsets tipsets;

    public MiningApiImpl(Miner miner, SimulatedTipsets tipsets) {
        this.miner = miner;
        this.tipsets = tipsets;
    }

    @Override
    public TipSet miningBase() {
        return tipsets.tipSet(miner.head());
    }

    /**
     * Lotus's local prover ({@code ffiwrapper.Sealer.GenerateWinningPoSt}) in its order: the randomness's last byte
     * is masked first (a shorter randomness is a Go index panic), then the sectors, their proof type and files.
     */
    @Override
    public List<BlockHeader.PoStProof> computeProof(List<ExtendedSectorInfo> sectors, byte[] randomness, long epoch,
            long networkVersion) {
        byte[] rand = randomness == null ? new byte[0] : randomness.clone();
        if (rand.length < RANDOMNESS_BYTES) {
            throw new ArrayIndexOutOfBoundsException("runtime error: index out of range [31] with length "
                    + rand.length);
        }
        rand[RANDOMNESS_BYTES - 1] &= 0x3f;
        if (sectors == null || sectors.isEmpty()) {
            throw new SealingException("must provide sectors for winning post");
        }
        long sealProof = sectors.get(0).sealProof();
        if (sealProof < 0 || sealProof > LAST_SEAL_PROOF) {
            throw new SealingException("failed to convert to winning post proof: unsupported proof type: "
                    + sealProof);
        }
        long actor = miner.config().actorId();
        TreeMap<Long, ExtendedSectorInfo> sorted = new TreeMap<>();
        List<String> skipped = new ArrayList<>();
        miner.reading(() -> {
            BitField unreadable = miner.chain().unreadable();
            for (ExtendedSectorInfo s : sectors) {
                if (!readable(s.sectorNumber(), unreadable)) {
                    skipped.add("{Miner:" + actor + " Number:" + Long.toUnsignedString(s.sectorNumber()) + "}");
                } else {
                    sorted.put(s.sectorNumber(), s);
                }
            }
            return null;
        });
        if (!skipped.isEmpty()) {
            throw new SealingException("pubSectorToPriv skipped sectors: [" + String.join(" ", skipped) + "]");
        }
        ByteArrayOutputStream inputs = new ByteArrayOutputStream();
        inputs.writeBytes(ByteBuffer.allocate(8).putLong(actor).array());
        inputs.writeBytes(rand);
        for (ExtendedSectorInfo s : sorted.values()) {
            inputs.writeBytes(ByteBuffer.allocate(8).putLong(s.sectorNumber()).array());
            if (s.sealedCid() != null) {
                inputs.writeBytes(s.sealedCid().value().getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] proof = SimulatedProofs.proofBytes("winning-post", miner.config().seed(), inputs.toByteArray(), 1);
        return List.of(new BlockHeader.PoStProof(sealProof % 5, proof));
    }

    /** Whether the miner has the sector's sealed files: known, sealed, not removed, not made unreadable. */
    private boolean readable(long number, BitField unreadable) {
        SectorInfo info;
        try {
            info = miner.status(number, false);
        } catch (SectorNotFoundException e) {
            return false;
        }
        return info.commR() != null && info.state() != SectorState.Removed && !unreadable.contains(number);
    }
}
