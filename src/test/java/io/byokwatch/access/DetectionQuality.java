package io.byokwatch.access;

import io.byokwatch.access.synth.SyntheticAuditLogs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Precision and recall of the detectors on a synthetic estate: each window day is scored against its own baseline,
 * every reported anomaly is matched to the planted ones, and the rest count as false alarms per normal series-day.
 * An anomaly on the same key and day as a planted one but from another detector is a consequence of it (a person
 * who unwraps a disk key is also new to it), counted apart and not as a false alarm.
 */
public final class DetectionQuality {
    /** The figures of one run. */
    public record Figures(int planted, int found, Map<String, int[]> recallByDetector, int falseAlarms, int consequences,
                          long seriesDays, List<String> missed, List<String> falseAlarmLines) {
        public double recall() {
            return planted == 0 ? 1 : (double) found / planted;
        }

        public double precision() {
            return found + falseAlarms == 0 ? 1 : (double) found / (found + falseAlarms);
        }

        public double falseAlarmsPer10k() {
            return seriesDays == 0 ? 0 : falseAlarms * 10_000.0 / seriesDays;
        }

        public String summary(String label) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(java.util.Locale.ROOT, "%s: recall %d/%d (%.3f), precision %.4f, false alarms %d in %,d normal"
                            + " series-days (%.2f per 10,000), %d consequences of planted anomalies%n", label, found, planted,
                    recall(), precision(), falseAlarms, seriesDays, falseAlarmsPer10k(), consequences));
            recallByDetector.forEach((d, n) -> sb.append(String.format(java.util.Locale.ROOT, "  %-20s %d/%d%n", d, n[0], n[1])));
            missed.forEach(m -> sb.append("  missed: ").append(m).append('\n'));
            falseAlarmLines.forEach(f -> sb.append("  false alarm: ").append(f).append('\n'));
            return sb.toString();
        }
    }

    private DetectionQuality() {
    }

    /**
     * @param withInventory false to score the history-only mode (silent-key then cannot fire and is not expected)
     */
    public static Figures measure(SyntheticAuditLogs world, boolean withInventory) {
        HourlyBins bins = new HourlyBins();
        world.bins(bins);
        AccessIndex index = AccessIndex.of(bins.drain(), world.start(), world.end());
        ByokEstate estate = withInventory ? world.estate() : ByokEstate.NONE;
        AccessAnalyzer analyzer = new AccessAnalyzer(estate, Thresholds.DEFAULTS, world.allowlist(), s -> "kql");
        int planted = 0;
        int found = 0;
        int falseAlarms = 0;
        int consequences = 0;
        long seriesDays = 0;
        Map<String, int[]> byDetector = new TreeMap<>();
        List<String> missed = new ArrayList<>();
        List<String> falseLines = new ArrayList<>();
        for (int day = world.baselineDays(); day < world.days(); day++) {
            Instant from = world.dayStart(day);
            AccessReport report = analyzer.analyze(index, from, from.plusSeconds(86_400), world.baselineDays(), "synthetic", List.of());
            int d = day;
            List<SyntheticAuditLogs.Planted> today = world.planted().stream().filter(p -> p.day() == d)
                    .filter(p -> withInventory || !p.detector().equals("silent-key")).toList();
            List<Anomaly> unmatched = new ArrayList<>(report.anomalies());
            for (SyntheticAuditLogs.Planted p : today) {
                planted++;
                int[] counts = byDetector.computeIfAbsent(p.detector(), k -> new int[2]);
                counts[1]++;
                Anomaly hit = unmatched.stream().filter(a -> matches(a, p)).findFirst().orElse(null);
                if (hit != null) {
                    found++;
                    counts[0]++;
                    unmatched.remove(hit);
                } else {
                    missed.add("day " + day + " " + p);
                }
            }
            for (Anomaly a : unmatched) {
                boolean consequence = today.stream().anyMatch(p -> p.vault().equals(a.vault()) && Objects.equals(p.key(), a.key()));
                if (consequence) {
                    consequences++;
                } else {
                    falseAlarms++;
                    falseLines.add("day " + day + " " + a.detector() + " " + a.severity().label() + " " + a.vault() + "/"
                            + a.key() + " " + a.caller().id() + ": " + a.explanation());
                }
            }
            seriesDays += normalSeries(index, from, today);
        }
        Map<String, int[]> ordered = new LinkedHashMap<>(byDetector);
        return new Figures(planted, found, ordered, falseAlarms, consequences, seriesDays, missed, falseLines);
    }

    private static boolean matches(Anomaly a, SyntheticAuditLogs.Planted p) {
        return a.detector().equals(p.detector()) && a.vault().equals(p.vault()) && Objects.equals(a.key(), p.key())
                && (p.callerId() == null || p.callerId().equals(a.caller().id()));
    }

    /** Caller-key series active in the window day or its baseline, less those a planted anomaly touches. */
    private static long normalSeries(AccessIndex index, Instant dayStart, List<SyntheticAuditLogs.Planted> today) {
        int to = index.hourOf(dayStart) + 24;
        long n = 0;
        for (CallerSeries s : index.series()) {
            boolean active = false;
            for (int h = Math.max(0, to - 15 * 24); h < to && !active; h++) {
                active = s.counts()[h] > 0;
            }
            boolean touched = today.stream().anyMatch(p -> p.vault().equals(s.vault()) && Objects.equals(p.key(), s.key()));
            if (active && !touched) {
                n++;
            }
        }
        return n;
    }

    /** Prints the figures for a larger estate than the unit test uses: {@code [vaults] [window days] [seed]}. */
    public static void main(String[] args) {
        int vaults = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int windowDays = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 7;
        SyntheticAuditLogs world = SyntheticAuditLogs.generate(vaults, 14, windowDays, seed);
        System.out.print(measure(world, true).summary("with inventory (" + vaults + " vaults, " + windowDays + " windows, seed " + seed + ")"));
        System.out.print(measure(world, false).summary("history only"));
    }
}
