package io.byokwatch.render.kpi;

import io.byokwatch.kpi.KpiReport;
import io.byokwatch.kpi.KpiWeek;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the weekly KPI digest says, worded once so that the Slack, Teams and terminal digests never disagree: the four
 * numbers, each with its change from last week said in words (higher compliance is better, a lower time to remediate
 * is better), and where the dashboard is.
 */
public final class KpiDigestText {
    private KpiDigestText() {
    }

    /** One headline number with its change, ready to lay out. */
    public record Line(String label, String value, String change, Boolean better) {
        public String sentence() {
            return label + ": " + value + " (" + change + ")";
        }
    }

    public static String title(KpiWeek w) {
        return "byokwatch KPIs \u00b7 week to " + KpiText.day(w.current().to().minusNanos(1));
    }

    public static String window(KpiWeek w) {
        return KpiText.window(w.current()) + " compared with " + KpiText.window(w.previous());
    }

    public static List<Line> lines(KpiWeek w) {
        KpiReport.Headline now = w.current().headline();
        KpiReport.Headline before = w.previous().headline();
        String currency = w.current().cost().prices().currency();
        List<Line> out = new ArrayList<>();
        out.add(new Line("Compliant clusters", KpiText.percent(now.compliantPercent()),
                points(w.compliantChange(), before.compliantPercent()), better(w.compliantChange(), true)));
        out.add(new Line("Mean time to remediate", KpiText.hours(now.meanHoursToRemediate()),
                hoursChange(w.mttrHoursChange(), before.meanHoursToRemediate()), better(w.mttrHoursChange(), false)));
        out.add(new Line("Keys rotated within " + w.current().rotation().maxAgeDays() + " days",
                KpiText.percent(now.rotatedWithinPolicyPercent()),
                points(w.rotationChange(), before.rotatedWithinPolicyPercent()), better(w.rotationChange(), true)));
        out.add(new Line("Key Vault cost of AKS encryption (estimate)", KpiText.money(now.costEstimate(), currency),
                moneyChange(w.costChange(), before.costEstimate(), currency), better(w.costChange(), false)));
        return out;
    }

    public static String link(KpiWeek w) {
        return w.link() == null
                ? "The dashboard was not kept: set BYOKWATCH_KPI_REPORT_CONTAINER or BYOKWATCH_KPI_DASHBOARD_URL, or run"
                + " byokwatch kpi --format html."
                : "Dashboard: " + w.link();
    }

    private static String points(Double change, Double before) {
        if (change == null) {
            return before == null ? "no figure last week either" : "last week " + KpiText.percent(before);
        }
        if (Math.abs(change) < 0.05) {
            return "no change from last week";
        }
        return (change > 0 ? "up " : "down ") + String.format(Locale.ROOT, "%.1f", Math.abs(change)) + " points from "
                + KpiText.percent(before);
    }

    private static String hoursChange(Double change, Double before) {
        if (change == null) {
            return before == null ? "no fix last week either" : "last week " + KpiText.hours(before);
        }
        if (Math.abs(change) * 60 < 1) {
            return "no change from last week";
        }
        return (change > 0 ? "up " : "down ") + KpiText.hours(Math.abs(change)) + " from " + KpiText.hours(before);
    }

    private static String moneyChange(Double change, Double before, String currency) {
        if (change == null) {
            return before == null ? "no figure last week either" : "last week " + KpiText.money(before, currency);
        }
        if (Math.abs(change) < 0.005) {
            return "no change from last week";
        }
        return (change > 0 ? "up " : "down ") + KpiText.money(Math.abs(change), currency) + " from "
                + KpiText.money(before, currency);
    }

    private static Boolean better(Double change, boolean higherIsBetter) {
        if (change == null || Math.abs(change) < 1e-9) {
            return null;
        }
        return higherIsBetter == change > 0;
    }
}
