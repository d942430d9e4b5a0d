package io.minersim.app.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.MinerCall;
import io.minersim.sealing.chain.SimulatedChainClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JournalEntryTest {

    @Test
    void theQuickEncodingIsTheGeneralOneAndEveryEntryReadsBack() throws Exception {
        List<JournalEntry> entries = List.of(
                new JournalEntry.Head(7, 2, 1234, 1_700_000_000_000L, 5),
                new JournalEntry.Call(8, 0, new MinerCall.Pledge(), false, 5),
                new JournalEntry.Call(9, 1, new MinerCall.Pledge(), true, 5),
                new JournalEntry.Call(10, 0, new MinerCall.TerminateFlush(), false, 5),
                new JournalEntry.Call(11, 0, new MinerCall.ClearFailures(), false, 5),
                new JournalEntry.Call(12, 0, new MinerCall.Deliver(4, io.minersim.sealing.fsm.SectorEvent
                        .SectorTerminate), false, 5),
                new JournalEntry.Clock(13, new SimulatedChainClock.Settings(SimulatedChainClock.Mode.REAL,
                        Duration.ofMillis(250), true), 1_700_000_000_001L));
        for (JournalEntry e : entries) {
            byte[] json = JournalEntry.encode(e);
            assertThat(new String(json, "UTF-8")).isEqualTo(new String(JournalEntry.general(e), "UTF-8"));
            JournalEntry back = JournalEntry.decode(StateFiles.JSON.readValue(json,
                    new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { }));
            assertThat(back.seq()).isEqualTo(e.seq());
            assertThat(back.getClass()).isEqualTo(e.getClass());
            if (e instanceof JournalEntry.Call c) {
                assertThat(((JournalEntry.Call) back).call()).isEqualTo(c.call());
                assertThat(((JournalEntry.Call) back).failed()).isEqualTo(c.failed());
            } else if (e instanceof JournalEntry.Head h) {
                assertThat(back).isEqualTo(new JournalEntry.Head(h.seq(), h.miner(), h.epoch(), h.wall(), 0));
            } else {
                assertThat(back).isEqualTo(e);
            }
        }
    }
}
