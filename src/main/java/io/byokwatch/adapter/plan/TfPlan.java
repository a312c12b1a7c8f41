package io.byokwatch.adapter.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.port.PlannedResource.Action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plan as {@code terraform show -json} writes it (format 1.x; the 0.x formats of Terraform 0.12 to 0.15 have the
 * same shape): every resource instance by address, from {@code resource_changes} and {@code prior_state}, the
 * configuration and the root variables.
 */
final class TfPlan {
    final String formatVersion;
    final String terraformVersion;
    final TfConfig config;
    final JsonObject variables;
    /** Every instance by its address text; a change replaces what the prior state says of the same address. */
    final Map<String, TfInstance> instances = new LinkedHashMap<>();
    /** Instances by module instance and resource ({@code module.a[0]|azurerm_x.y}), for references without a key. */
    final Map<String, List<TfInstance>> byResource = new LinkedHashMap<>();

    private TfPlan(String formatVersion, String terraformVersion, TfConfig config, JsonObject variables) {
        this.formatVersion = formatVersion;
        this.terraformVersion = terraformVersion;
        this.config = config;
        this.variables = variables;
    }

    static TfPlan read(JsonElement document, String file) {
        if (!document.isJsonObject()) {
            throw new PlanFormatException(file + ": expected the JSON object terraform show -json writes, got "
                    + (document.isJsonArray() ? "an array" : document.toString()));
        }
        JsonObject root = document.getAsJsonObject();
        String version = Json.text(root, "format_version");
        if (version == null) {
            throw new PlanFormatException(file + ": no format_version, so this is not terraform show -json output; run"
                    + " terraform plan -out=plan.out && terraform show -json plan.out > plan.json");
        }
        if (!version.matches("[01](\\.\\d+)*")) {
            throw new PlanFormatException(file + ": plan format_version " + version + " is not supported; byokwatch reads"
                    + " format 1.x (Terraform 1.0 and later)");
        }
        if (!root.has("resource_changes") && !root.has("planned_values")) {
            String kind = root.has("values") ? "a state, not a plan" : "not a plan";
            throw new PlanFormatException(file + ": this is " + kind + " (no resource_changes); run terraform show -json"
                    + " on the file terraform plan -out wrote");
        }
        JsonObject configuration = Json.object(root, "configuration");
        JsonObject variables = Json.object(root, "variables");
        TfPlan plan = new TfPlan(version, Json.text(root, "terraform_version"),
                TfConfig.read(configuration == null ? new JsonObject() : configuration),
                variables == null ? new JsonObject() : variables);
        JsonObject priorValues = Json.object(Json.object(root, "prior_state"), "values");
        if (priorValues != null) {
            plan.readState(Json.object(priorValues, "root_module"), file);
        }
        JsonArray changes = Json.array(root, "resource_changes");
        for (int i = 0; changes != null && i < changes.size(); i++) {
            if (changes.get(i).isJsonObject()) {
                plan.readChange(changes.get(i).getAsJsonObject(), file + ": resource_changes[" + i + "]");
            }
        }
        plan.instances.values().forEach(inst -> plan.byResource
                .computeIfAbsent(resourceKey(inst.address()), k -> new ArrayList<>()).add(inst));
        return plan;
    }

    TfInstance instance(TfAddress address) {
        return instances.get(address.toString());
    }

    /** Every instance of the resource in that module instance, whatever their keys. */
    List<TfInstance> instancesOf(TfAddress address) {
        return byResource.getOrDefault(resourceKey(address), List.of());
    }

    private static String resourceKey(TfAddress a) {
        return a.moduleInstance() + "|" + a.resource();
    }

    private void readState(JsonObject module, String file) {
        if (module == null) {
            return;
        }
        for (JsonObject r : Json.objects(module.get("resources"))) {
            String address = Json.text(r, "address");
            JsonObject values = Json.object(r, "values");
            if (address == null || values == null) {
                continue;
            }
            TfAddress parsed = parse(address, file + ": prior_state");
            Action action = parsed.data() ? Action.READ : Action.NO_OP;
            instances.put(parsed.toString(), new TfInstance(parsed, Json.text(r, "type"), action, values, new JsonObject(),
                    values, List.of(), Json.text(r, "provider_name")));
        }
        for (JsonObject child : Json.objects(module.get("child_modules"))) {
            readState(child, file);
        }
    }

    private void readChange(JsonObject rc, String where) {
        String address = Json.text(rc, "address");
        JsonObject change = Json.object(rc, "change");
        if (address == null || change == null) {
            throw new PlanFormatException(where + ": expected address and change");
        }
        TfAddress parsed = parse(address, where);
        Action action = action(Json.texts(change.get("actions")), where);
        JsonObject before = Json.object(change, "before");
        JsonObject after = Json.object(change, "after");
        JsonObject afterUnknown = Json.object(change, "after_unknown");
        JsonObject values = action == Action.DELETE ? before : after;
        if (values == null) {
            values = before != null ? before : new JsonObject();
        }
        if (action == Action.NO_OP && parsed.data() || action == Action.NO_OP && instances.containsKey(parsed.toString())
                && after == null) {
            return;
        }
        List<List<Object>> replacePaths = new ArrayList<>();
        for (JsonElement p : jsonArray(change.get("replace_paths"))) {
            List<Object> path = new ArrayList<>();
            for (JsonElement step : jsonArray(p)) {
                if (step.isJsonPrimitive() && step.getAsJsonPrimitive().isNumber()) {
                    path.add(step.getAsInt());
                } else if (step.isJsonPrimitive()) {
                    path.add(step.getAsString());
                }
            }
            replacePaths.add(path);
        }
        instances.put(parsed.toString(), new TfInstance(parsed, Json.text(rc, "type"), action, values,
                afterUnknown == null ? new JsonObject() : afterUnknown, before, replacePaths,
                Json.text(rc, "provider_name")));
    }

    private static JsonArray jsonArray(JsonElement e) {
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    private static TfAddress parse(String address, String where) {
        try {
            return TfAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new PlanFormatException(where + ": " + e.getMessage());
        }
    }

    /** Terraform's action lists: a replacement is delete+create in either order; forget keeps the object in Azure. */
    private static Action action(List<String> actions, String where) {
        if (actions.contains("delete") && actions.contains("create")) {
            return Action.REPLACE;
        }
        if (actions.size() == 1) {
            switch (actions.get(0)) {
                case "create" -> {
                    return Action.CREATE;
                }
                case "update" -> {
                    return Action.UPDATE;
                }
                case "delete" -> {
                    return Action.DELETE;
                }
                case "read" -> {
                    return Action.READ;
                }
                case "no-op", "forget" -> {
                    return Action.NO_OP;
                }
                default -> {
                }
            }
        }
        throw new PlanFormatException(where + ": unknown change actions " + actions
                + "; expected create, update, delete, no-op, read or a delete/create replacement");
    }
}
