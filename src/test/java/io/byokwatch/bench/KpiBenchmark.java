package io.byokwatch.bench;

import io.byokwatch.domain.Actor;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.Transition;
import io.byokwatch.kpi.Grouping;
import io.byokwatch.kpi.KpiReport;
import io.byokwatch.kpi.Kpis;
import io.byokwatch.kpi.PriceTable;
import io.byokwatch.render.kpi.KpiFormat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Benchmark of the KPI figures (not a test): a year of history for an estate of 10,000 clusters (a baseline each, then
 * findings opening and closing every few weeks, about 250,000 entries), computed over a 90-day window grouped by an
 * owner tag, then rendered as the dashboard page and the JSON. Goal: under 5 s in under 1 GB of heap, so the nightly
 * timer and a page request stay far inside their limits; {@code scripts/bench-kpi} runs it with {@code -Xmx1g}.
 *
 * <p>Usage: {@code KpiBenchmark [clusters]}
 */
public final class KpiBenchmark {
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant YEAR_AGO = TO.minus(Duration.ofDays(365));
    private static final String[] RULES = {"aks-no-byok", "des-key-unavailable", "key-no-rotation", "vault-no-purge-protection",
            "aks-no-host-encryption"};

    private KpiBenchmark() {
    }

    public static void main(String[] args) {
        int clusters = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        long t0 = System.nanoTime();
        List<Transition> history = history(clusters, new SplittableRandom(42));
        long t1 = System.nanoTime();
        PriceTable prices = new PriceTable(LocalDate.of(2026, 11, 1), "bench", "USD", 0.03, 0.15, 0.03, 0.15, 1, 5, 1);
        KpiReport report = Kpis.compute(new Kpis.Inputs(TO, TO.minus(Duration.ofDays(90)), TO, Grouping.parse("tag:owner"),
                history, null, List.of(), null, null, prices, 365, List.of()));
        long t2 = System.nanoTime();
        int html = KpiFormat.HTML.render(report).length();
        int json = KpiFormat.JSON.render(report).length();
        long t3 = System.nanoTime();
        long c0 = System.nanoTime();
        io.byokwatch.kpi.ComplianceSeries.compute(history, TO.minus(Duration.ofDays(90)), TO, Grouping.parse("tag:owner"));
        long c1 = System.nanoTime();
        io.byokwatch.kpi.Remediation.compute(history, TO.minus(Duration.ofDays(90)), TO);
        long c2 = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        long heap = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        double compute = (t2 - t1) / 1e9;
        double render = (t3 - t2) / 1e9;
        System.out.printf(Locale.ROOT, "history: %,d entries for %,d clusters generated in %.2f s%n", history.size(), clusters,
                (t1 - t0) / 1e9);
        System.out.printf(Locale.ROOT, "figures over 90 days by owner: %.2f s (compliant %.1f%%, %,d fixes, %,d open)%n",
                compute, report.headline().compliantPercent(), report.remediation().overall().count(),
                report.remediation().open().size());
        System.out.printf(Locale.ROOT, "  of which, measured again alone: compliance series %.2f s, remediation %.2f s%n",
                (c1 - c0) / 1e9, (c2 - c1) / 1e9);
        System.out.printf(Locale.ROOT, "rendered: page %,d chars, JSON %,d chars in %.2f s%n", html, json, render);
        System.out.printf(Locale.ROOT, "total %.2f s (goal: under 5 s), heap in use %d MB (goal: under 1024 MB)%n",
                compute + render, heap);
    }

    private static List<Transition> history(int clusters, SplittableRandom random) {
        List<Transition> out = new ArrayList<>();
        for (int c = 0; c < clusters; c++) {
            ResourceId id = ResourceId.parse(String.format(Locale.ROOT, "/subscriptions/%08d-0000-4000-8000-000000000000"
                    + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-%05d", c % 50, c));
            Tags tags = new Tags(Map.of("owner", "team-" + (c % 25)));
            Instant at = YEAR_AGO.plus(Duration.ofMinutes(random.nextInt(60 * 24)));
            out.add(entry(id, tags, "b", Transition.Kind.BASELINE, ClusterStatus.COMPLIANT, null, at, List.of()));
            int n = 0;
            while (true) {
                at = at.plus(Duration.ofHours(24 * 7 + random.nextInt(24 * 40)));
                if (!at.isBefore(TO)) {
                    break;
                }
                Transition.FindingRef f = new Transition.FindingRef(RULES[n % RULES.length] + "|" + id.key(),
                        RULES[n % RULES.length], Severity.values()[random.nextInt(4)], id.toString(), null);
                out.add(entry(id, tags, "o" + n, Transition.Kind.OPENED, ClusterStatus.NONCOMPLIANT, ClusterStatus.COMPLIANT,
                        at, List.of(f)));
                at = at.plus(Duration.ofMinutes(30 + random.nextInt(60 * 24 * 5)));
                if (!at.isBefore(TO)) {
                    break;
                }
                out.add(entry(id, tags, "r" + n, Transition.Kind.RESOLVED, ClusterStatus.COMPLIANT, ClusterStatus.NONCOMPLIANT,
                        at, List.of()));
                n++;
            }
        }
        return out;
    }

    private static Transition entry(ResourceId id, Tags tags, String suffix, Transition.Kind kind, ClusterStatus status,
                                    ClusterStatus before, Instant at, List<Transition.FindingRef> findings) {
        return new Transition(id.name() + "-" + suffix, kind, id, id.name(), id.subscriptionId(), tags, status, before,
                findings, List.of(), at, at.minusSeconds(2), kind != Transition.Kind.BASELINE, "bench", Actor.UNKNOWN);
    }
}
