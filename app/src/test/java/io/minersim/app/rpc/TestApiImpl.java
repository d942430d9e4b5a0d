package io.minersim.app.rpc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

final class TestApiImpl implements TestApi {
    final AtomicLong counter = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicInteger sleeps = new java.util.concurrent.atomic.AtomicInteger();
    final AtomicLong removed = new AtomicLong(-1);
    final CompletableFuture<Void> closing = new CompletableFuture<>();
    volatile boolean closeWithoutReading;
    private final JwtAuthority jwt;

    TestApiImpl(JwtAuthority jwt) {
        this.jwt = jwt;
    }

    @Override
    public Map<String, Object> version() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Version", "1.36.1+mainnet+git.d7491c12d");
        m.put("APIVersion", 66816);
        m.put("BlockDelay", 30);
        m.put("Agent", "lotus");
        return m;
    }

    @Override
    public Status sectorsStatus(long sector, boolean showOnChainInfo) {
        if (sector == 404) {
            throw new IllegalArgumentException("No state for /404: datastore: key not found");
        }
        return new Status(sector, "Proving", List.of());
    }

    @Override
    public void sectorRemove(long sector) {
        removed.set(sector);
    }

    @Override
    public void sectorStartSealing(long sector) {
    }

    @Override
    public String echo(String s) {
        return s;
    }

    @Override
    public String fail(String message) {
        throw new IllegalStateException(message);
    }

    @Override
    public String panic() {
        Object o = null;
        return o.toString();
    }

    @Override
    public CompletableFuture<Void> closing() {
        return closing;
    }

    @Override
    public Map<String, Object> discover() {
        return Map.of("openrpc", "1.2.6");
    }

    @Override
    public long sleep(long millis) throws InterruptedException {
        sleeps.incrementAndGet();
        Thread.sleep(millis);
        return millis;
    }

    /** How many Sleep calls have started. */
    int sleepsStarted() {
        return sleeps.get();
    }

    @Override
    public long count() {
        return counter.incrementAndGet();
    }

    @Override
    public SectorRef takeRef(SectorRef ref) {
        return ref;
    }

    @Override
    public Added addPiece(long size, InputStream data, Map<String, Object> deal) throws IOException {
        if (closeWithoutReading) {
            data.close();
            return new Added(1, 0, 0, "");
        }
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while ((n = data.read(buf)) >= 0) {
            md.update(buf, 0, n);
            total += n;
        }
        data.close();
        return new Added(1, 0, total, HexFormat.of().formatHex(md.digest()));
    }

    @Override
    public byte[] authNew(List<String> perms) {
        return jwt.sign(perms).getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public List<String> authVerify(String token) throws JwtVerificationException {
        return jwt.verify(token);
    }
}
