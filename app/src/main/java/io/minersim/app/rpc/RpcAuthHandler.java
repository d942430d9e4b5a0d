package io.minersim.app.rpc;

import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * go-jsonrpc's {@code auth.Handler} in front of every route: the token comes from {@code Authorization} (which must
 * start with exactly {@code "Bearer "}) or, without that header, from the {@code token} query parameter. A header
 * without the prefix or a token that fails verification gives 401 with an empty body; no token at all gives
 * Lotus's default permissions ({@code read}). The caller's permissions are left in a request attribute.
 */
public final class RpcAuthHandler extends Handler.Wrapper {
    /** The request attribute holding the caller's permissions (a {@code List<String>}). */
    public static final String PERMISSIONS_ATTRIBUTE = "io.minersim.rpc.permissions";

    private static final System.Logger LOG = System.getLogger(RpcAuthHandler.class.getName());

    private final JwtAuthority authority;

    /** @param authority the token verifier; null serves without auth (every caller holds every permission) */
    public RpcAuthHandler(JwtAuthority authority, Handler next) {
        super(next);
        this.authority = authority;
    }

    /** The permissions the auth handler granted this request (Lotus's defaults when it did not run). */
    public static List<String> permissions(Request request) {
        Object p = request.getAttribute(PERMISSIONS_ATTRIBUTE);
        if (p instanceof List<?> list) {
            if (p == CallContext.DEFAULT_PERMISSIONS) {
                return CallContext.DEFAULT_PERMISSIONS; // the common case of a caller without a token
            }
            return list.stream().map(Objects::toString).toList();
        }
        return CallContext.DEFAULT_PERMISSIONS;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (authority == null) {
            request.setAttribute(PERMISSIONS_ATTRIBUTE, List.of("read", "write", "sign", "admin"));
            return super.handle(request, response, callback);
        }
        String token = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (token == null || token.isEmpty()) {
            token = queryToken(request);
            if (token != null && !token.isEmpty()) {
                token = "Bearer " + token;
            }
        }
        if (token != null && !token.isEmpty()) {
            if (!token.startsWith("Bearer ")) {
                LOG.log(System.Logger.Level.WARNING, "missing Bearer prefix in auth header");
                HttpReplies.drain(request);
                HttpReplies.empty(response, callback, 401);
                return true;
            }
            try {
                List<String> allow = authority.verify(token.substring("Bearer ".length()));
                request.setAttribute(PERMISSIONS_ATTRIBUTE, allow);
            } catch (JwtVerificationException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage() + " (originating from "
                        + Request.getRemoteAddr(request) + ")");
                HttpReplies.drain(request);
                HttpReplies.empty(response, callback, 401);
                return true;
            }
        } else {
            request.setAttribute(PERMISSIONS_ATTRIBUTE, CallContext.DEFAULT_PERMISSIONS);
        }
        return super.handle(request, response, callback);
    }

    private static String queryToken(Request request) {
        if (request.getHttpURI().getQuery() == null) {
            return null;
        }
        try {
            Fields q = Request.extractQueryParameters(request);
            return q.getValue("token");
        } catch (RuntimeException e) {
            return null; // Go's FormValue ignores a malformed query
        }
    }
}
