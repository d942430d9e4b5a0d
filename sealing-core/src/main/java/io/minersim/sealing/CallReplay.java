package io.minersim.sealing;

/** Runs a recorded {@link MinerCall} again on a miner, through the same public call it was recorded from. */
final class CallReplay {

    private CallReplay() {
    }

    static void replay(Miner m, MinerCall call) {
        if (call instanceof MinerCall.Pledge) {
            m.pledgeSector();
        } else if (call instanceof MinerCall.AddPiece c) {
            CheckedPiece piece = m.checkPiece(c.unpaddedSize(), c.deal());
            m.addPieceToAny(c.dataCid() == null ? piece : piece.withDataCid(c.dataCid()));
        } else if (call instanceof MinerCall.MatchPendingPieces) {
            m.matchPendingPiecesToOpenSectors();
        } else if (call instanceof MinerCall.Deliver c) {
            m.deliver(c.sector(), c.event());
        } else if (call instanceof MinerCall.SetSealDelay c) {
            m.setSealDelay(c.delay());
        } else if (call instanceof MinerCall.SetExpectedSealDuration c) {
            m.setExpectedSealDuration(c.duration());
        } else if (call instanceof MinerCall.ForceState c) {
            m.forceState(c.sector(), c.state());
        } else if (call instanceof MinerCall.PreCommitFlush) {
            m.preCommitFlush();
        } else if (call instanceof MinerCall.CommitFlush) {
            m.commitFlush();
        } else if (call instanceof MinerCall.TerminateFlush) {
            m.terminateFlush();
        } else if (call instanceof MinerCall.MarkForUpgrade c) {
            m.markForUpgrade(c.sector(), c.snap());
        } else if (call instanceof MinerCall.DeclareFaults c) {
            m.declareFaults(c.sectors(), c.declared());
        } else if (call instanceof MinerCall.RecoverFaults c) {
            m.recoverFaults(c.sectors());
        } else if (call instanceof MinerCall.RecoverFault c) {
            m.recoverFault(c.sectors());
        } else if (call instanceof MinerCall.WithdrawBalance c) {
            m.withdrawBalance(new java.math.BigInteger(c.amount()));
        } else if (call instanceof MinerCall.MissPoSt c) {
            m.missPoSt(c.deadline(), c.partitions());
        } else if (call instanceof MinerCall.ExtendSectors c) {
            m.extendSectors(c.sectors(), c.newExpiration());
        } else if (call instanceof MinerCall.ExpireDeals c) {
            m.expireDeals(c.dealIds());
        } else if (call instanceof MinerCall.InjectFailure c) {
            m.injectFailure(c.rule());
        } else if (call instanceof MinerCall.ClearFailures) {
            m.clearFailures();
        } else if (call instanceof MinerCall.Receive c) {
            m.receive(c.sector(), c.target(), c.pieces());
        } else if (call instanceof MinerCall.Seed c) {
            m.seed(c.seeds());
        } else if (call instanceof MinerCall.NumReserve c) {
            m.numReserve(c.name(), c.sectors(), c.force());
        } else if (call instanceof MinerCall.NumReserveCount c) {
            m.numReserveCount(c.name(), c.count());
        } else if (call instanceof MinerCall.Storage c) {
            m.changeStorage(c.op());
        } else if (call instanceof MinerCall.NumFree c) {
            m.numFree(c.name());
        } else if (call instanceof MinerCall.Restore c) {
            m.restore(c.document());
        } else if (call instanceof MinerCall.ConfigureWorkers c) {
            m.configureWorkers(c.workers());
        } else if (call instanceof MinerCall.SetWorkerEnabled c) {
            m.setWorkerEnabled(c.worker(), c.enabled());
        } else if (call instanceof MinerCall.SealingAbort c) {
            m.sealingAbort(c.miner(), c.sector(), c.callId());
        } else if (call instanceof MinerCall.SealingRemoveRequest c) {
            m.sealingRemoveRequest(c.schedId());
        } else if (call instanceof MinerCall.Head c) {
            m.onHead(c.epoch());
        } else {
            throw new IllegalArgumentException("not a miner call: " + call);
        }
    }
}
