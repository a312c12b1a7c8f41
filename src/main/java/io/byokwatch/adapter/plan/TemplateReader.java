package io.byokwatch.adapter.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.byokwatch.domain.ResourceId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Expands an ARM template (plain, or {@code az bicep build} output in either language version) into the resource
 * instances it deploys: top-level and nested child resources, {@code copy} loops, conditions, and nested
 * deployments (Bicep modules) with their own parameters, scope and outputs. Bodies are evaluated on demand, so
 * {@code reference()} between resources reads the other resource's declared body plus what Azure assigns at
 * deployment (principal ids, vault and key URIs), the latter as stand-ins.
 */
final class TemplateReader {
    private final List<Instance> instances = new ArrayList<>();
    private final Map<String, Instance> byId = new HashMap<>();
    private final Map<String, Integer> lines;
    final List<String> notes = new ArrayList<>();

    /** One resource the template deploys (or, with {@code existing}, only names). */
    final class Instance {
        final Template owner;
        final String address;
        final String symbolic;
        final JsonObject raw;
        final String copyName;
        final Integer copyIndex;
        final String type;
        final String name;
        final ResourceId id;
        final boolean existing;
        final int line;
        private JsonObject runtime;
        private boolean evaluating;
        Boolean condition;

        Instance(Template owner, String address, String symbolic, JsonObject raw, String copyName, Integer copyIndex,
                 String type, String name, ResourceId id, boolean existing, int line) {
            this.owner = owner;
            this.address = address;
            this.symbolic = symbolic;
            this.raw = raw;
            this.copyName = copyName;
            this.copyIndex = copyIndex;
            this.type = type;
            this.name = name;
            this.id = id;
            this.existing = existing;
            this.line = line;
        }

        TemplateEvaluator.Context context() {
            return new TemplateEvaluator.Loop(owner, copyName, copyIndex, true);
        }

        /** The resource as Azure will return it: declared body evaluated, plus what Azure assigns, as stand-ins. */
        JsonObject runtime() {
            if (runtime != null) {
                return runtime;
            }
            if (evaluating) {
                JsonObject cyclic = new JsonObject();
                cyclic.add("properties", TemplateValues.unknown(address + " refers to itself"));
                return cyclic;
            }
            evaluating = true;
            try {
                runtime = runtimeOf(this, new TemplateEvaluator(context()));
                return runtime;
            } finally {
                evaluating = false;
            }
        }

        String lowerType() {
            return type.toLowerCase(Locale.ROOT);
        }
    }

    /** One template: the root, or a nested deployment's. */
    final class Template implements TemplateEvaluator.Context {
        final JsonObject doc;
        final TemplateScope scope;
        final String prefix;
        final String path;
        final Template outer;
        private final Map<String, JsonElement> parameters = new HashMap<>();
        private final Map<String, JsonElement> variables = new HashMap<>();
        private final Set<String> evaluatingVariables = new HashSet<>();
        final Map<String, List<Instance>> bySymbolic = new HashMap<>();

        Template(JsonObject doc, TemplateScope scope, String prefix, String path, Template outer) {
            this.doc = doc;
            this.scope = scope;
            this.prefix = prefix;
            this.path = path;
            this.outer = outer;
        }

        @Override
        public JsonElement parameter(String name) {
            if (outer != null && parameters.isEmpty() && Json.object(doc, "parameters") == null) {
                return outer.parameter(name);
            }
            for (Map.Entry<String, JsonElement> e : parameters.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return TemplateValues.unknown("parameter " + name + " is not declared");
        }

        @Override
        public JsonElement variable(String name) {
            JsonObject declared = Json.object(doc, "variables");
            String key = null;
            if (declared != null) {
                for (String k : declared.keySet()) {
                    if (k.equalsIgnoreCase(name)) {
                        key = k;
                    }
                }
            }
            if (key == null) {
                JsonElement copied = copiedVariable(declared, name);
                if (copied != null) {
                    return copied;
                }
                return outer != null ? outer.variable(name) : TemplateValues.unknown("variable " + name + " is not declared");
            }
            if (variables.containsKey(key)) {
                return variables.get(key);
            }
            if (!evaluatingVariables.add(key)) {
                return TemplateValues.unknown("variable " + name + " refers to itself");
            }
            JsonElement value = new TemplateEvaluator(this).value(declared.get(key));
            evaluatingVariables.remove(key);
            variables.put(key, value);
            return value;
        }

        /** {@code "variables": {"copy": [{"name": "x", "count": n, "input": ...}]}} */
        private JsonElement copiedVariable(JsonObject declared, String name) {
            JsonArray copies = declared == null ? null : Json.array(declared, "copy");
            if (copies == null) {
                return null;
            }
            for (JsonElement c : copies) {
                if (c.isJsonObject() && name.equalsIgnoreCase(Json.text(c, "name"))) {
                    JsonObject holder = new JsonObject();
                    JsonArray one = new JsonArray();
                    one.add(c);
                    holder.add("copy", one);
                    JsonElement built = new TemplateEvaluator(this).value(holder);
                    return TemplateEvaluator.property(built, Json.text(c, "name"));
                }
            }
            return null;
        }

        @Override
        public Integer copyIndex(String loop) {
            return null;
        }

        @Override
        public TemplateScope scope() {
            return scope;
        }

        @Override
        public JsonElement reference(String idOrName, boolean full) {
            Instance target = find(this, idOrName);
            if (target == null) {
                return TemplateValues.unknown(idOrName + " is not deployed by this template, so what Azure returns for it is"
                        + " known only at deployment");
            }
            if (target.existing) {
                return TemplateValues.unknown(target.address + " already exists outside the template; its properties are"
                        + " read at deployment");
            }
            JsonObject runtime = target.runtime();
            return full ? runtime : TemplateEvaluator.property(runtime, "properties");
        }
    }

    TemplateReader(Map<String, Integer> lines) {
        this.lines = lines;
    }

    List<Instance> instances() {
        return instances;
    }

    /** Reads the root template with the parameter values given. */
    void read(JsonObject doc, Map<String, JsonElement> given, TemplateScope scope, String file) {
        Template root = new Template(doc, scope, "", "$", null);
        bind(root, given, file, true);
        expand(root);
    }

    /** Parameter values: given, else the default; a parameter with neither is an error naming every such one. */
    private void bind(Template t, Map<String, JsonElement> given, String where, boolean root) {
        JsonObject declared = Json.object(t.doc, "parameters");
        List<String> missing = new ArrayList<>();
        Set<String> used = new HashSet<>();
        if (declared != null) {
            for (Map.Entry<String, JsonElement> p : declared.entrySet()) {
                JsonElement value = null;
                for (Map.Entry<String, JsonElement> g : given.entrySet()) {
                    if (g.getKey().equalsIgnoreCase(p.getKey())) {
                        value = g.getValue();
                        used.add(g.getKey());
                    }
                }
                JsonElement fallback = p.getValue().isJsonObject() ? p.getValue().getAsJsonObject().get("defaultValue") : null;
                if (value == null && fallback != null) {
                    value = new TemplateEvaluator(t).value(fallback);
                }
                if (value == null) {
                    missing.add(p.getKey());
                    continue;
                }
                t.parameters.put(p.getKey(), value);
            }
        }
        if (!missing.isEmpty()) {
            String list = String.join(", ", missing);
            if (root) {
                throw new PlanFormatException(where + ": template parameter" + (missing.size() == 1 ? " " : "s ") + list
                        + (missing.size() == 1 ? " has" : " have") + " no defaultValue; give "
                        + (missing.size() == 1 ? "its value" : "their values") + " with --parameters FILE"
                        + " ({\"parameters\": {\"" + missing.get(0) + "\": {\"value\": ...}}})");
            }
            missing.forEach(m -> t.parameters.put(m, TemplateValues.unknown("module parameter " + m + " has no value")));
            notes.add(t.prefix + ": module parameters without a value: " + list);
        }
        if (root) {
            given.keySet().stream().filter(k -> !used.contains(k)).forEach(k ->
                    notes.add("--parameters names " + k + ", which the template does not declare (ARM would reject it)"));
        }
    }

    private void expand(Template t) {
        JsonElement resources = t.doc.get("resources");
        if (resources != null && resources.isJsonArray()) {
            JsonArray arr = resources.getAsJsonArray();
            for (int i = 0; i < arr.size(); i++) {
                if (arr.get(i).isJsonObject()) {
                    declare(t, arr.get(i).getAsJsonObject(), null, null, t.path + ".resources[" + i + "]", null);
                }
            }
        } else if (resources != null && resources.isJsonObject()) {
            for (Map.Entry<String, JsonElement> e : resources.getAsJsonObject().entrySet()) {
                if (e.getValue().isJsonObject()) {
                    declare(t, e.getValue().getAsJsonObject(), null, null, t.path + ".resources." + e.getKey(), e.getKey());
                }
            }
        }
    }

    /** One resource declaration: each copy instance, then its nested children and, for a deployment, its template. */
    private void declare(Template t, JsonObject raw, String parentType, String parentName, String path, String symbolic) {
        JsonObject copy = Json.object(raw, "copy");
        int count = 1;
        String copyName = null;
        if (copy != null) {
            copyName = Json.text(copy, "name");
            JsonElement n = new TemplateEvaluator(t).value(copy.get("count"));
            if (TemplateValues.isUnknown(n) || !TemplateEvaluator.isNumber(n)) {
                notes.add((symbolic != null ? symbolic : path) + ": the copy count is known only at deployment ("
                        + TemplateValues.reason(n) + "); its resources are not judged");
                return;
            }
            count = n.getAsInt();
        }
        for (int i = 0; i < count; i++) {
            Integer index = copy == null ? null : i;
            TemplateEvaluator ev = new TemplateEvaluator(new TemplateEvaluator.Loop(t, copyName, index, true));
            String ownType = Json.text(raw, "type");
            if (ownType == null) {
                continue;
            }
            String type = parentType != null && !ownType.contains("/") ? parentType + "/" + ownType : ownType;
            JsonElement nameValue = ev.value(raw.get("name"));
            String ownName = TemplateValues.isUnknown(nameValue) ? null : TemplateFunctions.asText(nameValue);
            String name = ownName == null ? null : parentName != null && !ownName.contains("/") ? parentName + "/" + ownName : ownName;
            String label = symbolic != null ? symbolic : type + "/" + (name != null ? name : Json.text(raw, "name"));
            String address = t.prefix + label + (index == null || symbolic == null && name != null ? "" : "[" + index + "]");
            ResourceId id = name == null ? null : id(t, raw, ev, type, name);
            boolean existing = Boolean.TRUE.equals(Json.bool(raw.get("existing")));
            Instance inst = new Instance(t, address, symbolic, raw, copyName, index, type, name, id, existing,
                    lines.getOrDefault(path, 0));
            JsonElement condition = raw.has("condition") ? ev.value(raw.get("condition")) : new JsonPrimitive(true);
            inst.condition = TemplateValues.isUnknown(condition) ? null : TemplateEvaluator.truthy(condition);
            instances.add(inst);
            if (id != null) {
                byId.putIfAbsent(id.key(), inst);
            }
            if (symbolic != null) {
                t.bySymbolic.computeIfAbsent(symbolic.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(inst);
            }
            JsonArray children = Json.array(raw, "resources");
            for (int c = 0; children != null && c < children.size(); c++) {
                if (children.get(c).isJsonObject() && name != null) {
                    declare(t, children.get(c).getAsJsonObject(), type, name, path + ".resources[" + c + "]", null);
                }
            }
            if (type.equalsIgnoreCase("Microsoft.Resources/deployments") && !existing) {
                nested(t, inst, ev, path);
            }
        }
    }

    private void nested(Template t, Instance deployment, TemplateEvaluator ev, String path) {
        JsonObject properties = Json.object(deployment.raw, "properties");
        JsonObject template = Json.object(properties, "template");
        if (template == null) {
            if (Json.object(properties, "templateLink") != null) {
                notes.add(deployment.address + " links to a template by URI, which byokwatch does not fetch; its resources"
                        + " are not judged");
            }
            return;
        }
        boolean inner = "inner".equalsIgnoreCase(Json.text(Json.object(properties, "expressionEvaluationOptions"), "scope"));
        String group = deployment.raw.has("resourceGroup") ? TemplateFunctions.asText(ev.value(deployment.raw.get("resourceGroup"))) : null;
        String sub = deployment.raw.has("subscriptionId") ? TemplateFunctions.asText(ev.value(deployment.raw.get("subscriptionId"))) : null;
        TemplateScope scope = t.scope.nested(sub, group, deployment.name);
        Template child = new Template(template, scope, deployment.address + "/", path + ".properties.template", inner ? null : t);
        if (inner) {
            Map<String, JsonElement> values = new LinkedHashMap<>();
            JsonObject given = Json.object(properties, "parameters");
            if (given != null) {
                for (Map.Entry<String, JsonElement> p : given.entrySet()) {
                    JsonElement v = p.getValue().isJsonObject() ? p.getValue().getAsJsonObject().get("value") : null;
                    values.put(p.getKey(), v == null ? TemplateValues.unknown("module parameter " + p.getKey()
                            + " is a Key Vault reference, read at deployment") : ev.value(v));
                }
            }
            bind(child, values, deployment.address, false);
        }
        deploymentsByInstance.put(deployment, child);
        expand(child);
    }

    private final Map<Instance, Template> deploymentsByInstance = new HashMap<>();

    /** The nested template a deployment resource deploys, for its outputs; null when it has none. */
    Template nestedTemplate(Instance deployment) {
        return deploymentsByInstance.get(deployment);
    }

    private static ResourceId id(Template t, JsonObject raw, TemplateEvaluator ev, String type, String name) {
        List<JsonElement> names = List.of(new JsonPrimitive(name));
        String typed = TemplateFunctions.typed(type, names);
        if (raw.has("scope")) {
            JsonElement scope = ev.value(raw.get("scope"));
            if (TemplateValues.isUnknown(scope)) {
                return null;
            }
            String s = TemplateFunctions.asText(scope);
            String base = s.startsWith("/") ? s : t.scope.resourceGroupId() + "/providers/" + s;
            return ResourceId.orNull(base + "/providers/" + typed);
        }
        String sub = t.scope.subscriptionId();
        String group = t.scope.resourceGroup();
        if (raw.has("subscriptionId")) {
            sub = TemplateFunctions.asText(ev.value(raw.get("subscriptionId")));
        }
        if (raw.has("resourceGroup")) {
            group = TemplateFunctions.asText(ev.value(raw.get("resourceGroup")));
        }
        if (type.equalsIgnoreCase("Microsoft.Resources/resourceGroups")) {
            return ResourceId.orNull("/subscriptions/" + sub + "/resourceGroups/" + name);
        }
        return ResourceId.orNull("/subscriptions/" + sub + "/resourceGroups/" + group + "/providers/" + typed);
    }

    /** A symbolic name (language version 2.0), a resource id, or a bare resource name, as reference() takes them. */
    private Instance find(Template t, String idOrName) {
        List<Instance> symbolic = t.bySymbolic.get(idOrName.toLowerCase(Locale.ROOT));
        if (symbolic != null && symbolic.size() == 1) {
            return symbolic.get(0);
        }
        ResourceId id = ResourceId.orNull(idOrName);
        if (id != null) {
            return byId.get(id.key());
        }
        Instance found = null;
        for (Instance i : instances) {
            if (i.owner == t && i.name != null && i.name.equalsIgnoreCase(idOrName)) {
                if (found != null) {
                    return null;
                }
                found = i;
            }
        }
        return found;
    }

    /**
     * What Azure returns for a resource the template deploys: the declared body, evaluated, with what Azure assigns
     * at deployment as stand-ins: the system-assigned principal, a user-assigned identity's ids, a vault's URI, a
     * key's URIs, a deployment's outputs.
     */
    private JsonObject runtimeOf(Instance inst, TemplateEvaluator ev) {
        JsonObject out = new JsonObject();
        out.add("id", inst.id != null ? new JsonPrimitive(inst.id.toString())
                : TemplateValues.unknown("the id of " + inst.address + " is known only at deployment"));
        String name = inst.name == null ? null : inst.name.substring(inst.name.lastIndexOf('/') + 1);
        out.add("name", name != null ? new JsonPrimitive(name) : TemplateValues.unknown("the name of " + inst.address
                + " is known only at deployment"));
        out.addProperty("type", inst.type);
        for (String key : List.of("location", "tags", "sku", "kind", "zones")) {
            if (inst.raw.has(key)) {
                out.add(key, ev.value(inst.raw.get(key)));
            }
        }
        JsonObject identity = identity(inst, ev);
        if (identity != null) {
            out.add("identity", identity);
        }
        JsonElement properties = ev.value(inst.raw.get("properties"));
        JsonObject props = properties.isJsonObject() ? properties.getAsJsonObject() : new JsonObject();
        String vaultName = inst.name == null ? null : inst.name.split("/")[0].toLowerCase(Locale.ROOT);
        switch (inst.lowerType()) {
            case "microsoft.keyvault/vaults" -> {
                if (!props.has("vaultUri") && vaultName != null) {
                    props.addProperty("vaultUri", "https://" + vaultName + ".vault.azure.net/");
                }
            }
            case "microsoft.keyvault/vaults/keys" -> {
                if (inst.name != null && inst.name.contains("/")) {
                    String uri = "https://" + vaultName + ".vault.azure.net/keys/" + name;
                    props.addProperty("keyUri", uri);
                    props.addProperty("keyUriWithVersion", uri + "/" + TemplateValues.DEPLOYMENT);
                }
            }
            case "microsoft.managedidentity/userassignedidentities" -> {
                props.addProperty("principalId", StandIns.principal(inst.address, "principalId"));
                props.addProperty("clientId", StandIns.principal(inst.address, "clientId"));
                props.addProperty("tenantId", StandIns.principal(inst.address, "tenantId"));
            }
            case "microsoft.resources/deployments" -> props.add("outputs", outputs(inst));
            default -> {
            }
        }
        out.add("properties", props);
        return out;
    }

    private JsonObject identity(Instance inst, TemplateEvaluator ev) {
        JsonObject declared = Json.object(inst.raw, "identity");
        if (declared == null) {
            return null;
        }
        JsonObject identity = new JsonObject();
        JsonElement type = ev.value(declared.get("type"));
        identity.add("type", type);
        String typeText = TemplateValues.isUnknown(type) ? "" : TemplateFunctions.asText(type).toLowerCase(Locale.ROOT);
        if (typeText.contains("systemassigned")) {
            identity.addProperty("principalId", StandIns.principal(inst.address, "identity.principalId"));
            identity.addProperty("tenantId", StandIns.principal(inst.address, "identity.tenantId"));
        }
        JsonObject assigned = Json.object(declared, "userAssignedIdentities");
        if (assigned != null) {
            JsonObject resolved = new JsonObject();
            for (Map.Entry<String, JsonElement> e : assigned.entrySet()) {
                JsonElement key = ev.value(new JsonPrimitive(e.getKey()));
                if (TemplateValues.isUnknown(key)) {
                    continue;
                }
                String uaiId = TemplateFunctions.asText(key);
                JsonObject entry = new JsonObject();
                ResourceId parsed = ResourceId.orNull(uaiId);
                Instance uai = parsed == null ? null : byId.get(parsed.key());
                if (uai != null && !uai.existing) {
                    entry.addProperty("principalId", StandIns.principal(uai.address, "principalId"));
                    entry.addProperty("clientId", StandIns.principal(uai.address, "clientId"));
                }
                resolved.add(uaiId, entry);
            }
            identity.add("userAssignedIdentities", resolved);
        }
        return identity;
    }

    private JsonObject outputs(Instance deployment) {
        Template nested = deploymentsByInstance.get(deployment);
        JsonObject out = new JsonObject();
        JsonObject declared = nested == null ? null : Json.object(nested.doc, "outputs");
        if (declared == null) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : declared.entrySet()) {
            JsonObject o = new JsonObject();
            o.add("type", e.getValue().isJsonObject() ? orNull(e.getValue().getAsJsonObject().get("type")) : JsonNull.INSTANCE);
            JsonElement value = e.getValue().isJsonObject() ? e.getValue().getAsJsonObject().get("value") : null;
            o.add("value", value == null ? TemplateValues.unknown("output " + e.getKey() + " has no value")
                    : new TemplateEvaluator(nested).value(value));
            out.add(e.getKey(), o);
        }
        return out;
    }

    static JsonElement orNull(JsonElement e) {
        return e == null ? JsonNull.INSTANCE : e;
    }
}
