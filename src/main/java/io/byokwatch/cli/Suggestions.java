package io.byokwatch.cli;

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
        List<Scored> scored = known.stream().map(k -> new Scored(k, distance(t, k.toLowerCase(java.util.Locale.ROOT))))
                .filter(s -> s.distance() <= limit).sorted(Comparator.comparingInt(Scored::distance)).toList();
        if (scored.isEmpty()) {
            return List.of();
        }
        int best = scored.get(0).distance();
        return scored.stream().filter(s -> s.distance() == best).map(Scored::name).toList();
    }

    /** Edit distance counting a swap of two neighbouring letters as one slip (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
