package io.byokwatch.access;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Locale;

/** Small phrasing helpers shared by the detectors' explanations. */
final class Text {
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private Text() {
    }

    static String plural(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static String time(Instant t) {
        return MINUTE.format(t);
    }

    /** 12, 3.4, 0.25: enough digits to read, no more. */
    static String number(double x) {
        if (x >= 10 || x == Math.rint(x)) {
            return String.format(Locale.ROOT, "%,d", Math.round(x));
        }
        return String.format(Locale.ROOT, x >= 1 ? "%.1f" : "%.2f", x);
    }

    /** "a, b and c", at most {@code max} names and "n more". */
    static String list(Collection<String> items, int max) {
        var names = items.stream().limit(max).toList();
        String head = names.size() <= 1 ? String.join("", names)
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        return items.size() > max ? String.join(", ", names) + " and " + (items.size() - max) + " more" : head;
    }

    /** The text with its first letter upper-cased, to open a sentence with a caller's label. */
    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
