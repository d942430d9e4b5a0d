package io.minersim.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.rpc.MinerClient;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MinerSimulatorExtensionTest {

    @RegisterExtension
    final MinerSimulatorExtension sim = MinerSimulatorExtension.configure(b -> b.seed(5));

    /** Runs more than once: each run must find a simulator nobody has pledged into. */
    @RepeatedTest(3)
    void eachTestGetsAFreshSimulator(MinerSimulator injected, MinerClient client) {
        assertThat(injected).isSameAs(sim.get());
        assertThat(client.miner().sectorsList()).isEmpty();
        assertThat(client.miner().pledgeSector().number()).isZero();
        assertThat(injected.head()).isZero();
        injected.advance(40);
        assertThat(client.miner().sectorsStatus(0, false).state()).isEqualTo("Proving");
    }

    @Test
    void theSimulatorIsGoneAfterTheTest() {
        int port = sim.get().port();
        sim.afterEach(null);
        org.assertj.core.api.Assertions.assertThatThrownBy(sim::get).hasMessageContaining("only while a test runs");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new java.net.Socket("127.0.0.1", port))
                .isInstanceOf(java.net.ConnectException.class);
    }
}
