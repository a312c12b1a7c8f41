package io.byokwatch.app;

import io.byokwatch.kpi.KpiWeek;
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
 * Sends the weekly KPI digest to the channels routed kind {@code kpi}: people get the four numbers with their change
 * from last week and a link to the dashboard; machines (webhooks, files, JSON stdout) the KPI JSON. Sent directly, like
 * the access report: next week's replaces it, so one that cannot be delivered within the run is dead-lettered.
 */
public final class KpiDigestDelivery {
    static final Duration RETRY_BUDGET = Duration.ofMinutes(3);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final NotifyConfig config;
    private final Map<ChannelType, KpiDigestRenderer> forPeople;
    private final KpiDigestRenderer forMachines;
    private final DirectSend sender;
    private final Clock clock;

    public KpiDigestDelivery(NotifyConfig config, Notifier notifier, Map<ChannelType, KpiDigestRenderer> forPeople,
                             KpiDigestRenderer forMachines, DeadLetters deadLetters, RetryPolicy retry, Secrets secrets,
                             Clock clock, Sleeper sleeper) {
        this.config = Objects.requireNonNull(config, "config");
        this.forPeople = Map.copyOf(forPeople);
        this.forMachines = Objects.requireNonNull(forMachines, "forMachines");
        this.sender = new DirectSend(notifier, deadLetters, retry, secrets, clock, sleeper);
        this.clock = clock;
    }

    /** The outcome for one channel; {@code line} is ready for a log and free of secrets. */
    public record Outcome(String channel, boolean delivered, String line) {
    }

    public List<Outcome> deliver(KpiWeek week) throws InterruptedException {
        List<Outcome> out = new ArrayList<>();
        List<String> channels = config.kpiChannels();
        if (channels.isEmpty()) {
            out.add(new Outcome("-", true, "KPI digest: no route of kind kpi takes it, nothing sent"));
            return out;
        }
        String id = "kpi-week-" + STAMP.format(week.current().to());
        Instant deadline = clock.instant().plus(RETRY_BUDGET);
        for (String name : channels) {
            Channel channel = config.channel(name);
            KpiDigestRenderer renderer = channel.forPeople() ? forPeople.get(channel.type()) : forMachines;
            DirectSend.Result r = sender.send(channel, new Notifier.Payload(id, renderer.digest(week)), deadline,
                    "KPI digest " + id);
            out.add(new Outcome(r.channel(), r.delivered(), r.line()));
        }
        return out;
    }
}
