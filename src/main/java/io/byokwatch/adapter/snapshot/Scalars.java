package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.KeyRef;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the scalar spellings Azure payloads use; every method returns null for text it cannot read. */
final class Scalars {
    private static final Pattern EPOCH = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern SPACE_SEPARATED = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (\\d.*)$");
    // URI.create rejects the placeholders REST examples carry in key URLs ({key}, <key-name>); this reads them as text.
    private static final Pattern KEY_URL = Pattern.compile(
            "(?i)^[a-z][a-z0-9+.-]*://([^/?#\\s:]+)(?::\\d+)?/+keys/+([^/?#\\s]+)(?:/+([^/?#\\s]+))?/*$");
    private static final Pattern URL_HOST = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://([^/?#\\s:]+)(?::\\d+)?(?:[/?#].*)?$");

    /** Beyond any date Instant holds (year 1,000,000,000 is about 3.2e16 s). */
    private static final BigDecimal MAX_EPOCH_SECONDS = new BigDecimal("1e17");
    private static final BigDecimal ONE_NANOSECOND = new BigDecimal("1e-9");

    private Scalars() {
    }

    /** ISO-8601 with or without offset or fraction (no offset means UTC), a plain date, or epoch seconds. */
    static Instant instant(String text) {
        String t = text.trim();
        if (EPOCH.matcher(t).matches()) {
            return epochSeconds(decimal(t));
        }
        Matcher spaced = SPACE_SEPARATED.matcher(t);
        if (spaced.matches()) {
            t = spaced.group(1) + "T" + spaced.group(2);
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                try {
                    return LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException notDate) {
                    return null;
                }
            }
        }
    }

    /** The number, or null when it is none or its exponent is beyond what BigDecimal holds (1E9999999999). */
    static BigDecimal decimal(String text) {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Null for null, for a number beyond any date, and for anything Instant cannot hold. */
    static Instant epochSeconds(BigDecimal seconds) {
        if (seconds == null) {
            return null;
        }
        // comparisons are cheap at any exponent; toBigInteger() of 1e999999999 (or 1e-999999999) is not
        if (seconds.abs().compareTo(MAX_EPOCH_SECONDS) > 0) {
            return null;
        }
        if (seconds.abs().compareTo(ONE_NANOSECOND) < 0) {
            return Instant.EPOCH;
        }
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        long nanos = seconds.subtract(whole).movePointRight(9).longValue();
        try {
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        } catch (ArithmeticException | java.time.DateTimeException tooLarge) {
            return null;
        }
    }

    static Boolean bool(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.equals("true") ? Boolean.TRUE : t.equals("false") ? Boolean.FALSE : null;
    }

    static Integer integer(String text) {
        try {
            BigDecimal d = decimal(text);
            return d == null ? null : d.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** A key URL, tolerating the placeholder characters that {@link KeyRef#orNull} rejects. */
    static KeyRef keyUrl(String text) {
        KeyRef ref = KeyRef.orNull(text);
        if (ref != null) {
            return ref;
        }
        Matcher m = KEY_URL.matcher(text.trim());
        return m.matches() ? new KeyRef(m.group(1), m.group(2), m.group(3)) : null;
    }

    /** The lower-cased host of an absolute URL, without port. */
    static String host(String url) {
        try {
            String host = URI.create(url.trim()).getHost();
            if (host != null) {
                return host.toLowerCase(Locale.ROOT);
            }
        } catch (IllegalArgumentException fallThrough) {
            // placeholders such as <vault-name> are not URI characters; the pattern below still finds the host
        }
        Matcher m = URL_HOST.matcher(url.trim());
        return m.matches() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** A vault host as callers may spell it: any case, maybe with a port. */
    static String normaliseHost(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.indexOf(':');
        return colon < 0 ? h : h.substring(0, colon);
    }
}
