package io.byokwatch.adapter.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Signs generic webhook deliveries so receivers can reject forgeries and replays:
 * {@code X-Byokwatch-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">} with the shared secret, and
 * {@code X-Byokwatch-Timestamp: <unix seconds>}. Signing the timestamp with the body is what makes a replayed old
 * delivery detectable: the receiver checks the signature, then that the timestamp is recent.
 */
final class WebhookSigner {
    static final String TIMESTAMP = "X-Byokwatch-Timestamp";
    static final String SIGNATURE = "X-Byokwatch-Signature";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    WebhookSigner(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    Map<String, String> headers(String body, Instant now) {
        String timestamp = Long.toString(now.getEpochSecond());
        Map<String, String> h = new LinkedHashMap<>();
        h.put(TIMESTAMP, timestamp);
        h.put(SIGNATURE, "sha256=" + sign(timestamp + "." + body));
        return h;
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has " + ALGORITHM, e);
        }
    }
}
