package io.byokwatch.soak;

import io.byokwatch.bench.EstateGenerator;
import io.byokwatch.testsupport.EstateEvents;
import io.byokwatch.testsupport.Reliability;
import io.byokwatch.testsupport.ServeProcess;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sustained event rate against one {@code serve} JVM on loopback for several minutes, over a generated estate.
 * Every sample forces a full GC in the serve process (jcmd) and reads the heap that survived it, so the series is
 * the live set, not garbage waiting to be collected; the end prints latency percentiles and the slope of that series.
 * Exit 1 when the heap grows (slope over 1 MB per minute after warm-up) or a delivery failed.
 * Usage: Soak MINUTES EVENTS_PER_SECOND
 */
public final class Soak {
    private static final String KEY = "soak-test-key";
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private Soak() {
    }

    public static void main(String[] args) throws Exception {
        double minutes = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path work = Files.createTempDirectory("byokwatch-soak");
        Path estate = work.resolve("estate");
        EstateGenerator.main(new String[] {estate.toString(), "2000", "400", "100", "400"});
        List<String> clusters = EstateEvents.clusterIds(estate);
        System.out.printf("soak: %d clusters, %d events/s for %.1f min against serve (-Xmx256m, SerialGC)%n", clusters.size(), rate, minutes);
        try (ServeProcess serve = ServeProcess.start(work.resolve("logs"), "serve", Map.of(), List.of("-Xmx256m", "-XX:TieredStopAtLevel=4"),
                "--inventory", estate.toString(), "--state", work.resolve("state").toString(), "--key", KEY)) {
            run(serve, clusters, minutes, rate);
        }
    }

    private static void run(ServeProcess serve, List<String> clusters, double minutes, int rate) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(8);
        List<Long> window = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        List<double[]> heap = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        Random random = new Random(42);
        long start = System.nanoTime();
        long end = start + (long) (minutes * 60e9);
        long period = 1_000_000_000L / rate;
        long next = start;
        long nextSample = start + 10_000_000_000L;
        heap.add(new double[] {0, heapAfterGc(serve.pid())});
        System.out.printf("%6s %8s %7s %7s %7s %7s %10s%n", "t(s)", "events", "p50ms", "p95ms", "p99ms", "maxms", "heapMB");
        while (System.nanoTime() < end) {
            long now = System.nanoTime();
            if (now < next) {
                Thread.sleep(Math.max(0, (next - now) / 1_000_000), (int) ((next - now) % 1_000_000));
                continue;
            }
            next += period;
            String cluster = clusters.get(random.nextInt(clusters.size()));
            int n = sent.incrementAndGet();
            senders.execute(() -> {
                long t0 = System.nanoTime();
                HttpResponse<String> r = serve.post("/api/events", EstateEvents.writeEvent(cluster, "soak-" + n), KEY);
                long micros = (System.nanoTime() - t0) / 1_000;
                if (r.statusCode() != 200) {
                    failures.incrementAndGet();
                }
                synchronized (window) {
                    window.add(micros);
                    all.add(micros);
                }
            });
            if (now >= nextSample) {
                nextSample += 10_000_000_000L;
                double t = (now - start) / 1e9;
                double mb = heapAfterGc(serve.pid());
                heap.add(new double[] {t, mb});
                long[] w;
                synchronized (window) {
                    w = window.stream().mapToLong(Long::longValue).sorted().toArray();
                    window.clear();
                }
                System.out.printf("%6.0f %8d %7.1f %7.1f %7.1f %7.1f %10.1f%n", t, sent.get(), pct(w, 50), pct(w, 95), pct(w, 99),
                        w.length == 0 ? 0 : w[w.length - 1] / 1000.0, mb);
            }
        }
        senders.shutdown();
        senders.awaitTermination(1, TimeUnit.MINUTES);
        heap.add(new double[] {(System.nanoTime() - start) / 1e9, heapAfterGc(serve.pid())});
        long[] lat = all.stream().mapToLong(Long::longValue).sorted().toArray();
        double seconds = (System.nanoTime() - start) / 1e9;
        List<double[]> warm = heap.subList(Math.min(heap.size() - 2, Math.max(1, heap.size() / 5)), heap.size());
        double slope = slope(warm) * 60;
        System.out.printf("events: %d in %.0f s (%.1f/s), %d failed; latency ms p50 %.1f p95 %.1f p99 %.1f p99.9 %.1f max %.1f%n",
                lat.length, seconds, lat.length / seconds, failures.get(), pct(lat, 50), pct(lat, 95), pct(lat, 99), pct(lat, 99.9),
                lat.length == 0 ? 0 : lat[lat.length - 1] / 1000.0);
        System.out.printf("heap after full GC: first %.1f MB, last %.1f MB, min %.1f, max %.1f; slope after warm-up %+.3f MB/min -> %s%n",
                heap.get(0)[1], heap.get(heap.size() - 1)[1], heap.stream().mapToDouble(h -> h[1]).min().orElse(0),
                heap.stream().mapToDouble(h -> h[1]).max().orElse(0), slope, trend(slope));
        Reliability.record("Soak: sustained events against one serve JVM", String.format("%.0f min at %d events/s over %d clusters"
                        + " (serve -Xmx256m, SerialGC)", minutes, rate, clusters.size()), lat.length,
                String.format("%d failed; latency ms p50 %.1f, p95 %.1f, p99 %.1f, max %.1f; heap after full GC %.1f -> %.1f MB,"
                                + " slope %+.3f MB/min (%s)", failures.get(), pct(lat, 50), pct(lat, 95), pct(lat, 99),
                        lat.length == 0 ? 0 : lat[lat.length - 1] / 1000.0, heap.get(0)[1], heap.get(heap.size() - 1)[1], slope,
                        trend(slope)), failures.get() == 0 ? "nothing" : failures.get() + " deliveries");
        if (slope > 1.0 || failures.get() > 0) {
            System.exit(1);
        }
    }

    /** Only growth is a leak; a heap that settles lower after warm-up is not. */
    static String trend(double slopeMbPerMinute) {
        return slopeMbPerMinute > 1.0 ? "GROWING" : slopeMbPerMinute < -1.0 ? "shrinking" : "flat";
    }

    /** Forces a full GC in the serve JVM and returns the heap still in use after it, in MB. */
    private static double heapAfterGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
        long kb = 0;
        // SerialGC prints the young and the old generation (then metaspace, which is not heap)
        for (int i = 0; i < 2 && m.find(); i++) {
            kb += Long.parseLong(m.group(1));
        }
        return kb / 1024.0;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid), command)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    private static double pct(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sortedMicros.length - 1, Math.ceil(p / 100.0 * sortedMicros.length) - 1);
        return sortedMicros[Math.max(0, i)] / 1000.0;
    }

    /** Least-squares slope of y over x. */
    private static double slope(List<double[]> points) {
        double n = points.size();
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxy += p[0] * p[1];
            sxx += p[0] * p[0];
        }
        double d = n * sxx - sx * sx;
        return d == 0 ? 0 : (n * sxy - sx * sy) / d;
    }

}
