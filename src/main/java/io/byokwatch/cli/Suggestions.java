package io.byokwatch.cli;

import io.byokwatch.app.EditDistance;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/** "Did you mean": the known names within a few typing slips (a swapped, missing, extra or wrong letter) of a mistyped one. */
final class Suggestions {
    private Suggestions() {
    }

    /** The closest names, best first; none when nothing is close enough to be a slip rather than another word. */
    static List<String> closest(String typed, Collection<String> known) {
        String t = typed.toLowerCase(java.util.Locale.ROOT);
        int limit = Math.max(1, Math.min(3, t.replaceFirst("^-+", "").length() / 3));
        record Scored(String name, int distance) {
        }
        List<Scored> scored = known.stream().map(k -> new Scored(k, EditDistance.between(t, k.toLowerCase(java.util.Locale.ROOT))))
                .filter(s -> s.distance() <= limit).sorted(Comparator.comparingInt(Scored::distance)).toList();
        if (scored.isEmpty()) {
            return List.of();
        }
        int best = scored.get(0).distance();
        return scored.stream().filter(s -> s.distance() == best).map(Scored::name).toList();
    }
}
