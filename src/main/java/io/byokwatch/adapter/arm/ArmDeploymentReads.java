package io.byokwatch.adapter.arm;

import com.azure.core.http.HttpClient;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.DeploymentReads;
import io.byokwatch.port.Lookup;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The deployment as ARM describes it, for {@code byokwatch doctor}: reads through the same pipeline as the inventory
 * (bearer auth, retries, the read budget). A 403 is unknown naming the permission; a 404 of one resource is absent.
 */
public final class ArmDeploymentReads implements DeploymentReads {
    private final ArmTransport transport;
    private final ResourceGraph graph;

    public ArmDeploymentReads(ArmSettings settings) {
        this(settings, null, Clock.systemUTC(), Sleeper.SYSTEM);
    }

    /** @param httpClient the SDK HTTP client, or null for the default one */
    public ArmDeploymentReads(ArmSettings settings, HttpClient httpClient, Clock clock, Sleeper sleeper) {
        this.transport = new ArmTransport(settings, httpClient, clock, sleeper,
                new ReadBudget(settings.readsPerMinute(), clock), new ReadStats());
        this.graph = new ResourceGraph(transport, new GraphPacer(clock, sleeper));
    }

    @Override
    public Access subscriptionAccess(String subscriptionId) {
        ResourceId sub = ResourceId.orNull("/subscriptions/" + subscriptionId);
        if (sub == null) {
            return new Access(Access.Outcome.UNKNOWN, "'" + subscriptionId + "' is not a subscription id");
        }
        ArmResponse r = transport.get(ArmPaths.encode(sub) + "/resourcegroups?api-version=" + ApiVersions.RESOURCE_GROUPS
                + "&$top=1");
        return switch (r.status()) {
            case 200 -> new Access(Access.Outcome.READABLE, "listed its resource groups");
            case 403 -> new Access(Access.Outcome.DENIED, "ARM answered " + r.describe() + " listing its resource groups");
            case 404 -> new Access(Access.Outcome.DENIED, "ARM answered " + r.describe() + ": the subscription does not exist"
                    + " or byokwatch's identity holds no role in it");
            case 0 -> new Access(r.failure().startsWith(ArmTransport.NO_TOKEN) ? Access.Outcome.NO_CREDENTIALS
                    : Access.Outcome.UNKNOWN, r.failure());
            default -> new Access(Access.Outcome.UNKNOWN, "ARM answered " + r.describe());
        };
    }

    @Override
    public Lookup<List<String>> managementGroupSubscriptions(String managementGroupId) {
        ResourceGraph.Result result = graph.query(Kql.subscriptions(), ResourceGraph.Scope.managementGroup(managementGroupId));
        if (!result.complete()) {
            return Lookup.unknown(result.failure());
        }
        TreeSet<String> subs = new TreeSet<>();
        for (JsonObject row : result.rows()) {
            String s = JsonText.of(row, "subscriptionId");
            if (s != null) {
                subs.add(s.toLowerCase(Locale.ROOT));
            }
        }
        return Lookup.found(List.copyOf(subs));
    }

    @Override
    public Lookup<List<Topic>> systemTopics(String subscriptionId) {
        ResourceId sub = ResourceId.orNull("/subscriptions/" + subscriptionId);
        if (sub == null) {
            return Lookup.unknown("'" + subscriptionId + "' is not a subscription id");
        }
        return list(ArmPaths.encode(sub) + "/providers/Microsoft.EventGrid/systemTopics?api-version=" + ApiVersions.EVENT_GRID,
                "listing the Event Grid system topics of subscription " + subscriptionId,
                "Microsoft.EventGrid/systemTopics/read", ArmDeploymentReads::topic);
    }

    @Override
    public Lookup<List<Subscription>> eventSubscriptions(ResourceId topic) {
        return list(ArmPaths.encode(topic) + "/eventSubscriptions?api-version=" + ApiVersions.EVENT_GRID,
                "listing the event subscriptions of topic " + topic, "Microsoft.EventGrid/systemTopics/eventSubscriptions/read",
                ArmDeploymentReads::subscription);
    }

    @Override
    public Lookup<FunctionState> function(ResourceId functionApp, String functionName) {
        ResourceId id = functionApp.child("functions", functionName);
        ArmResponse r = transport.get(ArmPaths.resource(id, ApiVersions.WEB));
        if (r.status() == 404) {
            return Lookup.absent("ARM returned 404 Not Found for " + id);
        }
        if (!r.ok()) {
            return Lookup.unknown(failure(r, "reading " + id, "Microsoft.Web/sites/functions/read"));
        }
        JsonObject body = r.json();
        JsonObject props = body == null ? null : object(body, "properties");
        if (props == null) {
            return Lookup.unknown("ARM returned a function without properties for " + id);
        }
        JsonElement disabled = props.get("isDisabled");
        return Lookup.found(new FunctionState(id, disabled != null && disabled.isJsonPrimitive() && disabled.getAsBoolean()));
    }

    @Override
    public Lookup<List<DiagnosticSetting>> diagnosticSettings(ResourceId resource) {
        return list(ArmPaths.encode(resource) + "/providers/Microsoft.Insights/diagnosticSettings?api-version="
                        + ApiVersions.DIAGNOSTIC_SETTINGS, "listing the diagnostic settings of " + resource,
                "Microsoft.Insights/diagnosticSettings/read", ArmDeploymentReads::setting);
    }

    @Override
    public Lookup<String> workspaceCustomerId(ResourceId workspace) {
        ArmResponse r = transport.get(ArmPaths.resource(workspace, ApiVersions.WORKSPACES));
        if (r.status() == 404) {
            return Lookup.absent("ARM returned 404 Not Found for " + workspace);
        }
        if (!r.ok()) {
            return Lookup.unknown(failure(r, "reading " + workspace, "Microsoft.OperationalInsights/workspaces/read"));
        }
        JsonObject props = r.json() == null ? null : object(r.json(), "properties");
        String customerId = props == null ? null : JsonText.of(props, "customerId");
        return customerId == null ? Lookup.unknown("ARM returned workspace " + workspace + " without a customerId")
                : Lookup.found(customerId);
    }

    /** Every page of an ARM list; the whole list or unknown, never a short one. */
    private <T> Lookup<List<T>> list(String path, String doing, String permission, Function<JsonObject, T> mapper) {
        List<T> out = new ArrayList<>();
        ArmResponse r = transport.get(path);
        for (int page = 0; page < 1000; page++) {
            if (!r.ok()) {
                return Lookup.unknown(failure(r, doing, permission));
            }
            JsonObject json = r.json();
            JsonElement value = json == null ? null : json.get("value");
            if (value == null || !value.isJsonArray()) {
                return Lookup.unknown("ARM answered without a value array " + doing);
            }
            for (JsonElement e : (JsonArray) value) {
                if (!e.isJsonObject()) {
                    return Lookup.unknown("ARM returned an entry that is not a JSON object " + doing);
                }
                T mapped = mapper.apply(e.getAsJsonObject());
                if (mapped == null) {
                    return Lookup.unknown("ARM returned an entry without an id " + doing);
                }
                out.add(mapped);
            }
            String next = JsonText.of(json, "nextLink");
            if (next == null) {
                return Lookup.found(List.copyOf(out));
            }
            r = transport.getNextLink(next);
        }
        return Lookup.unknown("ARM answered more than 1000 pages " + doing);
    }

    private static String failure(ArmResponse r, String doing, String permission) {
        if (r.status() == 0) {
            return r.failure() + "; " + doing + " did not finish";
        }
        if (r.status() == 403) {
            return "403 Forbidden " + doing + ": byokwatch's identity needs Reader (" + permission + ") there";
        }
        return "ARM answered " + r.describe() + " " + doing;
    }

    private static Topic topic(JsonObject o) {
        ResourceId id = ResourceId.orNull(JsonText.of(o, "id"));
        JsonObject p = object(o, "properties");
        return id == null ? null : new Topic(id, p == null ? null : JsonText.of(p, "source"),
                p == null ? null : JsonText.of(p, "topicType"), p == null ? null : JsonText.of(p, "provisioningState"));
    }

    private static Subscription subscription(JsonObject o) {
        ResourceId id = ResourceId.orNull(JsonText.of(o, "id"));
        if (id == null) {
            return null;
        }
        JsonObject p = object(o, "properties");
        p = p == null ? new JsonObject() : p;
        JsonObject destination = object(p, "destination");
        if (destination == null) {
            // identity-based delivery keeps its destination one level down
            JsonObject withIdentity = object(p, "deliveryWithResourceIdentity");
            destination = withIdentity == null ? null : object(withIdentity, "destination");
        }
        JsonObject destProps = destination == null ? null : object(destination, "properties");
        JsonObject filter = object(p, "filter");
        List<String> included = null;
        List<Filter> filters = new ArrayList<>();
        if (filter != null) {
            JsonElement types = filter.get("includedEventTypes");
            if (types != null && types.isJsonArray()) {
                included = strings(types.getAsJsonArray());
            }
            JsonElement advanced = filter.get("advancedFilters");
            if (advanced != null && advanced.isJsonArray()) {
                for (JsonElement f : advanced.getAsJsonArray()) {
                    if (f.isJsonObject()) {
                        JsonElement values = f.getAsJsonObject().get("values");
                        filters.add(new Filter(JsonText.of(f.getAsJsonObject(), "operatorType"), JsonText.of(f.getAsJsonObject(), "key"),
                                values != null && values.isJsonArray() ? strings(values.getAsJsonArray()) : List.of()));
                    }
                }
            }
        }
        return new Subscription(id, id.name(), JsonText.of(p, "provisioningState"),
                destination == null ? null : JsonText.of(destination, "endpointType"),
                destProps == null ? null : JsonText.of(destProps, "resourceId"), included, List.copyOf(filters),
                JsonText.of(p, "expirationTimeUtc"));
    }

    private static DiagnosticSetting setting(JsonObject o) {
        ResourceId id = ResourceId.orNull(JsonText.of(o, "id"));
        if (id == null) {
            return null;
        }
        JsonObject p = object(o, "properties");
        List<LogSetting> logs = new ArrayList<>();
        JsonElement l = p == null ? null : p.get("logs");
        if (l != null && l.isJsonArray()) {
            for (JsonElement e : l.getAsJsonArray()) {
                if (e.isJsonObject()) {
                    JsonElement enabled = e.getAsJsonObject().get("enabled");
                    logs.add(new LogSetting(JsonText.of(e.getAsJsonObject(), "category"),
                            JsonText.of(e.getAsJsonObject(), "categoryGroup"),
                            enabled != null && enabled.isJsonPrimitive() && enabled.getAsBoolean()));
                }
            }
        }
        return new DiagnosticSetting(id, JsonText.of(o, "name") == null ? id.name() : JsonText.of(o, "name"),
                p == null ? null : JsonText.of(p, "workspaceId"), List.copyOf(logs));
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : a) {
            if (e.isJsonPrimitive()) {
                out.add(e.getAsString());
            }
        }
        return List.copyOf(out);
    }

    private static JsonObject object(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }
}
