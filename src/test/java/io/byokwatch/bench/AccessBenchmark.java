package io.byokwatch.bench;

import io.byokwatch.access.AccessAnalyzer;
import io.byokwatch.access.AccessIndex;
import io.byokwatch.access.AccessReport;
import io.byokwatch.access.Allowlist;
import io.byokwatch.access.ByokEstate;
import io.byokwatch.access.DetectionContext;
import io.byokwatch.access.Detector;
import io.byokwatch.access.HourlyBins;
import io.byokwatch.access.Thresholds;
import io.byokwatch.access.synth.AuditEventJson;
import io.byokwatch.adapter.loganalytics.AccessTable;
import io.byokwatch.adapter.loganalytics.AuditLogFiles;
import io.byokwatch.domain.AccessRecord;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;
import io.byokwatch.render.access.AccessFormat;

import java.io.IOException;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Benchmark of the access report's hot paths (not a test): aggregate 5 million raw audit events into hourly bins, then
 * score 10,000 caller series over a 14-day baseline and a one-day window, and say where the time goes. Also measures
 * how fast exported JSON lines are parsed, which bounds reading millions of events from files. Goal: aggregation and
 * scoring under 10 s in under 1 GB of heap; run it with {@code -Xmx1g} to prove the second half
 * ({@code scripts/bench-access} does).
 *
 * <p>Usage: {@code AccessBenchmark [rawEvents] [series]}
 */
public final class AccessBenchmark {
    private static final Instant START = Instant.parse("2026-11-16T00:00:00Z");
    private static final int DAYS = 15;
    private static final String[] OPS = {"KeyUnwrap", "KeyUnwrap", "KeyUnwrap", "KeyUnwrap", "KeyUnwrap", "KeyUnwrap", "KeyUnwrap",
            "KeyUnwrap", "KeyGet", "KeyWrap"};

    private AccessBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        long rawEvents = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
        int series = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        System.out.printf(Locale.ROOT, "JVM max heap %d MB, %d processors%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());
        resetPeaks();
        double aggregate = aggregateRaw(rawEvents);
        long peakAggregate = peakHeapMb();
        System.gc();
        resetPeaks();
        double score = scoreSeries(series);
        long peakScore = peakHeapMb();
        System.out.printf(Locale.ROOT, "%ntotal: aggregate %,d events + score %,d series = %.2f s (goal < 10 s); peak heap %d MB"
                + " (goal < 1024 MB)%n", rawEvents, series, aggregate + score, Math.max(peakAggregate, peakScore));
        parseThroughput(200_000, rawEvents);
    }

    /** Returns the aggregation seconds: building and merging the events, less generating their fields. */
    private static double aggregateRaw(long n) {
        int vaults = 400;
        String[] vaultNames = new String[vaults];
        for (int v = 0; v < vaults; v++) {
            vaultNames[v] = "kv-bench-" + v;
        }
        String[] keys = {"disk-0", "disk-1", "disk-2"};
        Caller[] callers = new Caller[12_000];
        String[][] addresses = new String[callers.length][];
        SplittableRandom setup = new SplittableRandom(1);
        for (int c = 0; c < callers.length; c++) {
            callers[c] = new Caller(new UUID(setup.nextLong(), setup.nextLong()).toString(), null, null);
            addresses[c] = new String[4];
            for (int i = 0; i < 4; i++) {
                addresses[c][i] = "20." + setup.nextInt(256) + "." + setup.nextInt(256) + "." + (1 + setup.nextInt(254));
            }
        }
        long span = Duration.ofDays(DAYS).toMillis();
        long[] sink = {0};
        // First pass: draw the fields and build the records without keeping them, to know what generation costs.
        long t0 = System.nanoTime();
        events(n, vaultNames, keys, callers, addresses, span, r -> sink[0] += r.count());
        double generate = (System.nanoTime() - t0) / 1e9;
        HourlyBins bins = new HourlyBins();
        long t1 = System.nanoTime();
        events(n, vaultNames, keys, callers, addresses, span, bins);
        double total = (System.nanoTime() - t1) / 1e9;
        System.out.printf(Locale.ROOT, "aggregate: %,d raw events -> %,d hourly bins in %.2f s (%.2f s of it drawing the"
                        + " synthetic fields, not counted): %.2f s, %,.0f events/s%n", bins.events(), bins.size(), total, generate,
                total - generate, n / Math.max(total - generate, 1e-9));
        return Math.max(0, total - generate);
    }

    /**
     * Events as busy estates make them: a few callers (disk encryption sets behind big node pools) make most calls, most
     * make a few; each calls from two addresses. Callers are drawn by weight from a lognormal spread of rates.
     */
    private static void events(long n, String[] vaults, String[] keys, Caller[] callers, String[][] addresses, long span,
                               java.util.function.Consumer<AccessRecord> sink) {
        SplittableRandom rnd = new SplittableRandom(2);
        double[] cumulative = new double[callers.length];
        double total = 0;
        for (int c = 0; c < callers.length; c++) {
            total += Math.exp(rnd.nextGaussian() * 1.5);
            cumulative[c] = total;
        }
        long start = START.toEpochMilli();
        for (long i = 0; i < n; i++) {
            int c = java.util.Arrays.binarySearch(cumulative, rnd.nextDouble() * total);
            c = c < 0 ? Math.min(callers.length - 1, -c - 1) : c;
            int v = c % vaults.length;
            int status = rnd.nextInt(100) < 97 ? 200 : rnd.nextBoolean() ? 401 : 403;
            sink.accept(AccessRecord.event(Instant.ofEpochMilli(start + rnd.nextLong(span)), vaults[v], keys[c % keys.length],
                    OPS[rnd.nextInt(OPS.length)], status == 401 ? Caller.ANONYMOUS : callers[c], addresses[c][rnd.nextInt(2)], status));
        }
    }

    /** Returns the scoring seconds: merging the bins, indexing them, running every detector and ranking. */
    private static double scoreSeries(int series) {
        SplittableRandom rnd = new SplittableRandom(3);
        Map<DiskEncryptionSet, List<ManagedCluster>> sets = new LinkedHashMap<>();
        HourlyBins bins = new HourlyBins();
        String sub = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-bench/providers/";
        int hours = DAYS * 24;
        for (int s = 0; s < series; s++) {
            String vault = "kv-bench-" + (s % 400);
            boolean diskSet = s / 1200 % 2 == 0;
            // Half the series are disk encryption sets on disk keys, half applications on their own keys.
            String key = (diskSet ? "disk-" : "app-") + (s / 400 % 3);
            Caller caller = new Caller(new UUID(rnd.nextLong(), rnd.nextLong()).toString(), null, null);
            if (diskSet) {
                ResourceId id = ResourceId.parse(sub + "Microsoft.Compute/diskEncryptionSets/des-" + s);
                DiskEncryptionSet set = new DiskEncryptionSet(id, "des-" + s, "westeurope", "EncryptionAtRestWithCustomerKey",
                        new KeyRef(vault + ".vault.azure.net", key, null), null, true, null, null, null,
                        new ManagedIdentity("SystemAssigned", caller.objectId(), null, Map.of()), null, "Succeeded");
                sets.put(set, List.of(new ManagedCluster(ResourceId.parse(sub + "Microsoft.ContainerService/managedClusters/aks-" + s),
                        "aks-" + s, "westeurope", Tags.NONE, id, KmsProfile.NONE, List.of(), "Succeeded")));
            }
            double rate = Math.exp(Math.log(0.5) + rnd.nextDouble() * (Math.log(200) - Math.log(0.5)));
            String[] ips = {"20.1." + (s % 250) + ".4", "20.2." + (s % 250) + ".9"};
            for (int h = 0; h < hours; h++) {
                double lambda = rate * (1 + 0.5 * Math.cos(2 * Math.PI * (h % 24 - 14) / 24.0));
                int count = (int) Math.round(Math.max(0, lambda + Math.sqrt(lambda) * (rnd.nextDouble() * 2 - 1)));
                if (count > 0) {
                    Instant hour = START.plusSeconds(3600L * h);
                    bins.accept(new AccessRecord(hour, vault, key, "KeyUnwrap", caller, ips[h % 2], 200, count, hour, hour.plusSeconds(3599)));
                }
            }
        }
        ByokEstate estate = ByokEstate.of(sets, List.of());
        Instant windowStart = START.plus(Duration.ofDays(DAYS - 1));
        Instant windowEnd = START.plus(Duration.ofDays(DAYS));
        long t0 = System.nanoTime();
        List<AccessRecord> merged = bins.drain();
        long t1 = System.nanoTime();
        AccessIndex index = AccessIndex.of(merged, START, windowEnd);
        merged = null;
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%nscore: %,d series, %,d hourly bins over %d days (baseline 14 + window 1)%n",
                index.series().size(), index.records(0, index.hours()).size(), DAYS);
        System.out.printf(Locale.ROOT, "  merge bins         %6.2f s%n  index by series    %6.2f s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        for (Detector d : AccessAnalyzer.DETECTORS) {
            long s = System.nanoTime();
            int found = d.detect(new DetectionContext(index, windowStart, windowEnd, 14, estate, Thresholds.DEFAULTS, x -> "kql")).size();
            System.out.printf(Locale.ROOT, "  %-18s %6.2f s (%d anomalies)%n", d.id(), (System.nanoTime() - s) / 1e9, found);
        }
        long t3 = System.nanoTime();
        AccessReport report = new AccessAnalyzer(estate, Thresholds.DEFAULTS, Allowlist.EMPTY, x -> "kql")
                .analyze(index, windowStart, windowEnd, 14, "bench", List.of());
        long t4 = System.nanoTime();
        System.out.printf(Locale.ROOT, "  all detectors, allowlist and ranking once more, as a report runs them: %.2f s%n", (t4 - t3) / 1e9);
        for (AccessFormat f : AccessFormat.values()) {
            long s = System.nanoTime();
            int chars = f.renderer().render(report).length();
            System.out.printf(Locale.ROOT, "  render %-11s %6.2f s (%,d characters)%n", f.label(), (System.nanoTime() - s) / 1e9, chars);
        }
        return (t2 - t0) / 1e9 + (t4 - t3) / 1e9;
    }

    /** Parses exported JSON lines through the file adapter and extrapolates to {@code target} events. */
    private static void parseThroughput(int events, long target) throws IOException {
        Path file = Files.createTempFile("access-bench-", ".json");
        try {
            AuditEventJson json = new AuditEventJson(Map.of("kv-bench", "/subscriptions/x/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv-bench"),
                    Map.of());
            SplittableRandom rnd = new SplittableRandom(4);
            Caller des = new Caller("8f5cc9a7-ee13-4650-a223-2aaf82c9fdd6", null, null);
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int i = 0; i < events; i++) {
                    w.write(json.line(AccessRecord.event(START.plusSeconds(rnd.nextLong(DAYS * 86_400L)), "kv-bench", "disk-" + rnd.nextInt(3),
                            "KeyUnwrap", des, "20.1.2." + rnd.nextInt(250), 200), rnd));
                    w.write('\n');
                }
            }
            HourlyBins bins = new HourlyBins();
            long t0 = System.nanoTime();
            new AuditLogFiles(List.of(file), AccessTable.AZKV_AUDIT_LOGS).read(START, START.plus(Duration.ofDays(DAYS)), bins);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%nfiles: %,d AuditEvent JSON lines (%d MB) parsed and binned in %.2f s, %,.0f events/s;"
                            + " %,d events from files would take about %.0f s, which is why a workspace aggregates on the server%n",
                    events, Files.size(file) >> 20, s, events / s, target, target / (events / s));
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the live heap at any one moment. */
    private static long peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes >> 20;
    }
}
