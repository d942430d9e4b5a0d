package io.minersim.app.stats;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.stats.MinerStatistics;
import io.minersim.sealing.stats.SectorMove;

/**
 * A miner's history written out by hand (32 GiB sectors, genesis 2024-01-01T00:00:00Z, 30 s epochs,
 * so day N is epochs 2880 × (N − 1) to 2880 × N − 1):
 *
 * <ul>
 *   <li>day 1: sectors 0–9 pre-committed in three batches (0–3, 4–6, 7–8) and alone (9), then
 *       proven: 0–3 in one aggregate at epoch 500, 4–9 each alone at epoch 600. Sector 0 holds a
 *       verified deal filling it (QAP 10 S), sector 1 half verified half not (5.5 S), sector 4 an
 *       unverified deal (S), the rest are CC. Lifetimes: 0–4 540 days, 5–9 180 days.
 *   <li>day 2: a repeated pre-commit landing of sector 9 (a retry), which must not count.
 *   <li>day 3: sector 5 detected faulty (a missed PoSt), sector 6 skipped in a PoSt, sector 5 then
 *       skipped too (still one fault). Faults live on chain: the sectors stay Proving.
 *   <li>day 4: sector 5 recovers; sector 0 terminated by the miner.
 *   <li>day 5: sector 8 snap-upgraded with a verified deal filling it (QAP 10 S); sector 7 (CC)
 *       extended from 180 to 540 days.
 *   <li>day 45 (2024-02-14): sector 6, faulty since epoch 6100, terminated by the network after
 *       FaultMaxAge (42 days).
 *   <li>day 181 (2024-06-29): sectors 5, 8 and 9 reach their expiration (epoch 519000).
 * </ul>
 */
final class HandWrittenHistory {
    static final long S = 34_359_738_368L;
    static final long GENESIS = 1_704_067_200L;
    static final long L540 = 540 * 2880;
    static final long L180 = 180 * 2880;
    static final long NONE = SectorMove.NOT_ON_CHAIN;

    private HandWrittenHistory() {
    }

    static MinerStatistics build() {
        MinerStatistics st = new MinerStatistics(GENESIS, 30);
        long[] dealBytes = {S, S, 0, 0, S, 0, 0, 0, 0, 0};
        long[] verifiedBytes = {S, S / 2, 0, 0, 0, 0, 0, 0, 0, 0};
        int[] preCommitMessage = {0, 0, 0, 0, 1, 1, 1, 2, 2, 3};
        int[] preCommitSize = {4, 4, 4, 4, 3, 3, 3, 2, 2, 1};
        for (int n = 0; n < 10; n++) {
            st.record(new SectorMove(100, n, SectorState.PreCommitBatchWait, SectorState.WaitSeed,
                    SectorEvent.SectorPreCommitLanded, S, dealBytes[n], verifiedBytes[n], 0, 0, NONE, 700_000,
                    new SectorMove.Message(preCommitMessage[n], preCommitSize[n], false)));
        }
        for (int n = 0; n < 10; n++) {
            boolean aggregate = n < 4;
            long activation = aggregate ? 500 : 600;
            long lifetime = n < 5 ? L540 : L180;
            long dealWeight = (dealBytes[n] - verifiedBytes[n]) * lifetime;
            long verifiedWeight = verifiedBytes[n] * lifetime;
            st.record(new SectorMove(activation, n,
                    aggregate ? SectorState.CommitAggregateWait : SectorState.CommitWait, SectorState.FinalizeSector,
                    SectorEvent.SectorProving, S, dealBytes[n], verifiedBytes[n], dealWeight, verifiedWeight,
                    activation, activation + lifetime,
                    aggregate ? new SectorMove.Message(4, 4, true) : new SectorMove.Message(1 + n, 1, false)));
        }
        // day 2: a retried landing of sector 9's pre-commit
        st.record(new SectorMove(3000, 9, SectorState.PreCommitting, SectorState.WaitSeed,
                SectorEvent.SectorPreCommitLanded, S, 0, 0, 0, 0, 600, 600 + L180, new SectorMove.Message(3, 1, false)));
        // day 3
        st.record(cc(6000, 5, SectorState.Proving, SectorState.Proving, SectorEvent.SectorFaultDetected));
        st.record(cc(6100, 6, SectorState.Proving, SectorState.Proving, SectorEvent.SectorFaultDetected));
        st.record(cc(6200, 5, SectorState.Proving, SectorState.Proving, SectorEvent.SectorFaultDetected));
        // day 4
        st.record(cc(9000, 5, SectorState.Proving, SectorState.Proving, SectorEvent.SectorFaultRecovered));
        st.record(new SectorMove(9200, 0, SectorState.TerminateWait, SectorState.TerminateFinality,
                SectorEvent.SectorTerminated, S, S, S, 0, S * L540, 500, 500 + L540, null));
        // day 5: the snap lands; its power counts from epoch 11990 to the unchanged expiration
        long expiration8 = 600 + L180;
        st.record(new SectorMove(12_000, 8, SectorState.ReplicaUpdateWait, SectorState.UpdateActivating,
                SectorEvent.SectorReplicaUpdateLanded, S, S, S, 0, S * (expiration8 - 11_990), 11_990, expiration8,
                null));
        // day 5: sector 7's expiration extended to 540 days after its activation
        st.record(new SectorMove(12_100, 7, SectorState.Proving, SectorState.Proving, SectorEvent.SectorExtended, S, 0,
                0, 0, 0, 600, 600 + L540, null));
        // day 45: passive termination of sector 6
        st.record(cc(6100 + 42 * 2880, 6, SectorState.Proving, SectorState.Proving, SectorEvent.SectorFaultedFinal));
        // day 181: the 180-day sectors still live expire
        st.record(new SectorMove(expiration8, 5, SectorState.Proving, SectorState.Proving, SectorEvent.SectorExpired, S,
                0, 0, 0, 0, 600, expiration8, null));
        st.record(new SectorMove(expiration8, 8, SectorState.Proving, SectorState.Proving, SectorEvent.SectorExpired, S,
                S, S, 0, S * (expiration8 - 11_990), 11_990, expiration8, null));
        st.record(new SectorMove(expiration8, 9, SectorState.Proving, SectorState.Proving, SectorEvent.SectorExpired, S,
                0, 0, 0, 0, 600, expiration8, null));
        return st;
    }

    private static SectorMove cc(long epoch, long sector, SectorState from, SectorState to, SectorEvent event) {
        return new SectorMove(epoch, sector, from, to, event, S, 0, 0, 0, 0, 600, 600 + L180, null);
    }
}
