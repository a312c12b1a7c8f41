package io.byokwatch.adapter.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The {@code Retry-After} header (RFC 9110 10.2.3): whole seconds, or an HTTP-date. Slack sends seconds with its 429s;
 * proxies and gateways in front of webhooks send either.
 */
final class RetryAfter {
    private RetryAfter() {
    }

    /** How long the receiver asked us to wait from {@code now}; null when the header is absent or unreadable. */
    static Duration parse(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.trim();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Duration.ofSeconds(Long.parseLong(v));
            } catch (NumberFormatException e) {
                // more digits than a long holds: nobody means that, treat as unreadable
                return null;
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
