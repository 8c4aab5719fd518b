package io.connectionhealth.notification;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Standard Webhooks signatures: {@code v1,} + base64(HMAC-SHA256(id.timestamp.body)) keyed with the base64 part of
 * the {@code whsec_} secret. With several secrets (during a rotation) the header lists one signature per secret,
 * space-separated, so a receiver holding either secret verifies.
 */
final class WebhookSigner {

    static final String SECRET_PREFIX = "whsec_";

    private WebhookSigner() {
    }

    static String signatureHeader(List<String> secrets, String msgId, long timestampSeconds, String body) {
        return secrets.stream().map(secret -> "v1," + sign(secret, msgId, timestampSeconds, body))
                .collect(Collectors.joining(" "));
    }

    static String sign(String secret, String msgId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(secret), "HmacSHA256"));
            byte[] digest = mac.doFinal((msgId + "." + timestampSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
