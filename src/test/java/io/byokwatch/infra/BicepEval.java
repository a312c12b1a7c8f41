package io.byokwatch.infra;

import io.byokwatch.infra.BicepSyntax.Arr;
import io.byokwatch.infra.BicepSyntax.BicepFile;
import io.byokwatch.infra.BicepSyntax.Call;
import io.byokwatch.infra.BicepSyntax.Decl;
import io.byokwatch.infra.BicepSyntax.Expr;
import io.byokwatch.infra.BicepSyntax.Index;
import io.byokwatch.infra.BicepSyntax.Kind;
import io.byokwatch.infra.BicepSyntax.Lambda;
import io.byokwatch.infra.BicepSyntax.Lit;
import io.byokwatch.infra.BicepSyntax.Obj;
import io.byokwatch.infra.BicepSyntax.Op;
import io.byokwatch.infra.BicepSyntax.Ref;
import io.byokwatch.infra.BicepSyntax.Str;
import io.byokwatch.infra.BicepSyntax.Ternary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Evaluates the compile-time part of a template (parameters, variables and the pure functions they use) for given
 * parameter values, so a test can ask what a loop iterates over or what a guard passes, as ARM would compute it.
 * A function it does not know is an error, never a guess.
 */
final class BicepEval {
    private final BicepFile file;
    private final Map<String, Object> values = new HashMap<>();

    BicepEval(BicepFile file, Map<String, Object> params) {
        this.file = file;
        values.putAll(params);
        for (String given : params.keySet()) {
            if (file.find(Kind.PARAM, given).isEmpty()) {
                throw new IllegalArgumentException(file.path() + " has no parameter " + given);
            }
        }
    }

    Object eval(Expr e) {
        return eval(e, Map.of());
    }

    Object variable(String name) {
        return eval(new Ref(name, 0), Map.of());
    }

    /** The value with loop or lambda variables bound, as for one iteration of a loop. */
    @SuppressWarnings("unchecked")
    Object eval(Expr e, Map<String, Object> scope) {
        if (e instanceof Str s) {
            if (s.literal() != null) {
                return s.literal();
            }
            StringBuilder sb = new StringBuilder(s.segments().get(0));
            for (int i = 0; i < s.holes().size(); i++) {
                sb.append(eval(s.holes().get(i), scope)).append(s.segments().get(i + 1));
            }
            return sb.toString();
        }
        if (e instanceof Lit l) {
            return switch (l.text()) {
                case "true" -> true;
                case "false" -> false;
                case "null" -> null;
                default -> Long.parseLong(l.text());
            };
        }
        if (e instanceof Arr a) {
            List<Object> out = new ArrayList<>();
            a.items().forEach(i -> out.add(eval(i, scope)));
            return out;
        }
        if (e instanceof Obj o) {
            Map<String, Object> out = new LinkedHashMap<>();
            o.props().forEach(p -> out.put(p.key(), eval(p.value(), scope)));
            return out;
        }
        if (e instanceof Ref r) {
            if (scope.containsKey(r.name())) {
                return scope.get(r.name());
            }
            if (values.containsKey(r.name())) {
                return values.get(r.name());
            }
            Decl v = file.find(Kind.VAR, r.name()).or(() -> file.find(Kind.PARAM, r.name()).filter(p -> p.value() != null))
                    .orElseThrow(() -> new IllegalArgumentException("no value for " + r.name()));
            Object value = eval(v.value(), Map.of());
            values.put(r.name(), value);
            return value;
        }
        if (e instanceof Index i) {
            Object target = eval(i.target(), scope);
            Object index = eval(i.index(), scope);
            if (target instanceof List<?> list) {
                return list.get(((Long) index).intValue());
            }
            return objectGet((Map<String, Object>) target, (String) index);
        }
        if (e instanceof Ternary t) {
            return (Boolean) eval(t.condition(), scope) ? eval(t.whenTrue(), scope) : eval(t.whenFalse(), scope);
        }
        if (e instanceof Op op) {
            if (op.operands().size() == 1) {
                Object v = eval(op.operands().get(0), scope);
                return op.op().equals("!") ? !(Boolean) v : -(Long) v;
            }
            Object a = eval(op.operands().get(0), scope);
            return switch (op.op()) {
                case "&&" -> (Boolean) a && (Boolean) eval(op.operands().get(1), scope);
                case "||" -> (Boolean) a || (Boolean) eval(op.operands().get(1), scope);
                case "==" -> java.util.Objects.equals(a, eval(op.operands().get(1), scope));
                case "!=" -> !java.util.Objects.equals(a, eval(op.operands().get(1), scope));
                case "=~" -> ((String) a).equalsIgnoreCase((String) eval(op.operands().get(1), scope));
                default -> throw new UnsupportedOperationException("operator " + op.op());
            };
        }
        if (e instanceof Call c && c.target() == null) {
            return call(c, scope);
        }
        throw new UnsupportedOperationException("cannot evaluate " + e.getClass().getSimpleName() + " at line " + e.line());
    }

    @SuppressWarnings("unchecked")
    private Object call(Call c, Map<String, Object> scope) {
        List<Expr> args = c.args();
        switch (c.name()) {
            case "toLower" -> {
                return ((String) eval(args.get(0), scope)).toLowerCase(Locale.ROOT);
            }
            case "split" -> {
                return new ArrayList<Object>(List.of(((String) eval(args.get(0), scope)).split(java.util.regex.Pattern.quote(
                        (String) eval(args.get(1), scope)), -1)));
            }
            case "last" -> {
                List<Object> list = (List<Object>) eval(args.get(0), scope);
                return list.get(list.size() - 1);
            }
            case "empty" -> {
                Object v = eval(args.get(0), scope);
                return v == null || (v instanceof String s && s.isEmpty()) || (v instanceof List<?> l && l.isEmpty())
                        || (v instanceof Map<?, ?> m && m.isEmpty());
            }
            case "contains" -> {
                Object container = eval(args.get(0), scope);
                Object item = eval(args.get(1), scope);
                if (container instanceof Map<?, ?> m) {
                    return m.keySet().stream().anyMatch(k -> ((String) k).equalsIgnoreCase((String) item));
                }
                if (container instanceof String s) {
                    return s.contains((String) item);
                }
                return ((List<Object>) container).contains(item);
            }
            case "union" -> {
                Object first = eval(args.get(0), scope);
                if (first instanceof List<?>) {
                    LinkedHashSet<Object> out = new LinkedHashSet<>();
                    args.forEach(a -> out.addAll((List<Object>) eval(a, scope)));
                    return new ArrayList<>(out);
                }
                Map<String, Object> out = new LinkedHashMap<>();
                args.forEach(a -> out.putAll((Map<String, Object>) eval(a, scope)));
                return out;
            }
            case "concat" -> {
                List<Object> out = new ArrayList<>();
                args.forEach(a -> out.addAll((List<Object>) eval(a, scope)));
                return out;
            }
            case "map", "filter" -> {
                List<Object> list = (List<Object>) eval(args.get(0), scope);
                Lambda l = (Lambda) args.get(1);
                List<Object> out = new ArrayList<>();
                for (Object item : list) {
                    Map<String, Object> inner = new HashMap<>(scope);
                    inner.put(l.params().get(0), item);
                    Object r = eval(l.body(), inner);
                    if (c.name().equals("map")) {
                        out.add(r);
                    } else if ((Boolean) r) {
                        out.add(item);
                    }
                }
                return out;
            }
            case "length" -> {
                Object v = eval(args.get(0), scope);
                return (long) (v instanceof List<?> l ? l.size() : v instanceof Map<?, ?> m ? m.size() : ((String) v).length());
            }
            default -> throw new UnsupportedOperationException(c.name() + "() is not evaluated (line " + c.line() + ")");
        }
    }

    /** ARM property names are case-insensitive. */
    private static Object objectGet(Map<String, Object> map, String key) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        throw new IllegalArgumentException("no property " + key);
    }
}
