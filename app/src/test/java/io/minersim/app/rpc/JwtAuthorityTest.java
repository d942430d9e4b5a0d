package io.minersim.app.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** wire-facts c.1 and c.4: Lotus's token format and verification errors. */
class JwtAuthorityTest {
    private final byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final JwtAuthority jwt = new JwtAuthority(secret);

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private String hs256(String signingInput) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(
                signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void tokensHaveLotussExactHeaderAndPayload() throws Exception {
        String token = jwt.sign(List.of("read", "write", "sign", "admin"));
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        assertThat(parts[0]).isEqualTo("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .isEqualTo("{\"Allow\":[\"read\",\"write\",\"sign\",\"admin\"]}");
        assertThat(parts[1]).isEqualTo("eyJBbGxvdyI6WyJyZWFkIiwid3JpdGUiLCJzaWduIiwiYWRtaW4iXX0");
        assertThat(parts[2]).isEqualTo(hs256(parts[0] + "." + parts[1]));
        assertThat(token).doesNotContain("=");
        assertThat(jwt.verify(token)).containsExactly("read", "write", "sign", "admin");
    }

    @Test
    void anyStringsAreSignedAndNullIsGoNil() throws Exception {
        assertThat(jwt.verify(jwt.sign(List.of("none", "<x>")))).containsExactly("none", "<x>");
        String nil = jwt.sign(null);
        assertThat(new String(Base64.getUrlDecoder().decode(nil.split("\\.")[1]), StandardCharsets.UTF_8))
                .isEqualTo("{\"Allow\":null}");
        assertThat(jwt.verify(nil)).isEmpty();
        assertThat(jwt.verify(jwt.sign(List.of()))).isEmpty();
    }

    @Test
    void verificationFailuresCarryLotussText() {
        String good = jwt.sign(List.of("read"));
        String forged = new JwtAuthority(new byte[32]).sign(List.of("admin"));
        assertThatThrownBy(() -> jwt.verify(forged)).isInstanceOf(JwtVerificationException.class)
                .hasMessage("JWT Verification failed: jwt: HMAC verification failed");
        assertThatThrownBy(() -> jwt.verify("abc")).hasMessage("JWT Verification failed: jwt: malformed token");
        assertThatThrownBy(() -> jwt.verify("a.b")).hasMessage("JWT Verification failed: jwt: malformed token");
        String[] p = good.split("\\.");
        assertThatThrownBy(() -> jwt.verify(p[0] + "." + b64("{\"Allow\":[\"admin\"]}") + "." + p[2]))
                .hasMessage("JWT Verification failed: jwt: HMAC verification failed");
        assertThatThrownBy(() -> jwt.verify(p[0] + "." + p[1] + "." + p[2] + "="))
                .hasMessage("JWT Verification failed: illegal base64 data at input byte 43");
        assertThatThrownBy(() -> jwt.verify("e.x.y"))
                .hasMessage("JWT Verification failed: illegal base64 data at input byte 0");
        JwtVerificationException e = org.junit.jupiter.api.Assertions.assertThrows(JwtVerificationException.class,
                () -> jwt.verify(forged));
        assertThat(e.reason()).isEqualTo("jwt: HMAC verification failed");
    }

    @Test
    void theHeaderAlgIsNotChecked() throws Exception {
        // gbrlsnchs/jwt verifies only the signature; Lotus passes no header validator
        String header = b64("{\"alg\":\"none\"}");
        String payload = b64("{\"Allow\":[\"read\"],\"exp\":1}");
        String token = header + "." + payload + "." + hs256(header + "." + payload);
        assertThat(jwt.verify(token)).containsExactly("read");
    }

    @Test
    void payloadDecodingErrors() throws Exception {
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String notObject = b64("[1]");
        assertThatThrownBy(() -> jwt.verify(header + "." + notObject + "." + hs256(header + "." + notObject)))
                .hasMessage("JWT Verification failed: jwt: payload is not a valid JSON object");
        String badAllow = b64("{\"Allow\":\"admin\"}");
        assertThatThrownBy(() -> jwt.verify(header + "." + badAllow + "." + hs256(header + "." + badAllow)))
                .hasMessage("JWT Verification failed: json: cannot unmarshal string into Go struct field "
                        + "jwtPayload.Allow of type []auth.Permission");
        String lower = b64("{\"allow\":[\"sign\"]}");
        assertThat(jwt.verify(header + "." + lower + "." + hs256(header + "." + lower))).containsExactly("sign");
    }

    @Test
    void secretsAreAtLeast32Bytes() {
        assertThatThrownBy(() -> new JwtAuthority(new byte[16])).isInstanceOf(IllegalArgumentException.class);
        assertThat(JwtAuthority.generate().secret()).hasSize(32);
    }
}
