package io.byokwatch.kpi;

import io.byokwatch.domain.Transition;

import java.util.Locale;

/**
 * How the compliance figures are split: not at all, by subscription, or by the value of one tag (an owner or
 * cost-centre tag). A cluster without the tag falls in {@value #UNTAGGED}.
 */
public record Grouping(Kind kind, String tag) {
    public static final Grouping NONE = new Grouping(Kind.NONE, null);
    public static final Grouping SUBSCRIPTION = new Grouping(Kind.SUBSCRIPTION, null);
    public static final String UNTAGGED = "(untagged)";

    public enum Kind { NONE, SUBSCRIPTION, TAG }

    /** {@code subscription} or {@code tag:NAME}; anything else is a mistake the message explains. */
    public static Grouping parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("subscription")) {
            return SUBSCRIPTION;
        }
        if (t.toLowerCase(Locale.ROOT).startsWith("tag:") && t.length() > 4 && !t.substring(4).isBlank()) {
            return new Grouping(Kind.TAG, t.substring(4).trim());
        }
        throw new IllegalArgumentException("'" + text + "' is no grouping; use subscription or tag:NAME (e.g. tag:owner)");
    }

    /** The group a cluster is in, as its entry says. */
    public String groupOf(Transition t) {
        return switch (kind) {
            case NONE -> "all";
            case SUBSCRIPTION -> t.subscriptionId() == null ? "(unknown subscription)" : t.subscriptionId().toLowerCase(Locale.ROOT);
            case TAG -> {
                String v = t.tags().get(tag);
                yield v == null || v.isBlank() ? UNTAGGED : v;
            }
        };
    }

    /** As typed on the command line: {@code subscription}, {@code tag:owner}, or null. */
    public String label() {
        return switch (kind) {
            case NONE -> null;
            case SUBSCRIPTION -> "subscription";
            case TAG -> "tag:" + tag;
        };
    }
}
