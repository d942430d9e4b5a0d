package io.minersim.app.fullnode;

import io.minersim.rpc.FullNodeApi;
import io.minersim.rpc.FullNodeApiV0;
import io.minersim.rpc.types.CidLink;
import io.minersim.rpc.types.FilAddress;
import io.minersim.rpc.types.MsgLookup;
import io.minersim.rpc.types.PreCommitOnChainInfo;
import io.minersim.rpc.types.VersionInfo;
import java.util.List;

/**
 * The full node's {@code /rpc/v0}: Lotus's {@code v0api.WrapperV1Full} over the v1 API, so the methods where v0
 * differs call v1 as Lotus's wrapper does (the head, {@code LookbackNoLimit} unless a limit is given, replaced
 * messages allowed); every other method is v1's own.
 */
final class FullNodeApiV0Impl implements FullNodeApiV0 {
    /** Lotus's FullAPIVersion0, 1.5.0. */
    static final long API_VERSION = VersionInfo.semver(1, 5, 0);

    private final FullNodeApi v1;

    FullNodeApiV0Impl(FullNodeApi v1) {
        this.v1 = v1;
    }

    @Override
    public MsgLookup stateSearchMsg(CidLink message) {
        return v1.stateSearchMsg(List.of(), message, FullNodeApiImpl.LOOKBACK_NO_LIMIT, true);
    }

    @Override
    public MsgLookup stateSearchMsgLimited(CidLink message, long limit) {
        return v1.stateSearchMsg(List.of(), message, limit, true);
    }

    @Override
    public MsgLookup stateWaitMsg(CidLink message, long confidence) {
        return v1.stateWaitMsg(message, confidence, FullNodeApiImpl.LOOKBACK_NO_LIMIT, true);
    }

    @Override
    public MsgLookup stateWaitMsgLimited(CidLink message, long confidence, long limit) {
        return v1.stateWaitMsg(message, confidence, limit, true);
    }

    @Override
    public MsgLookup.Receipt stateGetReceipt(CidLink message, List<CidLink> tipSetKey) {
        MsgLookup found = v1.stateSearchMsg(tipSetKey, message, FullNodeApiImpl.LOOKBACK_NO_LIMIT, true);
        return found == null ? null : found.receipt();
    }

    @Override
    public PreCommitOnChainInfo stateSectorPreCommitInfo(FilAddress miner, long sector, List<CidLink> tipSetKey) {
        PreCommitOnChainInfo info = v1.stateSectorPreCommitInfo(miner, sector, tipSetKey);
        if (info == null) {
            throw new ChainException("precommit info does not exist");
        }
        return info;
    }

    @Override
    public VersionInfo version() {
        VersionInfo v = v1.version();
        return new VersionInfo(v.version(), API_VERSION, v.blockDelay(), v.agent());
    }
}
