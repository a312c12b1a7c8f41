package io.byokwatch.app;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.Reminder;
import io.byokwatch.domain.Tags;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.NotifyConfig;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.Sleeper;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.VerdictStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The daily reminder: once a day, at the configured UTC hour, each channel for people gets one message repeating every
 * cluster routed to it that is still noncompliant (kind {@code reminder} in route matches), read from the verdict store.
 *
 * <p>It is sent directly rather than through the outbox: it repeats state that is stored anyway, so a reminder that
 * cannot be delivered after a few tries within the run is dead-lettered and tomorrow's takes its place. Machine
 * channels get no reminders: they already have every transition.
 */
public final class Reminders {
    /** How long one run may spend waiting on retries, so a timer invocation always ends well inside its timeout. */
    static final Duration RETRY_BUDGET = Duration.ofMinutes(3);

    private final NotifyConfig config;
    private final VerdictStore store;
    private final AlertCodec codec;
    private final Notifier notifier;
    private final Map<ChannelType, NoticeRenderer> renderers;
    private final DeadLetters deadLetters;
    private final RetryPolicy retry;
    private final Secrets secrets;
    private final Clock clock;
    private final Sleeper sleeper;

    public Reminders(NotifyConfig config, VerdictStore store, AlertCodec codec, Notifier notifier,
                     Map<ChannelType, NoticeRenderer> renderers, DeadLetters deadLetters,
                     RetryPolicy retry, Secrets secrets, Clock clock, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.renderers = Map.copyOf(renderers);
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.retry = Objects.requireNonNull(retry, "retry");
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** True when a run now would send: reminders are on and this is the configured hour. */
    public boolean due() {
        NotifyConfig.DailyReminder r = config.dailyReminder();
        return r.enabled() && clock.instant().atZone(ZoneOffset.UTC).getHour() == r.hourUtc();
    }

    /** Sends today's reminders if {@link #due()}; returns what happened, one line each. */
    public List<String> runIfDue() throws InterruptedException {
        NotifyConfig.DailyReminder r = config.dailyReminder();
        if (!r.enabled()) {
            return List.of("daily reminder is off (dailyReminder.enabled in the notify config)");
        }
        if (!due()) {
            return List.of("daily reminder goes out at " + r.hourUtc() + ":00 UTC, not now ("
                    + clock.instant().atZone(ZoneOffset.UTC).getHour() + ":xx)");
        }
        return send();
    }

    /** Sends the reminders now, whatever the hour. */
    public List<String> send() throws InterruptedException {
        Instant now = clock.instant();
        Map<String, List<Reminder.OpenCluster>> perChannel = new LinkedHashMap<>();
        for (StoredVerdict v : store.all()) {
            if (!ClusterStatus.NONCOMPLIANT.label().equals(v.status())) {
                continue;
            }
            Reminder.OpenCluster c = new Reminder.OpenCluster(v.clusterId(), v.clusterName(), v.subscriptionId(),
                    v.since(), codec.storedFindings(v.detailJson()));
            Tags tags = codec.storedTags(v.detailJson());
            for (String channel : config.reminderChannelsFor(c, tags)) {
                perChannel.computeIfAbsent(channel, k -> new ArrayList<>()).add(c);
            }
        }
        List<String> lines = new ArrayList<>();
        if (perChannel.isEmpty()) {
            lines.add("daily reminder: nothing is open, nothing sent");
            return lines;
        }
        Instant deadline = now.plus(RETRY_BUDGET);
        for (Map.Entry<String, List<Reminder.OpenCluster>> e : perChannel.entrySet()) {
            List<Reminder.OpenCluster> clusters = new ArrayList<>(e.getValue());
            clusters.sort(Comparator.comparing(Reminder.OpenCluster::openSince).thenComparing(c -> c.clusterId().key()));
            Reminder reminder = new Reminder(reminderId(now, e.getKey()), now, clusters);
            lines.add(send(config.channel(e.getKey()), reminder, deadline));
        }
        return lines;
    }

    private String send(Channel channel, Reminder reminder, Instant deadline) throws InterruptedException {
        NoticeRenderer renderer = renderers.get(channel.type());
        Notifier.Payload payload = new Notifier.Payload(reminder.reminderId(), renderer.reminder(reminder));
        String what = "daily reminder " + reminder.reminderId() + " (" + reminder.clusters().size() + " open cluster"
                + (reminder.clusters().size() == 1 ? "" : "s") + ")";
        for (int attempt = 1; ; attempt++) {
            Notifier.Result result = notifier.send(channel.name(), payload);
            if (result instanceof Notifier.Sent) {
                return what + " delivered to " + channel.name();
            }
            String reason = result instanceof Notifier.Rejected rej ? rej.reason() : ((Notifier.Retry) result).reason();
            Duration wait = result instanceof Notifier.Retry r ? retry.delay(attempt, r.retryAfter()) : null;
            if (wait == null || retry.exhausted(attempt) || clock.instant().plus(wait).isAfter(deadline)) {
                String masked = secrets.mask(reason);
                deadLetters.add(new DeadLetters.DeadLetter(reminder.reminderId(), channel.name(), masked, attempt,
                        clock.instant(), payload.body()));
                return what + " dead-lettered for " + channel.name() + " after " + attempt + " attempt"
                        + (attempt == 1 ? "" : "s") + ": " + masked;
            }
            sleeper.sleep(wait);
        }
    }

    /** The same day and channel give the same id, so a second run in the hour can be dropped by the receiver. */
    static String reminderId(Instant at, String channel) {
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(("reminder|" + day + "|" + channel)
                    .getBytes(StandardCharsets.UTF_8));
            return "reminder-" + day + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
