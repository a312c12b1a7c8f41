package io.byokwatch.app;

import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Notice;
import io.byokwatch.port.AlertProgress.Presentation;
import io.byokwatch.port.ClusterNotices;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides how an alert is shown to people, from what they were already shown about its cluster.
 *
 * <ul>
 *   <li>An alert older than the newest one decided for the cluster is <b>stale</b> (Storage Queues do not keep order):
 *   people are not shown news older than what they have. The newest one delivered again is a repeat, and skipped too.</li>
 *   <li>With holding on (serve, Azure), a <b>resolution</b> that comes within the window of the cluster opening is held
 *   back for one window. If the cluster re-opens meanwhile, the re-opening is told as one <b>flapping</b> notice and the
 *   held resolution is folded into it; if not, the resolution is told when it comes due, saying it was held. A
 *   further cycle while a flapping notice is less than a window old is absorbed: people were told it flaps, and it is
 *   open again, as they were told. The last word people get is therefore always the cluster's real state.</li>
 *   <li>With holding off (one-shot replays, which cannot wait a window), a re-opening within the window of a
 *   resolution that followed an opening within the window is told as flapping, and nothing is folded away.</li>
 * </ul>
 * Transitions are remembered for two windows: the longest a held cycle can span.
 */
public final class FlapPolicy {
    private final Duration window;
    private final boolean hold;

    /** @param window zero turns flap detection off; stale alerts are still dropped */
    public FlapPolicy(Duration window, boolean hold) {
        this.window = window;
        this.hold = hold && !window.isZero();
    }

    /** What to do with the alert, and the cluster's notice state after it. */
    public record Decision(Presentation presentation, Instant heldUntil, List<Notice.Transition> recent,
                           ClusterNotices next) {
    }

    /** The first decision about an alert. */
    public Decision decide(ClusterNotices n, Alert a) {
        if (a.sequence() < n.lastSequence() || (a.sequence() == n.lastSequence() && a.alertId().equals(n.lastAlertId()))) {
            return new Decision(Presentation.STALE, null, List.of(), n);
        }
        Instant at = a.detectedAt();
        List<Notice.Transition> before = within(n.recent(), at.minus(window.multipliedBy(2)));
        List<Notice.Transition> after = new ArrayList<>(before);
        after.add(new Notice.Transition(a.kind(), at));
        if (window.isZero()) {
            return new Decision(Presentation.AS_IS, null, List.of(), next(n, a, List.of(), null, n.lastFlappingAt()));
        }
        Notice.Transition last = before.isEmpty() ? null : before.get(before.size() - 1);
        switch (a.kind()) {
            case RESOLVED -> {
                if (hold && last != null && isOpening(last.kind()) && !last.at().isBefore(at.minus(window))) {
                    Instant until = at.plus(window);
                    return new Decision(Presentation.HELD, until, List.of(), next(n, a, after, a.alertId(), n.lastFlappingAt()));
                }
                return new Decision(Presentation.AS_IS, null, List.of(), next(n, a, after, null, n.lastFlappingAt()));
            }
            case OPENED -> {
                boolean flapping = hold ? n.heldAlertId() != null : cycleJustClosed(before, at);
                if (!flapping) {
                    return new Decision(Presentation.AS_IS, null, List.of(), next(n, a, after, null, n.lastFlappingAt()));
                }
                if (hold && n.lastFlappingAt() != null && !n.lastFlappingAt().isBefore(at.minus(window))) {
                    return new Decision(Presentation.ABSORBED, null, List.of(), next(n, a, after, null, n.lastFlappingAt()));
                }
                return new Decision(Presentation.FLAPPING, null, after, next(n, a, after, null, at));
            }
            default -> {
                return new Decision(Presentation.AS_IS, null, List.of(), next(n, a, after, n.heldAlertId(), n.lastFlappingAt()));
            }
        }
    }

    /**
     * A held resolution came due: told late unless a re-opening folded it into a flapping notice meanwhile.
     */
    public Decision release(ClusterNotices n, Alert a) {
        if (a.alertId().equals(n.heldAlertId())) {
            ClusterNotices next = new ClusterNotices(n.clusterKey(), n.lastSequence(), n.lastAlertId(), n.recent(), null,
                    n.lastFlappingAt(), n.version());
            return new Decision(Presentation.RELEASED, null, List.of(), next);
        }
        return new Decision(Presentation.ABSORBED, null, List.of(), n);
    }

    /** The resolution before this re-opening came within the window, and the opening before it too. */
    private boolean cycleJustClosed(List<Notice.Transition> before, Instant at) {
        int n = before.size();
        if (n < 2) {
            return false;
        }
        Notice.Transition resolved = before.get(n - 1);
        Notice.Transition opened = before.get(n - 2);
        return resolved.kind() == Alert.Kind.RESOLVED && !resolved.at().isBefore(at.minus(window))
                && isOpening(opened.kind()) && !opened.at().isBefore(resolved.at().minus(window));
    }

    private static boolean isOpening(Alert.Kind k) {
        return k == Alert.Kind.OPENED || k == Alert.Kind.CHANGED;
    }

    private List<Notice.Transition> within(List<Notice.Transition> all, Instant from) {
        List<Notice.Transition> out = new ArrayList<>();
        for (Notice.Transition t : all) {
            if (!t.at().isBefore(from)) {
                out.add(t);
            }
        }
        return out;
    }

    private static ClusterNotices next(ClusterNotices n, Alert a, List<Notice.Transition> recent, String held,
                                       Instant lastFlapping) {
        return new ClusterNotices(n.clusterKey(), a.sequence(), a.alertId(), recent, held, lastFlapping, n.version());
    }
}
