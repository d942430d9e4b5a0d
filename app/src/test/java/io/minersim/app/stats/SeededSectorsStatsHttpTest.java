package io.minersim.app.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorSeed;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.fsm.SectorState;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeded sectors show in the statistics API as sectors onboarded at the past their state implies. */
class SeededSectorsStatsHttpTest {
    private static final String KEY = "mss_seededsectorsstatshttptest0000";
    private static final long S = SectorSize.SIZE_2KiB.bytes();

    @Test
    void seededSectorsCountInTheTotalAndFaultEndpoints() throws Exception {
        MinerConfig config = MinerConfig.of(Profile.DEVNET).withSectorSize(SectorSize.SIZE_2KiB).withSeed(2);
        long day = 86_400 / config.policy().blockDelaySeconds();
        ManualChainClock clock = new ManualChainClock(5 * day, config.policy().genesisTimestamp(),
                config.policy().blockDelaySeconds());
        Miner m = Miner.start(config, clock);
        List<SectorSeed> seeds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seeds.add(new SectorSeed(SectorSeed.NEXT, SectorState.Proving, List.of(), null, 2 * day));
        }
        for (int i = 0; i < 2; i++) {
            seeds.add(new SectorSeed(SectorSeed.NEXT, SectorState.Proving, List.of(), null, 2 * day, true));
        }
        seeds.add(new SectorSeed(SectorSeed.NEXT, SectorState.PreCommit1, List.of(), null, 0));
        m.seed(seeds);
        clock.advance(day); // the seeded faults start at the head: they show once that day is complete
        StatsService service = new StatsService(List.of(StatsMiner.of(m)));
        try (StatsServer server = StatsServer.start(service, StatsKeys.of(List.of(KEY)), 1, "127.0.0.1", 0, null)) {
            StatsClient client = new StatsClient(server.uri());
            JsonNode total = client.get(StatsEndpoint.PREFIX + "total", "Bearer " + KEY).data().get(0);
            // the eight seeded on chain, and the PreCommit1 one sealed since
            assertThat(total.get("total_num_sector").longValue()).isEqualTo(9);
            assertThat(total.get("total_sector_rbp").longValue()).isEqualTo(9 * S);
            assertThat(total.get("total_sector_qap").longValue()).isEqualTo(9 * S);
            JsonNode fault = client.get(StatsEndpoint.PREFIX + "fault", "Bearer " + KEY).data().get(0);
            assertThat(fault.get("active_fault_rbp").longValue()).isEqualTo(2 * S);
            assertThat(fault.get("active_fault_qap").longValue()).isEqualTo(2 * S);
        }
    }
}
