package io.byokwatch.adapter.arm;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Lookup;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Which resources one inventory view must not answer from before their change, and when each change was made; plus
 * the answers that view already got for them, so that every later read in the view sees the same state.
 */
final class Freshness {
    /** No read is sent after this, so a view fresh "since" it always reads anew. */
    static final Instant READ_NOW = Instant.MAX;
    static final Freshness NONE = new Freshness(Map.of());

    private static final String AGENT_POOLS = "microsoft.containerservice/managedclusters/agentpools";
    private static final String ACCESS_POLICIES = "microsoft.keyvault/vaults/accesspolicies";
    private static final String ASSIGNMENTS_SEGMENT = "/providers/microsoft.authorization/roleassignments/";
    private static final String MANAGEMENT_GROUPS = "/providers/microsoft.management/managementgroups/";

    private final Map<ResourceId, Instant> changed;
    private final ConcurrentHashMap<String, Object> answers = new ConcurrentHashMap<>();

    private Freshness(Map<ResourceId, Instant> changed) {
        this.changed = changed;
    }

    /**
     * This view plus one change: {@code id} changed by {@code by} (null: read now). A node pool or an access policy
     * lives inside its parent's body, so only a fresh read of the parent shows its change.
     */
    Freshness with(ResourceId id, Instant by) {
        Instant when = by == null ? READ_NOW : by;
        Map<ResourceId, Instant> ids = new HashMap<>(changed);
        ids.merge(id, when, Freshness::later);
        if (id.isType(AGENT_POOLS) || id.isType(ACCESS_POLICIES)) {
            ids.merge(id.topLevel(), when, Freshness::later);
        }
        return new Freshness(Map.copyOf(ids));
    }

    /** When {@code id} was changed, or null when this view may answer it from the cache. */
    Instant changedBy(ResourceId id) {
        return changed.get(id);
    }

    /** The resources of this type the view must see as they are after their change. */
    List<ResourceId> changed(String fullType) {
        return changed.keySet().stream().filter(id -> id.isType(fullType)).sorted().toList();
    }

    /**
     * When a role assignment this view is fresh for, and which could grant access at the scope, was changed (the
     * latest, if several); null when there is none.
     */
    Instant roleAssignmentChangeCovering(ResourceId scope) {
        Instant changedBy = null;
        for (Map.Entry<ResourceId, Instant> entry : changed.entrySet()) {
            String k = entry.getKey().key();
            int at = k.lastIndexOf(ASSIGNMENTS_SEGMENT);
            if (at < 0) {
                continue;
            }
            String assignmentScope = k.substring(0, at);
            if (assignmentScope.isEmpty() || assignmentScope.startsWith(MANAGEMENT_GROUPS)
                    || scope.key().equals(assignmentScope) || scope.key().startsWith(assignmentScope + "/")) {
                changedBy = changedBy == null ? entry.getValue() : later(changedBy, entry.getValue());
            }
        }
        return changedBy;
    }

    /** The view's one answer for {@code key}: computed on first use, then the same for every later read. */
    @SuppressWarnings("unchecked")
    <T> Lookup<T> answer(String key, Supplier<Lookup<T>> read) {
        return (Lookup<T>) answers.computeIfAbsent(key, k -> read.get());
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
