package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.sealing.fsm.SectorEvent;
import io.minersim.sealing.fsm.SectorState;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The packed history gives back every move as recorded, whatever the values (widths, runs, dictionary). */
class SectorHistoryTest {
    private static final long SIZE = 2048;
    private static final SectorState[] STATES = SectorState.values();
    private static final SectorEvent[] EVENTS = SectorEvent.values();

    /** Moves with sector numbers that need every width, epochs that go back, and more than 256 distinct codes. */
    private static List<HistoryEvent> moves(int n) {
        Random random = new Random(14);
        List<HistoryEvent> out = new ArrayList<>();
        long epoch = 100;
        for (int i = 0; i < n; i++) {
            epoch += switch (random.nextInt(10)) {
                case 0 -> 1;
                case 1 -> -random.nextInt(50);
                case 2 -> random.nextLong() >>> 30;
                default -> 0;
            };
            long sector = switch (random.nextInt(8)) {
                case 0 -> random.nextLong();
                case 1 -> Long.MAX_VALUE - random.nextInt(3);
                case 2 -> Long.MIN_VALUE + random.nextInt(3);
                case 3 -> random.nextInt(1 << 20);
                case 4 -> 40_000 + random.nextInt(70_000);
                default -> random.nextInt(100);
            };
            SectorState from = random.nextInt(20) == 0 ? null : STATES[random.nextInt(STATES.length)];
            boolean deal = random.nextInt(30) == 0;
            out.add(new HistoryEvent(i, epoch, sector, from, STATES[random.nextInt(STATES.length)],
                    EVENTS[random.nextInt(EVENTS.length)], SIZE, deal ? random.nextLong() : 0,
                    deal ? random.nextInt(1000) : 0, deal ? -random.nextInt(5) : 0));
        }
        return out;
    }

    private static long[] column(List<HistoryEvent> moves, int field) {
        return moves.stream().mapToLong(m -> switch (field) {
            case 0 -> m.epoch();
            case 1 -> m.sector();
            case 2 -> m.from() == null ? -1 : m.from().ordinal();
            case 3 -> m.to().ordinal();
            case 4 -> m.event().ordinal();
            case 5 -> m.dealBytes();
            case 6 -> m.dealWeight();
            default -> m.verifiedDealWeight();
        }).toArray();
    }

    @Test
    void everyMoveComesBackAsRecordedThroughGetViewAndBuilder() {
        List<HistoryEvent> moves = moves(40_000);
        SectorHistory recorded = new SectorHistory(SIZE);
        SectorHistory.Builder built = new SectorHistory.Builder(SIZE);
        for (HistoryEvent m : moves) {
            recorded.record(m.epoch(), m.sector(), m.from(), m.to(), m.event(), m.dealBytes(), m.dealWeight(),
                    m.verifiedDealWeight());
            built.add(m.epoch(), m.sector(), SectorHistory.code(m.from(), m.to(), m.event()), m.dealBytes(),
                    m.dealWeight(), m.verifiedDealWeight());
        }
        for (SectorHistory h : List.of(recorded, built.build())) {
            assertThat(h.size()).isEqualTo(moves.size());
            for (int i = 0; i < moves.size(); i++) {
                assertThat(h.get(i)).isEqualTo(moves.get(i));
            }
            SectorHistory.View v = h.view();
            for (int f = 0; f < 8; f++) {
                assertThat(v.column(f)).as("column %d", f).isEqualTo(column(moves, f));
            }
        }
    }

    @Test
    void aViewKeepsItsMovesWhileTheHistoryGrowsAndWidens() {
        List<HistoryEvent> moves = moves(20_000);
        SectorHistory h = new SectorHistory(SIZE);
        // narrow values first, so that the chunk's columns are widened after the view is taken
        for (int i = 0; i < 10; i++) {
            h.record(5, 7 + i, null, SectorState.Packing, SectorEvent.SectorStartCC, 0, 0, 0);
        }
        SectorHistory.View early = h.view();
        for (HistoryEvent m : moves) {
            h.record(m.epoch(), m.sector(), m.from(), m.to(), m.event(), m.dealBytes(), m.dealWeight(),
                    m.verifiedDealWeight());
        }
        assertThat(early.size()).isEqualTo(10);
        assertThat(early.column(0)).containsOnly(5);
        assertThat(early.column(1)).containsExactly(7, 8, 9, 10, 11, 12, 13, 14, 15, 16);
        assertThat(early.column(4)).containsOnly(SectorEvent.SectorStartCC.ordinal());
        assertThat(h.view().column(1)).endsWith(column(moves, 1));
    }
}
