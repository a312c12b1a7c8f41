package io.byokwatch.bootstrap;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.app.DriftDetector;
import io.byokwatch.domain.Actor;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.render.alert.AlertJson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The compliance endpoint behind the {@code Compliance} function and {@code serve}: stored verdicts as JSON, and an
 * on-demand re-evaluation of one cluster. Answers are status code + JSON body so both hosts render them alike.
 */
public final class ComplianceApi {
    public static final String ON_DEMAND = "byokwatch.OnDemand";
    private final Runtime runtime;

    public ComplianceApi(Runtime runtime) {
        this.runtime = runtime;
    }

    public record Response(int status, String body) {
    }

    /** All verdicts, or one when {@code clusterId} is given (404 when byokwatch has not evaluated it). */
    public Response get(String clusterId) {
        if (clusterId != null) {
            ResourceId id = ResourceId.orNull(clusterId);
            if (id == null) {
                return error(400, "clusterId '" + clusterId + "' is not an ARM id of a managed cluster");
            }
            return runtime.store().get(id).filter(v -> !DriftDetector.DELETED.equals(v.status()))
                    .map(v -> new Response(200, json(entry(v))))
                    .orElseGet(() -> error(404, "no verdict stored for " + clusterId + "; POST {\"clusterId\": ...} to evaluate it now"));
        }
        // tombstones of deleted clusters are kept for alert ids, not shown as clusters
        List<StoredVerdict> all = new ArrayList<>(runtime.store().all().stream()
                .filter(v -> !DriftDetector.DELETED.equals(v.status())).toList());
        all.sort(Comparator.comparing(v -> v.clusterId().key()));
        JsonObject o = new JsonObject();
        o.addProperty("schemaVersion", 1);
        o.addProperty("generatedAt", runtime.clock().instant().toString());
        JsonArray clusters = new JsonArray();
        all.forEach(v -> clusters.add(entry(v)));
        o.add("clusters", clusters);
        return new Response(200, json(o));
    }

    /** Re-reads and re-evaluates one cluster now; the answer carries the verdict and any alert it raised. */
    public Response reevaluate(String clusterId) {
        ResourceId id = ResourceId.orNull(clusterId);
        if (id == null || !id.isType("microsoft.containerservice/managedclusters")) {
            return error(400, "send {\"clusterId\": \"/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerService/managedClusters/<name>\"}");
        }
        if (!runtime.settings().inScope(id)) {
            return error(403, "cluster " + id + " is outside the configured scope (BYOKWATCH_SUBSCRIPTIONS)");
        }
        List<String> notes = new ArrayList<>();
        Alert.Trigger trigger = new Alert.Trigger(null, ON_DEMAND, null, id, runtime.clock().instant(), Actor.UNKNOWN, "on-demand re-evaluation");
        Optional<Alert> alert = runtime.detector().reevaluate(id, trigger, notes);
        JsonObject o = new JsonObject();
        runtime.store().get(id).filter(v -> !DriftDetector.DELETED.equals(v.status())).ifPresent(v -> o.add("verdict", entry(v)));
        alert.ifPresent(a -> o.add("alert", JsonParser.parseString(runtime.codec().encode(a))));
        JsonArray n = new JsonArray();
        notes.forEach(n::add);
        o.add("notes", n);
        return new Response(o.has("verdict") ? 200 : 404, json(o));
    }

    private static JsonObject entry(StoredVerdict v) {
        JsonElement verdict = AlertJson.storedVerdict(v.detailJson());
        JsonObject o = verdict != null && verdict.isJsonObject() ? verdict.getAsJsonObject().deepCopy() : new JsonObject();
        if (!o.has("id")) {
            o.addProperty("id", v.clusterId().toString());
            o.addProperty("name", v.clusterName());
            o.addProperty("subscriptionId", v.subscriptionId());
            o.addProperty("status", v.status());
        }
        o.addProperty("since", v.since().toString());
        o.addProperty("evaluatedAt", v.evaluatedAt().toString());
        o.addProperty("lastAlertKind", v.lastAlertKind());
        o.addProperty("lastAlertAt", v.lastAlertAt() == null ? null : v.lastAlertAt().toString());
        return o;
    }

    private static Response error(int status, String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return new Response(status, json(o));
    }

    private static String json(JsonElement e) {
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().serializeNulls().create().toJson(e) + "\n";
    }
}
