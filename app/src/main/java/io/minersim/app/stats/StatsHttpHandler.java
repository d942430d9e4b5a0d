package io.minersim.app.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.minersim.app.http.RequestBodies;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Serves {@code GET /storage_provider/sector/<endpoint>}, also under Spacescope's base path {@code /v2} and with
 * the doubled slashes some clients send ({@code /v2//storage_provider/...}): the key first (401, code 10011), then the
 * path (404) and method (405), then the parameters (200 with code 30002 or 30004). Every answer is
 * JSON in Spacescope's envelope {@code {"request_id","code","message","data"}}.
 *
 * <p>{@code request_id} is Spacescope's shape, {@code <uuid>#<n>}: the UUID is name-based (MD5,
 * version 3) on the seed, the miners' heads and the request's path and query, and {@code n} counts
 * the server's requests from 1; so under a manual clock and a seed the same calls get the same ids.
 */
public final class StatsHttpHandler extends Handler.Abstract {
    /** The Content-Type of every answer. */
    static final String JSON = "application/json; charset=utf-8";

    private static final System.Logger LOG = System.getLogger(StatsHttpHandler.class.getName());
    /** A failure of the server itself. */
    private static final int INTERNAL_ERROR = 50000;

    /** Spacescope's base path, before {@link StatsEndpoint#PREFIX}. */
    static final String V2 = "/v2";
    private static final java.util.regex.Pattern DOUBLED_SLASHES = java.util.regex.Pattern.compile("/{2,}");

    private final StatsService service;
    private final StatsKeys keys;
    private final long seed;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicLong requests = new AtomicLong();

    public StatsHttpHandler(StatsService service, StatsKeys keys, long seed) {
        this.service = service;
        this.keys = keys;
        this.seed = seed;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String target = request.getHttpURI().getPathQuery();
        String requestId = requestId(target == null ? "" : target, requests.incrementAndGet());
        int status = 200;
        byte[] body;
        try {
            authorize(request.getHeaders().get(HttpHeader.AUTHORIZATION));
            StatsEndpoint endpoint = endpoint(Request.getPathInContext(request));
            if (!HttpMethod.GET.is(request.getMethod())) {
                throw new StatsApiException(405, StatsApiException.METHOD_NOT_ALLOWED, request.getMethod()
                        + " is not allowed: the statistics API answers GET");
            }
            Fields query = queryParameters(request);
            List<StatsService.Row> rows = service.query(query.getValue("state_date"), query.getValue("miner_id"));
            body = success(requestId, endpoint, rows);
        } catch (StatsApiException e) {
            status = e.httpStatus();
            body = error(requestId, e.code(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "statistics request " + target + " failed", e);
            status = 500;
            body = error(requestId, INTERNAL_ERROR, "internal error");
        }
        RequestBodies.discard(request, response); // the API takes no body; a dribbled one holds no thread
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        if (HttpMethod.HEAD.is(request.getMethod())) {
            callback.succeeded();
        } else {
            response.write(true, ByteBuffer.wrap(body), callback);
        }
        return true;
    }

    private void authorize(String header) {
        if (header == null || header.isBlank()) {
            throw new StatsApiException(401, StatsApiException.BAD_KEY,
                    "missing API key: send the header 'Authorization: Bearer <key>'");
        }
        if (header.length() < 7 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw new StatsApiException(401, StatsApiException.BAD_KEY,
                    "token format error: the Authorization header must be 'Bearer <key>'");
        }
        if (!keys.accepts(header.substring(7).strip())) {
            throw new StatsApiException(401, StatsApiException.BAD_KEY, "invalid API key");
        }
    }

    private static StatsEndpoint endpoint(String target) {
        String path = spacescopePath(target);
        StatsEndpoint e = path != null && path.startsWith(StatsEndpoint.PREFIX)
                ? StatsEndpoint.ofName(path.substring(StatsEndpoint.PREFIX.length())) : null;
        if (e == null) {
            throw new StatsApiException(404, StatsApiException.NOT_FOUND, "no such endpoint: " + path
                    + "; the endpoints are " + StatsEndpoint.PREFIX + "{total, commit_sector_count, "
                    + "commit_sector_size, terminate, fault, recover, expire, extend, snap, sector_duration}");
        }
        return e;
    }

    /**
     * The path as Spacescope's clients send it, made one of ours: runs of slashes are one (some clients join
     * {@code .../v2/} and {@code /storage_provider/...}), and Spacescope's base path {@code /v2} may lead.
     */
    static String spacescopePath(String path) {
        if (path == null) {
            return null;
        }
        String p = DOUBLED_SLASHES.matcher(path).replaceAll("/");
        return p.startsWith(V2 + "/") ? p.substring(V2.length()) : p;
    }

    private static Fields queryParameters(Request request) {
        try {
            return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            throw new StatsApiException(200, StatsApiException.BAD_PARAMETER,
                    "invalid parameter: the query string is not valid URL encoding");
        }
    }

    private String requestId(String target, long n) {
        StringBuilder name = new StringBuilder("minersim-stats/").append(seed);
        for (StatsMiner m : service.miners()) {
            name.append('/').append(m.head().getAsLong());
        }
        name.append('/').append(target);
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8)) + "#" + n;
    }

    /** The success envelope for these rows, fields in the endpoint's order. */
    byte[] success(String requestId, StatsEndpoint endpoint, List<StatsService.Row> rows) {
        ObjectNode root = envelope(requestId, 0, "success.");
        ArrayNode data = root.putArray("data");
        for (StatsService.Row r : rows) {
            ObjectNode row = data.addObject();
            for (StatsEndpoint.Field f : endpoint.fields()) {
                switch (f.name()) {
                    case "stat_date" -> row.put(f.name(), r.stats().date() + "T00:00:00Z");
                    case "miner_id" -> row.put(f.name(), r.minerId());
                    default -> {
                        Number v = f.value().apply(r.stats());
                        if (v instanceof Double d) {
                            row.put(f.name(), d.doubleValue());
                        } else {
                            row.put(f.name(), v.longValue());
                        }
                    }
                }
            }
        }
        return bytes(root);
    }

    /**
     * The envelope for a failure Jetty answered itself (see {@link io.minersim.app.http.JsonErrorPages}): code
     * status × 100, as {@link StatsApiException#NOT_FOUND} is 404 × 100, and a request id as for any request.
     */
    public byte[] errorBody(Request request, int status, String message) {
        String target = request.getHttpURI() == null ? null : request.getHttpURI().getPathQuery();
        return error(requestId(target == null ? "" : target, requests.incrementAndGet()), status * 100, message);
    }

    private byte[] error(String requestId, int code, String message) {
        ObjectNode root = envelope(requestId, code, message);
        root.putNull("data");
        return bytes(root);
    }

    private ObjectNode envelope(String requestId, int code, String message) {
        ObjectNode root = mapper.createObjectNode();
        root.put("request_id", requestId);
        root.put("code", code);
        root.put("message", message);
        return root;
    }

    private byte[] bytes(ObjectNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
