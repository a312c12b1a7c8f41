package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A template's parameter values: the deployment parameters file ({@code {"parameters": {"x": {"value": ...}}}}, as
 * {@code az deployment group create --parameters @file} takes it and {@code az bicep build-params} writes it), or a
 * plain object of names to values. A Key Vault reference is a value known only at deployment.
 */
final class ParameterFiles {
    private ParameterFiles() {
    }

    static Map<String, JsonElement> read(Path file) {
        if (file.toString().toLowerCase(Locale.ROOT).endsWith(".bicepparam")) {
            throw new PlanFormatException(file + " is a Bicep parameters file; compile it with az bicep build-params --file "
                    + ShellWords.quote(file.toString()) + " --outfile parameters.json and give that");
        }
        JsonElement doc = JsonFiles.read(file, "parameters file");
        if (!doc.isJsonObject()) {
            throw new PlanFormatException(file + ": expected a JSON object of parameters, got " + (doc.isJsonArray() ? "an array" : doc));
        }
        JsonObject root = doc.getAsJsonObject();
        JsonObject wrapped = Json.object(root, "parameters");
        boolean fileShape = wrapped != null && (root.has("$schema") || root.has("contentVersion")
                || wrapped.entrySet().stream().allMatch(e -> e.getValue().isJsonObject()
                && (e.getValue().getAsJsonObject().has("value") || e.getValue().getAsJsonObject().has("reference"))));
        Map<String, JsonElement> values = new LinkedHashMap<>();
        if (fileShape) {
            for (Map.Entry<String, JsonElement> e : wrapped.entrySet()) {
                JsonObject p = e.getValue().isJsonObject() ? e.getValue().getAsJsonObject() : null;
                if (p != null && p.has("value")) {
                    values.put(e.getKey(), p.get("value"));
                } else if (p != null && p.has("reference")) {
                    values.put(e.getKey(), TemplateValues.unknown("parameter " + e.getKey()
                            + " is a Key Vault reference, read at deployment"));
                } else {
                    throw new PlanFormatException(file + ": parameters." + e.getKey() + " has neither value nor reference");
                }
            }
            return values;
        }
        root.entrySet().forEach(e -> values.put(e.getKey(), e.getValue()));
        return values;
    }
}
