package io.minersim.app.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import io.minersim.rpc.Permission;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Lotus's API tokens: HS256 JWTs with header {@code {"alg":"HS256","typ":"JWT"}} and payload exactly
 * {@code {"Allow":[...]}}, no expiry. Verification follows gbrlsnchs/jwt v3 as Lotus calls it: only the signature
 * is checked (the header's {@code alg} is not), then {@code Allow} is decoded; failures carry Lotus's text
 * {@code JWT Verification failed: <reason>}. The HMAC itself is computed by nimbus-jose-jwt.
 *
 * <p>This is where permissions meet their wire form. {@link #sign(List)} and {@link #verify} handle the claim as
 * Lotus does, any strings (what {@code AuthNew} and {@code AuthVerify} pass through); {@link #token} and
 * {@link #permissions} are the typed side: a token from {@link Permission}s, and a token's claim parsed into the
 * {@link Permission}s it grants, once, for everything after the auth handler.
 */
public final class JwtAuthority {
    /** The length of the secret Lotus generates. */
    public static final int SECRET_LENGTH = 32;

    private static final byte[] HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final JWSHeader JWS_HEADER = new JWSHeader(JWSAlgorithm.HS256);

    private final byte[] secret;
    private final MACSigner signer;

    /** @param secret the HMAC key: at least 32 bytes (Lotus's {@code auth-jwt-private} holds 32) */
    public JwtAuthority(byte[] secret) {
        this.secret = secret.clone();
        try {
            this.signer = new MACSigner(this.secret);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the HMAC secret must have at least " + SECRET_LENGTH + " bytes", e);
        }
    }

    /** A fresh authority with 32 random bytes, as Lotus's first start ("Generating new API secret"). */
    public static JwtAuthority generate() {
        byte[] s = new byte[SECRET_LENGTH];
        new SecureRandom().nextBytes(s);
        return new JwtAuthority(s);
    }

    /** A copy of the secret (for the keystore's {@code {"Type":"jwt-hmac-secret","PrivateKey":...}}). */
    public byte[] secret() {
        return secret.clone();
    }

    /**
     * Signs {@code {"Allow": allow}} (a null list is Go's nil slice: {@code {"Allow":null}}). Any strings are
     * accepted, as Lotus's AuthNew does.
     */
    public String sign(List<String> allow) {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        try (JsonGenerator g = GoJson.FACTORY.createGenerator(payload)) {
            g.writeStartObject();
            g.writeFieldName("Allow");
            if (allow == null) {
                g.writeNull();
            } else {
                g.writeStartArray();
                for (String p : allow) {
                    g.writeString(p);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String signingInput = B64.encodeToString(HEADER) + "." + B64.encodeToString(payload.toByteArray());
        return signingInput + "." + B64.encodeToString(mac(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A token allowing exactly {@code allow}, in its order (Lotus's cumulative lists come in enum order). */
    public String token(Collection<Permission> allow) {
        List<String> names = new ArrayList<>(allow.size());
        for (Permission p : allow) {
            names.add(p.wire());
        }
        return sign(names);
    }

    /**
     * What a valid token grants: the permissions its {@code Allow} claim names. A name Lotus does not know grants
     * nothing, as go-jsonrpc's check (a string compare) never matches it.
     *
     * @throws JwtVerificationException as {@link #verify} does
     */
    public Set<Permission> permissions(String token) throws JwtVerificationException {
        EnumSet<Permission> granted = EnumSet.noneOf(Permission.class);
        for (String name : verify(token)) {
            Permission p = Permission.fromWire(name);
            if (p != null) {
                granted.add(p);
            }
        }
        return Collections.unmodifiableSet(granted);
    }

    /**
     * The {@code Allow} list of a valid token (empty when the claim is missing or null).
     *
     * @throws JwtVerificationException with Lotus's message, e.g. {@code JWT Verification failed: jwt: HMAC
     *     verification failed} or {@code ...: jwt: malformed token}
     */
    public List<String> verify(String token) throws JwtVerificationException {
        byte[] t = token.getBytes(StandardCharsets.UTF_8);
        int sep1 = indexOf(t, 0);
        if (sep1 < 0) {
            throw new JwtVerificationException("jwt: malformed token");
        }
        int sep2 = indexOf(t, sep1 + 1);
        if (sep2 < 0) {
            throw new JwtVerificationException("jwt: malformed token");
        }
        checkHeader(goBase64(t, 0, sep1));
        byte[] sig = goBase64(t, sep2 + 1, t.length);
        byte[] expected = mac(java.util.Arrays.copyOfRange(t, 0, sep2));
        if (!MessageDigest.isEqual(sig, expected)) {
            throw new JwtVerificationException("jwt: HMAC verification failed");
        }
        return allowOf(goBase64(t, sep1 + 1, sep2));
    }

    private byte[] mac(byte[] signingInput) {
        try {
            return signer.sign(JWS_HEADER, signingInput).decode();
        } catch (JOSEException e) {
            throw new IllegalStateException("HMAC-SHA256 failed", e);
        }
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '.') {
                return i;
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------------------------------ Go's decoding

    private static final int[] DECODE = new int[256];

    static {
        java.util.Arrays.fill(DECODE, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (int i = 0; i < alphabet.length(); i++) {
            DECODE[alphabet.charAt(i)] = i;
        }
    }

    /**
     * Go's {@code base64.RawURLEncoding.Decode} into a buffer of {@code DecodedLen} bytes (gbrlsnchs keeps the
     * whole buffer): CR and LF are skipped, trailing bits are not checked, errors read
     * {@code illegal base64 data at input byte N}.
     */
    static byte[] goBase64(byte[] src, int from, int to) throws JwtVerificationException {
        int len = to - from;
        byte[] dst = new byte[len * 6 / 8];
        int n = 0;
        int si = 0;
        while (si < len) {
            int[] dbuf = new int[4];
            int dlen = 4;
            boolean end = false;
            for (int j = 0; j < 4; j++) {
                if (si == len) {
                    if (j == 0) {
                        end = true;
                        break;
                    }
                    if (j == 1) {
                        throw new JwtVerificationException("illegal base64 data at input byte " + (si - j));
                    }
                    dlen = j;
                    break;
                }
                int in = src[from + si] & 0xff;
                si++;
                int out = DECODE[in];
                if (out >= 0) {
                    dbuf[j] = out;
                    continue;
                }
                if (in == '\n' || in == '\r') {
                    j--;
                    continue;
                }
                throw new JwtVerificationException("illegal base64 data at input byte " + (si - 1));
            }
            if (end) {
                break;
            }
            int val = dbuf[0] << 18 | dbuf[1] << 12 | dbuf[2] << 6 | dbuf[3];
            byte[] three = {(byte) (val >> 16), (byte) (val >> 8), (byte) val};
            for (int k = 0; k < dlen - 1 && n < dst.length; k++) {
                dst[n++] = three[k];
            }
        }
        return dst;
    }

    /** gbrlsnchs's header decoding into {@code jwt.Header} (alg, cty, kid, typ: strings). */
    private static void checkHeader(byte[] json) throws JwtVerificationException {
        checkSyntax(json);
        try (JsonParser p = GoJson.FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            if (t != JsonToken.START_OBJECT) {
                throw new JwtVerificationException("json: cannot unmarshal " + GoJson.goKind(t)
                        + " into Go value of type jwt.Header");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken v = p.nextToken();
                for (String field : new String[] {"alg", "cty", "kid", "typ"}) {
                    if (k.equalsIgnoreCase(field) && v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                        throw new JwtVerificationException("json: cannot unmarshal " + GoJson.goKind(v)
                                + " into Go struct field Header." + field + " of type string");
                    }
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            throw new JwtVerificationException("unexpected end of JSON input");
        }
    }

    /** Lotus's {@code jwtPayload{Allow []auth.Permission}} decoding. */
    private static List<String> allowOf(byte[] json) throws JwtVerificationException {
        int[] span = GoJson.trimSpace(json, json.length);
        if (span[0] == span[1] || json[span[0]] != '{' || json[span[1] - 1] != '}') {
            throw new JwtVerificationException("jwt: payload is not a valid JSON object");
        }
        checkSyntax(json);
        List<String> allow = null;
        try (JsonParser p = GoJson.FACTORY.createParser(json)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String k = p.currentName();
                JsonToken v = p.nextToken();
                if (!k.equalsIgnoreCase("Allow")) {
                    p.skipChildren();
                    continue;
                }
                if (v == JsonToken.VALUE_NULL) {
                    allow = null;
                    continue;
                }
                if (v != JsonToken.START_ARRAY) {
                    throw new JwtVerificationException("json: cannot unmarshal " + GoJson.goKind(v)
                            + " into Go struct field jwtPayload.Allow of type []auth.Permission");
                }
                allow = new ArrayList<>();
                while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                    if (v == JsonToken.VALUE_STRING) {
                        allow.add(p.getText());
                    } else if (v == JsonToken.VALUE_NULL) {
                        allow.add("");
                    } else {
                        throw new JwtVerificationException("json: cannot unmarshal " + GoJson.goKind(v)
                                + " into Go struct field jwtPayload.Allow of type auth.Permission");
                    }
                }
            }
        } catch (IOException e) {
            throw new JwtVerificationException("unexpected end of JSON input");
        }
        return allow == null ? List.of() : Collections.unmodifiableList(allow);
    }

    /** Go's {@code json.Unmarshal} syntax check, with its messages approximated. */
    private static void checkSyntax(byte[] json) throws JwtVerificationException {
        try (JsonParser p = GoJson.FACTORY.createParser(json)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new JwtVerificationException("unexpected end of JSON input");
            }
            p.skipChildren();
            if (t == JsonToken.VALUE_STRING) {
                p.finishToken();
            }
            int end = (int) p.currentLocation().getByteOffset();
            for (int i = end; i < json.length; i++) {
                byte c = json[i];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    throw new JwtVerificationException("invalid character " + quoteChar(c)
                            + " after top-level value");
                }
            }
        } catch (JsonEOFException e) {
            throw new JwtVerificationException("unexpected end of JSON input");
        } catch (IOException e) {
            long at = e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe
                    && jpe.getLocation() != null ? jpe.getLocation().getByteOffset() : -1;
            byte c = at > 0 && at <= json.length ? json[(int) at - 1] : (json.length > 0 ? json[0] : (byte) ' ');
            throw new JwtVerificationException("invalid character " + quoteChar(c) + " looking for beginning of value");
        }
    }

    private static String quoteChar(byte b) {
        int c = b & 0xff;
        if (c == '\'') {
            return "'\\''";
        }
        if (c == '"') {
            return "'\"'";
        }
        if (c >= 0x20 && c < 0x7f) {
            return "'" + (char) c + "'";
        }
        return String.format("'\\x%02x'", c);
    }
}
