package io.minersim.app.api;

import io.minersim.app.world.Durability;
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

    public ProvingApiImpl(Miner miner, Durability durability) {
        this.miner = miner;
        this.durability = durability;
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
