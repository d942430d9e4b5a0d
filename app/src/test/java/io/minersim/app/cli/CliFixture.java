package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.MinerSimCommand;
import io.minersim.app.node.MinerNode;
import io.minersim.app.testing.MinerSimulatorExtension;
import io.minersim.rpc.MinerClient;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SealingConfig;
import io.minersim.sealing.SectorSize;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import picocli.CommandLine;

/**
 * A JUnit 5 extension, built on {@link MinerSimulatorExtension}: each test gets a running simulator (devnet,
 * 2 KiB sectors, manual clock, port 0), an empty home directory, and a way to run {@code minersim} commands
 * against the simulator through picocli with captured output, exit code and environment.
 *
 * <pre>{@code
 * @RegisterExtension
 * final CliFixture sim = CliFixture.devnet();
 * }</pre>
 */
final class CliFixture implements BeforeEachCallback, AfterEachCallback {
    /** What one command run gave. */
    record Result(int code, String out, String err) {
        /** Asserts a refusal: exit code not 0, nothing on stdout, exactly one {@code ERROR:} line on stderr. */
        Result refused(String errorContains) {
            assertThat(code).as("exit code; stderr: %s", err).isNotZero();
            assertThat(out).as("stdout").isEmpty();
            assertThat(err.lines().toList()).as("stderr").hasSize(1).first().asString().startsWith("ERROR: ")
                    .contains(errorContains);
            assertThat(err).doesNotContain("\tat ", "Exception");
            return this;
        }

        /** Asserts success: exit code 0 and nothing on stderr. */
        Result ok() {
            assertThat(code).as("exit code; stderr: %s", err).isZero();
            assertThat(err).as("stderr").isEmpty();
            return this;
        }
    }

    private final MinerSimulatorExtension simulator;
    /** The commands' environment variables; {@code MINER_API_INFO} points at the simulator when a test starts. */
    final Map<String, String> env = new HashMap<>();
    /** What the commands read on stdin. */
    String stdin = "";
    private Path home;

    private CliFixture(SealingConfig sealing) {
        this.simulator = MinerSimulatorExtension.configure(b -> b.profile(Profile.DEVNET)
                .sectorSize(SectorSize.SIZE_2KiB).sealing(sealing));
    }

    /** A devnet simulator with its batchers' default (seconds-long) waits. */
    static CliFixture devnet() {
        return new CliFixture(SealingConfig.devnet());
    }

    /** A simulator whose batches leave only when flushed (waits of a day), so sectors stay pending. */
    static CliFixture holdingBatches() {
        return new CliFixture(SealingConfig.devnet().withPreCommitBatching(256, Duration.ofHours(24),
                Duration.ofHours(1)).withCommitBatching(4, 819, Duration.ofHours(24), Duration.ofHours(1)));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        simulator.beforeEach(context);
        home = Files.createTempDirectory("minersim-cli-home");
        env.clear();
        env.put(CliEnvironment.MINER_API_INFO, node().minerApiInfo());
        env.put("TZ", "UTC");
        env.put(FullNodeEndpoint.FULLNODE_API_INFO, simulator.get().fullNodeApiInfo());
        stdin = "";
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            simulator.afterEach(context);
        } finally {
            Path h = home;
            home = null;
            if (h != null) {
                try (Stream<Path> files = Files.walk(h)) {
                    for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    /** The running test's node. */
    MinerNode node() {
        return simulator.get().node();
    }

    /** The typed client, with the admin token. */
    MinerClient client() {
        return simulator.get().client();
    }

    /**
     * The full node beside the simulator (started on first use), and {@code FULLNODE_API_INFO} pointing at it in the
     * commands' environment.
     */
    io.minersim.rpc.FullNodeApi fullNode() {
        env.put(FullNodeEndpoint.FULLNODE_API_INFO, simulator.get().fullNodeApiInfo());
        return simulator.get().fullNodeClient().fullNode();
    }

    /** The commands' home directory (where {@code ~/.minersim} is looked for): empty when a test starts. */
    Path home() {
        if (home == null) {
            throw new IllegalStateException("no home: it exists only while a test runs");
        }
        return home;
    }

    /** Runs {@code minersim <args>} with this fixture's environment and stdin. */
    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(env, home(),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        CommandLine cl = MinerSimCommand.commandLine(environment);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Pledges {@code n} CC sectors and seals them to Proving. */
    void provingSectors(int n) {
        for (int i = 0; i < n; i++) {
            client().miner().pledgeSector();
        }
        client().sim().advance(60);
        assertThat(client().miner().sectorsSummary()).containsEntry("Proving", (long) n);
    }
}
