package io.minersim.app.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.minersim.sealing.Miner;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SectorInfo;
import io.minersim.sealing.SectorSize;
import io.minersim.sealing.activity.ActivityProfile;
import io.minersim.sealing.activity.MinerActivity;
import io.minersim.sealing.chain.ManualChainClock;
import io.minersim.sealing.fsm.SectorState;
import io.minersim.sealing.stats.Level;
import io.minersim.sealing.stats.Measure;
import io.minersim.sealing.stats.SectorStats;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A seeded fleet of three miners (different sector sizes, one chain clock) left to random activity
 * for twelve devnet days, then reconciled through the HTTP API: cumulative fields against the sum
 * of the daily ones, the all-miners answer against the per-miner answers, and RBP and QAP against
 * what SectorsStatus reports for the same sectors.
 */
class FleetReconciliationTest {
    private static final String KEY = "mss_fleetreconciliation";
    private static final int DAYS = 12;
    private static final ActivityProfile PROFILE = new ActivityProfile(60, 0.5, 0.6, 0.03, 0.3, 0.01, 0, 0.03);
    private static final List<Miner> MINERS = new ArrayList<>();
    private static StatsServer server;
    private static StatsClient client;
    private static StatsService service;

    /** Integral fields and the daily fields whose sum over every day gives them. */
    private static final Map<String, String> CUMULATIVE = Map.ofEntries(
            Map.entry("total/total_num_sector", "total/daily_sector_onboarding_count"),
            Map.entry("total/total_sector_rbp", "total/daily_sector_onboarding_rbp"),
            Map.entry("total/total_sector_qap", "total/daily_sector_onboarding_qap"),
            Map.entry("terminate/total_terminate_rbp", "terminate/daily_new_terminate_rbp"),
            Map.entry("terminate/total_terminate_qap", "terminate/daily_new_terminate_qap"),
            Map.entry("terminate/total_active_terminate_rbp", "terminate/daily_new_active_terminate_rbp"),
            Map.entry("terminate/total_active_terminate_qap", "terminate/daily_new_active_terminate_qap"),
            Map.entry("terminate/total_passive_terminate_rbp", "terminate/daily_new_passive_terminate_rbp"),
            Map.entry("terminate/total_passive_terminate_qap", "terminate/daily_new_passive_terminate_qap"),
            Map.entry("expire/total_expire_rbp", "expire/daily_new_expire_rbp"),
            Map.entry("expire/total_expire_qap", "expire/daily_new_expire_qap"),
            Map.entry("snap/total_snap_rbp", "snap/daily_new_snap_rbp"),
            Map.entry("snap/total_snap_qap", "snap/daily_new_snap_qap"));

    @BeforeAll
    static void runTheFleet() throws Exception {
        MinerConfig base = MinerConfig.of(Profile.DEVNET).withSeed(42);
        ManualChainClock clock = ManualChainClock.atGenesis(base.policy());
        SectorSize[] sizes = {SectorSize.SIZE_2KiB, SectorSize.SIZE_8MiB, SectorSize.SIZE_2KiB};
        List<MinerActivity> activity = new ArrayList<>();
        List<StatsMiner> stats = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            Miner m = Miner.start(base.withActorId(1000 + i).withSectorSize(sizes[i]), clock);
            MINERS.add(m);
            activity.add(MinerActivity.start(m, clock, PROFILE, 42));
            stats.add(StatsMiner.of(m));
        }
        long hour = 3600 / base.policy().blockDelaySeconds();
        while (clock.head() < DAYS * 24 * hour) {
            clock.advance(hour);
        }
        activity.forEach(MinerActivity::close);
        service = new StatsService(stats);
        server = StatsServer.start(service, StatsKeys.of(List.of(KEY)), 42, "127.0.0.1", 0, null);
        client = new StatsClient(server.uri());
    }

    @AfterAll
    static void stop() {
        server.close();
        MINERS.forEach(Miner::close);
    }

    private static JsonNode rows(String endpoint, LocalDate date, String miner) {
        StatsClient.Answer a = client.get(StatsEndpoint.PREFIX + endpoint + "?state_date=" + date
                + (miner == null ? "" : "&miner_id=" + miner), "Bearer " + KEY);
        assertThat(a.code()).as(a.body()).isZero();
        return a.data();
    }

    @Test
    void theFleetHadEveryKindOfDay() {
        LocalDate last = service.lastCompleteDate();
        JsonNode total = rows("total", last, null);
        assertThat(total).hasSize(3);
        for (JsonNode r : total) {
            assertThat(r.get("total_num_sector").asLong()).isGreaterThan(100);
            assertThat(r.get("total_sector_qap").asLong()).isGreaterThan(r.get("total_sector_rbp").asLong());
        }
        JsonNode terminate = rows("terminate", last, null);
        long passive = 0;
        for (JsonNode r : terminate) {
            passive += r.get("total_passive_terminate_rbp").asLong();
        }
        assertThat(passive).isPositive();
    }

    @Test
    void cumulativeFieldsAreTheSumOfTheDailyOnes() {
        LocalDate first = service.firstDate();
        LocalDate last = service.lastCompleteDate();
        for (Miner m : MINERS) {
            String id = m.config().actorAddress();
            Map<String, Long> sums = new HashMap<>();
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                for (String daily : CUMULATIVE.values()) {
                    String[] p = daily.split("/");
                    long v = rows(p[0], d, id).get(0).get(p[1]).asLong();
                    sums.merge(daily, v, Long::sum);
                }
            }
            for (Map.Entry<String, String> e : CUMULATIVE.entrySet()) {
                String[] p = e.getKey().split("/");
                assertThat(rows(p[0], last, id).get(0).get(p[1]).asLong()).as(id + " " + e.getKey())
                        .isEqualTo(sums.get(e.getValue()));
            }
        }
    }

    @Test
    void theAllMinersAnswerIsThePerMinerAnswersSummed() {
        LocalDate last = service.lastCompleteDate();
        for (LocalDate d : List.of(service.firstDate().plusDays(3), last)) {
            for (StatsEndpoint e : StatsEndpoint.values()) {
                JsonNode all = rows(e.endpointName(), d, null);
                assertThat(all).hasSize(MINERS.size());
                for (int i = 0; i < MINERS.size(); i++) {
                    JsonNode one = rows(e.endpointName(), d, MINERS.get(i).config().actorAddress()).get(0);
                    assertThat(all.get(i)).as(e.endpointName() + " " + d).isEqualTo(one);
                }
            }
        }
    }

    @Test
    void rbpAndQapAgreeWithSectorsStatus() {
        LocalDate last = service.lastCompleteDate();
        for (Miner m : MINERS) {
            String id = m.config().actorAddress();
            long size = m.config().sectorSize().bytes();
            // the statistics as of now: the current day, read from the core
            SectorStats today = m.statistics().day(m.statistics().dateOf(m.head()));
            long onChain = 0;
            BigInteger statusQap = BigInteger.ZERO;
            long faultyRbp = 0;
            BigInteger faultyQap = BigInteger.ZERO;
            for (long n : m.list()) {
                SectorInfo info = m.status(n, true);
                if (info.activation() <= 0) {
                    continue;
                }
                onChain++;
                // SectorsStatus's pledge is QAP × a fixed simulated price per QA byte
                BigInteger[] qr = info.initialPledge().divideAndRemainder(Miner.PLEDGE_PER_QA_BYTE);
                assertThat(qr[1]).isZero();
                BigInteger qap = qr[0];
                statusQap = statusQap.add(qap);
                if (m.chain().faults().contains(n)) { // faults live on chain; the sector stays Proving
                    faultyRbp += size;
                    faultyQap = faultyQap.add(qap);
                }
            }
            long onboardedRbp = today.total(Measure.ONBOARDED_RBP);
            long onboardedQap = today.total(Measure.ONBOARDED_QAP);
            long snapRbp = today.total(Measure.SNAPPED_RBP);
            long snapQap = today.total(Measure.SNAPPED_QAP);
            assertThat(onboardedRbp).as(id).isEqualTo(onChain * size);
            // a snapped sector was CC (QAP = its size) and now has the QAP the snap reported
            assertThat(statusQap).as(id).isEqualTo(BigInteger.valueOf(onboardedQap - snapRbp + snapQap));
            assertThat(today.level(Level.FAULTY_RBP)).as(id).isEqualTo(faultyRbp);
            assertThat(BigInteger.valueOf(today.level(Level.FAULTY_QAP))).as(id)
                    .isEqualTo(faultyQap);
            assertThat(onChain).as(id).isPositive();
            assertThat(rows("total", last, id).get(0).get("total_sector_rbp").asLong()).isLessThanOrEqualTo(onboardedRbp);
        }
    }
}
