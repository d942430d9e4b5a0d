package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.app.MinerSimCommand;
import io.minersim.app.node.MinerNode;
import io.minersim.rpc.MinerClient;
import io.minersim.sealing.MinerConfig;
import io.minersim.sealing.Profile;
import io.minersim.sealing.SealingConfig;
import io.minersim.sealing.SectorSize;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * A running simulator (devnet, 2 KiB sectors, manual clock, port 0) and a way to run {@code minersim}
 * commands against it through picocli with captured output, exit code and environment.
 */
final class CliFixture implements AutoCloseable {
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

    final MinerNode node;
    final MinerClient client;
    final Path home;
    final Map<String, String> env = new HashMap<>();
    String stdin = "";

    private CliFixture(MinerNode node, Path home) {
        this.node = node;
        this.home = home;
        this.client = MinerClient.connect(node.httpUri(), node.adminToken());
        env.put(CliEnvironment.MINER_API_INFO, node.minerApiInfo());
    }

    /** A devnet simulator with its batchers' default (seconds-long) waits. */
    static CliFixture start(Path home) throws Exception {
        return start(home, SealingConfig.devnet());
    }

    /** A simulator whose batches leave only when flushed (waits of a day), so sectors stay pending. */
    static CliFixture startHoldingBatches(Path home) throws Exception {
        return start(home, SealingConfig.devnet().withPreCommitBatching(256, Duration.ofHours(24),
                Duration.ofHours(1)).withCommitBatching(4, 819, Duration.ofHours(24), Duration.ofHours(1)));
    }

    private static CliFixture start(Path home, SealingConfig sealing) throws Exception {
        MinerNode node = MinerNode.builder().config(MinerConfig.of(Profile.DEVNET)
                .withSectorSize(SectorSize.SIZE_2KiB).withSealing(sealing)).manualClock(true)
                .listen("127.0.0.1", 0).start();
        return new CliFixture(node, home);
    }

    /** Runs {@code minersim <args>} with this fixture's environment and stdin. */
    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment environment = new CliEnvironment(env, home,
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
            client.miner().pledgeSector();
        }
        client.sim().advance(60);
        assertThat(client.miner().sectorsSummary()).containsEntry("Proving", (long) n);
    }

    @Override
    public void close() {
        node.close();
    }
}
