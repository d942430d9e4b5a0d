package io.minersim.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ListenAddressTest {
    @Test
    void parsesHostAndPortWithIpv6Brackets() {
        assertThat(ListenAddress.parse("127.0.0.1:2345")).isEqualTo(new ListenAddress("127.0.0.1", 2345));
        assertThat(ListenAddress.parse("[::1]:0")).isEqualTo(new ListenAddress("::1", 0));
        assertThat(ListenAddress.parse("localhost:-1")).as("the range is the caller's to check")
                .isEqualTo(new ListenAddress("localhost", -1));
    }

    @Test
    void textThatIsNotHostColonDecimalPortIsNull() {
        assertThat(ListenAddress.parse("2345")).isNull();
        assertThat(ListenAddress.parse(":2345")).isNull();
        assertThat(ListenAddress.parse("127.0.0.1:")).isNull();
        assertThat(ListenAddress.parse("127.0.0.1:http")).isNull();
    }
}
