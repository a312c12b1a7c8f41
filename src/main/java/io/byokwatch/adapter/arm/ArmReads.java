package io.byokwatch.adapter.arm;

import com.google.gson.JsonObject;
import io.byokwatch.adapter.snapshot.ArmMapper;
import io.byokwatch.adapter.snapshot.SnapshotFormatException;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.port.Lookup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * ARM point reads (a resource by id, the role assignments at a scope), cached, and turned into answers: 200 is found;
 * 404 is absent; 403 is unknown, naming the read permission byokwatch's identity lacks; anything else (after bounded
 * retries), a spent read budget or an unreachable endpoint is unknown with the status and ARM's error code.
 */
final class ArmReads {
    private final ArmSettings settings;
    private final Clock clock;
    private final ArmTransport transport;
    private final ReadCache cache;
    private final ReadStats stats;

    ArmReads(ArmSettings settings, Clock clock, ArmTransport transport, ReadCache cache, ReadStats stats) {
        this.settings = settings;
        this.clock = clock;
        this.transport = transport;
        this.cache = cache;
        this.stats = stats;
    }

    /** ARM's error codes for an api-version it does not offer for the type (here, or yet). */
    private static final Set<String> VERSION_REFUSED = Set.of("noregisteredproviderfound", "invalidapiversionparameter",
            "invalidresourcetype");

    /** The resource as ARM has it, from the cache unless the view must see it as it is after a change. */
    <T> Lookup<T> read(ResourceId id, ArmType type, Function<JsonObject, T> mapper, Freshness view) {
        return readAt(id, type, (body, apiVersion) -> mapper.apply(body), view);
    }

    /**
     * As {@link #read}, the mapper told which api-version the body was read with: the type's, or its fallback when ARM
     * refused the type's own as unknown (a cloud that does not have it yet).
     */
    <T> Lookup<T> readAt(ResourceId id, ArmType type, BiFunction<JsonObject, String, T> mapper, Freshness view) {
        String key = key(id);
        Instant changedBy = view.changedBy(id);
        if (changedBy != null) {
            return view.answer(key, () -> {
                Lookup<T> recent = cache.getReadAfter(key, changedBy);
                if (recent != null) {
                    stats.cacheHit();
                    return recent;
                }
                return fetch(id, type, mapper, key);
            });
        }
        return cache.getOrLoad(key, () -> fetch(id, type, mapper, key), stats::cacheHit);
    }

    /** Role assignments at the scope and above it ({@code $filter=atScope()}), every page of them. */
    Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope, Freshness view) {
        String key = "roles " + scope.key();
        Instant changedBy = view.roleAssignmentChangeCovering(scope);
        if (changedBy != null) {
            return view.answer(key, () -> {
                Lookup<List<RoleAssignment>> recent = cache.getReadAfter(key, changedBy);
                if (recent != null) {
                    stats.cacheHit();
                    return recent;
                }
                return fetchRoleAssignments(scope, key);
            });
        }
        return cache.getOrLoad(key, () -> fetchRoleAssignments(scope, key), stats::cacheHit);
    }

    /**
     * Every item of an ARM list below a resource ({@code {id}/versions}), every page, each through the mapper; one item
     * that cannot be read makes the answer unknown, since a short list must not pass for the whole.
     */
    <T> Lookup<List<T>> list(ResourceId parent, String child, ArmType type, Function<JsonObject, T> mapper) {
        String key = "list " + parent.key() + "/" + child.toLowerCase(java.util.Locale.ROOT);
        return cache.getOrLoad(key, () -> listUncached(parent, child, type, mapper, key), stats::cacheHit);
    }

    private <T> Lookup<List<T>> listUncached(ResourceId parent, String child, ArmType type, Function<JsonObject, T> mapper,
                                             String key) {
        String doing = "listing " + child + " of " + parent;
        Instant sent = clock.instant();
        ArmPages.Result<T> pages = ArmPages.readAll(transport,
                transport.get(ArmPaths.encode(parent) + "/" + child + "?api-version=" + type.apiVersion()), mapper);
        if (pages.refused() != null) {
            return notRead(pages.refused(), parent, type, doing);
        }
        if (pages.unreadable()) {
            stats.unreadable(type.label() + " " + doing + ": " + pages.problem());
            return Lookup.unknown("ARM returned a " + type.label() + " byokwatch cannot read " + doing + ": " + pages.problem());
        }
        if (pages.problem() != null) {
            return Lookup.unavailable("ARM answered without a value array " + doing);
        }
        Lookup<List<T>> answer = Lookup.found(pages.items());
        cache.put(key, answer, sent);
        return answer;
    }

    /** Lets a resource seen in a Resource Graph row answer later point reads of it until the TTL ends. */
    <T> void offer(ResourceId id, T value) {
        cache.offer(key(id), Lookup.found(value));
    }

    private <T> Lookup<T> fetch(ResourceId id, ArmType type, BiFunction<JsonObject, String, T> mapper, String key) {
        Instant sent = clock.instant();
        String apiVersion = type.apiVersion();
        ArmResponse response = transport.get(ArmPaths.resource(id, apiVersion));
        if (type.fallbackApiVersion() != null && versionRefused(response)) {
            apiVersion = type.fallbackApiVersion();
            response = transport.get(ArmPaths.resource(id, apiVersion));
        }
        Lookup<T> answer;
        if (response.ok()) {
            JsonObject body = response.json();
            if (body == null) {
                // a cut-off or garbled 200: the next read can be whole
                answer = Lookup.unavailable("ARM returned a body that is not a JSON object for " + id);
            } else {
                try {
                    answer = Lookup.found(mapper.apply(body, apiVersion));
                } catch (SnapshotFormatException e) {
                    stats.unreadable(type.label() + " " + id + ": " + e.getMessage());
                    answer = Lookup.unknown("ARM returned a " + type.label() + " byokwatch cannot read for " + id
                            + ": " + e.getMessage());
                }
            }
        } else {
            answer = notRead(response, id, type, "reading " + id);
        }
        if (!(answer instanceof Lookup.Unknown<T>)) {
            cache.put(key, answer, sent);
        }
        return answer;
    }

    private Lookup<List<RoleAssignment>> fetchRoleAssignments(ResourceId scope, String key) {
        String doing = "listing role assignments at " + scope;
        Instant sent = clock.instant();
        ArmPages.Result<RoleAssignment> pages = ArmPages.readAll(transport, transport.get(ArmPaths.roleAssignmentsAt(scope)),
                ArmMapper::roleAssignment);
        if (pages.refused() != null) {
            Lookup<List<RoleAssignment>> failed = notRead(pages.refused(), scope, ArmType.ROLE_ASSIGNMENTS, doing);
            return failed instanceof Lookup.Absent<List<RoleAssignment>>
                    ? Lookup.unknown("ARM returned 404 Not Found " + doing + ": the scope does not exist")
                    : failed;
        }
        if (pages.unreadable()) {
            // one unreadable assignment could be the grant that matters, so the whole answer is unknown
            stats.unreadable("role assignment at " + scope + ": " + pages.problem());
            return Lookup.unknown("ARM returned a role assignment byokwatch cannot read " + doing + ": " + pages.problem());
        }
        if (pages.problem() != null) {
            return Lookup.unavailable("ARM answered without a value array " + doing);
        }
        Lookup<List<RoleAssignment>> answer = Lookup.found(pages.items());
        cache.put(key, answer, sent);
        return answer;
    }

    private <T> Lookup<T> notRead(ArmResponse response, ResourceId id, ArmType type, String doing) {
        return switch (response.status()) {
            case 404 -> Lookup.readAsAbsent("ARM returned 404 Not Found for " + id);
            case 403 -> Lookup.unknown("403 Forbidden " + doing + ": byokwatch's identity needs Reader ("
                    + type.readPermission() + ") on it");
            case 0 -> Lookup.unavailable(response.failure() + "; " + doing + " was not attempted or did not finish");
            default -> transientStatus(response.status())
                    ? Lookup.unavailable("ARM returned " + response.describe() + " " + doing + retryNote(response))
                    : Lookup.unknown("ARM returned " + response.describe() + " " + doing + retryNote(response));
        };
    }

    /** A 400 whose error code says the api-version is not offered for the type. */
    static boolean versionRefused(ArmResponse response) {
        if (response.status() != 400) {
            return false;
        }
        JsonObject json = response.json();
        JsonObject error = json != null && json.has("error") && json.get("error").isJsonObject()
                ? json.getAsJsonObject("error") : null;
        String code = error == null ? null : JsonText.of(error, "code");
        return code != null && VERSION_REFUSED.contains(code.toLowerCase(java.util.Locale.ROOT));
    }

    /** Throttling and server errors pass; other statuses (400, 401, 409...) say something about the request. */
    private static boolean transientStatus(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    private String retryNote(ArmResponse response) {
        Duration asked = RetryAfter.retryAfter(response.retryAfter(), clock.instant());
        if (response.status() == 429 && asked != null && asked.compareTo(ArmTransport.MAX_SERVER_WAIT) > 0) {
            return "; ARM asked to wait " + asked.toSeconds() + " s, longer than byokwatch waits ("
                    + ArmTransport.MAX_SERVER_WAIT.toSeconds() + " s)";
        }
        return transientStatus(response.status()) && settings.maxRetries() > 0
                ? " after " + settings.maxRetries() + " retries" : "";
    }

    private static String key(ResourceId id) {
        return "arm " + id.key();
    }
}
