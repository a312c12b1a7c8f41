package io.byokwatch.app;

import io.byokwatch.access.AccessReport;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.NotifyConfig;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Sends the nightly access report to the channels routed kind {@code access-report}: people get a digest of the top
 * anomalies, machines (webhooks, files, JSON stdout) the access-report JSON.
 *
 * <p>Like the daily reminder it is sent directly rather than through the outbox: the report is saved anyway and
 * tomorrow's replaces it, so one that cannot be delivered after a few tries within the run is dead-lettered (with the
 * body, for re-sending by hand) instead of holding the timer invocation past its timeout.
 */
public final class AccessReportDelivery {
    /** How long one run may spend waiting on retries, so the nightly invocation always ends well inside its timeout. */
    static final Duration RETRY_BUDGET = Duration.ofMinutes(3);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final NotifyConfig config;
    private final Notifier notifier;
    private final Map<ChannelType, AccessDigestRenderer> forPeople;
    private final AccessDigestRenderer forMachines;
    private final DeadLetters deadLetters;
    private final RetryPolicy retry;
    private final Secrets secrets;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param forPeople   the digest for each kind of channel people read (slack, teams, stdout)
     * @param forMachines the access-report JSON, for every other channel
     */
    public AccessReportDelivery(NotifyConfig config, Notifier notifier, Map<ChannelType, AccessDigestRenderer> forPeople,
                                AccessDigestRenderer forMachines, DeadLetters deadLetters, RetryPolicy retry,
                                Secrets secrets, Clock clock, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.forPeople = Map.copyOf(forPeople);
        this.forMachines = Objects.requireNonNull(forMachines, "forMachines");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** The outcome for one channel; {@code line} is ready for a log and free of secrets. */
    public record Outcome(String channel, boolean delivered, String line) {
    }

    /**
     * Sends the report to every channel routed to it, one after another, within {@link #RETRY_BUDGET}.
     *
     * @param fullReport the file name the whole report was saved as, for the digest to point at; null when unsaved
     */
    public List<Outcome> deliver(AccessReport report, String fullReport) throws InterruptedException {
        List<Outcome> out = new ArrayList<>();
        List<String> channels = config.accessReportChannels(report.worst());
        if (channels.isEmpty()) {
            out.add(new Outcome("-", true, "access report: no route of kind access-report takes it"
                    + (report.worst() == null ? "" : " (worst anomaly " + report.worst().label() + ")") + ", nothing sent"));
            return out;
        }
        String id = reportId(report);
        Instant deadline = clock.instant().plus(RETRY_BUDGET);
        for (String name : channels) {
            Channel channel = config.channel(name);
            AccessDigestRenderer renderer = channel.forPeople() ? forPeople.get(channel.type()) : forMachines;
            out.add(send(channel, new Notifier.Payload(id, renderer.digest(report, fullReport)), deadline));
        }
        return out;
    }

    private Outcome send(Channel channel, Notifier.Payload payload, Instant deadline) throws InterruptedException {
        DirectSend.Result r = new DirectSend(notifier, deadLetters, retry, secrets, clock, sleeper)
                .send(channel, payload, deadline, "access report " + payload.idempotencyKey());
        return new Outcome(r.channel(), r.delivered(), r.line());
    }

    /** One id per report window, on every channel, so a receiver can drop a second run's repeat. */
    static String reportId(AccessReport report) {
        return "access-report-" + STAMP.format(report.windowEnd());
    }
}
