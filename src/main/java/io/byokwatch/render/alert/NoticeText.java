package io.byokwatch.render.alert;

import io.byokwatch.render.ResourceNames;
import io.byokwatch.domain.Actor;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.Notice;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The words every notice format shares, so Slack, Teams and the terminal say the same thing. */
public final class NoticeText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    private NoticeText() {
    }

    /** The one-line headline without severity, e.g. {@code aks-pay-1 is noncompliant}. */
    public static String headline(Notice n) {
        Alert a = n.alert();
        if (n.flapping()) {
            return a.clusterName() + " is flapping";
        }
        return switch (a.kind()) {
            case OPENED -> a.clusterName() + " is noncompliant";
            case CHANGED -> a.status() == ClusterStatus.UNKNOWN ? a.clusterName() + " can no longer be checked"
                    : a.clusterName() + " changed: " + count(a.findings().size(), "finding") + " open";
            case RESOLVED -> a.clusterName() + " is " + (a.status() == null ? "resolved" : a.status().label()) + " again";
            case DELETED -> a.clusterName() + " was deleted while noncompliant";
        };
    }

    /** The kind as a label: Opened, Changed, Resolved, Deleted, Flapping. */
    public static String kind(Notice n) {
        String k = n.flapping() ? "flapping" : n.alert().kind().label();
        return Character.toUpperCase(k.charAt(0)) + k.substring(1);
    }

    /** The severity word for the header: the worst finding's, or the kind for alerts without findings. */
    public static String severityWord(Alert a) {
        Severity s = a.maxSeverity();
        return s == null ? a.kind().label().toUpperCase(Locale.ROOT) : s.label().toUpperCase(Locale.ROOT);
    }

    /**
     * Who made the change, as well as the event says, as a label and a name: "Changed by" someone, or "Found by" a
     * re-evaluation that no event and no person started.
     */
    public record Byline(String label, String who) {
        String sentence(Instant at) {
            return label + " " + who + " at " + when(at);
        }
    }

    public static Byline byline(Alert.Trigger t) {
        Actor actor = t.actor() == null ? Actor.UNKNOWN : t.actor();
        if (actor.known()) {
            return new Byline("Changed by", actor.describe());
        }
        if (t.eventId() == null) {
            return new Byline("Found by", "the " + (t.route() == null ? "re-evaluation" : t.route()));
        }
        return new Byline("Changed by", "an unknown principal (the event carried no claims)");
    }

    public static String when(Instant at) {
        return at == null ? "an unknown time" : WHEN.format(at);
    }

    /** Short human durations: {@code 45 s}, {@code 12 min}, {@code 3 h 12 min}, {@code 2 d 4 h}. */
    public static String duration(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return s + " s";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min";
        }
        long h = m / 60;
        if (h < 24) {
            return h + " h" + (m % 60 == 0 ? "" : " " + m % 60 + " min");
        }
        return h / 24 + " d" + (h % 24 == 0 ? "" : " " + h % 24 + " h");
    }

    /** For a resolved alert: how long it was open, from {@code openSince} to {@code detectedAt}; null when unknown. */
    static String openFor(Alert a) {
        if (a.openSince() == null) {
            return null;
        }
        return duration(Duration.between(a.openSince(), a.detectedAt()));
    }

    /** The resolved-note sentence for a resolved alert, or null for other kinds. */
    public static String resolvedNote(Notice n) {
        Alert a = n.alert();
        if (a.kind() != Alert.Kind.RESOLVED) {
            return null;
        }
        String open = openFor(a);
        String s = "Resolved" + (open == null ? "." : " after being open " + open + " (since " + when(a.openSince()) + ").");
        if (n.heldFor() != null) {
            s += " Told " + duration(n.heldFor()) + " late: it was held back to make sure the cluster stayed fixed.";
        }
        return s;
    }

    /** The flapping sentence: the transitions inside the window, oldest first, and what happens next. */
    public static String flapping(Notice n) {
        List<String> steps = new ArrayList<>();
        for (Notice.Transition t : n.recent()) {
            steps.add(t.kind().label() + " " + CLOCK.format(t.at()));
        }
        long undone = n.recent().stream().filter(t -> t.kind() == Alert.Kind.RESOLVED).count();
        Duration span = n.recent().isEmpty() ? Duration.ZERO
                : Duration.between(n.recent().get(0).at(), n.recent().get(n.recent().size() - 1).at());
        return n.alert().clusterName() + " keeps changing: " + String.join(", ", steps) + " UTC, "
                + count((int) undone, "fix") + " undone within " + duration(span) + ". It is noncompliant now;"
                + " byokwatch tells you when it stays resolved.";
    }

    /** {@code aks-no-byok on cluster aks-pay-1} from a finding key ({@code ruleId|resource id in lower case}). */
    public static String findingKey(String key) {
        int bar = key.indexOf('|');
        if (bar < 0) {
            return key;
        }
        ResourceId id = ResourceId.orNull(key.substring(bar + 1));
        return key.substring(0, bar) + " on " + (id == null ? key.substring(bar + 1) : ResourceNames.describe(id));
    }

    /** {@code 1 critical, 2 high} for a list of findings, most severe first. */
    public static String severityCounts(List<Finding> findings) {
        Map<Severity, Integer> counts = new EnumMap<>(Severity.class);
        findings.forEach(f -> counts.merge(f.severity(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((s, c) -> parts.add(c + " " + s.label()));
        return parts.isEmpty() ? "no findings" : String.join(", ", parts);
    }

    public static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : noun.endsWith("x") ? "es" : "s");
    }

    /** Cuts text to {@code max} characters, ending in an ellipsis when cut. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Math.max(0, max - 1)) + "\u2026";
    }

    public static String shortId(String alertId) {
        return alertId.length() > 12 ? alertId.substring(0, 12) : alertId;
    }
}
