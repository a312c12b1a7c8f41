package io.byokwatch.adapter.plan;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The template functions {@link TemplateEvaluator} evaluates; arguments arrive evaluated and known. */
final class TemplateFunctions {
    private TemplateFunctions() {
    }

    static JsonElement apply(String name, List<JsonElement> a, TemplateEvaluator.Context ctx) {
        switch (name) {
            case "parameters":
                return ctx.parameter(text(a, 0));
            case "variables":
                return ctx.variable(text(a, 0));
            case "concat":
                return concat(a);
            case "format":
                return format(a);
            case "string":
                return new JsonPrimitive(asText(a.get(0)));
            case "int":
                return new JsonPrimitive(new BigDecimal(asText(a.get(0)).trim()).longValueExact());
            case "bool":
                return new JsonPrimitive(TemplateEvaluator.truthy(a.get(0)));
            case "json":
                try {
                    return TemplateEvaluator.parseJson(text(a, 0));
                } catch (JsonParseException e) {
                    return TemplateValues.unknown("json() of text that is not JSON");
                }
            case "true":
                return new JsonPrimitive(true);
            case "false":
                return new JsonPrimitive(false);
            case "null":
                return JsonNull.INSTANCE;
            case "createarray", "array":
                return array(a, name.equals("array"));
            case "createobject":
                return object(a);
            case "tolower":
                return new JsonPrimitive(text(a, 0).toLowerCase(Locale.ROOT));
            case "toupper":
                return new JsonPrimitive(text(a, 0).toUpperCase(Locale.ROOT));
            case "trim":
                return new JsonPrimitive(text(a, 0).trim());
            case "replace":
                return new JsonPrimitive(text(a, 0).replace(text(a, 1), text(a, 2)));
            case "substring":
                return substring(a);
            case "split":
                return split(a);
            case "join":
                return join(a);
            case "length":
                return new JsonPrimitive(length(a.get(0)));
            case "empty":
                return new JsonPrimitive(length(a.get(0)) == 0);
            case "first":
                return edge(a.get(0), true);
            case "last":
                return edge(a.get(0), false);
            case "contains":
                return new JsonPrimitive(contains(a.get(0), a.get(1)));
            case "startswith":
                return new JsonPrimitive(text(a, 0).toLowerCase(Locale.ROOT).startsWith(text(a, 1).toLowerCase(Locale.ROOT)));
            case "endswith":
                return new JsonPrimitive(text(a, 0).toLowerCase(Locale.ROOT).endsWith(text(a, 1).toLowerCase(Locale.ROOT)));
            case "equals":
                return new JsonPrimitive(equal(a.get(0), a.get(1)));
            case "not":
                return new JsonPrimitive(!TemplateEvaluator.truthy(a.get(0)));
            case "and":
                return new JsonPrimitive(a.stream().allMatch(TemplateEvaluator::truthy));
            case "or":
                return new JsonPrimitive(a.stream().anyMatch(TemplateEvaluator::truthy));
            case "greater", "less", "greaterorequals", "lessorequals":
                return new JsonPrimitive(compare(name, a.get(0), a.get(1)));
            case "add", "sub", "mul", "div", "mod":
                return new JsonPrimitive(arithmetic(name, number(a, 0), number(a, 1)));
            case "min", "max":
                return minMax(name, a);
            case "range":
                return range(a);
            case "union":
                return union(a);
            case "items":
                return items(a.get(0));
            case "tryget":
                return tryGet(a);
            case "copyindex":
                return copyIndex(a, ctx);
            case "resourceid":
                return resourceId(a, ctx.scope(), true);
            case "subscriptionresourceid":
                return resourceId(a, ctx.scope(), false);
            case "tenantresourceid":
                return new JsonPrimitive("/providers/" + typed(text(a, 0), a.subList(1, a.size())));
            case "extensionresourceid":
                return new JsonPrimitive(text(a, 0) + "/providers/" + typed(text(a, 1), a.subList(2, a.size())));
            case "reference":
                return reference(a, ctx);
            case "subscription":
                return subscription(ctx.scope());
            case "resourcegroup":
                return resourceGroup(ctx.scope());
            case "tenant":
                return tenant();
            case "environment":
                return environment();
            case "deployment":
                return deployment(ctx.scope());
            case "uniquestring", "guid":
                return new JsonPrimitive(TemplateValues.standIn(name, joined(a)));
            default:
                return TemplateValues.unknown(name + "() is evaluated only at deployment");
        }
    }

    private static String text(List<JsonElement> a, int i) {
        if (i >= a.size()) {
            throw new IllegalArgumentException("an argument is missing");
        }
        return asText(a.get(i));
    }

    static String asText(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "";
        }
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            return p.isNumber() ? p.getAsBigDecimal().stripTrailingZeros().toPlainString() : p.getAsString();
        }
        return e.toString();
    }

    private static long number(List<JsonElement> a, int i) {
        return new BigDecimal(text(a, i).trim()).longValueExact();
    }

    private static JsonElement concat(List<JsonElement> a) {
        if (!a.isEmpty() && a.stream().allMatch(e -> e.isJsonArray() || e.isJsonNull())) {
            JsonArray out = new JsonArray();
            a.stream().filter(JsonElement::isJsonArray).forEach(e -> out.addAll(e.getAsJsonArray()));
            return out;
        }
        StringBuilder sb = new StringBuilder();
        a.forEach(e -> sb.append(asText(e)));
        return new JsonPrimitive(sb.toString());
    }

    private static JsonElement format(List<JsonElement> a) {
        String pattern = text(a, 0);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '{' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '{') {
                sb.append('{');
                i++;
            } else if (c == '}' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '}') {
                sb.append('}');
                i++;
            } else if (c == '{') {
                int end = pattern.indexOf('}', i);
                String spec = pattern.substring(i + 1, end);
                int colon = spec.indexOf(':');
                int n = Integer.parseInt((colon < 0 ? spec : spec.substring(0, colon)).trim());
                sb.append(asText(a.get(n + 1)));
                i = end;
            } else {
                sb.append(c);
            }
        }
        return new JsonPrimitive(sb.toString());
    }

    private static JsonElement array(List<JsonElement> a, boolean wrapOne) {
        if (wrapOne && a.size() == 1 && a.get(0).isJsonArray()) {
            return a.get(0);
        }
        JsonArray out = new JsonArray();
        a.forEach(out::add);
        return out;
    }

    private static JsonElement object(List<JsonElement> a) {
        JsonObject out = new JsonObject();
        for (int i = 0; i + 1 < a.size(); i += 2) {
            out.add(asText(a.get(i)), a.get(i + 1));
        }
        return out;
    }

    private static JsonElement substring(List<JsonElement> a) {
        String s = text(a, 0);
        int start = (int) number(a, 1);
        int end = a.size() > 2 ? start + (int) number(a, 2) : s.length();
        return new JsonPrimitive(s.substring(Math.min(start, s.length()), Math.min(end, s.length())));
    }

    private static JsonElement split(List<JsonElement> a) {
        String s = text(a, 0);
        JsonArray out = new JsonArray();
        List<String> delimiters = new ArrayList<>();
        if (a.get(1).isJsonArray()) {
            a.get(1).getAsJsonArray().forEach(d -> delimiters.add(asText(d)));
        } else {
            delimiters.add(text(a, 1));
        }
        List<String> parts = new ArrayList<>(List.of(s));
        for (String d : delimiters) {
            List<String> next = new ArrayList<>();
            for (String p : parts) {
                next.addAll(List.of(p.split(java.util.regex.Pattern.quote(d), -1)));
            }
            parts = next;
        }
        parts.forEach(out::add);
        return out;
    }

    private static JsonElement join(List<JsonElement> a) {
        List<String> parts = new ArrayList<>();
        a.get(0).getAsJsonArray().forEach(e -> parts.add(asText(e)));
        return new JsonPrimitive(String.join(text(a, 1), parts));
    }

    private static int length(JsonElement e) {
        if (e.isJsonArray()) {
            return e.getAsJsonArray().size();
        }
        if (e.isJsonObject()) {
            return e.getAsJsonObject().size();
        }
        return e.isJsonNull() ? 0 : asText(e).length();
    }

    private static JsonElement edge(JsonElement e, boolean first) {
        if (e.isJsonArray()) {
            JsonArray arr = e.getAsJsonArray();
            return arr.isEmpty() ? JsonNull.INSTANCE : arr.get(first ? 0 : arr.size() - 1);
        }
        String s = asText(e);
        return s.isEmpty() ? new JsonPrimitive("") : new JsonPrimitive(String.valueOf(s.charAt(first ? 0 : s.length() - 1)));
    }

    private static boolean contains(JsonElement container, JsonElement item) {
        if (container.isJsonArray()) {
            for (JsonElement e : container.getAsJsonArray()) {
                if (equal(e, item)) {
                    return true;
                }
            }
            return false;
        }
        if (container.isJsonObject()) {
            return container.getAsJsonObject().keySet().stream().anyMatch(k -> k.equalsIgnoreCase(asText(item)));
        }
        return asText(container).contains(asText(item));
    }

    /** Strings compare case-insensitively, as ARM's equals does. */
    static boolean equal(JsonElement x, JsonElement y) {
        if (x.isJsonPrimitive() && y.isJsonPrimitive() && x.getAsJsonPrimitive().isString() && y.getAsJsonPrimitive().isString()) {
            return x.getAsString().equalsIgnoreCase(y.getAsString());
        }
        if (TemplateEvaluator.isNumber(x) && TemplateEvaluator.isNumber(y) && !x.getAsJsonPrimitive().isString()) {
            return x.getAsBigDecimal().compareTo(y.getAsBigDecimal()) == 0;
        }
        return x.equals(y);
    }

    private static boolean compare(String op, JsonElement x, JsonElement y) {
        int c = TemplateEvaluator.isNumber(x) && TemplateEvaluator.isNumber(y)
                ? new BigDecimal(asText(x)).compareTo(new BigDecimal(asText(y))) : asText(x).compareTo(asText(y));
        return switch (op) {
            case "greater" -> c > 0;
            case "less" -> c < 0;
            case "greaterorequals" -> c >= 0;
            default -> c <= 0;
        };
    }

    private static long arithmetic(String op, long x, long y) {
        return switch (op) {
            case "add" -> x + y;
            case "sub" -> x - y;
            case "mul" -> x * y;
            case "div" -> x / y;
            default -> x % y;
        };
    }

    private static JsonElement minMax(String op, List<JsonElement> a) {
        List<JsonElement> values = new ArrayList<>();
        a.forEach(e -> {
            if (e.isJsonArray()) {
                e.getAsJsonArray().forEach(values::add);
            } else {
                values.add(e);
            }
        });
        BigDecimal best = null;
        for (JsonElement v : values) {
            BigDecimal d = new BigDecimal(asText(v));
            if (best == null || (op.equals("min") ? d.compareTo(best) < 0 : d.compareTo(best) > 0)) {
                best = d;
            }
        }
        return best == null ? JsonNull.INSTANCE : new JsonPrimitive(best);
    }

    private static JsonElement range(List<JsonElement> a) {
        long start = number(a, 0);
        long count = number(a, 1);
        JsonArray out = new JsonArray();
        for (long i = 0; i < count; i++) {
            out.add(start + i);
        }
        return out;
    }

    private static JsonElement union(List<JsonElement> a) {
        if (a.stream().allMatch(JsonElement::isJsonObject)) {
            JsonObject out = new JsonObject();
            a.forEach(o -> o.getAsJsonObject().entrySet().forEach(e -> out.add(e.getKey(), e.getValue())));
            return out;
        }
        JsonArray out = new JsonArray();
        for (JsonElement arr : a) {
            if (arr.isJsonArray()) {
                for (JsonElement e : arr.getAsJsonArray()) {
                    if (!out.contains(e)) {
                        out.add(e);
                    }
                }
            }
        }
        return out;
    }

    private static JsonElement items(JsonElement o) {
        JsonArray out = new JsonArray();
        if (o.isJsonObject()) {
            o.getAsJsonObject().keySet().stream().sorted(String.CASE_INSENSITIVE_ORDER).forEach(k -> {
                JsonObject item = new JsonObject();
                item.addProperty("key", k);
                item.add("value", o.getAsJsonObject().get(k));
                out.add(item);
            });
        }
        return out;
    }

    private static JsonElement tryGet(List<JsonElement> a) {
        JsonElement v = a.get(0);
        for (int i = 1; i < a.size(); i++) {
            if (TemplateValues.isUnknown(v) || TemplateValues.isUnknown(a.get(i))) {
                return TemplateValues.isUnknown(v) ? v : a.get(i);
            }
            if (v.isJsonObject()) {
                JsonElement next = TemplateEvaluator.property(v, asText(a.get(i)));
                v = TemplateValues.isUnknown(next) ? JsonNull.INSTANCE : next;
            } else if (v.isJsonArray() && TemplateEvaluator.isNumber(a.get(i))) {
                int n = a.get(i).getAsInt();
                v = n >= 0 && n < v.getAsJsonArray().size() ? v.getAsJsonArray().get(n) : JsonNull.INSTANCE;
            } else {
                return JsonNull.INSTANCE;
            }
        }
        return v;
    }

    private static JsonElement copyIndex(List<JsonElement> a, TemplateEvaluator.Context ctx) {
        String loop = null;
        long offset = 0;
        for (JsonElement e : a) {
            if (TemplateEvaluator.isNumber(e) && !e.getAsJsonPrimitive().isString()) {
                offset = e.getAsLong();
            } else {
                loop = asText(e);
            }
        }
        Integer index = ctx.copyIndex(loop);
        if (index == null) {
            return TemplateValues.unknown("copyIndex(" + (loop == null ? "" : "'" + loop + "'") + ") outside a copy loop");
        }
        return new JsonPrimitive(index + offset);
    }

    /**
     * resourceId([subscriptionId], [resourceGroupName], type, name...): the optional scope arguments are told from the
     * type by the slash a type always has.
     */
    private static JsonElement resourceId(List<JsonElement> a, TemplateScope scope, boolean groupScoped) {
        int typeAt = 0;
        while (typeAt < a.size() && !asText(a.get(typeAt)).contains("/")) {
            typeAt++;
        }
        if (typeAt >= a.size()) {
            return TemplateValues.unknown("resourceId() without a resource type");
        }
        String sub = scope.subscriptionId();
        String group = scope.resourceGroup();
        if (groupScoped) {
            if (typeAt == 2) {
                sub = asText(a.get(0));
                group = asText(a.get(1));
            } else if (typeAt == 1) {
                group = asText(a.get(0));
            }
        } else if (typeAt == 1) {
            sub = asText(a.get(0));
        }
        String typed = typed(asText(a.get(typeAt)), a.subList(typeAt + 1, a.size()));
        return new JsonPrimitive("/subscriptions/" + sub + (groupScoped ? "/resourceGroups/" + group : "") + "/providers/" + typed);
    }

    /** {@code Microsoft.KeyVault/vaults/keys} with names kv, k: {@code Microsoft.KeyVault/vaults/kv/keys/k}. */
    static String typed(String type, List<JsonElement> names) {
        String[] parts = type.split("/");
        StringBuilder sb = new StringBuilder(parts[0]);
        List<String> segments = new ArrayList<>();
        names.forEach(n -> segments.addAll(List.of(asText(n).split("/"))));
        for (int i = 1; i < parts.length; i++) {
            sb.append('/').append(parts[i]);
            if (i - 1 < segments.size()) {
                sb.append('/').append(segments.get(i - 1));
            }
        }
        return sb.toString();
    }

    private static JsonElement reference(List<JsonElement> a, TemplateEvaluator.Context ctx) {
        if (TemplateValues.isUnknown(a.get(0))) {
            return a.get(0);
        }
        boolean full = a.size() > 2 && asText(a.get(2)).equalsIgnoreCase("full");
        return ctx.reference(asText(a.get(0)), full);
    }

    private static JsonElement subscription(TemplateScope scope) {
        JsonObject o = new JsonObject();
        o.addProperty("id", scope.subscriptionPath());
        o.addProperty("subscriptionId", scope.subscriptionId());
        o.addProperty("tenantId", TemplateValues.standIn("tenant", ""));
        o.addProperty("displayName", TemplateValues.standIn("subscription-name", scope.subscriptionId()));
        return o;
    }

    private static JsonElement resourceGroup(TemplateScope scope) {
        JsonObject o = new JsonObject();
        o.addProperty("id", scope.resourceGroupId());
        o.addProperty("name", scope.resourceGroup());
        o.addProperty("type", "Microsoft.Resources/resourceGroups");
        o.add("location", TemplateValues.unknown("the resource group's location is known only at deployment"));
        return o;
    }

    private static JsonElement tenant() {
        JsonObject o = new JsonObject();
        o.addProperty("tenantId", TemplateValues.standIn("tenant", ""));
        return o;
    }

    /** The public cloud's values: vault hosts of template vaults are derived for it, as the notes say. */
    private static JsonElement environment() {
        JsonObject suffixes = new JsonObject();
        suffixes.addProperty("keyvaultDns", ".vault.azure.net");
        suffixes.addProperty("storage", "core.windows.net");
        JsonObject o = new JsonObject();
        o.addProperty("name", "AzureCloud");
        o.add("suffixes", suffixes);
        return o;
    }

    private static JsonElement deployment(TemplateScope scope) {
        JsonObject o = new JsonObject();
        o.addProperty("name", scope.deploymentName() != null ? scope.deploymentName() : TemplateValues.standIn("deployment", ""));
        return o;
    }

    private static String joined(List<JsonElement> a) {
        List<String> parts = new ArrayList<>();
        a.forEach(e -> parts.add(asText(e)));
        return String.join("|", parts);
    }

    static Map.Entry<String, JsonElement> entry(String k, JsonElement v) {
        return Map.entry(k, v);
    }
}
