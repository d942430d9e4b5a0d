package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hand-written JSON writer and the encoded-result envelope, against the RPC mapper's bytes. */
class GoJsonWriterTest {
    private final ObjectMapper mapper = GoJson.newObjectMapper();

    @Test
    void everyCharacterIsWrittenAsTheMapperWritesIt() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String one = String.valueOf(c);
            assertThat(written(one)).as("U+%04X", (int) c).isEqualTo(mapped(one));
            all.append(c);
        }
        assertThat(written(all.toString())).isEqualTo(mapped(all.toString()));
    }

    @Test
    void stringsMixingRunsEscapesAndQuestionMarksAreWrittenAsTheMapperWritesThem() throws Exception {
        List<String> samples = new ArrayList<>(List.of("", "?", "??", "a?b", "plain ascii", "{\"User\":{\"A\":1}}",
                "<script>&amp;</script>", "\ud83d\ude00 smile", "x\ud800y", "\udc00", "?\ud800?", "tab\tend\n",
                "é?漢?\u2028"));
        samples.add("{\"User\":{\"Proof\":\"" + "ab+/=".repeat(600) + "\"}}");
        for (String s : samples) {
            assertThat(written(s)).as(s).isEqualTo(mapped(s));
        }
    }

    @Test
    void eachAsciiCharacterIsWrittenAsTheMapperWritesItAtEveryPositionOfAString() throws Exception {
        for (int length = 1; length <= 27; length++) {
            for (int at = 0; at < length; at++) {
                for (char c = 0; c < 0x80; c++) {
                    char[] chars = "abcdefghijklmnopqrstuvwxyz=".substring(0, length).toCharArray();
                    chars[at] = c;
                    String s = new String(chars);
                    assertThat(written(s)).as("U+%04X at %d of %d", (int) c, at, length).isEqualTo(mapped(s));
                }
            }
        }
    }

    @Test
    void whatAWriterHasWrittenStaysInItsArrayWhileItGoesOnAndGrows() {
        GoJsonWriter w = new GoJsonWriter(16).raw("[1,").reserve(4).raw(new byte[] {'x', '2', ',', 'y'}, 1, 2);
        byte[] early = w.array();
        int size = w.size();
        assertThat(new String(early, 0, size, StandardCharsets.US_ASCII)).isEqualTo("[1,2,");
        w.raw("3".repeat(1000)).raw(']');
        assertThat(w.array()).isNotSameAs(early);
        assertThat(new String(early, 0, size, StandardCharsets.US_ASCII)).isEqualTo("[1,2,");
        assertThat(text(w)).isEqualTo("[1,2," + "3".repeat(1000) + "]");
        assertThatThrownBy(() -> w.raw(new byte[2], 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> w.reserve(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void numbersAndBytesAreWrittenAsTheMapperWritesThem() throws Exception {
        for (long v : new long[] {0, 1, -1, 9, 10, -10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
            1_598_306_400L, -123_456_789_012L}) {
            assertThat(text(new GoJsonWriter(1).number(v))).isEqualTo(new String(mapper.writeValueAsBytes(v),
                    StandardCharsets.UTF_8));
        }
        for (byte[] b : new byte[][] {null, {}, {0}, {-1, 0}, {1, 2, 3}, new byte[1920]}) {
            assertThat(text(new GoJsonWriter(1).base64(b))).isEqualTo(new String(mapper.writeValueAsBytes(b),
                    StandardCharsets.UTF_8));
        }
        assertThat(text(new GoJsonWriter(1).bool(true).raw(',').bool(false).raw(',').nullValue()))
                .isEqualTo("true,false,null");
    }

    @Test
    void anEncodedResultHasTheEnvelopeOfAnEncodedValue() throws Exception {
        Object value = Map.of("B", List.of(1, 2), "A", "<x>");
        for (Object id : new Object[] {1.0, -7.0, 0.0, -0.0, 1.5, 1e15, 1e21, 1e-7, 123456789012345.0, 9.007199254740993E15,
            "abc", "", "<&>\u2028\"", null}) {
            byte[] expected = Envelopes.result(mapper, id, value);
            assertThat(text(Envelopes.encodedResult(id, mapper.writeValueAsBytes(value)))).as("id %s", id)
                    .isEqualTo(new String(expected, StandardCharsets.UTF_8));
        }
    }

    private String written(String s) {
        return text(new GoJsonWriter(4).string(s));
    }

    private String mapped(String s) throws Exception {
        return new String(mapper.writeValueAsBytes(s), StandardCharsets.UTF_8);
    }

    private static String text(GoJsonWriter w) {
        return new String(w.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
