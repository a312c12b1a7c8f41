package io.byokwatch.render.report;

import io.byokwatch.domain.Finding;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Identity of a finding across scans, for SARIF {@code partialFingerprints}. Code scanning matches alerts between
 * uploads by it, so it depends only on the rule and the lower-cased resource id: a changed message, severity or
 * cluster list keeps the same alert open instead of closing it and opening a new one.
 */
public final class Fingerprints {
    /** Versioned so that a future change of what is hashed cannot be mistaken for the old identity. */
    static final String KEY = "byokwatchFinding/v1";

    private Fingerprints() {
    }

    static String of(Finding finding) {
        return sha256(finding.key());
    }

    /** The folded findings of a rule beyond the result limit: one alert per rule that stays one across scans. */
    static String ofSummary(String ruleId) {
        return sha256("folded|" + ruleId);
    }

    private static String sha256(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
