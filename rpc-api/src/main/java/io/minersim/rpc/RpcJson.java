package io.minersim.rpc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The plain Jackson configuration for the wire records, as the typed client ({@link MinerClient}) reads and writes
 * them. The server does not use it: it speaks go-jsonrpc's JSON (Go's escaping, Go's strictness when decoding).
 */
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
