package io.minersim.app.rpc;

import io.minersim.app.http.RequestBodies;
import io.minersim.rpc.Permission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
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
 * Lotus's default permissions ({@code read}). The token's claim is parsed here, once, into the
 * {@link Permission}s it grants, which are left in a request attribute.
 */
public final class RpcAuthHandler extends Handler.Wrapper {
    /** The request attribute holding the caller's permissions: read it with {@link #permissions(Request)}. */
    public static final String PERMISSIONS_ATTRIBUTE = "io.minersim.rpc.permissions";

    private static final System.Logger LOG = System.getLogger(RpcAuthHandler.class.getName());
    private static final Granted ALL = new Granted(Collections.unmodifiableSet(EnumSet.allOf(Permission.class)));
    private static final Granted DEFAULT = new Granted(CallContext.DEFAULT_PERMISSIONS);

    /** What the attribute holds. */
    private record Granted(Set<Permission> permissions) {
    }

    private final JwtAuthority authority;

    /** @param authority the token verifier; null serves without auth (every caller holds every permission) */
    public RpcAuthHandler(JwtAuthority authority, Handler next) {
        super(next);
        this.authority = authority;
    }

    /** The permissions the auth handler granted this request (Lotus's defaults when it did not run). */
    public static Set<Permission> permissions(Request request) {
        return request.getAttribute(PERMISSIONS_ATTRIBUTE) instanceof Granted g ? g.permissions()
                : CallContext.DEFAULT_PERMISSIONS;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (authority == null) {
            request.setAttribute(PERMISSIONS_ATTRIBUTE, ALL);
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
                RequestBodies.discard(request, response);
                HttpReplies.empty(response, callback, 401);
                return true;
            }
            try {
                request.setAttribute(PERMISSIONS_ATTRIBUTE,
                        new Granted(authority.permissions(token.substring("Bearer ".length()))));
            } catch (JwtVerificationException e) {
                LOG.log(System.Logger.Level.WARNING, e.getMessage() + " (originating from "
                        + Request.getRemoteAddr(request) + ")");
                RequestBodies.discard(request, response);
                HttpReplies.empty(response, callback, 401);
                return true;
            }
        } else {
            request.setAttribute(PERMISSIONS_ATTRIBUTE, DEFAULT);
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
