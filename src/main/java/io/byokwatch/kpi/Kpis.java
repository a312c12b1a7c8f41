package io.byokwatch.kpi;

import io.byokwatch.domain.Transition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Computes a {@link KpiReport} from the facts the application gathered. Pure: same inputs, same report. */
public final class Kpis {
    private Kpis() {
    }

    /**
     * Everything the figures are computed from.
     *
     * @param history     every retained entry up to {@code to}
     * @param keys        keys in use, empty when no inventory was given
     * @param operations  operation counts on those keys in the window, or null when no logs or metrics were given
     * @param notes       what the gathering already knows limits the figures
     */
    public record Inputs(Instant generatedAt, Instant from, Instant to, Grouping grouping, List<Transition> history,
                         String inventory, List<KeyInUse> keys, List<OperationCount> operations, String operationsSource,
                         PriceTable prices, int keyMaxAgeDays, List<String> notes) {
    }

    public static KpiReport compute(Inputs in) {
        if (!in.from().isBefore(in.to())) {
            throw new IllegalArgumentException("the window must start before it ends: " + in.from() + " to " + in.to());
        }
        List<Transition> upToEnd = in.history().stream().filter(t -> t.detectedAt().isBefore(in.to())).toList();
        List<String> notes = new ArrayList<>(in.notes());
        if (upToEnd.isEmpty()) {
            notes.add("The transition history holds nothing before " + in.to() + ": byokwatch records it from its first"
                    + " evaluation of each cluster (a scan sweep or an event), so the compliance and remediation figures"
                    + " start then.");
        }
        Instant since = upToEnd.stream().map(Transition::detectedAt).min(Instant::compareTo).orElse(null);
        if (since != null && since.isAfter(in.from())) {
            notes.add("The history starts at " + since + ", after the window's start: days before it have no figures.");
        }
        return new KpiReport(in.generatedAt(), in.from(), in.to(), upToEnd.size(), since, in.inventory(),
                ComplianceSeries.compute(upToEnd, in.from(), in.to(), in.grouping()),
                Remediation.compute(upToEnd, in.from(), in.to()),
                Rotation.compute(in.keys(), in.to(), in.keyMaxAgeDays()),
                Cost.compute(in.keys(), in.operations(), in.operationsSource(), in.prices(), in.from(), in.to()), notes);
    }
}
