package io.byokwatch.kpi;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Transition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Replays the history day by day. A cluster counts from its first entry (its baseline) until it is deleted, in the
 * status of its latest entry at the end of the day; before its first entry nothing is known of it, so it is left out
 * rather than guessed.
 */
public final class ComplianceSeries {
    private ComplianceSeries() {
    }

    /**
     * @param history every entry up to {@code to}, also those before {@code from} (they say how each day started)
     * @param from    first instant of the window; its UTC day is the first of the series
     * @param to      end of the window (exclusive), usually now; its UTC day is the last, judged at {@code to}
     */
    public static ComplianceFigures compute(List<Transition> history, Instant from, Instant to, Grouping grouping) {
        Map<ResourceId, List<Transition>> byCluster = Timelines.byCluster(history);
        LocalDate first = from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
        List<LocalDate> dates = new ArrayList<>();
        List<Instant> ends = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            Instant nextDay = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            dates.add(d);
            ends.add(nextDay.isBefore(to) ? nextDay : to);
        }
        int[][] all = new int[dates.size()][5];
        List<Map<String, int[]>> groupDays = new ArrayList<>();
        dates.forEach(d -> groupDays.add(new HashMap<>()));
        // one pass per cluster: its entries and the day ends both ascend, so a pointer walks each once
        for (List<Transition> timeline : byCluster.values()) {
            int next = 0;
            Transition current = null;
            for (int day = 0; day < dates.size(); day++) {
                while (next < timeline.size() && timeline.get(next).detectedAt().isBefore(ends.get(day))) {
                    current = timeline.get(next++);
                }
                if (current == null || current.kind() == Transition.Kind.DELETED) {
                    continue;
                }
                int slot = slot(current.status());
                all[day][slot]++;
                if (grouping.kind() != Grouping.Kind.NONE) {
                    groupDays.get(day).computeIfAbsent(grouping.groupOf(current), g -> new int[5])[slot]++;
                }
            }
        }
        List<ComplianceFigures.Day> days = new ArrayList<>();
        for (int day = 0; day < dates.size(); day++) {
            days.add(day(dates.get(day), all[day]));
        }
        Map<String, List<ComplianceFigures.Day>> byGroup = new TreeMap<>();
        groupDays.forEach(g -> g.keySet().forEach(name -> byGroup.put(name, new ArrayList<>())));
        for (int i = 0; i < days.size(); i++) {
            for (Map.Entry<String, List<ComplianceFigures.Day>> g : byGroup.entrySet()) {
                // a group with no cluster that day had nothing in scope
                g.getValue().add(day(days.get(i).date(), groupDays.get(i).getOrDefault(g.getKey(), new int[5])));
            }
        }
        return new ComplianceFigures(days, grouping, byGroup);
    }

    private static int slot(ClusterStatus s) {
        return switch (s) {
            case COMPLIANT -> 0;
            case NONCOMPLIANT -> 1;
            case UNKNOWN -> 2;
            case EXEMPT -> 3;
            case NOT_REQUIRED -> 4;
        };
    }

    private static ComplianceFigures.Day day(LocalDate d, int[] n) {
        return new ComplianceFigures.Day(d, n[0], n[1], n[2], n[3], n[4]);
    }
}
