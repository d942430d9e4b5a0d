package io.minersim.app.cli;

import io.minersim.rpc.types.CidLink;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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

    /**
     * attoFIL with an SI prefix and at most three decimals, as Lotus's {@code FIL.Short()}: {@code 200 mFIL}
     * (big.Rat's FloatString rounds halves away from zero).
     */
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
        BigDecimal v = new BigDecimal(atto).divide(new BigDecimal(unit), 3, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        return v.toPlainString() + " " + prefix + "FIL";
    }

    private static final String[] SIZE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB"};
    private static final String[] DECI_UNITS = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi"};
    private static final DateTimeFormatter RFC822 = DateTimeFormatter.ofPattern("dd MMM yy HH:mm zzz", Locale.ROOT);
    private static final DateTimeFormatter RFC822_NO_ZONE = DateTimeFormatter.ofPattern("dd MMM yy HH:mm",
            Locale.ROOT);
    private static final DateTimeFormatter TIME_ONLY = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /** Bytes as Lotus's {@code types.SizeStr}: {@code %.4g} and a binary unit, {@code 2 KiB}, {@code 1.5 GiB}. */
    static String sizeStr(BigInteger bytes) {
        return unitNumber(bytes, SIZE_UNITS, 4);
    }

    /** Quality-adjusted power as Lotus's {@code types.DeciStr}: {@code %.3g} and a binary prefix, {@code 4 Ki}. */
    static String deciStr(BigInteger value) {
        return unitNumber(value, DECI_UNITS, 3);
    }

    private static String unitNumber(BigInteger n, String[] units, int precision) {
        BigDecimal r = new BigDecimal(n);
        BigDecimal k = BigDecimal.valueOf(1024);
        int i = 0;
        while (r.doubleValue() >= 1024 && i + 1 < units.length) {
            i++;
            r = r.divide(k);
        }
        return goG(r.doubleValue(), precision) + " " + units[i];
    }

    /** A float as Go's {@code %.Ng}: N significant digits, exponent form when the exponent is below -4 or >= N. */
    static String goG(double v, int precision) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(precision, RoundingMode.HALF_EVEN));
        int exp = d.precision() - d.scale() - 1;
        if (exp < -4 || exp >= precision) {
            BigDecimal mantissa = d.movePointLeft(exp).stripTrailingZeros();
            String e = String.format(Locale.ROOT, "%02d", Math.abs(exp));
            return mantissa.toPlainString() + "e" + (exp < 0 ? "-" : "+") + e;
        }
        return d.stripTrailingZeros().toPlainString();
    }

    /** A float as Go's {@code %.Nf} (the exact binary value, rounded half to even). */
    static String goF(double v, int decimals) {
        return new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    }

    /**
     * Lotus's {@code cliutil.EpochTimeTs}: the epoch, its wall time (Go's RFC822 in the local zone) from the
     * tipset's timestamp, and its distance from {@code head}: {@code 1234 (02 Jan 06 15:04 UTC, in 2 hours)}.
     */
    static String epochTimeTs(long head, long epoch, long tipsetHeight, long tipsetTimestamp, long blockDelay,
            ZoneId zone) {
        String when = rfc822(tipsetTimestamp + (epoch - tipsetHeight) * blockDelay, zone);
        if (head == epoch) {
            return epoch + " (" + when + ", now)";
        }
        String span = duration(Math.abs(head - epoch) * blockDelay);
        return head > epoch ? epoch + " (" + when + ", " + span + " ago)" : epoch + " (" + when + ", in " + span + ")";
    }

    /** Go's {@code time.RFC822} in a zone: its abbreviation, {@code UTC} for UTC, {@code +0200} for a bare offset. */
    private static String rfc822(long unixSeconds, ZoneId zone) {
        ZoneId z = zone.normalized();
        if (z instanceof ZoneOffset o) {
            String abbrev = o.getTotalSeconds() == 0 ? "UTC" : DateTimeFormatter.ofPattern("xx", Locale.ROOT).format(o);
            return RFC822_NO_ZONE.format(Instant.ofEpochSecond(unixSeconds).atZone(o)) + " " + abbrev;
        }
        return RFC822.format(Instant.ofEpochSecond(unixSeconds).atZone(zone));
    }

    /** Unix seconds as Go's {@code time.TimeOnly} in a zone: {@code 15:04:05}. */
    static String timeOnly(long unixSeconds, ZoneId zone) {
        return TIME_ONLY.format(Instant.ofEpochSecond(unixSeconds).atZone(zone));
    }

    private static String fourDigits(double v) {
        if (v == 0) {
            return "0";
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(4, RoundingMode.HALF_EVEN)).stripTrailingZeros();
        return d.toPlainString();
    }
}
