package io.byokwatch.notify;

import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.Reminder;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where alerts go and how hard to try, as read from a notify config file. Holds channel names and kinds only; the
 * URLs and secrets the settings resolve to are {@link Endpoint}s, kept apart.
 *
 * @param flapWindow   an opened-resolved-opened cycle inside it is told as flapping; zero turns that off
 * @param maxAttempts  deliveries tried per channel before an alert is dead-lettered for it
 * @param timeout      how long one HTTP delivery may take
 */
public record NotifyConfig(Map<String, Channel> channels, List<Route> routes, List<String> defaultChannels,
                           Duration flapWindow, DailyReminder dailyReminder, int maxAttempts, Duration timeout,
                           boolean allowLoopbackHttp) {
    public NotifyConfig {
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
        routes = List.copyOf(routes);
        defaultChannels = List.copyOf(defaultChannels);
        Objects.requireNonNull(flapWindow, "flapWindow");
        Objects.requireNonNull(dailyReminder, "dailyReminder");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** @param hourUtc the hour (0-23, UTC) at which the reminder goes out */
    public record DailyReminder(boolean enabled, int hourUtc) {
        public static final DailyReminder OFF = new DailyReminder(false, 8);
    }

    /** Every channel of every route that matches, in config order without repeats; the default when none matches. */
    public List<String> channelsFor(Alert a) {
        String sub = a.subscriptionId() != null ? a.subscriptionId() : a.clusterId().subscriptionId();
        return channelsFor(new RouteMatch.Facts(sub, a.clusterId().resourceGroup(), a.clusterTags(), a.kind().label(),
                a.maxSeverity()));
    }

    /** The channels for people that should repeat this still-open cluster in the daily reminder. */
    public List<String> reminderChannelsFor(Reminder.OpenCluster c, Tags tags) {
        Severity max = null;
        for (Finding f : c.findings()) {
            if (max == null || f.severity().atLeast(max)) {
                max = f.severity();
            }
        }
        List<String> out = new ArrayList<>();
        for (String name : channelsFor(new RouteMatch.Facts(c.subscriptionId(), c.clusterId().resourceGroup(), tags,
                "reminder", max))) {
            if (channels.get(name).forPeople()) {
                out.add(name);
            }
        }
        return out;
    }

    /**
     * The channels for the nightly access report whose worst anomaly is {@code worst} (null when nothing is unusual):
     * those of every route naming kind {@value RouteMatch#ACCESS_REPORT} that takes it, or, when no route names that
     * kind at all, the default channels, as for anything else no route was written for.
     */
    public List<String> accessReportChannels(Severity worst) {
        Set<String> out = new LinkedHashSet<>();
        boolean named = false;
        for (Route r : routes) {
            if (r.match().kinds().contains(RouteMatch.ACCESS_REPORT)) {
                named = true;
                if (r.match().takesAccessReport(worst)) {
                    out.addAll(r.channels());
                }
            }
        }
        if (!named) {
            out.addAll(defaultChannels);
        }
        return List.copyOf(out);
    }

    /**
     * The channels for the weekly KPI digest: those of every route naming kind {@value RouteMatch#KPI}, or, when no
     * route names it, the default channels, as for the access report.
     */
    public List<String> kpiChannels() {
        Set<String> out = new LinkedHashSet<>();
        boolean named = false;
        for (Route r : routes) {
            if (r.match().kinds().contains(RouteMatch.KPI)) {
                named = true;
                out.addAll(r.channels());
            }
        }
        if (!named) {
            out.addAll(defaultChannels);
        }
        return List.copyOf(out);
    }

    private List<String> channelsFor(RouteMatch.Facts facts) {
        Set<String> out = new LinkedHashSet<>();
        for (Route r : routes) {
            if (r.match().matches(facts)) {
                out.addAll(r.channels());
            }
        }
        if (out.isEmpty()) {
            out.addAll(defaultChannels);
        }
        return List.copyOf(out);
    }

    /**
     * The same config with one more channel that gets everything: every route and the default name it too. This is how
     * {@code --notify stdout} adds the terminal to configured channels.
     */
    public NotifyConfig withChannelEverywhere(Channel extra) {
        if (channels.containsKey(extra.name())) {
            throw new IllegalArgumentException("the notify config already has a channel named '" + extra.name() + "'");
        }
        Map<String, Channel> all = new LinkedHashMap<>(channels);
        all.put(extra.name(), extra);
        List<Route> everywhere = new ArrayList<>();
        for (Route r : routes) {
            List<String> names = new ArrayList<>(r.channels());
            names.add(extra.name());
            everywhere.add(new Route(r.name(), r.match(), names));
        }
        List<String> defaults = new ArrayList<>(defaultChannels);
        defaults.add(extra.name());
        return new NotifyConfig(all, everywhere, defaults, flapWindow, dailyReminder, maxAttempts, timeout, allowLoopbackHttp);
    }

    /** Only the terminal (readable text, or JSON lines): what {@code replay} and {@code serve} use without a config. */
    public static NotifyConfig terminalOnly(Channel terminal) {
        return new NotifyConfig(Map.of(terminal.name(), terminal), List.of(), List.of(terminal.name()), Duration.ofMinutes(60),
                DailyReminder.OFF, 8, Duration.ofSeconds(10), false);
    }

    public Channel channel(String name) {
        Channel c = channels.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no channel named '" + name + "' in the notify config");
        }
        return c;
    }
}
