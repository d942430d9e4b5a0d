package io.minersim.sealing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The packed log reads back every entry as appended, and truncates as Lotus does. */
class SectorLogTest {

    private record Entry(int kind, long epoch, long arg, String text) {
    }

    /** What the log should hold: a plain list, truncated past 8000 entries as Lotus truncates. */
    private static void model(List<Entry> m, Entry e) {
        if (m.size() > SectorLog.MAX_ENTRIES) {
            List<Entry> kept = new ArrayList<>(m.subList(0, 2000));
            kept.add(new Entry(SectorLog.TRUNCATE, e.epoch() & 0xFF_FFFF_FFFFL, 0, null));
            kept.addAll(m.subList(6000, m.size()));
            m.clear();
            m.addAll(kept);
        }
        m.add(new Entry(e.kind(), e.epoch() & 0xFF_FFFF_FFFFL, e.arg(), e.text()));
    }

    private static void assertSame(SectorLog log, List<Entry> m) {
        assertThat(log.size()).isEqualTo(m.size());
        for (int i = 0; i < m.size(); i++) {
            Entry e = m.get(i);
            assertThat(new Entry(log.kind(i), log.epoch(i), log.arg(i), log.text(i))).as("entry %d", i).isEqualTo(e);
        }
    }

    @Test
    void everyEntryReadsBackWhateverItsValues() {
        Random random = new Random(14);
        SectorLog log = new SectorLog();
        List<Entry> m = new ArrayList<>();
        long epoch = 0;
        for (int i = 0; i < 3000; i++) {
            epoch += switch (random.nextInt(6)) {
                case 0 -> random.nextInt(3000);
                case 1 -> -random.nextInt(20);
                case 2 -> random.nextLong() >>> 20;
                default -> random.nextInt(3);
            };
            long arg = switch (random.nextInt(7)) {
                case 0 -> 0;
                case 1 -> epoch - random.nextInt(5);
                case 2 -> random.nextLong();
                case 3 -> Long.MIN_VALUE;
                case 4 -> Long.MAX_VALUE - random.nextInt(2);
                case 5 -> -1;
                default -> random.nextInt(100_000);
            };
            String text = random.nextInt(9) == 0 ? "error " + i : null;
            Entry e = new Entry(random.nextInt(SectorLog.TRUNCATE + 1), epoch, arg, text);
            log.append(e.kind(), e.epoch(), e.arg(), e.text());
            model(m, e);
            if (i < 40 || i % 97 == 0) {
                assertSame(log, m);
            }
        }
        assertSame(log, m);
    }

    @Test
    void pastEightThousandEntriesTheMiddleGivesWayToOneTruncateEntry() {
        SectorLog log = new SectorLog();
        List<Entry> m = new ArrayList<>();
        for (int i = 0; i < 12_050; i++) {
            Entry e = new Entry(i % 7, 10 + i / 3, i % 5 == 0 ? 0 : i * 31L, i % 1000 == 3 ? "t" + i : null);
            log.append(e.kind(), e.epoch(), e.arg(), e.text());
            model(m, e);
        }
        assertThat(log.size()).isEqualTo(m.size()).isLessThan(SectorLog.MAX_ENTRIES + 2);
        assertThat(log.kind(2000)).isEqualTo(SectorLog.TRUNCATE);
        assertSame(log, m);
    }
}
