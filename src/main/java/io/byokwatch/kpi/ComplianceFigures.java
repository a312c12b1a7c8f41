package io.byokwatch.kpi;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compliance per day: for each UTC day, how many clusters byokwatch knew and in which state at the end of that day
 * (or now, for today). Overall and, when grouped, per group.
 *
 * @param grouping how {@code byGroup} was split; {@link Grouping#NONE} leaves it empty
 */
public record ComplianceFigures(List<Day> days, Grouping grouping, Map<String, List<Day>> byGroup) {
    public ComplianceFigures {
        days = List.copyOf(days);
        byGroup = Collections.unmodifiableMap(new LinkedHashMap<>(byGroup));
    }

    /**
     * One day. In scope means the policy requires a customer-managed key: compliant, noncompliant, unknown (a link
     * could not be read) and exempt (waived) clusters. Clusters the policy does not require are counted apart.
     */
    public record Day(LocalDate date, int compliant, int noncompliant, int unknown, int exempt, int notRequired) {
        public int inScope() {
            return compliant + noncompliant + unknown + exempt;
        }

        /**
         * Compliant clusters out of all in scope, in percent; unknown and exempt count against it, as neither was
         * proven. Null on a day with nothing in scope.
         */
        public Double percent() {
            return inScope() == 0 ? null : 100.0 * compliant / inScope();
        }
    }

    /** The last day of the series, or null for an empty one. */
    public Day latest() {
        return days.isEmpty() ? null : days.get(days.size() - 1);
    }
}
