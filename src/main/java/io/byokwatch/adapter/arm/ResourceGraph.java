package io.byokwatch.adapter.arm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Resource Graph queries sent through the ARM pipeline, every page followed. The REST call is used rather than
 * ResourceGraphManager because the manager pins api-version 2021-03-01 and hands back rows as untyped Java maps,
 * while the mapper reads exactly the JSON ARM sends.
 */
final class ResourceGraph {
    static final int PAGE_SIZE = 1000;
    private static final int MAX_PAGES = 1000;

    private final ArmTransport transport;
    private final GraphPacer pacer;

    ResourceGraph(ArmTransport transport, GraphPacer pacer) {
        this.transport = transport;
        this.pacer = pacer;
    }

    /**
     * Where a query looks: subscriptions, a management group, or (neither) every subscription the identity can
     * read, which is where the vaults and sets behind watched clusters may live.
     */
    record Scope(List<String> subscriptions, String managementGroup) {
        static final Scope VISIBLE = new Scope(List.of(), null);

        static Scope subscriptions(List<String> ids) {
            return new Scope(List.copyOf(ids), null);
        }

        static Scope managementGroup(String id) {
            return new Scope(List.of(), id);
        }

        String describe() {
            if (managementGroup != null) {
                return "management group " + managementGroup;
            }
            return subscriptions.isEmpty() ? "every subscription byokwatch's identity can read"
                    : (subscriptions.size() == 1 ? "subscription " : "subscriptions ") + String.join(", ", subscriptions);
        }
    }

    /** Every row, or the reason the answer is incomplete (then no rows: a partial answer must not pass as whole). */
    record Result(List<JsonObject> rows, int pages, String failure) {
        boolean complete() {
            return failure == null;
        }
    }

    Result query(String kql, Scope scope) {
        List<JsonObject> rows = new ArrayList<>();
        String skipToken = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            pacer.acquire();
            ArmResponse response = transport.post(ArmPaths.GRAPH, body(kql, scope, skipToken).toString());
            if (!response.ok()) {
                return failed(page, "Resource Graph query over " + scope.describe() + " failed: " + response.describe());
            }
            if (response.subscriptionLimitHit()) {
                // past 10,000 subscriptions Resource Graph silently looks at the first 10,000 only
                return failed(page, "Resource Graph answered over " + scope.describe() + " from its first 10,000"
                        + " subscriptions only (x-ms-tenant-subscription-limit-hit); name the subscriptions in"
                        + " batches instead, or split the management group");
            }
            JsonObject json = response.json();
            JsonElement data = json == null ? null : json.get("data");
            if (data == null || !data.isJsonArray()) {
                return failed(page, "Resource Graph answered without a data array over " + scope.describe());
            }
            for (JsonElement row : data.getAsJsonArray()) {
                if (row.isJsonObject()) {
                    rows.add(row.getAsJsonObject());
                }
            }
            skipToken = JsonText.of(json, "$skipToken");
            if (skipToken == null) {
                if ("true".equalsIgnoreCase(JsonText.of(json, "resultTruncated"))) {
                    return failed(page, "Resource Graph truncated the answer over " + scope.describe()
                            + " without a $skipToken to page on");
                }
                return new Result(List.copyOf(rows), page, null);
            }
        }
        return failed(MAX_PAGES, "Resource Graph answer over " + scope.describe() + " is longer than " + MAX_PAGES
                + " pages");
    }

    private static Result failed(int pages, String reason) {
        return new Result(List.of(), pages, reason);
    }

    private static JsonObject body(String kql, Scope scope, String skipToken) {
        JsonObject body = new JsonObject();
        if (scope.managementGroup() != null) {
            JsonArray groups = new JsonArray();
            groups.add(scope.managementGroup());
            body.add("managementGroups", groups);
        } else if (!scope.subscriptions().isEmpty()) {
            JsonArray subs = new JsonArray();
            scope.subscriptions().forEach(subs::add);
            body.add("subscriptions", subs);
        }
        body.addProperty("query", kql);
        JsonObject options = new JsonObject();
        options.addProperty("resultFormat", "objectArray");
        options.addProperty("$top", PAGE_SIZE);
        if (skipToken != null) {
            options.addProperty("$skipToken", skipToken);
        }
        body.add("options", options);
        return body;
    }
}
