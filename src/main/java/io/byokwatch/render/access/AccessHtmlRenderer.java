package io.byokwatch.render.access;

import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Anomaly;
import io.byokwatch.access.ChartPoint;
import io.byokwatch.domain.Severity;
import io.byokwatch.render.HtmlText;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The access report as one self-contained HTML page, to attach to an email: inline CSS, no scripts, no fonts or
 * images to fetch, and per anomaly an inline SVG of its hourly counts over the window against the baseline's normal
 * band, so that "how far from normal" is seen at a glance.
 */
public final class AccessHtmlRenderer implements AccessReportRenderer {
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String CSS = """
            *{box-sizing:border-box}
            body{font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;color:#1d2939;margin:24px auto;max-width:960px;padding:0 16px;line-height:1.45}
            h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 6px}.meta{color:#475467;font-size:13px;margin:0 0 14px}
            p,li,td{overflow-wrap:anywhere}
            .headline{font-size:16px;font-weight:600;padding:10px 14px;border-radius:6px;background:#f2f4f7}
            .headline.quiet{background:#ecfdf3;color:#05603a}.headline.alert{background:#fef3f2;color:#912018}
            table{border-collapse:collapse;font-size:13px;margin:8px 0;max-width:100%}th,td{border:1px solid #eaecf0;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#f9fafb}td.n{text-align:right}code,pre{font-family:Consolas,'SFMono-Regular',Menlo,monospace;font-size:12px}
            pre{background:#f9fafb;border:1px solid #eaecf0;padding:8px;white-space:pre-wrap;overflow-wrap:anywhere}
            details{margin:8px 0}summary{cursor:pointer;color:#344054;font-size:13px}
            .sev{display:inline-block;border-radius:4px;padding:0 6px;color:#fff;font-size:12px;font-weight:600}
            .critical{background:#b42318}.high{background:#c4320a}.medium{background:#b54708}.low{background:#475467}
            .anomaly{border-top:1px solid #eaecf0;margin-top:18px}.legend{font-size:12px;color:#475467}
            .action{background:#eff8ff;border-left:4px solid #1570ef;padding:6px 10px;margin:8px 0}
            svg.chart{display:block;width:100%;max-width:640px;height:auto}
            @media (max-width:640px){
              body{margin:12px auto;padding:0 10px}
              table.cards,table.cards tbody,table.cards tr,table.cards td{display:block;width:100%}
              table.cards tr:first-child{display:none}
              table.cards tr{border:1px solid #eaecf0;border-radius:8px;margin:0 0 10px;padding:4px 0}
              table.cards td{border:0;border-bottom:1px solid #f2f4f7;display:flex;justify-content:space-between;gap:12px;text-align:right}
              table.cards td:last-child{border-bottom:0}
              table.cards td::before{content:attr(data-label);font-weight:600;color:#475467;text-align:left;flex:0 0 auto;max-width:45%}
            }
            """;

    @Override
    public String render(AccessReport r) {
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>byokwatch Key Vault access report ").append(esc(iso(r.windowEnd()))).append("</title>")
                .append("<style>").append(CSS).append("</style></head><body>\n");
        h.append("<h1>Key Vault access report</h1>\n<p class=\"meta\">Window ").append(esc(iso(r.windowStart()))).append(" to ")
                .append(esc(iso(r.windowEnd()))).append(", compared with the ").append(r.baselineDays())
                .append(" days before it. Logs: ").append(esc(r.source())).append(". ")
                .append(String.format(Locale.ROOT, "%,d", r.records())).append(" audit events read (")
                .append(String.format(Locale.ROOT, "%,d", r.windowEvents())).append(" in the window) from ").append(r.vaults())
                .append(" vaults and ").append(r.keys()).append(" keys.</p>\n");
        h.append("<p class=\"headline ").append(r.nothingUnusual() ? "quiet" : "alert").append("\">")
                .append(esc(AccessSummary.headline(r))).append("</p>\n");
        h.append("<table><tr>");
        for (Severity s : Severity.values()) {
            h.append("<th><span class=\"sev ").append(s.label()).append("\">").append(s.label()).append("</span></th>");
        }
        h.append("</tr><tr>");
        for (Severity s : Severity.values()) {
            h.append("<td class=\"n\">").append(r.count(s)).append("</td>");
        }
        h.append("</tr></table>\n");
        if (!r.nothingUnusual()) {
            overview(r, h);
            int n = 0;
            for (Anomaly a : r.anomalies()) {
                detail(++n, a, h);
            }
        }
        suppressed(r, h);
        if (!r.notes().isEmpty()) {
            h.append("<h2>Notes</h2>\n<ul>");
            r.notes().forEach(note -> h.append("<li>").append(esc(note)).append("</li>"));
            h.append("</ul>\n");
        }
        return h.append("</body></html>\n").toString();
    }

    private static void overview(AccessReport r, StringBuilder h) {
        h.append("<h2>Anomalies</h2>\n<table class=\"cards\" id=\"anomalies\"><tr><th>#</th><th>severity</th><th>detector</th>")
                .append("<th>vault/key</th><th>caller</th><th>operation</th><th>events</th><th>baseline</th><th>next step</th></tr>\n");
        int n = 0;
        for (Anomaly a : r.anomalies()) {
            boolean absence = a.evidence().aboutAbsence();
            h.append("<tr><td class=\"n\" data-label=\"#\"><a href=\"#a").append(++n).append("\">").append(n)
                    .append("</a></td><td data-label=\"severity\">").append(badge(a.severity()))
                    .append("</td><td data-label=\"detector\">").append(esc(a.detector()))
                    .append("</td><td data-label=\"vault/key\"><code>").append(esc(AccessSummary.target(a)))
                    .append("</code></td><td data-label=\"").append(absence ? "expected callers" : "caller").append("\">")
                    .append(esc(absence ? expectedNames(a) : AccessSummary.caller(a.caller())))
                    .append("</td><td data-label=\"operation\">").append(esc(a.operation()))
                    .append("</td><td class=\"n\" data-label=\"").append(absence ? "failed" : "events").append("\">")
                    .append(absence ? a.evidence().failures() : a.count())
                    .append("</td><td class=\"n\" data-label=\"baseline\">").append(AccessSummary.number(a.baseline()))
                    .append("</td><td data-label=\"next step\">").append(esc(DigestText.action(a))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static String expectedNames(Anomaly a) {
        if (a.evidence().expectedCallers().isEmpty()) {
            return a.evidence().callersUnknown() == null ? "none named" : "not all known";
        }
        return String.join(", ", a.evidence().expectedCallers().values());
    }

    private static void detail(int n, Anomaly a, StringBuilder h) {
        h.append("<div class=\"anomaly\" id=\"a").append(n).append("\"><h2>").append(n).append(". ").append(badge(a.severity()))
                .append(' ').append(esc(a.detector())).append(" on <code>").append(esc(AccessSummary.target(a)))
                .append("</code></h2>\n<p>").append(esc(a.explanation())).append("</p>\n<p class=\"action\"><strong>Next:</strong> ")
                .append(esc(DigestText.action(a))).append("</p>\n<table>");
        if (a.evidence().aboutAbsence()) {
            row(h, "expected callers", esc(DigestText.expected(a).substring("Expected callers: ".length())));
            row(h, "failed " + esc(a.operation()), esc(a.evidence().failuresByStatus().isEmpty() ? "none in the window"
                    : DigestText.failures(a).substring(DigestText.failures(a).indexOf(": ") + 2)));
            row(h, "baseline", AccessSummary.number(a.baseline()) + " successful " + esc(a.operation()) + " expected in a window like this");
        } else {
            row(h, "caller", esc(AccessSummary.caller(a.caller())));
            row(h, "operation", "<code>" + esc(a.operation()) + "</code>");
            if (a.sourceIp() != null) {
                row(h, "source", "<code>" + esc(a.sourceIp()) + "</code>");
            }
            row(h, "events", a.count() + " (baseline expects " + AccessSummary.number(a.baseline()) + ")");
        }
        row(h, "first / last", esc(iso(a.firstSeen())) + " / " + esc(iso(a.lastSeen())));
        row(h, "score", AccessSummary.number(a.score()));
        h.append("</table>\n");
        chart(a, h);
        h.append("<details><summary>Raw audit rows: the KQL query for Log Analytics</summary><pre>").append(esc(a.kql()))
                .append("</pre></details></div>\n");
    }

    /**
     * Bars: events per hour. Shaded band: the baseline's normal range for each hour. Dashed line: its median. Drawn in a
     * 480-unit box and scaled by CSS to the width it has, so a phone shows all of it; one date label per day tick, at
     * most eight, so labels never overlap. A series with nothing in it is said in words, not drawn empty.
     */
    static void chart(Anomaly a, StringBuilder h) {
        List<ChartPoint> points = a.chart();
        if (points.isEmpty()) {
            return;
        }
        double max = 0;
        for (ChartPoint p : points) {
            max = Math.max(max, Math.max(p.count(), p.high()));
        }
        if (max == 0) {
            h.append("<p class=\"legend\">No ").append(esc(a.operation() == null ? "events" : a.operation()))
                    .append(" at all from ").append(esc(HOUR.format(points.get(0).hour()))).append(" to ")
                    .append(esc(HOUR.format(points.get(points.size() - 1).hour()))).append(" UTC: nothing to chart.</p>\n");
            return;
        }
        int width = 480;
        int height = 220;
        int left = 52;
        int right = 10;
        int top = 12;
        int bottom = 46;
        max = niceCeiling(max * 1.1);
        double plotW = width - left - right;
        double plotH = height - top - bottom;
        double step = plotW / points.size();
        String color = switch (a.severity()) {
            case CRITICAL -> "#b42318";
            case HIGH -> "#c4320a";
            case MEDIUM -> "#b54708";
            case LOW -> "#475467";
        };
        h.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" font-size=\"13\"><title>")
                .append(esc("Events per hour on " + AccessSummary.target(a) + " against the baseline band")).append("</title>");
        h.append("<rect x=\"").append(left).append("\" y=\"").append(top).append("\" width=\"").append(fmt(plotW))
                .append("\" height=\"").append(fmt(plotH)).append("\" fill=\"#fcfcfd\" stroke=\"#eaecf0\"/>");
        StringBuilder band = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            band.append(fmt(left + step * (i + 0.5))).append(',').append(fmt(y(points.get(i).high(), max, top, plotH))).append(' ');
        }
        for (int i = points.size() - 1; i >= 0; i--) {
            band.append(fmt(left + step * (i + 0.5))).append(',').append(fmt(y(points.get(i).low(), max, top, plotH))).append(' ');
        }
        h.append("<polygon points=\"").append(band.toString().trim()).append("\" fill=\"#d1e9ff\" stroke=\"none\"/>");
        StringBuilder median = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            median.append(fmt(left + step * (i + 0.5))).append(',').append(fmt(y(points.get(i).expected(), max, top, plotH))).append(' ');
        }
        h.append("<polyline points=\"").append(median.toString().trim())
                .append("\" fill=\"none\" stroke=\"#1570ef\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>");
        for (int i = 0; i < points.size(); i++) {
            ChartPoint p = points.get(i);
            double y = y(p.count(), max, top, plotH);
            h.append("<rect x=\"").append(fmt(left + step * i + step * 0.15)).append("\" y=\"").append(fmt(y))
                    .append("\" width=\"").append(fmt(step * 0.7)).append("\" height=\"").append(fmt(top + plotH - y))
                    .append("\" fill=\"").append(color).append("\" fill-opacity=\"0.85\"><title>")
                    .append(esc(HOUR.format(p.hour()) + " UTC: " + p.count() + " (normal " + AccessSummary.number(p.low()) + "-"
                            + AccessSummary.number(p.high()) + ")")).append("</title></rect>");
        }
        h.append(label(left - 6, top + 5, "end", AccessSummary.number(max)));
        h.append(label(left - 6, top + plotH / 2 + 4, "end", AccessSummary.number(max / 2)));
        h.append(label(left - 6, top + plotH, "end", "0"));
        double cy = top + plotH / 2;
        h.append("<text x=\"14\" y=\"").append(fmt(cy)).append("\" text-anchor=\"middle\" fill=\"#475467\" transform=\"rotate(-90 14 ")
                .append(fmt(cy)).append(")\">events per hour</text>");
        List<Integer> days = new java.util.ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).hour().atZone(ZoneOffset.UTC).getHour() == 0) {
                days.add(i);
            }
        }
        if (days.isEmpty()) {
            days.add(0);
        }
        int every = (days.size() + 7) / 8;
        for (int d = 0; d < days.size(); d += every) {
            int i = days.get(d);
            double x = left + step * i;
            h.append("<line x1=\"").append(fmt(x)).append("\" x2=\"").append(fmt(x)).append("\" y1=\"").append(fmt(top + plotH))
                    .append("\" y2=\"").append(fmt(top + plotH + 5)).append("\" stroke=\"#475467\"/>");
            h.append(label(x, top + plotH + 18, x < left + 20 ? "start" : x > width - right - 20 ? "end" : "middle",
                    DAY.format(points.get(i).hour())));
        }
        h.append(label(left + plotW / 2, height - 8, "middle", "hour (UTC); ticks at midnight"));
        h.append("</svg>\n<p class=\"legend\">Bars: events per hour. Shaded: the normal range of each hour in the baseline;"
                + " dashed: its median.</p>\n");
    }

    private static String label(double x, double y, String anchor, String text) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor
                + "\" fill=\"#475467\">" + esc(text) + "</text>";
    }

    private static double y(double value, double max, double top, double plotH) {
        return top + plotH - Math.min(value, max) / max * plotH;
    }

    /** 1, 2 or 5 times a power of ten, so the axis reads well. */
    static double niceCeiling(double x) {
        double p = Math.pow(10, Math.floor(Math.log10(x)));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * p >= x) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private static void suppressed(AccessReport r, StringBuilder h) {
        if (r.suppressed().isEmpty()) {
            return;
        }
        h.append("<h2>Allowlisted (").append(r.suppressed().size()).append(")</h2>\n<table class=\"cards\" id=\"allowlisted\"><tr><th>detector</th>")
                .append("<th>vault/key</th><th>caller</th><th>reason</th><th>approved by</th><th>until</th></tr>\n");
        for (AccessReport.Suppressed s : r.suppressed()) {
            h.append("<tr><td data-label=\"detector\">").append(esc(s.anomaly().detector())).append("</td><td data-label=\"vault/key\"><code>")
                    .append(esc(AccessSummary.target(s.anomaly()))).append("</code></td><td data-label=\"caller\">")
                    .append(esc(AccessSummary.caller(s.anomaly().caller()))).append("</td><td data-label=\"reason\">")
                    .append(esc(s.entry().reason())).append("</td><td data-label=\"approved by\">")
                    .append(esc(s.entry().approvedBy() == null ? "" : s.entry().approvedBy()))
                    .append("</td><td data-label=\"until\">").append(s.entry().expires()).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void row(StringBuilder h, String name, String valueHtml) {
        h.append("<tr><th>").append(name).append("</th><td>").append(valueHtml).append("</td></tr>");
    }

    private static String badge(Severity s) {
        return "<span class=\"sev " + s.label() + "\">" + s.label() + "</span>";
    }

    private static String iso(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t);
    }

    private static String fmt(double x) {
        return String.format(Locale.ROOT, "%.1f", x);
    }

    /** Report text carries names and UPNs from logs, which anyone can influence. */
    static String esc(String s) {
        return HtmlText.esc(s);
    }
}
