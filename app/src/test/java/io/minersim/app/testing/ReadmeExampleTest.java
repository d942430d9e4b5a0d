package io.minersim.app.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.minersim.rpc.MinerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's example test, verbatim between the markers, and a check that the README still shows it. */
class ReadmeExampleTest {

    // README-BEGIN
    @RegisterExtension
    MinerSimulatorExtension sim = MinerSimulatorExtension.withScenario(Path.of("../scenarios/miner-in-trouble.yaml"));

    @Test
    void faultsShowOnChainWhileTheSectorsStayProving(MinerClient client) {
        assertThat(client.miner().sectorsSummary()).containsEntry("Proving", 140L).doesNotContainKey("Faulty");
        assertThat(client.miner().sectorsStatus(120, true).early()).isPositive();  // faulty on chain
        assertThat(sim.get().miner().chain().faults().count()).isEqualTo(20);
        sim.get().advance(2880);  // a proving period: the scenario's new faults and missed PoSt reach the chain
        assertThat(sim.get().miner().chain().faults().count()).isGreaterThan(20);
    }
    // README-END

    @Test
    void theReadmeShowsThisExampleAsItIs() throws Exception {
        String source = Files.readString(Path.of("src/test/java/io/minersim/app/testing/ReadmeExampleTest.java"));
        String example = source.substring(source.indexOf("// README-BEGIN\n") + "// README-BEGIN\n".length(),
                source.indexOf("    // README-END"));
        String dedented = example.lines().map(l -> l.startsWith("    ") ? l.substring(4) : l)
                .reduce("", (a, b) -> a + b + "\n");
        String readme = Files.readString(Path.of("..", "README.md"));
        assertThat(readme).contains("```java\n" + dedented + "```\n");
        assertThat(dedented.lines().filter(l -> !l.isBlank()).count()).isLessThanOrEqualTo(10);
    }
}
