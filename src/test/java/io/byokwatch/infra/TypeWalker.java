package io.byokwatch.infra;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.infra.BicepSyntax.Arr;
import io.byokwatch.infra.BicepSyntax.Call;
import io.byokwatch.infra.BicepSyntax.Expr;
import io.byokwatch.infra.BicepSyntax.ForExpr;
import io.byokwatch.infra.BicepSyntax.Lit;
import io.byokwatch.infra.BicepSyntax.Obj;
import io.byokwatch.infra.BicepSyntax.Prop;
import io.byokwatch.infra.BicepSyntax.Str;
import io.byokwatch.infra.BicepSyntax.Ternary;
import io.byokwatch.infra.BicepTypes.TypeRef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Walks a value (an object literal and everything inside it) against a Bicep type and reports every property path
 * the type does not have, every read-only property set, every missing required property, every literal of the wrong
 * kind and every string outside an enum. Values that are only known during a deployment (references, function calls)
 * are not guessed at; both branches of a condition and every object merged by {@code union()} are checked.
 */
final class TypeWalker {
    private final BicepTypes types;
    /** Turns a reference into the expression it names (a variable's value), or null when it cannot be known here. */
    private final Function<Expr, Expr> resolve;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> checkedPaths = new java.util.LinkedHashSet<>();
    private int depth;

    TypeWalker(BicepTypes types, Function<Expr, Expr> resolve) {
        this.types = types;
        this.resolve = resolve;
    }

    List<String> problems() {
        return problems;
    }

    /** Every property path matched to its definition and checked, so a test can see the walk went deep. */
    Set<String> checkedPaths() {
        return checkedPaths;
    }

    /** A resource body: the type's properties plus the keywords Bicep itself reads. */
    void resourceBody(Obj body, TypeRef type, String where, Set<String> bicepKeywords) {
        check(body, type, where, false, bicepKeywords);
    }

    void check(Expr value, TypeRef type, String path) {
        check(value, type, path, false, Set.of());
    }

    private void check(Expr value, TypeRef type, String path, boolean partial, Set<String> keywords) {
        if (value == null) {
            return;
        }
        if (depth > 64) {
            problems.add(path + ": nested too deep to check (a variable that refers to itself?)");
            return;
        }
        depth++;
        try {
            dispatch(value, type, path, partial, keywords);
        } finally {
            depth--;
        }
    }

    private void dispatch(Expr value, TypeRef type, String path, boolean partial, Set<String> keywords) {
        if (value instanceof Ternary t) {
            check(t.whenTrue(), type, path, partial, keywords);
            check(t.whenFalse(), type, path, partial, keywords);
            return;
        }
        if (value instanceof Call c && c.target() == null && c.name().equals("union")) {
            // each argument supplies part of the object: its properties must exist, its required ones may come from another
            c.args().forEach(a -> check(a, type, path, true, keywords));
            return;
        }
        Expr resolved = resolve.apply(value);
        if (resolved != null && resolved != value) {
            check(resolved, type, path, partial, keywords);
            return;
        }
        JsonObject t = types.entry(type);
        String kind = t.get("$type").getAsString();
        switch (kind) {
            case "AnyType", "ResourceFunctionType" -> {
            }
            case "UnionType" -> union(value, type, t, path, partial, keywords);
            case "ObjectType" -> {
                if (value instanceof Obj o) {
                    object(o, properties(type, t.getAsJsonObject("properties")), additional(type, t), t.get("name").getAsString(),
                            path, partial, keywords);
                } else if (isLiteral(value)) {
                    problems.add(path + ": " + what(value) + " where " + types.describe(type) + " is expected");
                }
            }
            case "DiscriminatedObjectType" -> {
                if (value instanceof Obj o) {
                    discriminated(o, type, t, path, partial, keywords);
                } else if (isLiteral(value)) {
                    problems.add(path + ": " + what(value) + " where " + types.describe(type) + " is expected");
                }
            }
            case "ArrayType" -> {
                TypeRef item = BicepTypes.ref(type.file(), t.get("itemType"));
                if (value instanceof Arr a) {
                    for (int i = 0; i < a.items().size(); i++) {
                        check(a.items().get(i), item, path + "[" + i + "]", false, Set.of());
                    }
                } else if (value instanceof ForExpr f) {
                    check(f.body(), item, path + "[for]", false, Set.of());
                } else if (isLiteral(value)) {
                    problems.add(path + ": " + what(value) + " where an array is expected");
                }
            }
            case "StringLiteralType" -> {
                String expected = t.get("value").getAsString();
                if (value instanceof Str s && s.literal() != null && !s.literal().equals(expected)) {
                    problems.add(path + ": '" + s.literal() + "' where '" + expected + "' is expected");
                } else if (isLiteral(value) && !(value instanceof Str) && !isNull(value)) {
                    problems.add(path + ": " + what(value) + " where '" + expected + "' is expected");
                }
            }
            case "StringType" -> {
                if (isLiteral(value) && !(value instanceof Str) && !isNull(value)) {
                    problems.add(path + ": " + what(value) + " where a string is expected");
                }
            }
            case "IntegerType" -> {
                if (isLiteral(value) && !(value instanceof Lit l && (l.text().matches("\\d+") || l.text().equals("null")))) {
                    problems.add(path + ": " + what(value) + " where an int is expected");
                }
            }
            case "BooleanType" -> {
                if (isLiteral(value) && !(value instanceof Lit l && l.text().matches("true|false|null"))) {
                    problems.add(path + ": " + what(value) + " where a bool is expected");
                }
            }
            default -> {
            }
        }
    }

    private void union(Expr value, TypeRef type, JsonObject t, String path, boolean partial, Set<String> keywords) {
        if (!isLiteral(value)) {
            return;
        }
        List<String> best = null;
        for (JsonElement e : t.getAsJsonArray("elements")) {
            TypeWalker trial = new TypeWalker(types, resolve);
            trial.check(value, BicepTypes.ref(type.file(), e), path, partial, keywords);
            if (trial.problems.isEmpty()) {
                checkedPaths.addAll(trial.checkedPaths);
                return;
            }
            if (best == null || trial.problems.size() < best.size()) {
                best = trial.problems;
            }
        }
        if (value instanceof Str s && s.literal() != null) {
            problems.add(path + ": '" + s.literal() + "' is not one of " + types.describe(type));
        } else if (best != null) {
            problems.addAll(best);
        }
    }

    private void discriminated(Obj o, TypeRef type, JsonObject t, String path, boolean partial, Set<String> keywords) {
        String discriminator = t.get("discriminator").getAsString();
        Map<String, JsonObject> base = properties(type, t.getAsJsonObject("baseProperties"));
        JsonObject elements = t.getAsJsonObject("elements");
        Expr chosen = o.get(discriminator).orElse(null);
        if (chosen instanceof Str s && s.literal() != null) {
            JsonElement element = elements.get(s.literal());
            if (element == null) {
                problems.add(path + "." + discriminator + ": '" + s.literal() + "' is not one of " + new TreeSet<>(elements.keySet()));
                return;
            }
            TypeRef ref = BicepTypes.ref(type.file(), element);
            JsonObject et = types.entry(ref);
            Map<String, JsonObject> merged = new LinkedHashMap<>(base);
            merged.putAll(properties(ref, et.getAsJsonObject("properties")));
            object(o, merged, additional(ref, et), t.get("name").getAsString() + " (" + discriminator + " '" + s.literal() + "')",
                    path, partial, keywords);
            return;
        }
        if (chosen == null && !partial) {
            problems.add(path + ": missing " + discriminator + " (one of " + new TreeSet<>(elements.keySet()) + ")");
            return;
        }
        // not known here: the object must fit one of the kinds
        List<String> best = null;
        for (Map.Entry<String, JsonElement> e : elements.entrySet()) {
            TypeRef ref = BicepTypes.ref(type.file(), e.getValue());
            JsonObject et = types.entry(ref);
            Map<String, JsonObject> merged = new LinkedHashMap<>(base);
            merged.putAll(properties(ref, et.getAsJsonObject("properties")));
            TypeWalker trial = new TypeWalker(types, resolve);
            trial.object(o, merged, additional(ref, et), t.get("name").getAsString(), path, true, keywords);
            if (trial.problems.isEmpty()) {
                checkedPaths.addAll(trial.checkedPaths);
                return;
            }
            if (best == null || trial.problems.size() < best.size()) {
                best = trial.problems;
            }
        }
        if (best != null) {
            problems.addAll(best);
        }
    }

    /** A property of a type, with its flags, as read from the definition. */
    private record PropertyDef(TypeRef type, int flags) {
    }

    private void object(Obj o, Map<String, JsonObject> props, TypeRef additional, String typeName, String path,
                        boolean partial, Set<String> keywords) {
        for (Prop p : o.props()) {
            if (keywords.contains(p.key())) {
                continue;
            }
            JsonObject def = props.get(p.key());
            String at = path + "." + p.key();
            if (p.dynamicKey() != null) {
                // a key known only during the deployment: only a map (additional properties) can take it
                if (additional != null) {
                    check(p.value(), additional, at, false, Set.of());
                } else if (!props.isEmpty()) {
                    problems.add(at + " (line " + p.line() + "): " + typeName + " takes no computed property names");
                }
                continue;
            }
            if (def == null) {
                if (additional != null) {
                    checkedPaths.add(at);
                    check(p.value(), additional, at, false, Set.of());
                } else {
                    problems.add(at + " (line " + p.line() + "): " + typeName + " has no property '" + p.key() + "'"
                            + suggestion(p.key(), props.keySet()));
                }
                continue;
            }
            PropertyDef pd = new PropertyDef(BicepTypes.ref(def.get("__file").getAsString(), def.get("type")), def.get("flags").getAsInt());
            if ((pd.flags() & BicepTypes.READ_ONLY) != 0) {
                problems.add(at + " (line " + p.line() + "): '" + p.key() + "' is read-only in " + typeName);
                continue;
            }
            checkedPaths.add(at);
            check(p.value(), pd.type(), at, false, Set.of());
        }
        if (!partial) {
            for (Map.Entry<String, JsonObject> e : props.entrySet()) {
                int flags = e.getValue().get("flags").getAsInt();
                if ((flags & BicepTypes.REQUIRED) != 0 && (flags & BicepTypes.READ_ONLY) == 0 && o.get(e.getKey()).isEmpty()) {
                    problems.add(path + ": " + typeName + " requires '" + e.getKey() + "'");
                }
            }
        }
    }

    /** Property definitions keyed by name, each remembering its file so its $ref can be followed. */
    private static Map<String, JsonObject> properties(TypeRef owner, JsonObject props) {
        Map<String, JsonObject> out = new LinkedHashMap<>();
        if (props == null) {
            return out;
        }
        for (Map.Entry<String, JsonElement> e : props.entrySet()) {
            JsonObject copy = e.getValue().getAsJsonObject().deepCopy();
            copy.addProperty("__file", owner.file());
            out.put(e.getKey(), copy);
        }
        return out;
    }

    private static TypeRef additional(TypeRef owner, JsonObject t) {
        JsonElement a = t.get("additionalProperties");
        return a == null || a.isJsonNull() ? null : BicepTypes.ref(owner.file(), a);
    }

    private static String suggestion(String key, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = k.equalsIgnoreCase(key) ? 0 : distance(k.toLowerCase(Locale.ROOT), key.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] swap = prev;
            prev = cur;
            cur = swap;
        }
        return prev[b.length()];
    }

    private static boolean isLiteral(Expr e) {
        return e instanceof Obj || e instanceof Arr || (e instanceof Str s && s.literal() != null) || e instanceof Lit;
    }

    private static boolean isNull(Expr e) {
        return e instanceof Lit l && l.text().equals("null");
    }

    private static String what(Expr e) {
        if (e instanceof Obj) {
            return "an object";
        }
        if (e instanceof Arr) {
            return "an array";
        }
        if (e instanceof Str s) {
            return "the string '" + s.literal() + "'";
        }
        return ((Lit) e).text();
    }
}
