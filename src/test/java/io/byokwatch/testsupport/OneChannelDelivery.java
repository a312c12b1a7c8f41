package io.byokwatch.testsupport;

import io.byokwatch.adapter.storage.FileDeadLetters;
import io.byokwatch.adapter.storage.FileDeliveryLog;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.app.AlertDelivery;
import io.byokwatch.app.OutboxDrainer;
import io.byokwatch.app.Reminders;
import io.byokwatch.app.RetryPolicy;
import io.byokwatch.notify.Channel;
import io.byokwatch.notify.ChannelType;
import io.byokwatch.notify.NotifyConfig;
import io.byokwatch.notify.Route;
import io.byokwatch.notify.RouteMatch;
import io.byokwatch.notify.Secrets;
import io.byokwatch.port.Notifier;
import io.byokwatch.port.Outbox;
import io.byokwatch.port.Sleeper;
import io.byokwatch.render.alert.AlertJson;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Local delivery to one machine channel ({@code siem}, a webhook) through a given notifier, with file state under a
 * folder: for tests of the drain and its loop, where what the channel renders does not matter.
 */
public final class OneChannelDelivery {
    public static final Duration LEASE = Duration.ofMinutes(5);
    public static final AlertJson CODEC = new AlertJson();

    private final NotifyConfig config;
    private final Path state;
    private final Notifier notifier;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RetryPolicy retry = RetryPolicy.standard(8, new SplittableRandom(1));
    private final FileDeadLetters deadLetters;

    public OneChannelDelivery(Path state, Notifier notifier, Clock clock, Sleeper sleeper) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        channels.put("siem", new Channel("siem", ChannelType.WEBHOOK, true, 10));
        this.config = new NotifyConfig(channels, List.of(new Route("all", RouteMatch.EVERYTHING, List.of("siem"))),
                List.of("siem"), Duration.ofMinutes(60), NotifyConfig.DailyReminder.OFF, 8, Duration.ofSeconds(5), false);
        this.state = state;
        this.notifier = notifier;
        this.clock = clock;
        this.sleeper = sleeper;
        this.deadLetters = new FileDeadLetters(state.resolve("deadletter"));
    }

    public OutboxDrainer drainer(Outbox outbox, Consumer<String> log) {
        return drainer(outbox, log, LEASE);
    }

    public OutboxDrainer drainer(Outbox outbox, Consumer<String> log, Duration lease) {
        AlertDelivery delivery = new AlertDelivery(config, notifier, new FileDeliveryLog(state.resolve("delivery")),
                deadLetters, CODEC, Map.of(), retry, false, Secrets.NONE, clock);
        return new OutboxDrainer(outbox, delivery, deadLetters, retry, Secrets.NONE, clock, sleeper, lease, log);
    }

    /** Reminders are off in this configuration: {@link Reminders#due()} is never true. */
    public Reminders reminders() {
        return new Reminders(config, new FileVerdictStore(state.resolve("verdicts")), CODEC, notifier, Map.of(), deadLetters,
                retry, Secrets.NONE, clock, sleeper);
    }
}
