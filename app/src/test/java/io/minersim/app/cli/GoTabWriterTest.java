package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Go's text/tabwriter layout and the Go number and time formats the proving and info commands print. */
class GoTabWriterTest {

    private static String layout(GoTabWriter tw) {
        StringWriter s = new StringWriter();
        tw.flush(new PrintWriter(s, true));
        return s.toString();
    }

    @Test
    void columnsAreAsWideAsTheirWidestCellPlusPadding() {
        GoTabWriter tw = new GoTabWriter(2, 2);
        tw.printf("deadline\tpartition\tsectors%n");
        tw.printf("3\t0\t5%n");
        tw.printf("12\t1\t27%n");
        assertThat(layout(tw)).isEqualTo("""
                deadline  partition  sectors
                3         0          5
                12        1          27
                """);
    }

    @Test
    void aLineWithOneCellMoreGetsAColumnOfItsOwn() {
        // Lotus's "proving deadlines": only the current deadline's proven-partitions cell is tab-terminated
        GoTabWriter tw = new GoTabWriter(2, 2);
        tw.printf("deadline\topen\tpartitions\tsectors (faults)\tproven partitions%n");
        tw.printf("0\t10:00:00\t1\t2 (0)\t1%n");
        tw.printf("1\t10:04:00\t0\t0 (0)\t0\t(current)%n");
        tw.printf("2\t10:08:00\t0\t0 (0)\t0%n");
        assertThat(layout(tw)).isEqualTo("""
                deadline  open      partitions  sectors (faults)  proven partitions
                0         10:00:00  1           2 (0)             1
                1         10:04:00  0           0 (0)             0  (current)
                2         10:08:00  0           0 (0)             0
                """);
    }

    @Test
    void aLineWithoutTabsEndsTheColumnBlocks() {
        GoTabWriter tw = new GoTabWriter(2, 2);
        tw.printf("a\tb%n");
        tw.printf("plain%n");
        tw.printf("longer\tc%n");
        assertThat(layout(tw)).isEqualTo("""
                a  b
                plain
                longer  c
                """);
    }

    @Test
    void sizesAndPowerAreLotusSizeStrAndDeciStr() {
        assertThat(Formats.sizeStr(BigInteger.valueOf(2048))).isEqualTo("2 KiB");
        assertThat(Formats.sizeStr(BigInteger.valueOf(6144 + 1024))).isEqualTo("7 KiB");
        assertThat(Formats.sizeStr(BigInteger.valueOf(1536))).isEqualTo("1.5 KiB");
        assertThat(Formats.sizeStr(BigInteger.ZERO)).isEqualTo("0 B");
        assertThat(Formats.sizeStr(BigInteger.valueOf(3).shiftLeft(60))).isEqualTo("3 EiB");
        assertThat(Formats.sizeStr(BigInteger.valueOf(34359738368L))).isEqualTo("32 GiB");
        assertThat(Formats.deciStr(BigInteger.valueOf(2048))).isEqualTo("2 Ki");
        assertThat(Formats.deciStr(BigInteger.valueOf(1000))).isEqualTo("1e+03 ");
        assertThat(Formats.deciStr(BigInteger.valueOf(1023 * 1024))).isEqualTo("1.02e+03 Ki");
        assertThat(Formats.goG(0.000012345, 3)).isEqualTo("1.23e-05");
        assertThat(Formats.goG(123.456, 4)).isEqualTo("123.5");
        assertThat(Formats.goF(33, 2)).isEqualTo("33.00");
        assertThat(Formats.goF(16.666666666666668, 2)).isEqualTo("16.67");
    }

    @Test
    void epochTimesWithTheirWallTimeAreGoRfc822() {
        // a tipset at height 100 with timestamp 1598306400 + 400 (4 s epochs), looking at epoch 40 from head 100
        assertThat(Formats.epochTimeTs(100, 40, 100, 1598306800, 4, ZoneOffset.UTC))
                .isEqualTo("40 (24 Aug 20 22:02 UTC, 4 minutes ago)");
        assertThat(Formats.epochTimeTs(100, 100, 100, 1598306800, 4, ZoneOffset.UTC))
                .isEqualTo("100 (24 Aug 20 22:06 UTC, now)");
        assertThat(Formats.epochTimeTs(100, 2980, 100, 1598306800, 4, ZoneOffset.UTC))
                .isEqualTo("2980 (25 Aug 20 01:18 UTC, in 3 hours 12 minutes)");
        assertThat(Formats.timeOnly(1598306800, ZoneOffset.ofHours(2))).isEqualTo("00:06:40");
    }

    @Test
    void filShortRoundsHalvesAwayFromZeroAsBigRatFloatString() {
        assertThat(Formats.filShort(BigInteger.valueOf(12345))).isEqualTo("12.345 fFIL");
        assertThat(Formats.filShort(new BigInteger("1000500"))).isEqualTo("1.001 pFIL");
        assertThat(Formats.filShort(new BigInteger("100000000000000000000"))).isEqualTo("100 FIL");
    }
}
