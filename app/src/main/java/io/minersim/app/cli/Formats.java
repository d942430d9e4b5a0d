package io.minersim.app.cli;

import io.minersim.rpc.types.CidLink;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/** How lotus-miner writes values in its text output, for minersim's commands. */
final class Formats {
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss '+0000 UTC'")
            .withZone(ZoneOffset.UTC);
    private static final BigInteger ATTO_PER_FIL = BigInteger.TEN.pow(18);
    private static final String[] SHORT_PREFIXES = {"a", "f", "p", "n", "μ", "m"};
    private static final String[] BINARY_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB"};
    private static final long[] UNIT_SECONDS = {365L * 86400, 7L * 86400, 86400, 3600, 60, 1};
    private static final String[] UNIT_NAMES = {"year", "week", "day", "hour", "minute", "second"};

    private Formats() {
    }

    /** A CID, or {@code <nil>} when absent, as Go prints a nil CID pointer. */
    static String cid(CidLink cid) {
        return cid == null ? "<nil>" : cid.value();
    }

    /** Bytes as lower-case hex ({@code %x}); nothing for null. */
    static String hex(byte[] bytes) {
        return bytes == null ? "" : HexFormat.of().formatHex(bytes);
    }

    /** A list as Go's {@code %v} prints a slice: {@code [1 2 3]}. */
    static String goList(List<?> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(" ", "[", "]"));
    }

    /** Unix seconds as Go's {@code time.Time} prints them, in UTC: {@code 2020-08-24 22:00:04 +0000 UTC}. */
    static String goTime(long unixSeconds) {
        return GO_TIME.format(Instant.ofEpochSecond(unixSeconds));
    }

    /** An epoch and its distance from the head: {@code 1234 (in 2 days 3 hours)}, {@code 10 (now)}. */
    static String epochTime(long head, long epoch, long blockDelaySeconds) {
        if (head == epoch) {
            return epoch + " (now)";
        }
        String span = duration(Math.abs(head - epoch) * blockDelaySeconds);
        return head > epoch ? epoch + " (" + span + " ago)" : epoch + " (in " + span + ")";
    }

    /** A span of seconds in its two largest non-zero units: {@code 2 days 3 hours}, {@code 1 minute}. */
    static String duration(long seconds) {
        StringBuilder sb = new StringBuilder();
        long rest = seconds;
        int shown = 0;
        for (int i = 0; i < UNIT_SECONDS.length && shown < 2; i++) {
            long n = rest / UNIT_SECONDS[i];
            rest %= UNIT_SECONDS[i];
            if (n > 0) {
                if (shown > 0) {
                    sb.append(' ');
                }
                sb.append(n).append(' ').append(UNIT_NAMES[i]).append(n == 1 ? "" : "s");
                shown++;
            }
        }
        return shown == 0 ? "0 seconds" : sb.toString();
    }

    /** A duration of whole seconds as Go prints a {@code time.Duration}: {@code 1h2m3s}, {@code 4m0s}, {@code 0s}. */
    static String goDuration(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder sb = new StringBuilder();
        long s = Math.abs(seconds);
        if (seconds < 0) {
            sb.append('-');
        }
        if (s >= 3600) {
            sb.append(s / 3600).append('h');
        }
        if (s >= 60) {
            sb.append(s % 3600 / 60).append('m');
        }
        return sb.append(s % 60).append('s').toString();
    }

    /** Bytes in binary units with four significant digits, as docker's units.BytesSize: {@code 32GiB}. */
    static String bytesSize(double bytes) {
        int unit = 0;
        double v = bytes;
        while (v >= 1024 && unit < BINARY_UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return fourDigits(v) + BINARY_UNITS[unit];
    }

    /** attoFIL as FIL, as Lotus's {@code types.FIL} prints it: {@code 0.2 FIL}, {@code 0 FIL}. */
    static String fil(BigInteger atto) {
        BigDecimal v = new BigDecimal(atto).movePointLeft(18).stripTrailingZeros();
        return (v.signum() == 0 ? "0" : v.toPlainString()) + " FIL";
    }

    /** attoFIL with an SI prefix and at most three decimals, as Lotus's {@code FIL.Short()}: {@code 200 mFIL}. */
    static String filShort(BigInteger atto) {
        if (atto.signum() == 0) {
            return "0";
        }
        BigInteger abs = atto.abs();
        BigInteger unit = BigInteger.ONE;
        String prefix = "";
        for (String p : SHORT_PREFIXES) {
            if (abs.compareTo(unit.multiply(BigInteger.valueOf(1000))) < 0) {
                prefix = p;
                break;
            }
            unit = unit.multiply(BigInteger.valueOf(1000));
        }
        if (prefix.isEmpty()) {
            unit = ATTO_PER_FIL;
        }
        BigDecimal v = new BigDecimal(atto).divide(new BigDecimal(unit), 3, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        return v.toPlainString() + " " + prefix + "FIL";
    }

    private static String fourDigits(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return d.toPlainString();
    }
}
