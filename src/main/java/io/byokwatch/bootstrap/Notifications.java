package io.byokwatch.bootstrap;

import io.byokwatch.adapter.console.FileLinesNotifier;
import io.byokwatch.adapter.console.PrintNotifier;
import io.byokwatch.adapter.webhook.HttpNotifier;
import io.byokwatch.app.AccessReportDelivery;
import io.byokwatch.app.AlertCodec;
import io.byokwatch.app.AlertDelivery;
import io.byokwatch.app.NoticeRenderer;
import io.byokwatch.app.OutboxDrainer;
import io.byokwatch.app.QueueTriggeredDelivery;
import io.byokwatch.app.Reminders;
import io.byokwatch.app.RetryPolicy;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.Endpoint;
import io.byokwatch.notify.NotifyConfig;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.DeliveryLog;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.Sleeper;
import io.byokwatch.port.VerdictStore;
import io.byokwatch.render.access.JsonAccessDigest;
import io.byokwatch.render.kpi.JsonKpiDigest;
import io.byokwatch.render.slack.SlackKpiDigest;
import io.byokwatch.render.teams.TeamsKpiDigest;
import io.byokwatch.render.terminal.TerminalKpiDigest;
import io.byokwatch.app.KpiDigestDelivery;
import io.byokwatch.render.alert.PortalLinks;
import io.byokwatch.render.slack.SlackAccessDigest;
import io.byokwatch.render.slack.SlackMessage;
import io.byokwatch.render.teams.TeamsAccessDigest;
import io.byokwatch.render.teams.TeamsCard;
import io.byokwatch.render.terminal.TerminalAccessDigest;
import io.byokwatch.render.terminal.TerminalNotice;
import io.byokwatch.render.ToolVersion;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Alert delivery wired from a notify config: the channel notifiers (HTTP, terminal, file), the renderers, and the
 * services that use them. Built once per process, like the {@link Runtime} that holds it.
 */
public final class Notifications {
    /**
     * How long a leased alert stays hidden without a renewal. The drainer renews every third of it while it works on a
     * message, so a slow channel keeps its message, and a consumer killed mid-delivery costs its alerts (and the later
     * alerts of their clusters, which wait behind them) this long, not the time the slowest delivery may take.
     */
    static final Duration LEASE = Duration.ofSeconds(10);

    private final NotifyConfig config;
    private final Secrets secrets;
    private final Notifier notifier;
    private final AlertDelivery delivery;
    private final Reminders reminders;
    private final AccessReportDelivery accessReports;
    private final KpiDigestDelivery kpiDigests;
    private final DeadLetters deadLetters;
    private final RetryPolicy retry;
    private final Outbox outbox;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Everything a delivery setup is made of; the CLI and the Functions differ only in these. */
    public record Parts(NotifyConfig config, Map<String, Endpoint> endpoints, Secrets secrets, PrintStream stdout,
                        boolean holdResolutions, Clock clock, Sleeper sleeper, RandomGenerator random) {
    }

    Notifications(Parts p, String cloud, Outbox outbox, VerdictStore store, DeliveryLog log, DeadLetters deadLetters,
                  AlertCodec codec) {
        this.config = p.config();
        this.secrets = p.secrets();
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.clock = p.clock();
        this.sleeper = p.sleeper();
        this.retry = RetryPolicy.standard(config.maxAttempts(), p.random());
        PortalLinks portal = PortalLinks.forCloud(cloud);
        Map<ChannelType, NoticeRenderer> renderers = Map.of(ChannelType.SLACK, new SlackMessage(portal),
                ChannelType.TEAMS, new TeamsCard(portal), ChannelType.STDOUT, new TerminalNotice(portal));
        this.notifier = notifiers(p);
        this.delivery = new AlertDelivery(config, notifier, log, deadLetters, codec, renderers, retry, p.holdResolutions(),
                secrets, clock);
        this.reminders = new Reminders(config, store, codec, notifier, renderers, deadLetters, retry, secrets, clock, sleeper);
        this.accessReports = accessReports(p, notifier, deadLetters, retry);
        this.kpiDigests = kpiDigests(p, notifier, deadLetters, retry);
    }

    static Notifier notifiers(Parts p) {
        NotifyConfig config = p.config();
        Map<Channel, Endpoint> http = new LinkedHashMap<>();
        Map<String, Notifier> byChannel = new LinkedHashMap<>();
        for (Channel c : config.channels().values()) {
            Endpoint e = p.endpoints().get(c.name());
            switch (c.type()) {
                case SLACK, TEAMS, WEBHOOK -> http.put(c, Objects.requireNonNull(e, "endpoint of channel " + c.name()));
                case STDOUT -> byChannel.put(c.name(), new PrintNotifier(p.stdout(), c.forPeople()));
                case FILE -> byChannel.put(c.name(), new FileLinesNotifier(Objects.requireNonNull(e, "file of channel " + c.name()).file()));
            }
        }
        if (!http.isEmpty()) {
            HttpNotifier sender = new HttpNotifier(http, config.timeout(), p.secrets(), p.clock(), p.sleeper(),
                    ToolVersion.current());
            http.keySet().forEach(c -> byChannel.put(c.name(), sender));
        }
        return new ChannelNotifiers(byChannel);
    }

    /** Masks every configured URL and secret; use it on anything bound for a log. */
    public Secrets secrets() {
        return secrets;
    }

    public AlertDelivery delivery() {
        return delivery;
    }

    public Reminders reminders() {
        return reminders;
    }

    /** The nightly access report's delivery, through the same channels and dead letters as alerts. */
    public AccessReportDelivery accessReports() {
        return accessReports;
    }

    /**
     * The access report's delivery alone, for {@code byokwatch access-report}, which has no outbox nor verdicts.
     *
     * @param deadLetters where reports no channel took are kept
     */
    /** The weekly KPI digest's delivery, through the same channels and dead letters as alerts. */
    public KpiDigestDelivery kpiDigests() {
        return kpiDigests;
    }

    private static KpiDigestDelivery kpiDigests(Parts p, Notifier notifier, DeadLetters deadLetters, RetryPolicy retry) {
        return new KpiDigestDelivery(p.config(), notifier, Map.of(ChannelType.SLACK, new SlackKpiDigest(),
                ChannelType.TEAMS, new TeamsKpiDigest(), ChannelType.STDOUT, new TerminalKpiDigest()),
                new JsonKpiDigest(), deadLetters, retry, p.secrets(), p.clock(), p.sleeper());
    }

    public static AccessReportDelivery accessReportsOnly(Parts p, DeadLetters deadLetters) {
        return accessReports(p, notifiers(p), deadLetters, RetryPolicy.standard(p.config().maxAttempts(), p.random()));
    }

    private static AccessReportDelivery accessReports(Parts p, Notifier notifier, DeadLetters deadLetters, RetryPolicy retry) {
        return new AccessReportDelivery(p.config(), notifier, Map.of(ChannelType.SLACK, new SlackAccessDigest(),
                ChannelType.TEAMS, new TeamsAccessDigest(), ChannelType.STDOUT, new TerminalAccessDigest()),
                new JsonAccessDigest(), deadLetters, retry, p.secrets(), p.clock(), p.sleeper());
    }

    public DeadLetters deadLetters() {
        return deadLetters;
    }

    /** Drains a leasing outbox (the file outbox of replay and serve); each line goes to {@code log}. */
    public OutboxDrainer drainer(Consumer<String> log) {
        return new OutboxDrainer(outbox, delivery, deadLetters, retry, secrets, clock, sleeper, LEASE, log);
    }

    /** Delivery for the queue-triggered function. */
    public QueueTriggeredDelivery triggered() {
        return new QueueTriggeredDelivery(delivery, outbox, clock);
    }
}
