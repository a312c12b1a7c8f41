package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code configuration} of a plan: per module (root, and each {@code module_calls} entry, recursively) the
 * expressions of its resources, module calls and outputs, which is where a value unknown until apply says what it
 * refers to. Provider configurations are kept by their {@code provider_config_key}.
 */
final class TfConfig {
    private final Module root;
    private final Map<String, JsonObject> providers = new HashMap<>();

    /** One module's configuration; {@code source} is the call's {@code source} (null for the root). */
    record Module(String source, Map<String, Resource> resources, Map<String, Call> calls, Map<String, JsonObject> outputs,
                  JsonObject variables) {
    }

    /** A module call: its argument expressions, whether it fans out, and the module it calls. */
    record Call(String name, JsonObject expressions, boolean repeated, Module module) {
    }

    /** A resource block: its expressions and the provider configuration it uses. */
    record Resource(String address, String providerConfigKey, JsonObject expressions, boolean repeated) {
    }

    private TfConfig(Module root) {
        this.root = root;
    }

    static TfConfig read(JsonObject configuration) {
        JsonObject rootModule = Json.object(configuration, "root_module");
        TfConfig config = new TfConfig(module(rootModule == null ? new JsonObject() : rootModule, null));
        JsonObject providers = Json.object(configuration, "provider_config");
        if (providers != null) {
            for (Map.Entry<String, JsonElement> e : providers.entrySet()) {
                if (e.getValue().isJsonObject()) {
                    config.providers.put(e.getKey(), e.getValue().getAsJsonObject());
                }
            }
        }
        return config;
    }

    /** The module at the call path ({@code ["aks", "inner"]}), or null when the configuration lacks it. */
    Module module(List<String> calls) {
        Module m = root;
        for (String call : calls) {
            Call c = m.calls().get(call);
            if (c == null) {
                return null;
            }
            m = c.module();
        }
        return m;
    }

    /** The call that instantiates the module at the path (its last step), or null for the root. */
    Call call(List<String> calls) {
        if (calls.isEmpty()) {
            return null;
        }
        Module parent = module(calls.subList(0, calls.size() - 1));
        return parent == null ? null : parent.calls().get(calls.get(calls.size() - 1));
    }

    /** The expressions of a resource block, or null. */
    Resource resource(TfAddress address) {
        Module m = module(address.moduleCalls());
        return m == null ? null : m.resources().get(address.resource());
    }

    /** A provider configuration's expressions, or null. */
    JsonObject providerExpressions(String providerConfigKey) {
        return providerConfigKey == null ? null : Json.object(providers.get(providerConfigKey), "expressions");
    }

    /** A provider configuration, or null. */
    JsonObject provider(String providerConfigKey) {
        return providerConfigKey == null ? null : providers.get(providerConfigKey);
    }

    /** Every provider configuration of the given provider name ({@code kubernetes}, {@code azurerm}). */
    Map<String, JsonObject> providersNamed(String name) {
        Map<String, JsonObject> out = new HashMap<>();
        providers.forEach((key, p) -> {
            if (name.equals(Json.text(p, "name"))) {
                out.put(key, p);
            }
        });
        return out;
    }

    private static Module module(JsonObject m, String source) {
        Map<String, Resource> resources = new HashMap<>();
        for (JsonObject r : Json.objects(m.get("resources"))) {
            String address = Json.text(r, "address");
            if (address == null) {
                continue;
            }
            JsonObject expressions = Json.object(r, "expressions");
            resources.put(address, new Resource(address, Json.text(r, "provider_config_key"),
                    expressions == null ? new JsonObject() : expressions,
                    r.has("count_expression") || r.has("for_each_expression")));
        }
        Map<String, Call> calls = new HashMap<>();
        JsonObject moduleCalls = Json.object(m, "module_calls");
        if (moduleCalls != null) {
            for (Map.Entry<String, JsonElement> e : moduleCalls.entrySet()) {
                if (!e.getValue().isJsonObject()) {
                    continue;
                }
                JsonObject call = e.getValue().getAsJsonObject();
                JsonObject child = Json.object(call, "module");
                JsonObject expressions = Json.object(call, "expressions");
                calls.put(e.getKey(), new Call(e.getKey(), expressions == null ? new JsonObject() : expressions,
                        call.has("count_expression") || call.has("for_each_expression"),
                        module(child == null ? new JsonObject() : child, Json.text(call, "source"))));
            }
        }
        Map<String, JsonObject> outputs = new HashMap<>();
        JsonObject outs = Json.object(m, "outputs");
        if (outs != null) {
            for (Map.Entry<String, JsonElement> e : outs.entrySet()) {
                JsonObject expression = Json.object(e.getValue(), "expression");
                if (expression != null) {
                    outputs.put(e.getKey(), expression);
                }
            }
        }
        JsonObject variables = Json.object(m, "variables");
        return new Module(source, resources, calls, outputs, variables == null ? new JsonObject() : variables);
    }
}
