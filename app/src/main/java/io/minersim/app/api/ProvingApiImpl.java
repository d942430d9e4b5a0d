package io.minersim.app.api;

import io.minersim.app.fullnode.ChainException;
import io.minersim.app.fullnode.SimulatedTipsets;
import io.minersim.app.world.Durability;
import io.minersim.rpc.types.BlockHeader;
import io.minersim.rpc.types.SubmitWindowedPoStParams;
import io.minersim.sealing.ChainView;
import io.minersim.sealing.SealingException;
import io.minersim.sealing.proving.DeadlineInfo;
import io.minersim.sealing.proving.PartitionSectors;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import io.minersim.rpc.ProvingApi;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.SectorRef;
import io.minersim.sealing.Miner;
import io.minersim.sealing.SectorInfo;
import io.minersim.sealing.SectorNotFoundException;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.numbers.BitField;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@link ProvingApi} over one miner: what Lotus's storage manager finds when it checks sectors, read in
 * one consistent state of the simulated miner.
 */
public final class ProvingApiImpl implements ProvingApi {

    /** Seal proofs 0 to 19 (V1, V1_1, synthetic PoRep, NI-PoRep) each have a Window PoSt proof. */
    private static final long LAST_SEAL_PROOF = 19;

    private final Miner miner;
    private final Durability durability;
    private final SimulatedTipsets tipsets;

    /**
     * @param tipsets the chain's tipsets (the full node's), which {@code ComputeWindowPoSt}'s key must name
     */
    public ProvingApiImpl(Miner miner, Durability durability, SimulatedTipsets tipsets) {
        this.miner = miner;
        this.durability = durability;
        this.tipsets = tipsets;
    }

    @Override
    public List<SubmitWindowedPoStParams> computeWindowPoSt(long deadline, List<CidLink> tipSetKey) {
        long height;
        try {
            height = tipsets.heightAt(tipSetKey, miner.head());
        } catch (ChainException e) {
            throw new SealingException(e.getMessage());
        }
        if (deadline < 0 || deadline >= DeadlineInfo.PERIOD_DEADLINES) {
            throw new SealingException("getting partitions: failed to load the deadline: invalid deadline "
                    + Long.toUnsignedString(deadline));
        }
        return miner.reading(() -> {
            ChainView chain = miner.chain();
            // Lotus's ComputePoSt: the deadline's latest opening at or before the current one at the tipset
            long offset = Math.floorMod(chain.provingDeadline().periodStart(), DeadlineInfo.PROVING_PERIOD);
            DeadlineInfo current = DeadlineInfo.current(DeadlineInfo.provingPeriodStart(height, offset), height);
            long periodStart = current.periodStart() - (deadline > current.index() ? DeadlineInfo.PROVING_PERIOD : 0);
            long challenge = DeadlineInfo.of(periodStart, deadline, height).challenge();
            BitField cannotRead = chain.unreadable().union(BitField.of(miner.listInStates(List.of(SectorState.Removed))));
            List<PartitionSectors> parts = chain.partitions(deadline);
            long postProof = 10 + miner.config().sectorSize().ordinal(); // StackedDrgWindow<size>V1_1
            List<SubmitWindowedPoStParams> out = new ArrayList<>();
            for (int from = 0; from < parts.size(); from += ChainView.POST_PARTITIONS_PER_MESSAGE) {
                List<SubmitWindowedPoStParams.Partition> proven = new ArrayList<>();
                ByteArrayOutputStream inputs = new ByteArrayOutputStream();
                inputs.writeBytes(ByteBuffer.allocate(24).putLong(miner.config().actorId()).putLong(deadline)
                        .putLong(challenge).array());
                for (int i = from; i < Math.min(parts.size(), from + ChainView.POST_PARTITIONS_PER_MESSAGE); i++) {
                    PartitionSectors p = parts.get(i);
                    BitField toProve = p.live().union(p.recovering()); // a check run proves faulty sectors too
                    BitField skipped = toProve.intersect(cannotRead);
                    if (skipped.equals(toProve)) {
                        continue; // nothing readable: Lotus leaves the partition out
                    }
                    proven.add(new SubmitWindowedPoStParams.Partition(i, WireMapping.bitField(skipped)));
                    inputs.writeBytes(ByteBuffer.allocate(8).putLong(i).array());
                    for (long n : toProve.subtract(skipped)) {
                        inputs.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
                    }
                }
                if (proven.isEmpty()) {
                    continue;
                }
                byte[] proof = SimulatedProofs.proofBytes("window-post", miner.config().seed(), inputs.toByteArray(),
                        proven.size());
                out.add(new SubmitWindowedPoStParams(deadline, proven,
                        List.of(new BlockHeader.PoStProof(postProof, proof)), 0, null));
            }
            return out;
        });
    }

    @Override
    public List<CidLink> recoverFault(List<Long> sectors) {
        CidLink sent = WireMapping.cid(miner.recoverFault(sectors));
        durability.await();
        return List.of(sent);
    }

    @Override
    public Map<String, String> checkProvable(long postProof, List<SectorRef> sectors) {
        return miner.reading(() -> {
            BitField unreadable = miner.chain().unreadable();
            // Go marshals map[abi.SectorNumber]string with its keys as strings, sorted as strings
            Map<String, String> bad = new TreeMap<>();
            for (SectorRef ref : sectors) {
                String reason = reason(ref, unreadable);
                if (reason != null) {
                    bad.put(Long.toUnsignedString(ref.id().number()), reason);
                }
            }
            return bad;
        });
    }

    /** Lotus's checks in its order: the sealed CID, the lock, the proof type, a vanilla proof from the files. */
    private String reason(SectorRef ref, BitField unreadable) {
        long n = ref.id().number();
        SectorInfo info;
        try {
            info = miner.status(n, false);
        } catch (SectorNotFoundException e) {
            return "getting commR: No state for /" + Long.toUnsignedString(n) + ": datastore: key not found";
        }
        if (info.commR() == null) {
            return "getting commR: commr is nil";
        }
        if (ref.proofType() < 0 || ref.proofType() > LAST_SEAL_PROOF) {
            return "can't get proof type";
        }
        if (unreadable.contains(n) || info.state() == SectorState.Removed) {
            return "generating vanilla proof: sector not found";
        }
        return null;
    }
}
