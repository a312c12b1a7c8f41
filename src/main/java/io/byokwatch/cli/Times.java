package io.byokwatch.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Parses {@code --now}: an instant with zone or offset, or a date (midnight UTC). */
final class Times {
    private Times() {
    }

    static Instant parse(String flag, String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException e2) {
                throw new UsageException("--" + flag + " '" + text + "' is not an ISO-8601 time; use e.g. 2026-11-29T12:00:00Z or 2026-11-29");
            }
        }
    }
}
