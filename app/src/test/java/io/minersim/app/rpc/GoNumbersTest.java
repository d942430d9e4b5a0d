package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Go's number conversions, hand-written so that a literal of any length costs linear time. */
class GoNumbersTest {
    private static double f64(String literal) {
        return GoNumbers.parseFloat64(literal.getBytes(StandardCharsets.US_ASCII));
    }

    private static Long u64(String literal) {
        return GoNumbers.parseUint64(literal.getBytes(StandardCharsets.US_ASCII));
    }

    /** The short-integer fast path (a request id) gives what the general path gives, up to and past its limit. */
    @Test
    void float64OfShortIntegersEqualsTheCorrectlyRoundedValueOnBothSidesOfTheFastPathsLimit() {
        Random r = new Random(14);
        for (int digits = 1; digits <= GoNumbers.EXACT_INTEGER_DIGITS + 3; digits++) {
            for (int k = 0; k < 200; k++) {
                StringBuilder sb = new StringBuilder(r.nextBoolean() ? "-" : "");
                sb.append(digits == 1 ? r.nextInt(10) : 1 + r.nextInt(9));
                for (int d = 1; d < digits; d++) {
                    sb.append(r.nextInt(10));
                }
                String s = sb.toString();
                assertThat(f64(s)).as(s).isEqualTo(new BigDecimal(s).doubleValue());
            }
        }
        for (String s : List.of("999999999999999", "-999999999999999", "1000000000000000", "9007199254740993",
                "-0", "0", "12.0", "1e2")) {
            assertThat(f64(s)).as(s).isEqualTo(new BigDecimal(s).doubleValue());
        }
        assertThat(1 / f64("-0")).isNegative();
        assertThat(1 / f64("0")).isPositive();
    }

    @Test
    void float64IsCorrectlyRoundedLikeGosParseFloat() {
        for (String s : List.of("0", "-0", "1", "-1", "0.5", "10.25", "1e3", "1E+3", "-2.5e-3", "0.000001",
                "123456789012345678901234567890", "1.7976931348623157e308", "4.9e-324", "2.4703282292062328e-324",
                "2.4703282292062327e-324", "9007199254740993", "0.30000000000000004")) {
            assertThat(f64(s)).as(s).isEqualTo(new BigDecimal(s).doubleValue());
        }
        assertThat(1 / f64("-0")).isNegative();
        assertThat(1 / f64("-1e-400")).isNegative();
    }

    @Test
    void float64OfLongRandomLiteralsMatchesExactRounding() {
        Random r = new Random(12);
        for (int n = 0; n < 2000; n++) {
            StringBuilder s = new StringBuilder();
            if (r.nextBoolean()) {
                s.append('-');
            }
            int intDigits = 1 + r.nextInt(r.nextBoolean() ? 20 : 1200);
            s.append(1 + r.nextInt(9));
            for (int i = 1; i < intDigits; i++) {
                s.append(r.nextInt(10));
            }
            if (r.nextBoolean()) {
                s.append('.');
                int frac = 1 + r.nextInt(r.nextBoolean() ? 10 : 1200);
                for (int i = 0; i < frac; i++) {
                    s.append(r.nextInt(10));
                }
            }
            if (r.nextBoolean()) {
                s.append('e').append(r.nextInt(700) - 350 - intDigits);
            }
            String lit = s.toString();
            double want = new BigDecimal(lit).doubleValue();
            assertThat(f64(lit)).as(lit).isEqualTo(want);
        }
    }

    @Test
    void outOfRangeIsInfinityAndUnderflowIsZero() {
        assertThat(f64("1e99999999999")).isInfinite();
        assertThat(f64("-1e400")).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(f64("0e-99999999999")).isZero();
        assertThat(f64("0e99999999999")).isZero();
        assertThat(f64("1e-99999999999")).isZero();
        assertThat(f64("1" + "0".repeat(400))).isInfinite();
        assertThat(f64("0." + "0".repeat(400) + "1")).isZero();
    }

    @Test
    void aLiteralOfTenMillionDigitsTakesLinearTime() {
        byte[] digits = "7".repeat(10_000_000).getBytes(StandardCharsets.US_ASCII);
        byte[] fraction = ("0." + "0".repeat(5_000_000) + "3".repeat(5_000_000) + "e4999900")
                .getBytes(StandardCharsets.US_ASCII);
        long t0 = System.nanoTime();
        assertThat(GoNumbers.parseFloat64(digits)).isInfinite();
        // Go stops reading the exponent at 49999 (its cap is 10000): 0.333... × 10^(49999 - 5000000) is 0
        assertThat(GoNumbers.parseFloat64(fraction)).isZero();
        byte[] longFraction = ("3".repeat(300) + "." + "3".repeat(5_000_000)).getBytes(StandardCharsets.US_ASCII);
        assertThat(GoNumbers.parseFloat64(longFraction))
                .isEqualTo(new BigDecimal("3".repeat(300) + "." + "3".repeat(40)).doubleValue());
        assertThat(GoNumbers.parseUint64(digits)).isNull();
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(2.0); // about 0.05 s; BigInteger took minutes
    }

    @Test
    void uint64FailsWhereGosParseUintDoes() {
        assertThat(u64("0")).isZero();
        assertThat(u64("18446744073709551615")).isEqualTo(-1L);
        assertThat(u64("9223372036854775808")).isEqualTo(Long.MIN_VALUE);
        assertThat(u64("18446744073709551616")).isNull();
        assertThat(u64("99999999999999999999")).isNull();
        assertThat(u64("100000000000000000000")).isNull();
        assertThat(u64("-1")).isNull();
        assertThat(u64("")).isNull();
        assertThat(GoNumbers.cannotUnmarshal("-1".getBytes(StandardCharsets.US_ASCII), "abi.SectorNumber"))
                .isEqualTo("json: cannot unmarshal number -1 into Go value of type abi.SectorNumber");
    }

    @Test
    void idsDecodeAsGoInterfaceValues() throws Exception {
        String json = "{\"b\":[1e999,2,\"x\",true,null,{}],\"a\":0.5,\"a\":-0,\"\\u00e9\":false}";
        byte[] buf = json.getBytes(StandardCharsets.UTF_8);
        try (JsonParser p = GoJson.FACTORY.createParser(buf)) {
            p.nextToken();
            GoValues.Decoded d = GoValues.read(p, buf);
            assertThat(d.rangeError()).isTrue();
            assertThat(p.nextToken()).isNull();
            assertThat(new String(GoValues.toJson(d.value()), StandardCharsets.UTF_8))
                    .isEqualTo("{\"a\":-0,\"b\":[null,2,\"x\",true,null,{}],\"é\":false}");
        }
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        byte[] deepBuf = deep.getBytes(StandardCharsets.US_ASCII);
        try (JsonParser p = GoJson.FACTORY.createParser(deepBuf)) {
            p.nextToken();
            assertThat(GoValues.toJson(GoValues.read(p, deepBuf).value())).isEqualTo(deepBuf);
        }
    }
}
