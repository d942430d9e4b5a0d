package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;

/** Every response the tests saw must be free of Java names. */
final class NoJavaNames {
    private NoJavaNames() {
    }

    static void check() {
        assertThat(RpcFixture.SEEN).isNotEmpty();
        for (String body : RpcFixture.SEEN) {
            assertThat(body).doesNotContain("java.").doesNotContain("Exception").doesNotContain("jackson")
                    .doesNotContain("minersim");
        }
    }
}
