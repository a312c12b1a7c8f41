package io.byokwatch.adapter.arm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Evaluates the small part of KQL byokwatch sends, over JSON rows, with Kusto's semantics: {@code =~},
 * {@code startswith}, {@code contains} and {@code in~} ignore case, {@code tolower} takes only strings (so dynamic
 * values must pass through {@code tostring}), {@code tostring} of an object or array is its JSON text. Anything
 * outside that subset is rejected, so the fake cannot quietly accept a query Resource Graph would treat differently.
 */
final class MiniKql {
    private final List<String> tokens;
    private int pos;

    private MiniKql(String query) {
        this.tokens = tokenize(query);
    }

    static List<JsonObject> run(String query, Map<String, List<JsonObject>> tables) {
        MiniKql q = new MiniKql(query);
        String table = q.next().toLowerCase(Locale.ROOT);
        if (!tables.containsKey(table)) {
            throw new IllegalArgumentException("unknown table " + table);
        }
        List<Predicate<JsonObject>> filters = new ArrayList<>();
        while (q.pos < q.tokens.size()) {
            q.expect("|");
            q.expect("where");
            Expr e = q.or();
            filters.add(row -> Boolean.TRUE.equals(e.eval(row)));
        }
        return tables.get(table).stream().filter(row -> filters.stream().allMatch(f -> f.test(row))).toList();
    }

    private interface Expr {
        Object eval(JsonObject row);
    }

    private Expr or() {
        Expr left = and();
        while (peekIs("or")) {
            next();
            Expr l = left;
            Expr r = and();
            left = row -> Boolean.TRUE.equals(l.eval(row)) || Boolean.TRUE.equals(r.eval(row));
        }
        return left;
    }

    private Expr and() {
        Expr left = comparison();
        while (peekIs("and")) {
            next();
            Expr l = left;
            Expr r = comparison();
            left = row -> Boolean.TRUE.equals(l.eval(row)) && Boolean.TRUE.equals(r.eval(row));
        }
        return left;
    }

    private Expr comparison() {
        Expr left = primary();
        if (pos >= tokens.size()) {
            return left;
        }
        String op = tokens.get(pos);
        switch (op) {
            case "=~", "==", "startswith", "contains" -> {
                next();
                Expr right = primary();
                return row -> compare(op, scalar(left.eval(row)), scalar(right.eval(row)));
            }
            case "in~" -> {
                next();
                expect("(");
                List<Expr> items = new ArrayList<>();
                items.add(primary());
                while (peekIs(",")) {
                    next();
                    items.add(primary());
                }
                expect(")");
                return row -> {
                    String v = scalar(left.eval(row));
                    return items.stream().anyMatch(i -> scalar(i.eval(row)).equalsIgnoreCase(v));
                };
            }
            default -> {
                return left;
            }
        }
    }

    private Expr primary() {
        String t = next();
        if (t.startsWith("'")) {
            String literal = t.substring(1);
            return row -> literal;
        }
        if (t.equals("(")) {
            Expr inner = or();
            expect(")");
            return inner;
        }
        if (peekIs("(")) {
            next();
            Expr arg = or();
            expect(")");
            return switch (t) {
                case "tostring" -> row -> asString(arg.eval(row));
                case "tolower" -> row -> {
                    Object v = arg.eval(row);
                    if (!(v instanceof String s)) {
                        throw new IllegalArgumentException("tolower() expects a string, got a dynamic value");
                    }
                    return s.toLowerCase(Locale.ROOT);
                };
                default -> throw new IllegalArgumentException("unsupported function " + t);
            };
        }
        List<String> path = new ArrayList<>(List.of(t));
        while (peekIs(".")) {
            next();
            path.add(next());
        }
        return row -> {
            JsonElement current = row.get(path.get(0));
            for (int i = 1; i < path.size() && current != null; i++) {
                current = current.isJsonObject() ? current.getAsJsonObject().get(path.get(i)) : null;
            }
            return current;
        };
    }

    private static boolean compare(String op, String left, String right) {
        String l = left.toLowerCase(Locale.ROOT);
        String r = right.toLowerCase(Locale.ROOT);
        return switch (op) {
            case "=~" -> l.equals(r);
            case "==" -> left.equals(right);
            case "startswith" -> l.startsWith(r);
            case "contains" -> l.contains(r);
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** A column compared directly must be a scalar; comparing a dynamic object would fail in Kusto too. */
    private static String scalar(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v == null || v instanceof JsonElement e && e.isJsonNull()) {
            return "";
        }
        JsonElement e = (JsonElement) v;
        if (!e.isJsonPrimitive()) {
            throw new IllegalArgumentException("cannot compare a dynamic object or array without tostring()");
        }
        return e.getAsString();
    }

    private static String asString(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v == null || ((JsonElement) v).isJsonNull()) {
            return "";
        }
        JsonElement e = (JsonElement) v;
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    private boolean peekIs(String token) {
        return pos < tokens.size() && tokens.get(pos).equalsIgnoreCase(token);
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("query ends too early");
        }
        return tokens.get(pos++);
    }

    private void expect(String token) {
        String t = next();
        if (!t.equalsIgnoreCase(token)) {
            throw new IllegalArgumentException("expected '" + token + "' but found '" + t + "'");
        }
    }

    /** Tokens; a string literal becomes one token starting with a quote and holding its unescaped text. */
    private static List<String> tokenize(String q) {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < q.length()) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'') {
                StringBuilder sb = new StringBuilder("'");
                i++;
                while (true) {
                    if (i >= q.length()) {
                        throw new IllegalArgumentException("unterminated string literal");
                    }
                    char s = q.charAt(i);
                    if (s == '\\') {
                        sb.append(q.charAt(i + 1));
                        i += 2;
                    } else if (s == '\'') {
                        i++;
                        break;
                    } else {
                        sb.append(s);
                        i++;
                    }
                }
                out.add(sb.toString());
            } else if (q.startsWith("=~", i) || q.startsWith("==", i)) {
                out.add(q.substring(i, i + 2));
                i += 2;
            } else if ("|(),.".indexOf(c) >= 0) {
                out.add(String.valueOf(c));
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < q.length() && (Character.isLetterOrDigit(q.charAt(i)) || q.charAt(i) == '_')) {
                    i++;
                }
                String word = q.substring(start, i);
                if (word.equals("in") && i < q.length() && q.charAt(i) == '~') {
                    word = "in~";
                    i++;
                }
                out.add(word);
            } else {
                throw new IllegalArgumentException("unsupported character '" + c + "' at " + i);
            }
        }
        return out;
    }
}
