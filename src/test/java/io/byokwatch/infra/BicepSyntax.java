package io.byokwatch.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link BicepParser} reads out of a Bicep file: its declarations and, for each value, an expression tree just
 * detailed enough to type-check object literals and to tell which symbols an expression depends on.
 */
final class BicepSyntax {
    private BicepSyntax() {
    }

    /** An expression; {@code line} is where it starts in its file (1-based). */
    sealed interface Expr permits Obj, Arr, Str, Lit, Ref, Call, Member, Index, Ternary, Op, Lambda, ForExpr, IfExpr {
        int line();
    }

    /** A property; {@code dynamicKey} is the key's expression when it is interpolated (then {@code key} is its source). */
    record Prop(String key, Expr value, int line, Expr dynamicKey) {
        Prop(String key, Expr value, int line) {
            this(key, value, line, null);
        }
    }

    record Obj(List<Prop> props, int line) implements Expr {
        Optional<Expr> get(String key) {
            return props.stream().filter(p -> p.key().equals(key)).map(Prop::value).findFirst();
        }
    }

    record Arr(List<Expr> items, int line) implements Expr {
    }

    /**
     * A string; {@code literal} is null when it has interpolations ({@code holes}), and then {@code segments} holds the
     * literal text around them (one more segment than holes).
     */
    record Str(String literal, List<Expr> holes, int line, List<String> segments) implements Expr {
        Str(String literal, List<Expr> holes, int line) {
            this(literal, holes, line, literal == null ? List.of() : List.of(literal));
        }
    }

    /** A number, {@code true}, {@code false} or {@code null}. */
    record Lit(String text, int line) implements Expr {
    }

    record Ref(String name, int line) implements Expr {
    }

    /** A function call; {@code target} is null for a plain name, else what it is called on ({@code az.} , a symbol). */
    record Call(Expr target, String name, List<Expr> args, int line) implements Expr {
    }

    /** {@code target.name}; {@code safe} for {@code .?}. A postfix {@code !} is dropped: it changes no value. */
    record Member(Expr target, String name, boolean safe, int line) implements Expr {
    }

    record Index(Expr target, Expr index, int line) implements Expr {
    }

    record Ternary(Expr condition, Expr whenTrue, Expr whenFalse, int line) implements Expr {
    }

    /** A unary or binary operator. */
    record Op(String op, List<Expr> operands, int line) implements Expr {
    }

    record Lambda(List<String> params, Expr body, int line) implements Expr {
    }

    /** {@code [for item in source: body]} or {@code [for (item, index) in source: body]}. */
    record ForExpr(String item, String index, Expr source, Expr body, int line) implements Expr {
    }

    /** {@code if (condition) body}, only as a resource or module body. */
    record IfExpr(Expr condition, Expr body, int line) implements Expr {
    }

    record Decorator(String name, List<Expr> args) {
    }

    enum Kind { PARAM, VAR, OUTPUT, RESOURCE, MODULE, IMPORT }

    /**
     * One top-level declaration. {@code target} is the resource's {@code type@apiVersion}, the module's path or the
     * import's source; {@code typeText} the declared type of a param or output; {@code value} the default, value or
     * body (for resources and modules possibly wrapped in {@link IfExpr} or {@link ForExpr}).
     */
    record Decl(Kind kind, String name, String target, boolean existing, String typeText, Expr value,
                List<Decorator> decorators, List<String> imported, int line) {
        boolean hasDecorator(String decorator) {
            return decorators.stream().anyMatch(d -> d.name().equals(decorator));
        }

        Optional<Decorator> decorator(String decorator) {
            return decorators.stream().filter(d -> d.name().equals(decorator)).findFirst();
        }

        /** The object literal of a resource or module, under any condition or loop. */
        Obj body() {
            Expr e = value;
            while (true) {
                if (e instanceof ForExpr f) {
                    e = f.body();
                } else if (e instanceof IfExpr i) {
                    e = i.body();
                } else if (e instanceof Obj o) {
                    return o;
                } else {
                    throw new IllegalStateException(name + " (line " + line + ") has no object body");
                }
            }
        }

        boolean conditional() {
            Expr e = value instanceof ForExpr f ? f.body() : value;
            return e instanceof IfExpr;
        }

        Expr condition() {
            Expr e = value instanceof ForExpr f ? f.body() : value;
            return e instanceof IfExpr i ? i.condition() : null;
        }

        ForExpr loop() {
            return value instanceof ForExpr f ? f : null;
        }
    }

    record BicepFile(String path, String targetScope, List<Decl> decls) {
        List<Decl> all(Kind kind) {
            return decls.stream().filter(d -> d.kind() == kind).toList();
        }

        Optional<Decl> find(Kind kind, String name) {
            return decls.stream().filter(d -> d.kind() == kind && d.name().equals(name)).findFirst();
        }

        Map<String, Decl> symbols() {
            Map<String, Decl> out = new LinkedHashMap<>();
            decls.stream().filter(d -> d.kind() != Kind.OUTPUT && d.kind() != Kind.IMPORT).forEach(d -> out.put(d.name(), d));
            return out;
        }
    }

    /** Every symbol name an expression mentions (references, call targets), lambda and loop variables excluded. */
    static Set<String> references(Expr e) {
        Set<String> out = new java.util.LinkedHashSet<>();
        collect(e, out, Set.of());
        return out;
    }

    private static void collect(Expr e, Set<String> out, Set<String> bound) {
        if (e instanceof Ref r) {
            if (!bound.contains(r.name())) {
                out.add(r.name());
            }
        } else if (e instanceof Lambda l) {
            Set<String> inner = new java.util.HashSet<>(bound);
            inner.addAll(l.params());
            collect(l.body(), out, inner);
        } else if (e instanceof ForExpr f) {
            collect(f.source(), out, bound);
            Set<String> inner = new java.util.HashSet<>(bound);
            inner.add(f.item());
            if (f.index() != null) {
                inner.add(f.index());
            }
            collect(f.body(), out, inner);
        } else if (e != null) {
            children(e).forEach(c -> collect(c, out, bound));
        }
    }

    /** Every {@code symbol.member...} chain in an expression, as "symbol.member" pairs (first member only). */
    static List<String[]> memberAccesses(Expr e) {
        List<String[]> out = new ArrayList<>();
        walk(e, x -> {
            if (x instanceof Member m) {
                Expr t = m.target();
                if (t instanceof Ref r) {
                    out.add(new String[] {r.name(), m.name()});
                }
            }
        });
        return out;
    }

    static void walk(Expr e, java.util.function.Consumer<Expr> visit) {
        if (e == null) {
            return;
        }
        visit.accept(e);
        children(e).forEach(c -> walk(c, visit));
    }

    /** The direct sub-expressions, in source order. */
    static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Obj o) {
            o.props().forEach(p -> {
                if (p.dynamicKey() != null) {
                    out.add(p.dynamicKey());
                }
                out.add(p.value());
            });
        } else if (e instanceof Arr a) {
            out.addAll(a.items());
        } else if (e instanceof Str s) {
            out.addAll(s.holes());
        } else if (e instanceof Call c) {
            if (c.target() != null) {
                out.add(c.target());
            }
            out.addAll(c.args());
        } else if (e instanceof Member m) {
            out.add(m.target());
        } else if (e instanceof Index i) {
            out.add(i.target());
            out.add(i.index());
        } else if (e instanceof Ternary t) {
            out.add(t.condition());
            out.add(t.whenTrue());
            out.add(t.whenFalse());
        } else if (e instanceof Op op) {
            out.addAll(op.operands());
        } else if (e instanceof Lambda l) {
            out.add(l.body());
        } else if (e instanceof ForExpr f) {
            out.add(f.source());
            out.add(f.body());
        } else if (e instanceof IfExpr i) {
            out.add(i.condition());
            out.add(i.body());
        }
        return out;
    }
}
