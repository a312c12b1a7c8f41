package io.byokwatch.kpi;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Transition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The history split per cluster, each in detection order (ties by id, as stores return them). */
final class Timelines {
    static final Comparator<Transition> ORDER = Comparator.comparing(Transition::detectedAt).thenComparing(Transition::id);

    private Timelines() {
    }

    static Map<ResourceId, List<Transition>> byCluster(List<Transition> history) {
        Map<ResourceId, List<Transition>> out = new LinkedHashMap<>();
        for (Transition t : history) {
            out.computeIfAbsent(t.clusterId(), k -> new ArrayList<>()).add(t);
        }
        out.values().forEach(l -> l.sort(ORDER));
        return out;
    }
}
