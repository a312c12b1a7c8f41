package io.byokwatch.render.kpi;

import java.util.List;

/**
 * Inline SVG charts for the KPI page: drawn in a fixed coordinate box and scaled by CSS to the width of the screen,
 * so they need no script and shrink to a phone without scrolling sideways. Every chart has a title, axis labels, a
 * tooltip per mark and a description; the page puts a text equivalent beside each.
 */
final class Charts {
    static final int WIDTH = 480;
    static final int FONT = 13;
    static final String GRID = "#e4e7ec";
    static final String INK = "#344054";

    private Charts() {
    }

    /** One series of values (null: no value) over labelled points, as a line with dots. */
    record Line(List<String> labels, List<Double> values, double max, String unit) {
    }

    /** Named bars, each split into stacked parts. */
    record Bar(String label, double[] parts, String tooltip) {
    }

    static String open(StringBuilder h, String id, int height, String title, String description) {
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-labelledby=\"").append(id).append("-t ").append(id).append("-d\" id=\"")
                .append(id).append("\" font-family=\"system-ui, sans-serif\" font-size=\"").append(FONT).append("\">")
                .append("<title id=\"").append(id).append("-t\">").append(Html.esc(title)).append("</title><desc id=\"")
                .append(id).append("-d\">").append(Html.esc(description)).append("</desc>");
        return id;
    }

    /** A line chart of a percentage or amount per point; the y axis runs from 0 to {@code max}. */
    static void line(StringBuilder h, String id, String title, String description, Line line, String xAxis, String yAxis) {
        int height = 250;
        double left = 58;
        double right = 16;
        double top = 16;
        double bottom = 58;
        double plotW = WIDTH - left - right;
        double plotH = height - top - bottom;
        open(h, id, height, title, description);
        yAxis(h, left, top, plotW, plotH, line.max(), line.unit(), yAxis, height);
        int n = line.values().size();
        double step = n <= 1 ? 0 : plotW / (n - 1);
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int i = 0; i < n; i++) {
            Double v = line.values().get(i);
            if (v == null) {
                pen = false;
                continue;
            }
            double x = n == 1 ? left + plotW / 2 : left + step * i;
            double y = top + plotH - v / line.max() * plotH;
            path.append(pen ? " L" : " M").append(Html.num(x)).append(' ').append(Html.num(y));
            pen = true;
        }
        if (path.length() > 0) {
            h.append("<path d=\"").append(path.toString().trim()).append("\" fill=\"none\" stroke=\"#1570ef\" stroke-width=\"2.5\"/>");
        }
        for (int i = 0; i < n; i++) {
            Double v = line.values().get(i);
            if (v == null) {
                continue;
            }
            double x = n == 1 ? left + plotW / 2 : left + step * i;
            double y = top + plotH - v / line.max() * plotH;
            h.append("<circle cx=\"").append(Html.num(x)).append("\" cy=\"").append(Html.num(y)).append("\" r=\"")
                    .append(n > 45 ? "2" : "3.5").append("\" fill=\"#1570ef\"><title>").append(Html.esc(line.labels().get(i)))
                    .append(": ").append(Html.esc(format(v, line.unit()))).append("</title></circle>");
        }
        // first, middle and last dates: one label per tick group, never overlapping
        int[] ticks = n <= 1 ? new int[]{0} : n == 2 ? new int[]{0, 1} : new int[]{0, (n - 1) / 2, n - 1};
        for (int t : ticks) {
            if (n == 0) {
                break;
            }
            double x = n == 1 ? left + plotW / 2 : left + step * t;
            String anchor = n == 1 ? "middle" : t == 0 ? "start" : t == n - 1 ? "end" : "middle";
            h.append("<line x1=\"").append(Html.num(x)).append("\" x2=\"").append(Html.num(x)).append("\" y1=\"")
                    .append(Html.num(top + plotH)).append("\" y2=\"").append(Html.num(top + plotH + 5)).append("\" stroke=\"")
                    .append(INK).append("\"/>");
            text(h, x, top + plotH + 20, anchor, line.labels().get(t));
        }
        text(h, left + plotW / 2, height - 10, "middle", xAxis);
        h.append("</svg>");
    }

    /** Vertical stacked bars, one per label; {@code colors} and {@code series} name the parts. */
    static void columns(StringBuilder h, String id, String title, String description, List<Bar> bars, List<String> series,
                        List<String> colors, String xAxis, String yAxis, String unit) {
        int height = 270;
        double left = 58;
        double right = 12;
        double top = 40;
        double bottom = 62;
        double plotW = WIDTH - left - right;
        double plotH = height - top - bottom;
        double max = 0;
        for (Bar b : bars) {
            double sum = 0;
            for (double p : b.parts()) {
                sum += p;
            }
            max = Math.max(max, sum);
        }
        max = axisMax(max, unit.isEmpty());
        open(h, id, height, title, description);
        legend(h, series, colors, left, 14);
        yAxis(h, left, top, plotW, plotH, max, unit, yAxis, height);
        double slot = plotW / Math.max(1, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double x = left + slot * i + slot * 0.18;
            double y = top + plotH;
            for (int p = 0; p < b.parts().length; p++) {
                double hgt = b.parts()[p] / max * plotH;
                if (hgt <= 0) {
                    continue;
                }
                y -= hgt;
                h.append("<rect x=\"").append(Html.num(x)).append("\" y=\"").append(Html.num(y)).append("\" width=\"")
                        .append(Html.num(slot * 0.64)).append("\" height=\"").append(Html.num(hgt)).append("\" fill=\"")
                        .append(colors.get(p)).append("\"><title>").append(Html.esc(b.label() + ", " + series.get(p) + ": "
                                + format(b.parts()[p], unit))).append("</title></rect>");
            }
            text(h, left + slot * (i + 0.5), top + plotH + 18, "middle", b.label());
        }
        text(h, left + plotW / 2, height - 10, "middle", xAxis);
        h.append("</svg>");
    }

    /** Horizontal bars, one row per label, with an optional dashed limit line (e.g. the policy's maximum age). */
    static void rows(StringBuilder h, String id, String title, String description, List<Bar> bars, String color,
                     String overColor, Double limit, String limitLabel, String xAxis, String unit) {
        double left = 170;
        double right = 24;
        double top = limit == null ? 12 : 30;
        double rowH = 26;
        double bottom = 52;
        int height = (int) (top + rowH * Math.max(1, bars.size()) + bottom);
        double plotW = WIDTH - left - right;
        double max = limit == null ? 0 : limit;
        for (Bar b : bars) {
            max = Math.max(max, b.parts().length == 0 ? 0 : b.parts()[0]);
        }
        max = axisMax(max, unit.equals("d"));
        open(h, id, height, title, description);
        double plotH = rowH * Math.max(1, bars.size());
        for (int t = 0; t <= 4; t++) {
            double x = left + plotW * t / 4;
            h.append("<line x1=\"").append(Html.num(x)).append("\" x2=\"").append(Html.num(x)).append("\" y1=\"")
                    .append(Html.num(top)).append("\" y2=\"").append(Html.num(top + plotH)).append("\" stroke=\"").append(GRID).append("\"/>");
            text(h, x, top + plotH + 18, t == 0 ? "start" : t == 4 ? "end" : "middle", format(max * t / 4, unit));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double y = top + rowH * i;
            h.append("<text x=\"").append(Html.num(left - 8)).append("\" y=\"").append(Html.num(y + rowH * 0.65))
                    .append("\" text-anchor=\"end\" fill=\"").append(INK).append("\">").append(Html.esc(Html.shorten(b.label(), 22)))
                    .append("<title>").append(Html.esc(b.label())).append("</title></text>");
            if (b.parts().length == 0) {
                text(h, left + 4, y + rowH * 0.65, "start", "unknown");
                continue;
            }
            double v = b.parts()[0];
            boolean over = limit != null && v > limit;
            h.append("<rect x=\"").append(Html.num(left)).append("\" y=\"").append(Html.num(y + 4)).append("\" width=\"")
                    .append(Html.num(Math.max(1.5, v / max * plotW))).append("\" height=\"").append(Html.num(rowH - 8))
                    .append("\" fill=\"").append(over ? overColor : color).append("\"><title>").append(Html.esc(b.tooltip()))
                    .append("</title></rect>");
        }
        if (limit != null) {
            double x = left + limit / max * plotW;
            h.append("<line x1=\"").append(Html.num(x)).append("\" x2=\"").append(Html.num(x)).append("\" y1=\"")
                    .append(Html.num(top - 6)).append("\" y2=\"").append(Html.num(top + plotH)).append("\" stroke=\"#b42318\"")
                    .append(" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>");
            text(h, x, top - 10, x > WIDTH - 120 ? "end" : "middle", limitLabel);
        }
        text(h, left + plotW / 2, height - 10, "middle", xAxis);
        h.append("</svg>");
    }

    private static void yAxis(StringBuilder h, double left, double top, double plotW, double plotH, double max, String unit,
                              String label, int height) {
        for (int t = 0; t <= 4; t++) {
            double y = top + plotH - plotH * t / 4;
            h.append("<line x1=\"").append(Html.num(left)).append("\" x2=\"").append(Html.num(left + plotW)).append("\" y1=\"")
                    .append(Html.num(y)).append("\" y2=\"").append(Html.num(y)).append("\" stroke=\"").append(t == 0 ? INK : GRID)
                    .append("\"/>");
            text(h, left - 6, y + 4, "end", format(max * t / 4, unit));
        }
        double cy = top + plotH / 2;
        h.append("<text x=\"14\" y=\"").append(Html.num(cy)).append("\" text-anchor=\"middle\" fill=\"").append(INK)
                .append("\" transform=\"rotate(-90 14 ").append(Html.num(cy)).append(")\">").append(Html.esc(label)).append("</text>");
    }

    private static void legend(StringBuilder h, List<String> series, List<String> colors, double x, double y) {
        double at = x;
        for (int i = 0; i < series.size(); i++) {
            h.append("<rect x=\"").append(Html.num(at)).append("\" y=\"").append(Html.num(y - 10)).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(colors.get(i)).append("\"/>");
            text(h, at + 16, y, "start", series.get(i));
            at += 30 + series.get(i).length() * 8.5;
        }
    }

    private static void text(StringBuilder h, double x, double y, String anchor, String text) {
        h.append("<text x=\"").append(Html.num(x)).append("\" y=\"").append(Html.num(y)).append("\" text-anchor=\"").append(anchor)
                .append("\" fill=\"").append(INK).append("\">").append(Html.esc(text)).append("</text>");
    }

    static String format(double v, String unit) {
        return switch (unit) {
            case "%" -> String.format(java.util.Locale.ROOT, "%.0f%%", v);
            case "$" -> String.format(java.util.Locale.ROOT, v >= 10 ? "%.0f" : "%.2f", v);
            case "h" -> v >= 10 || v == Math.rint(v) ? String.format(java.util.Locale.ROOT, "%.0f h", v)
                    : String.format(java.util.Locale.ROOT, "%.1f h", v);
            case "d" -> String.format(java.util.Locale.ROOT, "%.0f d", v);
            default -> v == Math.rint(v) ? String.format(java.util.Locale.ROOT, "%.0f", v)
                    : String.format(java.util.Locale.ROOT, "%.1f", v);
        };
    }

    /**
     * The top of an axis with four ticks: four times a step of 1, 2 or 5 times a power of ten, so every tick reads
     * well; whole-number steps for counts and days.
     */
    static double axisMax(double x, boolean whole) {
        double quarter = Math.max(x, whole ? 1 : 0.01) / 4;
        double p = Math.pow(10, Math.floor(Math.log10(quarter)));
        double step = 10 * p;
        for (double m : new double[]{1, 2, 5}) {
            if (m * p >= quarter - 1e-12) {
                step = m * p;
                break;
            }
        }
        return 4 * (whole ? Math.max(1, Math.ceil(step)) : step);
    }
}
