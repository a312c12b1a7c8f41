package io.byokwatch.adapter.arm;

import com.google.gson.JsonObject;
import io.byokwatch.adapter.snapshot.SnapshotFormatException;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Lookup;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Resource Graph reads of the watched scope: complete answers only (a partial one throws {@link ArmReadException}
 * rather than pass for a short list), cached like point reads, and which subscriptions are in scope.
 */
final class GraphReads {
    private static final int SUBSCRIPTIONS_PER_QUERY = 1000;

    private final ArmSettings settings;
    private final ResourceGraph graph;
    private final ReadCache cache;
    private final ReadStats stats;
    private final Set<String> subscriptions;

    GraphReads(ArmSettings settings, ResourceGraph graph, ReadCache cache, ReadStats stats) {
        this.settings = settings;
        this.graph = graph;
        this.cache = cache;
        this.stats = stats;
        this.subscriptions = settings.subscriptionIds().stream().map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Every row of the query in the scope. */
    List<JsonObject> rows(String kql, ResourceGraph.Scope scope) {
        String key = "graph " + scope + " " + kql;
        return cache.getOrLoad(key, () -> {
            ResourceGraph.Result result = graph.query(kql, scope);
            if (!result.complete()) {
                throw new ArmReadException(result.failure());
            }
            cache.put(key, result.rows());
            return result.rows();
        }, stats::cacheHit);
    }

    /** The one answer to a query that is not cached, complete or not, for callers that judge a partial answer. */
    ResourceGraph.Result query(String kql, ResourceGraph.Scope scope) {
        return graph.query(kql, scope);
    }

    /**
     * The watched subscriptions (the configured ones and, with a management group, every one Resource Graph lists
     * under it) in batches of the 1,000 a query accepts.
     *
     * @throws ArmReadException when the management group's subscriptions cannot be listed
     */
    List<ResourceGraph.Scope> watchedScopes() {
        Set<String> seen = new HashSet<>();
        List<String> subs = new ArrayList<>();
        for (String s : settings.subscriptionIds()) {
            if (seen.add(s.toLowerCase(Locale.ROOT))) {
                subs.add(s);
            }
        }
        if (settings.managementGroupId() != null) {
            for (String s : groupSubscriptions()) {
                if (seen.add(s)) {
                    subs.add(s);
                }
            }
        }
        List<ResourceGraph.Scope> scopes = new ArrayList<>();
        for (int from = 0; from < subs.size(); from += SUBSCRIPTIONS_PER_QUERY) {
            scopes.add(ResourceGraph.Scope.subscriptions(subs.subList(from,
                    Math.min(subs.size(), from + SUBSCRIPTIONS_PER_QUERY))));
        }
        return scopes;
    }

    /** The subscriptions under the management group, lower-cased and sorted, cached like any Graph answer. */
    private List<String> groupSubscriptions() {
        Set<String> inGroup = new java.util.TreeSet<>();
        for (JsonObject row : rows(Kql.subscriptions(), ResourceGraph.Scope.managementGroup(settings.managementGroupId()))) {
            String rowSub = JsonText.of(row, "subscriptionId");
            if (rowSub != null) {
                inGroup.add(rowSub.toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(inGroup);
    }

    /**
     * True when the resource's subscription is one of the configured ones or, with a management group configured,
     * one Resource Graph lists under that group.
     *
     * @throws ArmReadException when the management group's subscriptions cannot be listed
     */
    boolean inScope(ResourceId id) {
        String sub = id.subscriptionId();
        if (sub == null) {
            return false;
        }
        String s = sub.toLowerCase(Locale.ROOT);
        if (subscriptions.contains(s)) {
            return true;
        }
        return settings.managementGroupId() != null && groupSubscriptions().contains(s);
    }

    /**
     * Whether byokwatch's identity can read the subscription: Resource Graph's {@code resourcecontainers} lists exactly
     * the subscriptions it may read, and hides the others without a word. Found true or false; unavailable when the
     * query did not complete.
     */
    Lookup<Boolean> subscriptionReadable(String subscriptionId) {
        String key = "readable " + subscriptionId.toLowerCase(Locale.ROOT);
        Lookup<Boolean> cached = cache.get(key);
        if (cached != null) {
            stats.cacheHit();
            return cached;
        }
        ResourceGraph.Result result = graph.query(Kql.subscriptionNamed(subscriptionId), ResourceGraph.Scope.VISIBLE);
        if (!result.complete()) {
            return Lookup.unavailable(result.failure() + "; cannot tell whether byokwatch may read subscription "
                    + subscriptionId);
        }
        Lookup<Boolean> answer = Lookup.found(!result.rows().isEmpty());
        cache.put(key, answer);
        return answer;
    }

    /** A row mapped to a domain record; null (counted as unreadable) when the mapper refuses it. */
    <T> T map(JsonObject row, Function<JsonObject, T> mapper, String what) {
        try {
            return mapper.apply(row);
        } catch (SnapshotFormatException e) {
            stats.unreadable("Resource Graph " + what + " row " + JsonText.of(row, "id") + ": " + e.getMessage());
            return null;
        }
    }
}
