package io.byokwatch.kpi;

import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.VaultKey;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Rotation figures from key versions: how many versions a key got in the last year, how old its newest is, whether
 * its rotation policy rotates it, and whether each consumer has moved to the newest version. A figure the inventory
 * cannot support stays null with the reason, never zero.
 */
public final class Rotation {
    static final Duration YEAR = Duration.ofDays(365);

    private Rotation() {
    }

    public static RotationFigures compute(List<KeyInUse> keys, Instant at, int maxAgeDays) {
        List<RotationFigures.KeyRotation> rows = new ArrayList<>();
        int judged = 0;
        int within = 0;
        int consumers = 0;
        int onNewest = 0;
        for (KeyInUse k : keys) {
            RotationFigures.KeyRotation row = row(k, at, maxAgeDays);
            rows.add(row);
            if (row.withinPolicy() != null) {
                judged++;
                within += row.withinPolicy() ? 1 : 0;
            }
            for (RotationFigures.ConsumerState c : row.consumers()) {
                if (c.onNewest() != null) {
                    consumers++;
                    onNewest += c.onNewest() ? 1 : 0;
                }
            }
        }
        rows.sort(Comparator.comparing(RotationFigures.KeyRotation::daysSinceNewest,
                Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(r -> r.key().keyId()));
        return new RotationFigures(maxAgeDays, rows, judged, within, consumers, onNewest);
    }

    private static RotationFigures.KeyRotation row(KeyInUse k, Instant at, int maxAgeDays) {
        List<String> unknown = new ArrayList<>();
        if (k.vaultKey() == null && k.unknownReason() != null) {
            unknown.add(k.unknownReason());
        }
        Integer lastYear = null;
        Integer days = null;
        Double median = null;
        String newest = k.vaultKey() == null ? null : k.vaultKey().currentVersion();
        if (k.versions() == null) {
            if (k.versionsUnknown() != null && !unknown.contains(k.versionsUnknown()) && k.vaultKey() != null) {
                unknown.add(k.versionsUnknown());
            }
        } else {
            List<VaultKey> dated = k.versions().stream().filter(v -> v.created() != null && !v.created().isAfter(at))
                    .sorted(Comparator.comparing(VaultKey::created)).toList();
            lastYear = (int) dated.stream().filter(v -> !v.created().isBefore(at.minus(YEAR))).count();
            if (!dated.isEmpty()) {
                VaultKey latest = dated.get(dated.size() - 1);
                newest = latest.currentVersion();
                days = (int) Duration.between(latest.created(), at).toDays();
            }
            if (dated.size() < k.versions().size()) {
                unknown.add((k.versions().size() - dated.size()) + " version(s) of " + k.key().name()
                        + " carry no creation time");
            }
            median = medianInterval(dated);
        }
        String policy = policy(k);
        Boolean withinPolicy = days == null ? null : days <= maxAgeDays;
        List<RotationFigures.ConsumerState> states = new ArrayList<>();
        for (KeyInUse.Consumer c : k.consumers()) {
            Boolean on = newest == null || c.usedVersion() == null ? null : c.usedVersion().equalsIgnoreCase(newest);
            states.add(new RotationFigures.ConsumerState(c, on));
        }
        return new RotationFigures.KeyRotation(k.key(), k.vaultKey() == null ? null : k.vaultKey().keyType(),
                k.vaultKey() != null && k.vaultKey().hsmBacked(), lastYear, days, median, newest, policy, withinPolicy,
                states, k.rotateOps(), unknown.isEmpty() ? null : String.join("; ", unknown));
    }

    private static String policy(KeyInUse k) {
        if (k.vaultKey() == null || !k.vaultKey().rotationPolicyKnown()) {
            return "unknown";
        }
        RotationPolicy p = k.vaultKey().rotationPolicy();
        if (p == null) {
            return "none";
        }
        return p.rotates() ? "rotates" : "no-rotate-action";
    }

    private static Double medianInterval(List<VaultKey> dated) {
        if (dated.size() < 2) {
            return null;
        }
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < dated.size(); i++) {
            gaps.add(Duration.between(dated.get(i - 1).created(), dated.get(i).created()).toSeconds() / 86_400.0);
        }
        gaps.sort(null);
        int n = gaps.size();
        return n % 2 == 1 ? gaps.get(n / 2) : (gaps.get(n / 2 - 1) + gaps.get(n / 2)) / 2;
    }
}
