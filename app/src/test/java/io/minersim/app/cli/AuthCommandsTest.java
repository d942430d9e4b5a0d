package io.minersim.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minersim.rpc.MinerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final CliFixture sim = CliFixture.devnet();

    private String created(String perm) {
        String out = sim.run("auth", "create-token", "--perm", perm).ok().out();
        assertThat(out).endsWith("\n").hasLineCount(1);
        return out.strip();
    }

    @Test
    void createTokenIssuesLotusCumulativePermissionLists() {
        assertThat(sim.client().miner().authVerify(created("read"))).containsExactly("read");
        assertThat(sim.client().miner().authVerify(created("write"))).containsExactly("read", "write");
        assertThat(sim.client().miner().authVerify(created("sign"))).containsExactly("read", "write", "sign");
        assertThat(sim.client().miner().authVerify(created("admin"))).containsExactly("read", "write", "sign",
                "admin");
    }

    @Test
    void createTokenJsonPrintsTheTokenAsAJsonString() throws Exception {
        JsonNode json = JSON.readTree(sim.run("auth", "create-token", "--perm", "write", "--json").ok().out());

        assertThat(json.isTextual()).isTrue();
        assertThat(sim.client().miner().authVerify(json.asText())).containsExactly("read", "write");
    }

    @Test
    void createTokenRefusesAMissingOrUnknownPermission() {
        sim.run("auth", "create-token").refused("--perm flag not set");
        sim.run("auth", "create-token", "--perm", "root").refused(
                "--perm flag has to be one of: [read write sign admin]");
    }

    @Test
    void createTokenNeedsAnAdminToken() {
        String write = sim.node().token(io.minersim.rpc.Permission.WRITE);

        sim.run("auth", "create-token", "--perm", "read", "--token", write)
                .refused("missing permission to invoke 'AuthNew' (need 'admin')");
    }

    @Test
    void apiInfoPrintsMinerApiInfoWithANewTokenAndTheMinersAddress() {
        String out = sim.run("auth", "api-info", "--perm", "write").ok().out();

        assertThat(out).startsWith("MINER_API_INFO=").endsWith(":" + sim.node().multiaddr() + "\n");
        String value = out.strip().substring("MINER_API_INFO=".length());
        String token = value.substring(0, value.indexOf(':'));
        assertThat(sim.client().miner().authVerify(token)).containsExactly("read", "write");

        sim.env.put(CliEnvironment.MINER_API_INFO, value);
        assertThat(sim.run("sectors", "pledge").ok().out()).as("the printed value works as MINER_API_INFO")
                .isEqualTo("Created CC sector:  0\n");
    }

    @Test
    void apiInfoJsonPrintsTheAddressAndToken() throws Exception {
        JsonNode json = JSON.readTree(sim.run("auth", "api-info", "--perm", "read", "--json").ok().out());

        assertThat(json.get("Addr").asText()).isEqualTo(sim.node().multiaddr());
        MinerClient reader = MinerClient.connect(sim.node().httpUri(), json.get("Token").asText());
        assertThat(reader.miner().authVerify(json.get("Token").asText())).containsExactly("read");
    }

    @Test
    void apiInfoRefusesAMissingPermission() {
        sim.run("auth", "api-info").refused("--perm flag not set, use with one of: read, write, sign, admin");
    }
}
