package io.byokwatch.render.kpi;

import io.byokwatch.kpi.KpiReport;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How every KPI format writes numbers, durations and money, so the page, the Markdown and the digest agree. */
public final class KpiText {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private KpiText() {
    }

    /** "66.7%", or "n/a" when there is nothing to divide. */
    public static String percent(Double p) {
        return p == null ? "n/a" : String.format(Locale.ROOT, "%.1f%%", p);
    }

    /** "45 s", "12 min", "4 h 12 min", "3 d 4 h"; "n/a" for none. */
    public static String duration(Duration d) {
        if (d == null) {
            return "n/a";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 86_400) {
            long m = (s % 3600) / 60;
            return (s / 3600) + " h" + (m == 0 ? "" : " " + m + " min");
        }
        long h = (s % 86_400) / 3600;
        return (s / 86_400) + " d" + (h == 0 ? "" : " " + h + " h");
    }

    public static String hours(Double h) {
        return h == null ? "n/a" : duration(Duration.ofSeconds(Math.round(h * 3600)));
    }

    /** "$5.38" for USD, "12.40 EUR" otherwise; "n/a" for none. */
    public static String money(Double amount, String currency) {
        if (amount == null) {
            return "n/a";
        }
        String n = String.format(Locale.ROOT, "%,.2f", amount);
        return "USD".equalsIgnoreCase(currency) ? "$" + n : n + " " + currency;
    }

    public static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    public static String day(Instant t) {
        return DAY.format(t);
    }

    public static String minute(Instant t) {
        return t == null ? "n/a" : MINUTE.format(t);
    }

    /** "2026-09-02 to 2026-12-01": the window as people say it, end inclusive. */
    public static String window(KpiReport r) {
        return day(r.from()) + " to " + day(r.to().minusNanos(1));
    }

    /** The four headline numbers as one line, for terminals and chat fallbacks. */
    public static String headlineLine(KpiReport r) {
        KpiReport.Headline h = r.headline();
        return "compliant " + percent(h.compliantPercent()) + " \u00b7 MTTR " + hours(h.meanHoursToRemediate())
                + " \u00b7 keys rotated within " + r.rotation().maxAgeDays() + " d " + percent(h.rotatedWithinPolicyPercent())
                + " \u00b7 Key Vault cost (estimate) " + money(h.costEstimate(), r.cost().prices().currency());
    }
}
