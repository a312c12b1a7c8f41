package io.byokwatch.port;

import io.byokwatch.domain.Notice;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How far the delivery of one alert has got, per target channel, so that a retry sends only to the channels that have
 * not yet taken it. Also remembers, once decided, how the alert is shown to people (see {@link Presentation}), so every
 * retry shows it the same way.
 *
 * @param presentation null until decided (only alerts with a channel for people need one)
 * @param heldUntil    when a held resolution is due, for {@link Presentation#HELD}
 * @param recent       the transitions a flapping notice lists
 * @param channels     per target channel, in routing order
 */
public record AlertProgress(String alertId, String clusterKey, Presentation presentation, Instant heldUntil,
                            List<Notice.Transition> recent, Map<String, Channel> channels) {
    public AlertProgress {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(clusterKey, "clusterKey");
        recent = List.copyOf(recent);
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }

    /** A first attempt: every target channel pending. */
    public static AlertProgress start(String alertId, String clusterKey, List<String> targets) {
        Map<String, Channel> channels = new LinkedHashMap<>();
        targets.forEach(t -> channels.put(t, Channel.PENDING));
        return new AlertProgress(alertId, clusterKey, null, null, List.of(), channels);
    }

    public AlertProgress with(String channel, Channel state) {
        Map<String, Channel> next = new LinkedHashMap<>(channels);
        next.put(channel, state);
        return new AlertProgress(alertId, clusterKey, presentation, heldUntil, recent, next);
    }

    public AlertProgress presented(Presentation p, Instant until, List<Notice.Transition> transitions) {
        return new AlertProgress(alertId, clusterKey, p, until, transitions, channels);
    }

    /** True when no channel is still waiting for a delivery. */
    public boolean finished() {
        return channels.values().stream().allMatch(c -> c.state() != State.PENDING);
    }

    public enum State {
        PENDING, DELIVERED,
        /** given up and dead-lettered */
        DEAD,
        /** deliberately not sent: a stale or absorbed alert on a channel for people */
        SKIPPED
    }

    /** How an alert is shown on channels for people; machine channels always get the alert as it is. */
    public enum Presentation {
        AS_IS,
        /** a re-opening inside the flap window, told as one flapping notice */
        FLAPPING,
        /** a resolution held back until {@code heldUntil} to see whether the cluster re-opens */
        HELD,
        /** a held resolution that came due without a re-opening: told late, saying it was held */
        RELEASED,
        /** older than what people were already shown for the cluster (queues do not keep order) */
        STALE,
        /** folded into a flapping notice already shown */
        ABSORBED
    }

    /** One channel's state, attempts so far and the last failure (free of addresses and secrets). */
    public record Channel(State state, int attempts, String lastError) {
        public static final Channel PENDING = new Channel(State.PENDING, 0, null);

        public Channel {
            Objects.requireNonNull(state, "state");
        }
    }
}
