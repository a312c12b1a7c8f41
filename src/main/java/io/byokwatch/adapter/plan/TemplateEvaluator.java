package io.byokwatch.adapter.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates template expressions with the functions that appear where a cluster meets its set, key and vault:
 * parameters and variables, string and array functions, comparisons and {@code if}, {@code resourceId} and its
 * scoped forms, {@code reference}, {@code subscription()}, {@code resourceGroup()}, {@code environment()},
 * {@code copyIndex()}. A function it does not evaluate, or one of the deployment's own time
 * ({@code utcNow}, {@code newGuid}, {@code list*}), yields an unknown value with the reason, never an error.
 */
final class TemplateEvaluator {

    /** What expressions read from the template being evaluated. */
    interface Context {
        JsonElement parameter(String name);

        JsonElement variable(String name);

        /** The index of the named copy loop (null for the innermost resource loop); null outside any loop. */
        Integer copyIndex(String loop);

        TemplateScope scope();

        /** The runtime object of a resource the template deploys, or unknown for anything else. */
        JsonElement reference(String resourceIdOrName, boolean full);
    }

    private final Context ctx;

    TemplateEvaluator(Context ctx) {
        this.ctx = ctx;
    }

    /** Evaluates a JSON value as a template holds it: expression strings evaluated, objects and arrays deeply. */
    JsonElement value(JsonElement raw) {
        if (raw == null || raw.isJsonNull()) {
            return JsonNull.INSTANCE;
        }
        if (raw.isJsonPrimitive() && raw.getAsJsonPrimitive().isString()) {
            return eval(TemplateExpression.ofString(raw.getAsString()));
        }
        if (raw.isJsonArray()) {
            JsonArray out = new JsonArray();
            raw.getAsJsonArray().forEach(e -> out.add(value(e)));
            return out;
        }
        if (raw.isJsonObject()) {
            JsonObject out = new JsonObject();
            for (Map.Entry<String, JsonElement> e : raw.getAsJsonObject().entrySet()) {
                if (!e.getKey().equals("copy") || !e.getValue().isJsonArray()) {
                    out.add(e.getKey(), value(e.getValue()));
                }
            }
            JsonElement copies = raw.getAsJsonObject().get("copy");
            if (copies != null && copies.isJsonArray()) {
                for (JsonElement c : copies.getAsJsonArray()) {
                    if (c.isJsonObject()) {
                        propertyCopy(c.getAsJsonObject(), out);
                    }
                }
            }
            return out;
        }
        return raw;
    }

    /** {@code "copy": [{"name": "x", "count": n, "input": {...}}]} inside properties builds the array property x. */
    private void propertyCopy(JsonObject copy, JsonObject target) {
        String name = Json.text(copy, "name");
        JsonElement count = value(copy.get("count"));
        if (name == null) {
            return;
        }
        if (TemplateValues.isUnknown(count) || !isNumber(count)) {
            target.add(name, TemplateValues.unknown("the copy count of " + name + " is known only at deployment"));
            return;
        }
        JsonArray items = new JsonArray();
        for (int i = 0; i < count.getAsInt(); i++) {
            items.add(new TemplateEvaluator(new Loop(ctx, name, i, false)).value(copy.get("input")));
        }
        target.add(name, items);
    }

    /**
     * The context inside one iteration of a copy loop: {@code copyIndex('loop')} is its index; for a resource's own
     * loop ({@code innermost}) a bare {@code copyIndex()} is too.
     */
    record Loop(Context outer, String loop, Integer index, boolean innermost) implements Context {
        @Override
        public JsonElement parameter(String name) {
            return outer.parameter(name);
        }

        @Override
        public JsonElement variable(String name) {
            return outer.variable(name);
        }

        @Override
        public Integer copyIndex(String name) {
            if (name == null ? innermost : name.equalsIgnoreCase(loop)) {
                return index;
            }
            return innermost ? null : outer.copyIndex(name);
        }

        @Override
        public TemplateScope scope() {
            return outer.scope();
        }

        @Override
        public JsonElement reference(String id, boolean full) {
            return outer.reference(id, full);
        }
    }

    JsonElement eval(TemplateExpression e) {
        if (e instanceof TemplateExpression.Literal l) {
            return literal(l.value());
        }
        if (e instanceof TemplateExpression.Property p) {
            return property(eval(p.target()), p.name());
        }
        if (e instanceof TemplateExpression.Index i) {
            JsonElement target = eval(i.target());
            JsonElement index = eval(i.index());
            if (TemplateValues.isUnknown(target)) {
                return target;
            }
            if (TemplateValues.isUnknown(index)) {
                return index;
            }
            if (target.isJsonArray() && isNumber(index)) {
                int n = index.getAsInt();
                return n >= 0 && n < target.getAsJsonArray().size() ? target.getAsJsonArray().get(n)
                        : TemplateValues.unknown("index " + n + " is outside the array");
            }
            return property(target, Json.text(index));
        }
        TemplateExpression.Call call = (TemplateExpression.Call) e;
        return call(call.name().toLowerCase(Locale.ROOT), call.args());
    }

    private static JsonElement literal(Object v) {
        if (v == null) {
            return JsonNull.INSTANCE;
        }
        if (v instanceof String s) {
            return new JsonPrimitive(s);
        }
        if (v instanceof Boolean b) {
            return new JsonPrimitive(b);
        }
        return new JsonPrimitive((Number) v);
    }

    /** Property names compare case-insensitively, as ARM does. */
    static JsonElement property(JsonElement target, String name) {
        if (TemplateValues.isUnknown(target)) {
            return target;
        }
        if (target == null || !target.isJsonObject() || name == null) {
            return TemplateValues.unknown("property " + name + " of a value that is not an object");
        }
        JsonObject o = target.getAsJsonObject();
        if (o.has(name)) {
            return o.get(name);
        }
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return TemplateValues.unknown("the value has no property " + name);
    }

    private JsonElement call(String name, List<TemplateExpression> argExpressions) {
        switch (name) {
            case "if" -> {
                JsonElement condition = arg(argExpressions, 0);
                if (TemplateValues.isUnknown(condition)) {
                    return condition;
                }
                return eval(argExpressions.get(truthy(condition) ? 1 : 2));
            }
            case "coalesce" -> {
                for (TemplateExpression a : argExpressions) {
                    JsonElement v = eval(a);
                    if (TemplateValues.isUnknown(v) || !v.isJsonNull()) {
                        return v;
                    }
                }
                return JsonNull.INSTANCE;
            }
            default -> {
            }
        }
        List<JsonElement> args = new ArrayList<>();
        for (TemplateExpression a : argExpressions) {
            args.add(eval(a));
        }
        if (!name.equals("reference") && !name.equals("tryget")) {
            for (JsonElement a : args) {
                if (TemplateValues.isUnknown(a)) {
                    return a;
                }
            }
        }
        try {
            return TemplateFunctions.apply(name, args, ctx);
        } catch (RuntimeException e) {
            // a function given arguments it cannot take (a template error ARM would report at deployment): the value
            // is unknown here, with what went wrong, and the rest of the template is still judged
            return TemplateValues.unknown(name + "() cannot be evaluated: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    private JsonElement arg(List<TemplateExpression> args, int i) {
        return i < args.size() ? eval(args.get(i)) : JsonNull.INSTANCE;
    }

    static boolean truthy(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return false;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return Boolean.parseBoolean(e.getAsString());
        }
        return true;
    }

    static boolean isNumber(JsonElement e) {
        if (e == null || !e.isJsonPrimitive()) {
            return false;
        }
        if (e.getAsJsonPrimitive().isNumber()) {
            return true;
        }
        try {
            new BigDecimal(e.getAsString());
            return true;
        } catch (NumberFormatException notNumber) {
            return false;
        }
    }

    static JsonElement parseJson(String text) {
        return JsonParser.parseString(text);
    }
}
