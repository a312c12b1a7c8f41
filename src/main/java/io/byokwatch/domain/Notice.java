package io.byokwatch.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What people are told about one alert. Usually the alert as it is; when a cluster keeps opening and resolving inside
 * the flap window, the re-opening is told as one "flapping" notice with the recent transitions, and a resolution that
 * was held back to see whether the cluster re-opens says how long it was held.
 *
 * @param recent  the cluster's transitions inside the flap window, oldest first, this alert's included; empty when
 *                the notice is not about flapping
 * @param heldFor how long a resolution was held back before being told, or null
 */
public record Notice(Alert alert, boolean flapping, List<Transition> recent, Duration heldFor) {
    public Notice {
        recent = List.copyOf(recent);
    }

    public static Notice of(Alert alert) {
        return new Notice(alert, false, List.of(), null);
    }

    /** One state change of a cluster, as the alert that announced it saw it. */
    public record Transition(Alert.Kind kind, Instant at) {
    }
}
