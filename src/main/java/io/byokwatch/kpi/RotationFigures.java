package io.byokwatch.kpi;

import io.byokwatch.domain.KeyRef;

import java.util.List;

/**
 * Key rotation per key in use and across the estate.
 *
 * @param maxAgeDays   how old the newest version may be and still count as rotated within policy
 * @param keys         one row per key, stalest first (unknown ages last)
 * @param judged       keys whose newest version's age is known
 * @param withinPolicy of those, keys whose newest version is at most {@code maxAgeDays} old
 * @param consumers    consumers whose version could be compared with the newest
 * @param onNewest     of those, consumers using the newest version
 */
public record RotationFigures(int maxAgeDays, List<KeyRotation> keys, int judged, int withinPolicy, int consumers,
                              int onNewest) {
    public RotationFigures {
        keys = List.copyOf(keys);
    }

    /** Keys rotated within policy out of keys whose age is known, in percent; null when no age is known. */
    public Double withinPolicyPercent() {
        return judged == 0 ? null : 100.0 * withinPolicy / judged;
    }

    public Double onNewestPercent() {
        return consumers == 0 ? null : 100.0 * onNewest / consumers;
    }

    /**
     * One key in use.
     *
     * @param versionsLastYear versions created in the 365 days before the end of the window; null when unknown
     * @param daysSinceNewest  whole days since the newest version was created; null when unknown
     * @param medianIntervalDays median days between consecutive versions; null with fewer than two dated versions
     * @param newestVersion    the newest version, from the version list or else the key itself; null when unknown
     * @param policy           {@code rotates}, {@code no-rotate-action}, {@code none} or {@code unknown}
     * @param withinPolicy     whether the newest version is young enough; null when its age is unknown
     * @param rotateOps        rotate operations the audit logs show in the window; null without logs
     * @param unknown          what could not be read and how to supply it, or null
     */
    public record KeyRotation(KeyRef key, String keyType, boolean hsm, Integer versionsLastYear, Integer daysSinceNewest,
                              Double medianIntervalDays, String newestVersion, String policy, Boolean withinPolicy,
                              List<ConsumerState> consumers, Long rotateOps, String unknown) {
        public KeyRotation {
            consumers = List.copyOf(consumers);
        }
    }

    /**
     * A consumer with whether it uses the newest version: null when either side is unknown.
     */
    public record ConsumerState(KeyInUse.Consumer consumer, Boolean onNewest) {
    }
}
