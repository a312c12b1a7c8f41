package io.byokwatch.port;

import io.byokwatch.domain.Transition;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The append-only history of verdict transitions, the source of the KPIs. Entries are filed by the month of their
 * detection time, so reading a date range touches only its months.
 *
 * <p>Writing is idempotent: an entry whose id is already stored is replaced by the same entry, never added twice, so a
 * redelivered event or a re-sent pending alert leaves the history as it was. A stored entry that cannot be read back
 * is reported in the log with where it is and why, and skipped.
 */
public interface TransitionHistory {
    /** How long entries are kept unless configured otherwise: a year and a month, so a year-on-year view holds. */
    Duration DEFAULT_RETENTION = Duration.ofDays(400);

    /** Stores the entry, or replaces the stored one of the same id. */
    void record(Transition t);

    /** Every entry detected in {@code [from, to)}, oldest first (ties in id order). */
    List<Transition> read(Instant from, Instant to);

    /**
     * Drops entries detected before {@code cutoff}.
     *
     * @return how many were dropped
     */
    int purgeBefore(Instant cutoff);

    /** Kept nowhere: for setups that have no history (tests of other parts, a scan). */
    TransitionHistory NONE = new TransitionHistory() {
        @Override
        public void record(Transition t) {
        }

        @Override
        public List<Transition> read(Instant from, Instant to) {
            return List.of();
        }

        @Override
        public int purgeBefore(Instant cutoff) {
            return 0;
        }
    };
}
