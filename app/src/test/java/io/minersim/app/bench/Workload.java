package io.minersim.app.bench;

import java.nio.charset.StandardCharsets;

/**
 * One kind of request: a fixed JSON-RPC body, or {@code Filecoin.SectorsStatus} on a sector drawn uniformly
 * from {@code [lo, hi]} for every request; with {@code token}, sent with {@code Authorization: Bearer <token>}.
 */
record Workload(String name, String fixedBody, long lo, long hi, String token) {
    static Workload fixed(String name, String body) {
        return new Workload(name, body, 0, -1, null);
    }

    static Workload randomStatus(String name, long lo, long hi) {
        return new Workload(name, null, lo, hi, null);
    }

    /** The same requests, sent with a token. */
    Workload withToken(String t) {
        return new Workload(name, fixedBody, lo, hi, t);
    }

    static final String PLEDGE_BODY = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.PledgeSector\",\"params\":[]}";

    static String statusBody(long sector) {
        return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorsStatus\",\"params\":[" + sector + ",false]}";
    }

    static final String SUMMARY_BODY = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"Filecoin.SectorsSummary\",\"params\":[]}";

    boolean random() {
        return fixedBody == null;
    }

    /** A body for one request; {@code r} is only used by the random workload. */
    byte[] body(java.util.SplittableRandom r) {
        String s = random() ? statusBody(lo + r.nextLong(hi - lo + 1)) : fixedBody;
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
