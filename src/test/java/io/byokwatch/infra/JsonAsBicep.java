package io.byokwatch.infra;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.infra.BicepSyntax.Arr;
import io.byokwatch.infra.BicepSyntax.Call;
import io.byokwatch.infra.BicepSyntax.Expr;
import io.byokwatch.infra.BicepSyntax.Lit;
import io.byokwatch.infra.BicepSyntax.Obj;
import io.byokwatch.infra.BicepSyntax.Prop;
import io.byokwatch.infra.BicepSyntax.Str;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON (a file Bicep loads with {@code loadJsonContent}, an ARM template inside a policy) as the same expression
 * tree, so {@link TypeWalker} checks it like Bicep. An ARM template expression ({@code "[parameters('x')]"}) is
 * known only during a deployment and stays unchecked; {@code "[[..."} is the escape for a literal '['.
 */
final class JsonAsBicep {
    private JsonAsBicep() {
    }

    static Expr of(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return new Lit("null", 0);
        }
        if (e.isJsonObject()) {
            List<Prop> props = new ArrayList<>();
            for (Map.Entry<String, JsonElement> entry : e.getAsJsonObject().entrySet()) {
                props.add(new Prop(entry.getKey(), of(entry.getValue()), 0));
            }
            return new Obj(List.copyOf(props), 0);
        }
        if (e.isJsonArray()) {
            List<Expr> items = new ArrayList<>();
            e.getAsJsonArray().forEach(x -> items.add(of(x)));
            return new Arr(List.copyOf(items), 0);
        }
        if (e.getAsJsonPrimitive().isString()) {
            String s = e.getAsString();
            if (isArmExpression(s)) {
                return new Call(null, "armExpression", List.of(), 0);
            }
            return new Str(s.startsWith("[[") ? s.substring(1) : s, List.of(), 0);
        }
        return new Lit(e.getAsJsonPrimitive().getAsString(), 0);
    }

    static boolean isArmExpression(String s) {
        return s.startsWith("[") && !s.startsWith("[[") && s.endsWith("]");
    }

    /** An ARM template resource without the keys ARM itself reads, leaving what the resource type defines. */
    static JsonObject resourceBody(JsonObject resource) {
        JsonObject body = resource.deepCopy();
        for (String armKey : List.of("type", "apiVersion", "dependsOn", "condition", "copy", "comments", "scope",
                "resourceGroup", "subscriptionId")) {
            body.remove(armKey);
        }
        return body;
    }
}
