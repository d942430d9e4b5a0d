package io.minersim.app.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GoParamTypesTest {
    private MinerNode node;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeEach
    void start() throws Exception {
        node = MinerNode.builder().manualClock(true).listen("127.0.0.1", 0).start();
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private String call(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(node.httpUri()).header("Authorization", "Bearer " + node.adminToken())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    @Test
    void sectorNumbersAreUint64OnTheWireAsInLotus() throws Exception {
        assertThat(call("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorsStatus\","
                + "\"params\":[18446744073709551615,false]}")).isEqualTo("{\"error\":{\"code\":1,\"message\":"
                + "\"No state for /18446744073709551615: datastore: key not found\"},\"id\":1,\"jsonrpc\":\"2.0\"}\n");
        assertThat(call("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"Filecoin.SectorsStatus\",\"params\":[-1,false]}"))
                .contains("\"code\":-32700").contains("unmarshaling params for 'Filecoin.SectorsStatus' "
                        + "(param: *abi.SectorNumber): json: cannot unmarshal number -1 into Go value of type "
                        + "abi.SectorNumber");
        assertThat(call("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"Filecoin.SectorRemove\","
                + "\"params\":[18446744073709551616]}")).contains("\"code\":-32700")
                .contains("cannot unmarshal number 18446744073709551616 into Go value of type abi.SectorNumber");
        assertThat(call("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"Filecoin.SectorsStatus\",\"params\":[\"x\",false]}"))
                .contains("(param: *abi.SectorNumber)").doesNotContain("int64");
        assertThat(node.miner().sectorCount()).isZero();
    }
}
