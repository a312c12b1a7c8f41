package io.byokwatch.bench;

import io.byokwatch.adapter.storage.FileDeadLetters;
import io.byokwatch.adapter.storage.FileDeliveryLog;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.webhook.HttpNotifier;
import io.byokwatch.app.AlertDelivery;
import io.byokwatch.app.OutboxDrainer;
import io.byokwatch.app.RetryPolicy;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.Endpoint;
import io.byokwatch.notify.NotifyConfigLoader;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.OutboxMessage;
import io.byokwatch.port.Sleeper;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.render.NoticeSamples;
import io.byokwatch.render.alert.PortalLinks;
import io.byokwatch.render.slack.SlackMessage;
import io.byokwatch.render.teams.TeamsCard;
import io.byokwatch.testsupport.Receiver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Delivery throughput and latency against loopback receivers, through the local delivery {@code replay} and
 * {@code serve} use (file outbox, file state, the HTTP notifier, the real renderers, the outbox drainer), on the wall
 * clock. One run per channel kind, each
 * at its pace: it prints messages per second next to the pace; the most sends that started in any one-second window
 * (the pace holding means this never exceeds it) and the most that arrived in one (network jitter can add one: the
 * first request also opens the connection); p50/p99 of the HTTP round trip, pacing wait excluded; and p50/p99 from
 * enqueue to arrival, which with everything enqueued up front is mostly the wait for the pace.
 *
 * <p>Run: {@code scripts/bench-delivery [webhookAlerts [webhookPerSecond]]}. Not a test: it takes
 * about half a minute of real time, most of it Slack's one message a second.
 */
public final class DeliveryBenchmark {
    private static final AlertJson CODEC = new AlertJson();

    private DeliveryBenchmark() {
    }

    record Run(String kind, int messages, double perSecond) {
    }

    public static void main(String[] args) throws Exception {
        // the JDK's test server otherwise writes a response's head and body as two segments, and Nagle then waits out
        // the client's delayed ACK (40 ms) on every keep-alive request: that would measure the receiver, not us
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int webhookAlerts = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        double webhookPace = args.length > 1 ? Double.parseDouble(args[1]) : 100;
        System.out.printf(Locale.ROOT, "%-8s %8s %9s %7s %7s %11s %11s %9s %9s %10s %10s%n", "channel", "messages",
                "elapsed s", "msg/s", "pace/s", "max/1s sent", "max/1s recv", "post p50", "post p99", "e2e p50", "e2e p99");
        for (Run r : List.of(new Run("webhook", webhookAlerts, webhookPace), new Run("teams", 40, 4), new Run("slack", 12, 1))) {
            run(r);
        }
    }

    private static void run(Run r) throws Exception {
        Path state = Files.createTempDirectory("byokwatch-bench-");
        try (Receiver receiver = Receiver.start()) {
            List<Long> receivedAt = Collections.synchronizedList(new ArrayList<>());
            receiver.otherwise(q -> {
                receivedAt.add(System.nanoTime());
                return q.path().startsWith("/teams") ? Receiver.Answer.status(202, "") : Receiver.Answer.ok();
            });
            String secretSetting = r.kind().equals("webhook") ? ", \"secretSetting\": \"SECRET\"" : "";
            String config = "{\"channels\": {\"c\": {\"type\": \"" + r.kind() + "\", \"urlSetting\": \"URL\"" + secretSetting
                    + ", \"maxPerSecond\": " + r.perSecond() + "}}, \"default\": [\"c\"], \"flapWindowMinutes\": 0,"
                    + " \"delivery\": {\"allowLoopbackHttp\": true}}";
            Map<String, String> env = Map.of("URL", receiver.url("/" + r.kind() + "/bench-hook-0123456789"),
                    "SECRET", "bench-signing-secret-0123456789abcdef");
            NotifyConfigLoader.Loaded loaded = new NotifyConfigLoader(env).parse(config, "bench.json", state);
            Clock clock = Clock.systemUTC();
            PacingAware sleeper = new PacingAware(clock);
            Map<Channel, Endpoint> http = Map.of(loaded.config().channel("c"), loaded.endpoints().get("c"));
            HttpNotifier sender = new HttpNotifier(http, loaded.config().timeout(), loaded.secrets(), clock, sleeper, "bench");
            List<Long> postNanos = Collections.synchronizedList(new ArrayList<>());
            List<Long> sentAt = Collections.synchronizedList(new ArrayList<>());
            Notifier timed = (channel, payload) -> {
                sleeper.slept.set(0L);
                Instant before = clock.instant();
                long t0 = System.nanoTime();
                Notifier.Result result = sender.send(channel, payload);
                long paced = sleeper.slept.get();
                // on the pacer's own clock: the wall clock and nanoTime drift apart by microseconds a second
                Instant start = paced == 0 ? before : sleeper.wokeAt.get();
                sentAt.add(start.getEpochSecond() * 1_000_000_000L + start.getNano());
                postNanos.add(System.nanoTime() - t0 - paced);
                return result;
            };
            PortalLinks portal = PortalLinks.forCloud("AzureCloud");
            RetryPolicy retry = RetryPolicy.standard(8, new SplittableRandom(1));
            FileOutbox outbox = new FileOutbox(state.resolve("outbox"), clock);
            FileDeadLetters deadLetters = new FileDeadLetters(state.resolve("deadletter"));
            AlertDelivery delivery = new AlertDelivery(loaded.config(), timed, new FileDeliveryLog(state.resolve("delivery")),
                    deadLetters, CODEC, Map.of(ChannelType.SLACK, new SlackMessage(portal), ChannelType.TEAMS, new TeamsCard(portal)),
                    retry, false, loaded.secrets(), clock);
            OutboxDrainer drainer = new OutboxDrainer(outbox, delivery, deadLetters, retry, loaded.secrets(), clock, sleeper,
                    Duration.ofMinutes(5), line -> { });
            List<Long> enqueuedAt = new ArrayList<>();
            for (int i = 0; i < r.messages(); i++) {
                Alert a = alert(i);
                enqueuedAt.add(System.nanoTime());
                outbox.enqueue(OutboxMessage.of(a.alertId(), a.clusterId().key(), a.detectedAt(), CODEC.encode(a)));
            }
            long start = System.nanoTime();
            OutboxDrainer.Report report = drainer.drainUntilSettled(Duration.ofMinutes(10));
            long elapsed = System.nanoTime() - start;
            if (report.finished() != r.messages() || receivedAt.size() != r.messages()) {
                throw new IllegalStateException(r.kind() + ": delivered " + receivedAt.size() + " of " + r.messages());
            }
            List<Long> e2e = new ArrayList<>();
            for (int i = 0; i < receivedAt.size(); i++) {
                e2e.add(receivedAt.get(i) - enqueuedAt.get(i));
            }
            System.out.printf(Locale.ROOT, "%-8s %8d %9.2f %7.1f %7.1f %11d %11d %7.1fms %7.1fms %8.0fms %8.0fms%n", r.kind(),
                    r.messages(), elapsed / 1e9, r.messages() / (elapsed / 1e9), r.perSecond(), maxInOneSecond(sentAt),
                    maxInOneSecond(receivedAt), pct(postNanos, 50) / 1e6, pct(postNanos, 99) / 1e6, pct(e2e, 50) / 1e6,
                    pct(e2e, 99) / 1e6);
        } finally {
            deleteTree(state);
        }
    }

    private static Alert alert(int i) {
        Alert a = NoticeSamples.opened();
        ResourceId id = ResourceId.parse("/subscriptions/" + NoticeSamples.PAY + "/resourceGroups/rg-bench/providers/"
                + "Microsoft.ContainerService/managedClusters/aks-bench-" + i);
        return new Alert(String.format(Locale.ROOT, "%032x", i), a.kind(), id, id.name(), a.subscriptionId(), a.status(), null,
                a.findings(), List.of(), a.trigger(), a.detectedAt(), a.openSince(), a.sequence() + i, a.clusterTags());
    }

    /** The most arrivals inside any half-open one-second window. */
    static int maxInOneSecond(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        int best = 0;
        int from = 0;
        for (int to = 0; to < sorted.size(); to++) {
            while (sorted.get(to) - sorted.get(from) >= 1_000_000_000L) {
                from++;
            }
            best = Math.max(best, to - from + 1);
        }
        return best;
    }

    private static double pct(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** Real sleeps, counted per thread, so a send's pacing wait can be told apart from its HTTP round trip. */
    private static final class PacingAware implements Sleeper {
        final ThreadLocal<Long> slept = ThreadLocal.withInitial(() -> 0L);
        final ThreadLocal<Instant> wokeAt = new ThreadLocal<>();
        private final Clock clock;

        PacingAware(Clock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            long t0 = System.nanoTime();
            Sleeper.REAL.sleep(d);
            slept.set(slept.get() + System.nanoTime() - t0);
            wokeAt.set(clock.instant());
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Collections.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
