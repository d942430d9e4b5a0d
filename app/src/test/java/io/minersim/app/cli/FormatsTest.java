package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void epochTimeSaysHowFarFromTheHead() {
        assertThat(Formats.epochTime(100, 100, 30)).isEqualTo("100 (now)");
        assertThat(Formats.epochTime(100, 220, 30)).isEqualTo("220 (in 1 hour)");
        assertThat(Formats.epochTime(100, 100 + 2880 + 121, 30)).isEqualTo("3101 (in 1 day 1 hour)");
        assertThat(Formats.epochTime(3000, 100, 30)).isEqualTo("100 (1 day 10 minutes ago)");
        assertThat(Formats.epochTime(0, 1, 4)).isEqualTo("1 (in 4 seconds)");
    }

    @Test
    void sizesAndAmountsAreWrittenAsLotusWritesThem() {
        assertThat(Formats.bytesSize(34359738368.0)).isEqualTo("32GiB");
        assertThat(Formats.bytesSize(1536)).isEqualTo("1.5KiB");
        assertThat(Formats.bytesSize(0)).isEqualTo("0B");
        assertThat(Formats.bytesSize(1_000_000)).isEqualTo("976.6KiB");
        assertThat(Formats.fil(new BigInteger("200000000000000000"))).isEqualTo("0.2 FIL");
        assertThat(Formats.fil(BigInteger.ZERO)).isEqualTo("0 FIL");
        assertThat(Formats.fil(new BigInteger("3000000000000000000"))).isEqualTo("3 FIL");
        assertThat(Formats.filShort(new BigInteger("199999996861349888"))).isEqualTo("200 mFIL");
        assertThat(Formats.filShort(new BigInteger("2500000000000000000"))).isEqualTo("2.5 FIL");
        assertThat(Formats.filShort(BigInteger.valueOf(1500))).isEqualTo("1.5 fFIL");
    }

    @Test
    void goValuesPrintAsGoPrintsThem() {
        assertThat(Formats.goList(List.of(0L, 42L))).isEqualTo("[0 42]");
        assertThat(Formats.goList(List.of())).isEqualTo("[]");
        assertThat(Formats.goTime(1598306400)).isEqualTo("2020-08-24 22:00:00 +0000 UTC");
        assertThat(Formats.goDuration(3723)).isEqualTo("1h2m3s");
        assertThat(Formats.goDuration(240)).isEqualTo("4m0s");
        assertThat(Formats.goDuration(0)).isEqualTo("0s");
        assertThat(Formats.hex(new byte[] {1, (byte) 0xab})).isEqualTo("01ab");
        assertThat(Formats.hex(null)).isEmpty();
        assertThat(Formats.cid(null)).isEqualTo("<nil>");
    }

    @Test
    void tablesPadColumnsLeaveOutEmptyOnesAndPutLineColumnsUnderTheRow() {
        TextTable t = new TextTable().column("ID").column("State").column("Unused").column("Deals")
                .lineColumn("Error");
        t.row(Map.of("ID", "7", "State", "Proving", "Deals", "CC"));
        t.row(Map.of("ID", "12", "State", "PreCommit1", "Deals", "3", "Error", "boom"));
        StringWriter s = new StringWriter();
        PrintWriter out = new PrintWriter(s);

        t.print(out);
        out.flush();

        assertThat(s.toString()).isEqualTo("""
                ID  State       Deals
                7   Proving     CC
                12  PreCommit1  3
                  Error: boom
                """);
    }
}
