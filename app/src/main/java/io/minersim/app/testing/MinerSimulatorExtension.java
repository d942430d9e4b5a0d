package io.minersim.app.testing;

import io.minersim.rpc.MinerClient;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test a fresh {@link MinerSimulator}, stopped after the test:
 *
 * <pre>{@code
 * @RegisterExtension
 * MinerSimulatorExtension sim = MinerSimulatorExtension.withScenario(Path.of("scenarios/miner-in-trouble.yaml"));
 *
 * @Test
 * void seesTheFaults(MinerClient client) { ... sim.get().advance(20); ... }
 * }</pre>
 *
 * <p>Test methods may also take a {@link MinerSimulator}, a {@link MinerClient} or a
 * {@link io.minersim.rpc.FullNodeClient} (the simulated full node's, started on first use; admin tokens) as parameters.
 */
public final class MinerSimulatorExtension implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
    private final Consumer<MinerSimulator.Builder> setup;
    private MinerSimulator current;

    private MinerSimulatorExtension(Consumer<MinerSimulator.Builder> setup) {
        this.setup = setup;
    }

    /** A simulator with the defaults: devnet, {@code f01000}, 32 GiB sectors, seed 0, manual clock. */
    public static MinerSimulatorExtension create() {
        return new MinerSimulatorExtension(b -> { });
    }

    /** A simulator loaded from a scenario file. */
    public static MinerSimulatorExtension withScenario(Path file) {
        return new MinerSimulatorExtension(b -> b.scenario(file));
    }

    /** A simulator set up by {@code setup} (scenario, seed, clock…). */
    public static MinerSimulatorExtension configure(Consumer<MinerSimulator.Builder> setup) {
        return new MinerSimulatorExtension(setup);
    }

    /** The running test's simulator. */
    public MinerSimulator get() {
        if (current == null) {
            throw new IllegalStateException("no simulator: it exists only while a test runs");
        }
        return current;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        MinerSimulator.Builder b = MinerSimulator.builder();
        setup.accept(b);
        current = b.start();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        MinerSimulator s = current;
        current = null;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == MinerSimulator.class || type == MinerClient.class
                || type == io.minersim.rpc.FullNodeClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == io.minersim.rpc.FullNodeClient.class) {
            return get().fullNodeClient();
        }
        return type == MinerSimulator.class ? get() : get().client();
    }
}
