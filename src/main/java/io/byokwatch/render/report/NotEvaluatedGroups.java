package io.byokwatch.render.report;

import io.byokwatch.domain.NotEvaluated;
import io.byokwatch.domain.ResourceId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds rules that could not run for the same reason on the same resource into one entry. An unexported disk
 * encryption set stops several rules at once; readable outputs say so once instead of repeating the sentence.
 */
public final class NotEvaluatedGroups {
    record Group(List<String> ruleIds, ResourceId resourceId, String reason) {
    }

    private NotEvaluatedGroups() {
    }

    static List<Group> of(List<NotEvaluated> entries) {
        Map<String, Group> groups = new LinkedHashMap<>();
        for (NotEvaluated n : entries) {
            String key = (n.resourceId() == null ? "" : n.resourceId().key()) + "\n" + n.reason();
            groups.computeIfAbsent(key, k -> new Group(new ArrayList<>(), n.resourceId(), n.reason())).ruleIds().add(n.ruleId());
        }
        return groups.values().stream().map(g -> new Group(List.copyOf(g.ruleIds()), g.resourceId(), g.reason())).toList();
    }
}
