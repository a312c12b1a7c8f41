package io.byokwatch.adapter.loganalytics;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the fields every audit-log shape spells its own way, with the same rules as the KQL queries so that files
 * and a workspace give the same bins: vault from the resource id or the object URL, key from the object URL (deleted
 * keys included), status from the HTTP code or, failing that, the result signature.
 */
final class AuditFields {
    private static final Pattern VAULT_IN_RESOURCE_ID =
            Pattern.compile("(?i)/providers/microsoft\\.keyvault/(?:vaults|managedhsms)/([^/]+)");
    private static final Pattern VAULT_IN_URL = Pattern.compile("(?i)^https://([^./:]+)\\.");
    private static final Pattern KEY_IN_URL = Pattern.compile("(?i)/(?:deleted)?keys/([^/?#]+)");
    /** The Log Analytics portal's CSV export writes times as {@code 11/30/2026, 2:05:07.123 AM}. */
    private static final DateTimeFormatter PORTAL = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .appendPattern("M/d/yyyy, h:mm:ss").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
            .optionalEnd().appendPattern(" a").toFormatter(Locale.US);

    private AuditFields() {
    }

    /** Input quoted in a problem, cut to {@code max} characters so that a hostile file cannot flood the report. */
    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "\u2026";
    }

    /**
     * Key and vault operations and a Managed HSM's full backup, the same filter as the hourly queries: secrets and
     * certificates are not ours.
     */
    static boolean relevant(String operation) {
        return operation != null && (operation.startsWith("Key") || operation.startsWith("Vault")
                || operation.equals("BackupCreate"));
    }

    static String vault(String resourceId, String objectUrl) {
        String v = group(VAULT_IN_RESOURCE_ID, resourceId);
        return v != null ? v : group(VAULT_IN_URL, objectUrl);
    }

    static String key(String objectUrl) {
        return group(KEY_IN_URL, objectUrl);
    }

    /** The HTTP status, from the code when the log has one (AzureDiagnostics writes it as a real: 200.0). */
    static int status(String httpStatus, String resultSignature) {
        if (httpStatus != null && !httpStatus.isBlank()) {
            try {
                return (int) Double.parseDouble(httpStatus.trim());
            } catch (NumberFormatException ignored) {
                // fall back on the signature
            }
        }
        if (resultSignature == null) {
            return 0;
        }
        return switch (resultSignature.trim().toLowerCase(Locale.ROOT)) {
            case "ok" -> 200;
            case "accepted" -> 202;
            case "nocontent", "no content" -> 204;
            case "badrequest", "bad request" -> 400;
            case "unauthorized" -> 401;
            case "forbidden" -> 403;
            case "notfound", "not found" -> 404;
            case "conflict" -> 409;
            case "toomanyrequests", "too many requests" -> 429;
            default -> 0;
        };
    }

    /** ISO-8601 (with or without offset, any fraction), or the portal's CSV format; null when neither. */
    static Instant time(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDateTime.parse(t, PORTAL).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notPortal) {
                    return null;
                }
            }
        }
    }

    private static String group(Pattern p, String text) {
        if (text == null) {
            return null;
        }
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }
}
