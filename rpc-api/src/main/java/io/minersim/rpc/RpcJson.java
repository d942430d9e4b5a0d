package io.minersim.rpc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The Jackson configuration both sides of the API use, so the server and {@link MinerClient} agree. */
public final class RpcJson {
    private RpcJson() {}

    /**
     * A new mapper for the wire records: unknown JSON fields are ignored (as Go's decoder ignores them), nulls are
     * written (Lotus sends them), everything else is Jackson's default (records, base64 byte arrays).
     */
    public static ObjectMapper newObjectMapper() {
        return JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    }
}
