package io.byokwatch.app;

import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Notice;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.NotifyConfig;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.AlertProgress;
import io.byokwatch.port.AlertProgress.Presentation;
import io.byokwatch.port.AlertProgress.State;
import io.byokwatch.port.ClusterNotices;
import io.byokwatch.port.DeadLetters;
import io.byokwatch.port.DeliveryLog;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.OutboxMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Delivers one alert from the outbox to every channel its routes name, and says what the caller should do with the
 * message: finish it, try again after a delay, or hold it until a time.
 *
 * <p><b>Per-channel progress.</b> What each channel already took is kept in the {@link DeliveryLog} under the alert id,
 * and saved after every send, so a retry goes only to the channels still missing it. The message leaves the outbox
 * only when every target channel has taken it (2xx) or been given up on (dead-lettered). Delivery is at-least-once:
 * a crash between a send and saving it, or an expired lease, sends again; every payload carries the alert id so that
 * receivers can drop the repeat.
 *
 * <p><b>Giving up.</b> A channel that refuses a payload for good (Slack 400/403/404/410, another 4xx from a webhook),
 * or that still fails after the configured attempts, gets a dead letter with the reason; the others go on.
 *
 * <p><b>People and machines.</b> Channels for people (Slack, Teams, terminal text) are shown the alert as the
 * {@link FlapPolicy} decides, once per alert; machine channels (signed webhooks, JSON files) get every alert exactly as
 * the contract says, because an audit trail must not be summarised.
 */
public final class AlertDelivery {
    private static final int MAX_CAS_ATTEMPTS = 8;

    private final NotifyConfig config;
    private final Notifier notifier;
    private final DeliveryLog log;
    private final DeadLetters deadLetters;
    private final AlertCodec codec;
    private final Map<ChannelType, NoticeRenderer> renderers;
    private final RetryPolicy retry;
    private final FlapPolicy flaps;
    private final Secrets secrets;
    private final Clock clock;

    /**
     * @param renderers one per channel type for people (slack, teams, stdout)
     * @param hold      whether resolutions may be held back for a flap window: only where something will still be
     *                  running when they come due (serve, Azure), not in one-shot replays
     */
    public AlertDelivery(NotifyConfig config, Notifier notifier, DeliveryLog log, DeadLetters deadLetters, AlertCodec codec,
                         Map<ChannelType, NoticeRenderer> renderers, RetryPolicy retry, boolean hold, Secrets secrets,
                         Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.log = Objects.requireNonNull(log, "log");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.renderers = Map.copyOf(renderers);
        this.retry = Objects.requireNonNull(retry, "retry");
        this.flaps = new FlapPolicy(config.flapWindow(), hold);
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What the caller does with the message. Lines say what happened, per channel, fit for a log. */
    public sealed interface Outcome {
        List<String> lines();
    }

    /** Every channel took it or was given up on ({@code deadLettered} of them): remove the message. */
    public record Done(List<String> lines, int deadLettered) implements Outcome {
    }

    /** Some channel may take it later: make the message visible again after {@code delay}. */
    public record RetryLater(Duration delay, List<String> lines) implements Outcome {
    }

    /**
     * Only a held resolution is left: remove this message and put a copy back, hidden until {@code until}, under
     * {@link #heldPartition} so that it does not hold back the cluster's later alerts (among them the re-opening that
     * would fold it away).
     */
    public record Held(Instant until, List<String> lines) implements Outcome {
    }

    /** The outbox partition for a held copy of a message of {@code partitionKey}. */
    public static String heldPartition(String partitionKey) {
        return partitionKey.endsWith("#held") ? partitionKey : partitionKey + "#held";
    }

    public Outcome deliver(OutboxMessage m) {
        Alert alert;
        try {
            alert = codec.decode(m.body());
        } catch (IllegalArgumentException e) {
            String reason = "not an alert of the alert JSON contract: " + secrets.mask(e.getMessage());
            deadLetters.add(new DeadLetters.DeadLetter(m.id(), "-", reason, m.dequeueCount(), clock.instant(), m.body()));
            return new Done(List.of("outbox message " + m.id() + " dead-lettered: " + reason), 1);
        }
        List<String> lines = new ArrayList<>();
        AlertProgress p = log.progress(alert.alertId())
                .orElseGet(() -> AlertProgress.start(alert.alertId(), alert.clusterId().key(), config.channelsFor(alert)));
        if (p.channels().keySet().stream().anyMatch(this::forPeople)) {
            p = present(alert, p, lines);
        }
        Duration again = null;
        for (Map.Entry<String, AlertProgress.Channel> e : p.channels().entrySet()) {
            String name = e.getKey();
            AlertProgress.Channel state = e.getValue();
            if (state.state() != State.PENDING) {
                continue;
            }
            Channel channel = config.channels().get(name);
            if (channel == null) {
                p = giveUp(p, alert, m, name, state.attempts(), "channel '" + name + "' is no longer in the notify config", lines);
                continue;
            }
            if (channel.forPeople() && (p.presentation() == Presentation.STALE || p.presentation() == Presentation.ABSORBED)) {
                p = p.with(name, new AlertProgress.Channel(State.SKIPPED, state.attempts(), null));
                log.saveProgress(p);
                continue;
            }
            if (channel.forPeople() && p.presentation() == Presentation.HELD) {
                continue;
            }
            Notifier.Result result = notifier.send(name, payload(channel, alert, m, p));
            int attempts = state.attempts() + 1;
            if (result instanceof Notifier.Sent sent) {
                p = p.with(name, new AlertProgress.Channel(State.DELIVERED, attempts, null));
                if (channel.type() != ChannelType.STDOUT) {
                    // on the terminal the delivery is its own evidence
                    lines.add(describe(alert) + " delivered to " + name + " (" + sent.status() + ")");
                }
            } else if (result instanceof Notifier.Rejected rejected) {
                p = giveUp(p, alert, m, name, attempts, rejected.reason(), lines);
            } else {
                Notifier.Retry r = (Notifier.Retry) result;
                if (retry.exhausted(attempts)) {
                    p = giveUp(p, alert, m, name, attempts, "still failing after " + attempts + " attempts, the last: "
                            + r.reason(), lines);
                } else {
                    Duration wait = retry.delay(attempts, r.retryAfter());
                    again = again == null || wait.compareTo(again) > 0 ? wait : again;
                    p = p.with(name, new AlertProgress.Channel(State.PENDING, attempts, secrets.mask(r.reason())));
                    lines.add(describe(alert) + " not delivered to " + name + " (attempt " + attempts + " of "
                            + retry.maxAttempts() + "): " + secrets.mask(r.reason()) + "; retrying in " + seconds(wait));
                }
            }
            log.saveProgress(p);
        }
        if (p.finished()) {
            log.forgetProgress(alert.alertId());
            int dead = (int) p.channels().values().stream().filter(c -> c.state() == State.DEAD).count();
            return new Done(List.copyOf(lines), dead);
        }
        if (again != null) {
            return new RetryLater(again, List.copyOf(lines));
        }
        lines.add(describe(alert) + " held for people until " + p.heldUntil() + " in case the cluster re-opens");
        return new Held(p.heldUntil(), List.copyOf(lines));
    }

    /** Decides once how people see the alert, or settles a held resolution that came due. */
    private AlertProgress present(Alert alert, AlertProgress p, List<String> lines) {
        boolean first = p.presentation() == null;
        boolean due = p.presentation() == Presentation.HELD && !clock.instant().isBefore(p.heldUntil());
        if (!first && !due) {
            return p;
        }
        for (int attempt = 0; attempt < MAX_CAS_ATTEMPTS; attempt++) {
            ClusterNotices n = log.notices(alert.clusterId().key()).orElse(ClusterNotices.none(alert.clusterId().key()));
            FlapPolicy.Decision d = first ? flaps.decide(n, alert) : flaps.release(n, alert);
            if (d.next() == n || log.saveNotices(d.next())) {
                AlertProgress decided = p.presented(d.presentation(), d.heldUntil() != null ? d.heldUntil() : p.heldUntil(),
                        d.recent());
                log.saveProgress(decided);
                if (d.presentation() != Presentation.AS_IS) {
                    lines.add(describe(alert) + " shown to people as " + d.presentation().name().toLowerCase(java.util.Locale.ROOT));
                }
                return decided;
            }
        }
        throw new IllegalStateException("the notice state of cluster " + alert.clusterId() + " kept changing under "
                + MAX_CAS_ATTEMPTS + " concurrent deliveries; the alert will be retried");
    }

    private Notifier.Payload payload(Channel channel, Alert alert, OutboxMessage m, AlertProgress p) {
        if (!channel.forPeople()) {
            return new Notifier.Payload(alert.alertId(), m.body());
        }
        Notice notice = switch (p.presentation()) {
            case FLAPPING -> new Notice(alert, true, p.recent(), null);
            case RELEASED -> new Notice(alert, false, List.of(), Duration.between(alert.detectedAt(), p.heldUntil()));
            default -> Notice.of(alert);
        };
        NoticeRenderer renderer = renderers.get(channel.type());
        if (renderer == null) {
            throw new IllegalStateException("no renderer for " + channel.type().label() + " channels");
        }
        return new Notifier.Payload(alert.alertId(), renderer.notice(notice));
    }

    private AlertProgress giveUp(AlertProgress p, Alert alert, OutboxMessage m, String channel, int attempts, String reason,
                                 List<String> lines) {
        String masked = secrets.mask(reason);
        deadLetters.add(new DeadLetters.DeadLetter(alert.alertId(), channel, masked, attempts, clock.instant(), m.body()));
        lines.add(describe(alert) + " dead-lettered for " + channel + ": " + masked);
        return p.with(channel, new AlertProgress.Channel(State.DEAD, attempts, masked));
    }

    private boolean forPeople(String channel) {
        Channel c = config.channels().get(channel);
        return c != null && c.forPeople();
    }

    private static String describe(Alert a) {
        return "alert " + a.alertId() + " (" + a.kind().label() + " " + a.clusterName() + ")";
    }

    private static String seconds(Duration d) {
        return d.toMillis() < 10_000 ? String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0) : d.toSeconds() + " s";
    }
}
