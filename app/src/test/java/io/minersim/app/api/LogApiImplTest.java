package io.minersim.app.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogApiImplTest {

    @Test
    void levelsAreTheNodesStateAndABadLevelChangesNothing() {
        LogApiImpl log = new LogApiImpl();
        assertThat(log.level("sectors")).isEqualTo("info");
        log.logSetLevel("sectors", "DEBUG");
        assertThat(log.level("sectors")).isEqualTo("debug");
        assertThat(log.level("wdpost")).isEqualTo("info");

        assertThatThrownBy(() -> log.logSetLevel("sectors", "verbose")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unrecognized level: \"verbose\"");
        assertThat(log.level("sectors")).isEqualTo("debug");

        log.logSetLevel("*", "warning");
        assertThat(log.level("sectors")).isEqualTo("warn");
        assertThat(log.level("a-logger-made-later")).as("the default").isEqualTo("warn");
        log.logSetLevel("not-yet", "error");
        assertThat(log.level("not-yet")).isEqualTo("error");
        assertThat(log.logList()).doesNotContain("not-yet");
    }

    @Test
    void goQuoteEscapesAsStrconvQuote() {
        assertThat(GoQuote.quote("a\"b\\c\n\u0001é")).isEqualTo("\"a\\\"b\\\\c\\n\\x01é\"");
    }
}
