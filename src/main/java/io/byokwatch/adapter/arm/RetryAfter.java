package io.byokwatch.adapter.arm;

import com.azure.core.http.HttpHeaders;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** How long the server asked us to wait, from whichever header it used; null when it did not say. */
final class RetryAfter {
    private RetryAfter() {
    }

    static Duration from(HttpHeaders headers, Instant now) {
        Duration ms = millis(headers.getValue("retry-after-ms"));
        if (ms == null) {
            ms = millis(headers.getValue("x-ms-retry-after-ms"));
        }
        if (ms != null) {
            return ms;
        }
        Duration retryAfter = retryAfter(headers.getValue("Retry-After"), now);
        return retryAfter != null ? retryAfter : quotaReset(headers);
    }

    /** Resource Graph's per-user quota: {@code x-ms-user-quota-resets-after: hh:mm:ss}. */
    static Duration quotaReset(HttpHeaders headers) {
        String value = headers.getValue("x-ms-user-quota-resets-after");
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofNanos(LocalTime.parse(value.trim()).toNanoOfDay());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Delta-seconds or an HTTP-date (RFC 7231), the two forms Retry-After may take. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private static Duration millis(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
