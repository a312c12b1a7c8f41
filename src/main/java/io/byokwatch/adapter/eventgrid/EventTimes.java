package io.byokwatch.adapter.eventgrid;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code eventTime} / {@code time}. Event Grid writes RFC 3339 with 6 or 7 fractional digits and {@code Z};
 * other publishers use offsets. A time without an offset is refused: guessing its zone would misorder events.
 */
final class EventTimes {
    private static final String EXAMPLE = "2018-07-19T18:38:04.6117357Z";

    private EventTimes() {
    }

    static Instant parse(String text, String field) {
        String t = text.trim();
        try {
            return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeParseException notOffset) {
            if (isLocal(t)) {
                throw new BadEvent("field '" + field + "' is '" + Fields.quote(t) + "', which has no UTC offset; add Z"
                        + " or an offset such as +02:00 (e.g. " + EXAMPLE + ")");
            }
            throw new BadEvent("field '" + field + "' is '" + Fields.quote(t) + "', which is not an ISO-8601"
                    + " date-time with an offset; expected e.g. " + EXAMPLE + " (Z or +hh:mm, 0-9 fractional digits)");
        }
    }

    private static boolean isLocal(String t) {
        try {
            LocalDateTime.parse(t, DateTimeFormatter.ISO_LOCAL_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
