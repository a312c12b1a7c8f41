package io.byokwatch.cli.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The serve key, compared so that response timing reveals nothing about it. */
public final class KeyCheck {
    /** The request header that carries the key; {@code ?key=} in the URL is the other place (Event Grid's). */
    public static final String HEADER = "x-byokwatch-key";

    private KeyCheck() {
    }

    /**
     * Compares SHA-256 digests of both sides in constant time: equal length whatever was sent, so timing tells neither
     * the key's bytes nor its length.
     */
    public static boolean matches(String given, String key) {
        return given != null && MessageDigest.isEqual(sha256(given), sha256(key));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
