package io.byokwatch.bench;

import com.google.gson.JsonObject;
import io.byokwatch.adapter.arm.FakeArm;
import io.byokwatch.adapter.arm.ReadStats;
import io.byokwatch.adapter.storage.QueueOutbox;
import io.byokwatch.adapter.storage.TableVerdictStore;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.bootstrap.EventIntake;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.e2e.Estate;
import io.byokwatch.testsupport.Azurite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Replays bursts of Event Grid deliveries through the production event path (parser, scope, router, live inventory
 * over HTTPS to the fake ARM, evaluator, file verdict store and outbox) and prints what they cost against the goals.
 * Sequential, one event per delivery, as one Functions instance handles them.
 *
 * <p>Usage: EventPathBenchmark [LATENCY_MS [EVENTS [FANOUT_CLUSTERS [DUPLICATES [DUPLICATE_CLUSTERS [PV_BURST]]]]]],
 * defaults 20 500 1000 10000 100 50. The fake adds LATENCY_MS to every ARM and Resource Graph answer. The verdict and outbox files
 * go to a temporary folder, under BYOKWATCH_BENCH_STATE_DIR when set (e.g. /dev/shm, to take the disk's fsync time
 * out of the figures).
 */
public final class EventPathBenchmark {
    private static final String CLUSTER_WRITE = "Microsoft.ContainerService/managedClusters/write";
    private static final String SET_WRITE = "Microsoft.Compute/diskEncryptionSets/write";
    private static final String VAULT_WRITE = "Microsoft.KeyVault/vaults/write";
    private static final String DISK_WRITE = "Microsoft.Compute/disks/write";
    /**
     * Resource Graph pages a vault fan-out may cost: the vault by name, the sets on the vault, the clusters on them (a
     * page per 1,000), the clusters whose KMS key is in the vault, the PV disks and snapshots on the sets, one index of
     * every CSI disk and one of every CSI snapshot, which the clusters' persistent-volume rules read, and the vault of
     * the clusters' own KMS key (their kms-etcd key use is judged too).
     */
    private static final int FAN_OUT_PAGES = 8;
    private static final int STREAM_CLUSTERS = 100;
    private static final int WARM_UP_EVENTS = 300;

    /** What a call to a storage account in the same region takes, give or take. */
    private static final Duration STORAGE_ROUND_TRIP = Duration.ofMillis(5);
    private final FakeArm arm;
    private final Path root;

    private EventPathBenchmark(FakeArm arm, Path root) {
        this.arm = arm;
        this.root = root;
    }

    public static void main(String[] args) throws IOException {
        Duration latency = Duration.ofMillis(arg(args, 0, 20));
        int events = arg(args, 1, 500);
        int fanOut = arg(args, 2, 1000);
        int duplicates = arg(args, 3, 10_000);
        int duplicateClusters = arg(args, 4, 100);
        int pvBurst = arg(args, 5, 50);
        String stateDir = System.getenv("BYOKWATCH_BENCH_STATE_DIR");
        Path root = stateDir == null || stateDir.isBlank() ? Files.createTempDirectory("byokwatch-bench-events")
                : Files.createTempDirectory(Files.createDirectories(Path.of(stateDir)), "byokwatch-bench-events");
        try (FakeArm arm = FakeArm.start()) {
            EventPathBenchmark bench = new EventPathBenchmark(arm, root);
            bench.stream(latency, events);
            bench.overhead(events);
            bench.fanOut(latency, fanOut);
            bench.duplicates(latency, duplicates, duplicateClusters);
            bench.pvBurst(latency, pvBurst);
        } finally {
            delete(root);
        }
        // Netty's event loops are not daemons.
        System.exit(0);
    }

    /** A mixed stream in which every event changes something, so every event should end in at least one alert. */
    private void stream(Duration latency, int events) throws IOException {
        Run run = mixedStream(latency, events);
        System.out.printf(Locale.ROOT, "%nstream: %d events, one per delivery, %d clusters / %d sets / %d vaults,"
                        + " %d ms per ARM request%n", events, STREAM_CLUSTERS, STREAM_CLUSTERS / 10, 5,
                latency.toMillis());
        System.out.printf(Locale.ROOT, "  throughput          %.0f events/s%n", events / seconds(run.wallNanos));
        System.out.printf(Locale.ROOT, "  event -> alert      p50 %.1f ms, p99 %.1f ms (%d events raised %d alerts)%n",
                millis(percentile(run.alerting, 50)), millis(percentile(run.alerting, 99)), run.alerting.length,
                run.alerts);
        System.out.printf(Locale.ROOT, "  reads per event     %.2f ARM GETs, %.2f Resource Graph pages%n",
                (double) run.armGets / events, (double) run.graphPages / events);
    }

    /**
     * The same stream with no latency: what byokwatch itself spends per event besides waiting on ARM. Clusters are
     * evaluated one at a time here, so that the I/O times (summed over threads) can be taken from the wall time.
     */
    private void overhead(int events) throws IOException {
        Run run = mixedStream(Duration.ZERO, events, 1);
        double wall = millis(run.wallNanos) / events;
        double http = millis(run.httpNanos) / events;
        double state = millis(run.stateNanos) / events;
        System.out.printf(Locale.ROOT, "%noverhead: same stream, 0 ms added latency%n");
        System.out.printf(Locale.ROOT, "  per event           %.2f ms wall = %.2f ms HTTPS to the fake + %.2f ms"
                + " verdict/outbox files + %.2f ms processing%n", wall, http, state, wall - http - state);
        System.out.printf(Locale.ROOT, "  goal                processing under 5 ms per event beyond I/O: %s%n",
                wall - http - state < 5 ? "met" : "NOT met");
    }

    private Run mixedStream(Duration latency, int events) throws IOException {
        return mixedStream(latency, events, 0);
    }

    private Run mixedStream(Duration latency, int events, int width) throws IOException {
        arm.reset();
        BenchEstate estate = new BenchEstate(arm, STREAM_CLUSTERS, STREAM_CLUSTERS / 10, 5);
        BenchPath path = new BenchPath(arm, fresh("stream"), width);
        path.baseline();
        Mix mix = new Mix(estate, path);
        for (int i = 0; i < WARM_UP_EVENTS; i++) {
            path.deliver(mix.next(i));
        }
        arm.latency(latency);
        ReadStats stats = path.stats();
        long gets = stats.armRequests();
        long pages = stats.graphRequests();
        long http = path.http.nanos();
        long state = path.state.nanos();
        long[] alerting = new long[events];
        int alertingCount = 0;
        int alerts = 0;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            JsonObject event = mix.next(WARM_UP_EVENTS + i);
            long t = System.nanoTime();
            int raised = path.alerts(path.deliver(event));
            long took = System.nanoTime() - t;
            if (raised > 0) {
                alerting[alertingCount++] = took;
                alerts += raised;
            }
        }
        long wall = System.nanoTime() - start;
        return new Run(wall, Arrays.copyOf(alerting, alertingCount), alerts, stats.armRequests() - gets,
                stats.graphRequests() - pages, path.http.nanos() - http, path.state.nanos() - state);
    }

    /** One vault change reaching every cluster, read by a process with a cold cache (the worst case). */
    private void fanOut(Duration latency, int clusters) throws IOException {
        arm.reset();
        BenchEstate estate = new BenchEstate(arm, clusters, 2, 1);
        Path dir = fresh("fanout");
        new BenchPath(arm, dir).baseline();
        arm.latency(latency);
        ResourceId vault = estate.vaults.get(0);
        System.out.printf(Locale.ROOT, "%nfan-out: one vault behind 2 sets and %d clusters, cold cache, %d ms per"
                + " request%n", clusters, latency.toMillis());
        fanOutOnce("vault write, nothing changes", new BenchPath(arm, dir), vault, clusters);
        estate.rbac(vault, true);
        fanOutOnce("vault switched to RBAC, every set locked out", new BenchPath(arm, dir), vault, clusters);
        fanOutOnAzureStorage(latency, clusters);
    }

    /**
     * The same fan-out with verdicts in Table storage and alerts in a queue (Azurite on loopback), as the Functions app
     * keeps them: each cluster costs a few storage round trips, which evaluating several clusters at once overlaps.
     */
    private void fanOutOnAzureStorage(Duration latency, int clusters) throws IOException {
        Azurite azurite;
        try {
            azurite = Azurite.get();
        } catch (RuntimeException e) {
            System.out.printf(Locale.ROOT, "%nfan-out on Azure storage: skipped, Azurite did not start (mvn verify installs it"
                    + " under tools/node): %s%n", e.getMessage());
            return;
        }
        arm.reset();
        BenchEstate estate = new BenchEstate(arm, clusters, 2, 1);
        Path dir = fresh("fanout-azure");
        String suffix = Long.toHexString(System.nanoTime());
        TableVerdictStore table = TableVerdictStore.connect(azurite.connectionString(), "benchverdicts" + suffix);
        QueueOutbox queue = QueueOutbox.connect(azurite.connectionString(), "bench-outbox-" + suffix);
        new BenchPath(arm, dir, new TimedState(table, queue), DriftDetector.EVALUATION_WIDTH).baseline();
        arm.latency(latency);
        ResourceId vault = estate.vaults.get(0);
        for (Duration rtt : List.of(Duration.ZERO, STORAGE_ROUND_TRIP)) {
            System.out.printf(Locale.ROOT, "%nfan-out on Azure storage (Azurite%s): the same vault, %d clusters, %d ms per"
                    + " ARM request%n", rtt.isZero() ? " on loopback" : " plus " + rtt.toMillis() + " ms modelled per"
                    + " storage call", clusters, latency.toMillis());
            for (int width : List.of(DriftDetector.EVALUATION_WIDTH, 1)) {
                boolean lock = !estate.rbacOn(vault);
                estate.rbac(vault, lock);
                fanOutOnce((lock ? "locked out" : "restored") + ", width " + width,
                        new BenchPath(arm, dir, new TimedState(table, queue, rtt), width), vault, clusters);
            }
        }
    }

    private void fanOutOnce(String what, BenchPath path, ResourceId vault, int clusters) {
        int before = arm.requests().size();
        long start = System.nanoTime();
        EventIntake.Result r = path.deliver(path.events.write(vault, VAULT_WRITE));
        long wall = System.nanoTime() - start;
        ReadStats stats = path.stats();
        int reached = r.outcomes().get(0).clusters().size();
        List<FakeArm.Request> sent = arm.requests();
        long clusterReads = sent.subList(before, sent.size()).stream().filter(q -> q.method().equals("GET")
                && q.path().toLowerCase(Locale.ROOT).contains("/managedclusters/")).count();
        boolean met = reached == clusters && stats.graphRequests() <= FAN_OUT_PAGES && clusterReads == 0 && wall < 2e9;
        System.out.printf(Locale.ROOT, "  %-46s %d clusters re-evaluated, %d alerts, %d Resource Graph pages, %d ARM"
                        + " GETs (%d of clusters), %.0f ms wall (HTTPS %.0f ms, state %.0f ms, summed over threads); goal (<= %d pages, no"
                        + " per-cluster read, < 2 s): %s%n", what, reached, path.alerts(r), stats.graphRequests(),
                stats.armRequests(), clusterReads, millis(wall), millis(path.http.nanos()),
                millis(path.state.nanos()), FAN_OUT_PAGES, met ? "met" : "NOT met");
    }

    /** The same cluster-write event redelivered round after round for every cluster. */
    private void duplicates(Duration latency, int total, int clusters) throws IOException {
        arm.reset();
        BenchEstate estate = new BenchEstate(arm, clusters, Math.max(1, clusters / 10), 5);
        BenchPath path = new BenchPath(arm, fresh("duplicates"));
        path.baseline();
        arm.latency(latency);
        JsonObject[] events = new JsonObject[clusters];
        for (int c = 0; c < clusters; c++) {
            estate.kms(estate.clusters.get(c), false);
            events[c] = path.events.write(estate.clusters.get(c), CLUSTER_WRITE);
        }
        ReadStats stats = path.stats();
        long gets = stats.armRequests();
        long pages = stats.graphRequests();
        int alerts = 0;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            alerts += path.alerts(path.deliver(events[i % clusters]));
        }
        long wall = System.nanoTime() - start;
        long reads = stats.armRequests() - gets + stats.graphRequests() - pages;
        System.out.printf(Locale.ROOT, "%nduplicates: %d deliveries of %d events (one per cluster, each %d times),"
                + " %d ms per request%n", total, clusters, total / clusters, latency.toMillis());
        System.out.printf(Locale.ROOT, "  reads               %d ARM GETs + %d Resource Graph pages = %d (%.3f per"
                        + " delivery); %d alerts (one per cluster expected); %.1f s wall, %.0f deliveries/s%n",
                stats.armRequests() - gets, stats.graphRequests() - pages, reads, (double) reads / total, alerts,
                seconds(wall), total / seconds(wall));
        System.out.printf(Locale.ROOT, "  goal                at most a few hundred reads, not %d: %s%n", total,
                reads <= 500 ? "met" : "NOT met");
    }

    /**
     * A StatefulSet scaled up: one Microsoft.Compute/disks/write event per new PV disk, all in one cluster's node
     * resource group, delivered one after the other. Each disk must be read after its change; everything else (the
     * route's Resource Graph page, the cluster, its set, vault and key) should come from the cache and the view, so the
     * burst costs about one read per disk, not one full re-evaluation per disk.
     */
    private void pvBurst(Duration latency, int disks) throws IOException {
        arm.reset();
        BenchEstate estate = new BenchEstate(arm, STREAM_CLUSTERS, STREAM_CLUSTERS / 10, 5);
        ResourceId cluster = estate.clusters.get(0);
        Path dir = fresh("pv-burst");
        new BenchPath(arm, dir).baseline();
        arm.latency(latency);
        long fullReevaluation = coldReevaluation(dir, cluster);
        BenchPath path = new BenchPath(arm, dir);
        path.runtime.detector().reevaluate(cluster, Alert.Trigger.sweep("warm-up",
                Instant.now()), new ArrayList<>());
        ReadStats stats = path.stats();
        long gets = stats.armRequests();
        long pages = stats.graphRequests();
        int reached = 0;
        long start = System.nanoTime();
        for (int i = 0; i < disks; i++) {
            ResourceId disk = estate.pvDisk(cluster, String.format("pvc-%04d", i), "data-db-" + i);
            EventIntake.Result r = path.deliver(path.events.write(disk, DISK_WRITE));
            reached += r.outcomes().get(0).clusters().contains(cluster) ? 1 : 0;
        }
        long wall = System.nanoTime() - start;
        long armGets = stats.armRequests() - gets;
        long graphPages = stats.graphRequests() - pages;
        long reads = armGets + graphPages;
        System.out.printf(Locale.ROOT, "%npv burst: %d PV disk writes for one cluster (a StatefulSet of %d replicas), one"
                + " per delivery, %d ms per request%n", disks, disks, latency.toMillis());
        System.out.printf(Locale.ROOT, "  reads               %d ARM GETs + %d Resource Graph pages = %d (%.2f per"
                        + " event); %d of %d events reached the cluster; %.1f s wall%n", armGets, graphPages, reads,
                (double) reads / disks, reached, disks, seconds(wall));
        System.out.printf(Locale.ROOT, "  compared with       one full re-evaluation on a cold cache costs %d reads; %d"
                + " of them would cost %d%n", fullReevaluation, disks, fullReevaluation * disks);
        System.out.printf(Locale.ROOT, "  goal                about one read per new disk (<= %d), far below %d: %s%n",
                disks + 5, fullReevaluation * disks, reads <= disks + 5 && reached == disks ? "met" : "NOT met");
    }

    /** The reads one re-evaluation of the cluster costs in a process that has read nothing yet. */
    private long coldReevaluation(Path dir, ResourceId cluster) {
        BenchPath cold = new BenchPath(arm, dir);
        cold.runtime.detector().reevaluate(cluster, Alert.Trigger.sweep("cold", Instant.now()),
                new ArrayList<>());
        return cold.stats().armRequests() + cold.stats().graphRequests();
    }

    private record Run(long wallNanos, long[] alerting, int alerts, long armGets, long graphPages, long httpNanos,
                       long stateNanos) {
    }

    /**
     * Seven in ten events are cluster writes toggling KMS, two are set writes toggling a rotation error (reaching 10
     * clusters each), one is a key event moving the key's expiry in or out of the warning window (20 clusters).
     */
    private static final class Mix {
        private final BenchEstate estate;
        private final BenchPath path;
        private final boolean[] kmsOff;
        private final boolean[] failing;
        private final boolean[] expiring;

        Mix(BenchEstate estate, BenchPath path) {
            this.estate = estate;
            this.path = path;
            this.kmsOff = new boolean[estate.clusters.size()];
            this.failing = new boolean[estate.sets.size()];
            this.expiring = new boolean[estate.vaults.size()];
        }

        JsonObject next(int i) {
            int kind = i % 10;
            if (kind < 7) {
                int c = (i * 7) % kmsOff.length;
                kmsOff[c] = !kmsOff[c];
                estate.kms(estate.clusters.get(c), !kmsOff[c]);
                return path.events.write(estate.clusters.get(c), CLUSTER_WRITE);
            }
            if (kind < 9) {
                int s = i % failing.length;
                failing[s] = !failing[s];
                estate.rotationError(estate.sets.get(s), failing[s]);
                return path.events.write(estate.sets.get(s), SET_WRITE);
            }
            int v = (i / 10) % expiring.length;
            expiring[v] = !expiring[v];
            estate.keyExpiry(estate.vaults.get(v), expiring[v]
                    ? Instant.now().plus(Duration.ofDays(5)).getEpochSecond() : null);
            return path.events.key(expiring[v] ? "KeyNearExpiry" : "KeyNewVersionCreated", estate.vaults.get(v),
                    Estate.KEY);
        }
    }

    private Path fresh(String name) throws IOException {
        Path dir = root.resolve(name);
        delete(dir);
        return Files.createDirectories(dir);
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long percentile(long[] values, int p) {
        if (values.length == 0) {
            return 0;
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }
}
