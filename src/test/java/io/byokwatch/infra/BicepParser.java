package io.byokwatch.infra;

import io.byokwatch.infra.BicepSyntax.Arr;
import io.byokwatch.infra.BicepSyntax.BicepFile;
import io.byokwatch.infra.BicepSyntax.Call;
import io.byokwatch.infra.BicepSyntax.Decl;
import io.byokwatch.infra.BicepSyntax.Decorator;
import io.byokwatch.infra.BicepSyntax.Expr;
import io.byokwatch.infra.BicepSyntax.ForExpr;
import io.byokwatch.infra.BicepSyntax.IfExpr;
import io.byokwatch.infra.BicepSyntax.Index;
import io.byokwatch.infra.BicepSyntax.Kind;
import io.byokwatch.infra.BicepSyntax.Lambda;
import io.byokwatch.infra.BicepSyntax.Lit;
import io.byokwatch.infra.BicepSyntax.Member;
import io.byokwatch.infra.BicepSyntax.Obj;
import io.byokwatch.infra.BicepSyntax.Op;
import io.byokwatch.infra.BicepSyntax.Prop;
import io.byokwatch.infra.BicepSyntax.Ref;
import io.byokwatch.infra.BicepSyntax.Str;
import io.byokwatch.infra.BicepSyntax.Ternary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * A reader for the part of the Bicep language byokwatch's templates use: declarations (param, var, output, resource,
 * module, import, targetScope, decorators) and expressions (literals, interpolated and multi-line strings, objects,
 * arrays, loops, conditions, calls, member and index access, safe and non-null access, lambdas, every operator).
 * Anything else is a {@link BicepParseException} naming the file and line, never a silent skip: a template this
 * reader cannot read fails the build instead of passing its checks unexamined.
 *
 * <p>Newlines separate object properties and array items, as in Bicep; inside parentheses they are ignored.
 */
final class BicepParser {

    static final class BicepParseException extends RuntimeException {
        BicepParseException(String message) {
            super(message);
        }
    }

    private enum T { IDENT, STRING, NUMBER, PUNCT, NEWLINE, EOF }

    /** A token; for strings, {@code parts} alternates literal text and raw interpolation source, starting with text. */
    private record Token(T type, String text, List<String> parts, int line, int holeLines) {
    }

    private static final Set<String> DECLARATION_WORDS = Set.of("param", "var", "output", "resource", "module",
            "targetScope", "import", "metadata", "type", "func");

    private final String path;
    private final List<Token> tokens;
    private int pos;
    /** True on top when newlines separate (object, array, top level); false inside parentheses. */
    private final Deque<Boolean> newlineSignificant = new ArrayDeque<>();

    private BicepParser(String path, String source, int firstLine) {
        this.path = path;
        this.tokens = lex(path, source, firstLine);
        this.newlineSignificant.push(true);
    }

    static BicepFile parse(Path file) {
        try {
            return parse(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BicepFile parse(String path, String source) {
        return new BicepParser(path, source, 1).file();
    }

    /** One expression on its own, for tests of the reader itself. */
    static Expr expression(String source) {
        BicepParser p = new BicepParser("<expr>", source, 1);
        Expr e = p.expr();
        p.skipNewlines();
        p.expect(T.EOF, null);
        return e;
    }

    // ---- declarations ----

    private BicepFile file() {
        List<Decl> decls = new ArrayList<>();
        String targetScope = "resourceGroup";
        List<Decorator> decorators = new ArrayList<>();
        while (true) {
            skipNewlines();
            Token t = peek();
            if (t.type() == T.EOF) {
                break;
            }
            if (is("@")) {
                decorators.add(decorator());
                continue;
            }
            if (t.type() != T.IDENT || !DECLARATION_WORDS.contains(t.text())) {
                throw error(t, "expected a declaration (param, var, resource, module, output...), found '" + t.text() + "'");
            }
            next();
            int line = t.line();
            switch (t.text()) {
                case "targetScope" -> {
                    expectPunct("=");
                    targetScope = stringLiteral(expr(), "targetScope");
                }
                case "param" -> {
                    String name = ident();
                    String type = typeText();
                    Expr def = null;
                    if (is("=")) {
                        next();
                        def = expr();
                    }
                    decls.add(new Decl(Kind.PARAM, name, null, false, type, def, List.copyOf(decorators), List.of(), line));
                }
                case "var" -> {
                    String name = ident();
                    expectPunct("=");
                    decls.add(new Decl(Kind.VAR, name, null, false, null, expr(), List.copyOf(decorators), List.of(), line));
                }
                case "output" -> {
                    String name = ident();
                    String type = typeText();
                    expectPunct("=");
                    decls.add(new Decl(Kind.OUTPUT, name, null, false, type, expr(), List.copyOf(decorators), List.of(), line));
                }
                case "resource", "module" -> {
                    String name = ident();
                    String target = stringLiteral(primary(), t.text() + " " + name);
                    boolean existing = false;
                    if (peek().type() == T.IDENT && peek().text().equals("existing")) {
                        next();
                        existing = true;
                    }
                    expectPunct("=");
                    Expr body = declarationBody();
                    decls.add(new Decl(t.text().equals("resource") ? Kind.RESOURCE : Kind.MODULE, name, target, existing,
                            null, body, List.copyOf(decorators), List.of(), line));
                }
                case "import" -> decls.add(importDecl(line, List.copyOf(decorators)));
                case "metadata" -> {
                    ident();
                    expectPunct("=");
                    expr();
                }
                default -> throw error(t, "'" + t.text() + "' declarations are not used by byokwatch's templates;"
                        + " teach BicepParser to read them before using one");
            }
            decorators.clear();
            Token end = peek();
            if (end.type() != T.NEWLINE && end.type() != T.EOF) {
                throw error(end, "expected the end of the line after the declaration, found '" + end.text() + "'");
            }
        }
        if (!decorators.isEmpty()) {
            throw new BicepParseException(path + ": decorators at the end of the file decorate nothing");
        }
        return new BicepFile(path, targetScope, List.copyOf(decls));
    }

    private Decl importDecl(int line, List<Decorator> decorators) {
        List<String> names = new ArrayList<>();
        if (is("{")) {
            next();
            newlineSignificant.push(false);
            while (!is("}")) {
                names.add(ident());
                if (is(",")) {
                    next();
                }
            }
            newlineSignificant.pop();
            next();
        } else if (is("*")) {
            next();
            expectWord("as");
            names.add("*" + ident());
        } else {
            throw error(peek(), "expected '{' or '*' after import");
        }
        expectWord("from");
        String from = stringLiteral(primary(), "import");
        return new Decl(Kind.IMPORT, null, from, false, null, null, decorators, List.copyOf(names), line);
    }

    /** A param or output type, as text: {@code string}, {@code string[]}, {@code 'a' | 'b'}, {@code resource '...'}. */
    private String typeText() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            Token t = peek();
            if (t.type() == T.NEWLINE || t.type() == T.EOF || (t.type() == T.PUNCT && t.text().equals("="))) {
                break;
            }
            if (t.type() == T.PUNCT && (t.text().equals("{") || t.text().equals("("))) {
                throw error(t, "inline object and function types are not read by BicepParser");
            }
            next();
            sb.append(sb.length() == 0 ? "" : " ").append(t.type() == T.STRING ? "'" + t.parts().get(0) + "'" : t.text());
        }
        if (sb.length() == 0) {
            throw error(peek(), "expected a type");
        }
        return sb.toString().replace(" [ ]", "[]");
    }

    private Decorator decorator() {
        expectPunct("@");
        String name = ident();
        if (is(".")) {
            next();
            name = ident();
        }
        List<Expr> args = is("(") ? args() : List.of();
        return new Decorator(name, args);
    }

    /** {@code {...}}, {@code if (c) {...}} or {@code [for ... : ...]}. */
    private Expr declarationBody() {
        Token t = peek();
        if (t.type() == T.IDENT && t.text().equals("if")) {
            return ifBody();
        }
        if (is("[")) {
            Expr e = primary();
            if (!(e instanceof ForExpr)) {
                throw error(t, "a resource or module list must be a [for ...] loop");
            }
            return e;
        }
        if (is("{")) {
            return primary();
        }
        throw error(t, "expected '{', 'if' or '[for' as a resource or module body");
    }

    private Expr ifBody() {
        Token t = next();
        expectPunct("(");
        newlineSignificant.push(false);
        Expr condition = expr();
        newlineSignificant.pop();
        expectPunct(")");
        Expr body = primary();
        if (!(body instanceof Obj)) {
            throw error(t, "expected an object after if (...)");
        }
        return new IfExpr(condition, body, t.line());
    }

    // ---- expressions ----

    private Expr expr() {
        Expr condition = coalesce();
        if (is("?")) {
            Token q = next();
            newlineSignificant.push(false);
            Expr whenTrue = expr();
            expectPunct(":");
            newlineSignificant.pop();
            Expr whenFalse = expr();
            return new Ternary(condition, whenTrue, whenFalse, q.line());
        }
        return condition;
    }

    private Expr coalesce() {
        return binary(0);
    }

    private static final List<Set<String>> LEVELS = List.of(
            Set.of("??"), Set.of("||"), Set.of("&&"), Set.of("==", "!=", "=~", "!~"), Set.of("<", ">", "<=", ">="),
            Set.of("+", "-"), Set.of("*", "/", "%"));

    private Expr binary(int level) {
        if (level == LEVELS.size()) {
            return unary();
        }
        Expr left = binary(level + 1);
        while (peek().type() == T.PUNCT && LEVELS.get(level).contains(peek().text())) {
            Token op = next();
            Expr right = binary(level + 1);
            left = new Op(op.text(), List.of(left, right), op.line());
        }
        return left;
    }

    private Expr unary() {
        if (is("!") || is("-")) {
            Token op = next();
            return new Op(op.text(), List.of(unary()), op.line());
        }
        return postfix(primary());
    }

    private Expr postfix(Expr e) {
        while (true) {
            Token t = peekRaw();
            if (t.type() != T.PUNCT) {
                return e;
            }
            switch (t.text()) {
                case "." -> {
                    next();
                    boolean safe = false;
                    if (is("?")) {
                        next();
                        safe = true;
                    }
                    String name = memberName();
                    e = is("(") ? new Call(e, name, args(), t.line()) : new Member(e, name, safe, t.line());
                }
                case ".?" -> {
                    next();
                    e = new Member(e, memberName(), true, t.line());
                }
                case "[" -> {
                    next();
                    newlineSignificant.push(false);
                    boolean safe = is("?");
                    if (safe) {
                        next();
                    }
                    Expr index = expr();
                    newlineSignificant.pop();
                    expectPunct("]");
                    e = new Index(e, index, t.line());
                }
                case "!" -> {
                    // non-null assertion: a!.b, a!
                    next();
                }
                default -> {
                    return e;
                }
            }
        }
    }

    private String memberName() {
        Token t = next();
        if (t.type() != T.IDENT) {
            throw error(t, "expected a property name after '.', found '" + t.text() + "'");
        }
        return t.text();
    }

    private Expr primary() {
        Token t = peek();
        switch (t.type()) {
            case STRING -> {
                next();
                return string(t);
            }
            case NUMBER -> {
                next();
                return new Lit(t.text(), t.line());
            }
            case IDENT -> {
                next();
                if (t.text().equals("true") || t.text().equals("false") || t.text().equals("null")) {
                    return new Lit(t.text(), t.line());
                }
                if (is("=>")) {
                    next();
                    return new Lambda(List.of(t.text()), expr(), t.line());
                }
                if (is("(")) {
                    return new Call(null, t.text(), args(), t.line());
                }
                return new Ref(t.text(), t.line());
            }
            case PUNCT -> {
                switch (t.text()) {
                    case "{" -> {
                        return object();
                    }
                    case "[" -> {
                        return array();
                    }
                    case "(" -> {
                        return parenthesisedOrLambda();
                    }
                    default -> throw error(t, "unexpected '" + t.text() + "'");
                }
            }
            default -> throw error(t, "unexpected " + (t.type() == T.EOF ? "end of file" : "end of line"));
        }
    }

    private Expr parenthesisedOrLambda() {
        int mark = pos;
        Token open = next();
        newlineSignificant.push(false);
        // (a, b) => ...
        List<String> params = new ArrayList<>();
        boolean lambda = true;
        while (!is(")")) {
            if (peek().type() != T.IDENT) {
                lambda = false;
                break;
            }
            params.add(next().text());
            if (is(",")) {
                next();
            } else if (!is(")")) {
                lambda = false;
                break;
            }
        }
        if (lambda) {
            next();
            newlineSignificant.pop();
            if (is("=>")) {
                next();
                return new Lambda(List.copyOf(params), expr(), open.line());
            }
            newlineSignificant.push(false);
        }
        pos = mark + 1;
        Expr inner = expr();
        newlineSignificant.pop();
        expectPunct(")");
        return inner;
    }

    private List<Expr> args() {
        expectPunct("(");
        newlineSignificant.push(false);
        List<Expr> args = new ArrayList<>();
        while (!is(")")) {
            args.add(expr());
            if (is(",")) {
                next();
            } else if (!is(")")) {
                throw error(peek(), "expected ',' or ')' in the argument list, found '" + peek().text() + "'");
            }
        }
        newlineSignificant.pop();
        next();
        return args;
    }

    private Obj object() {
        Token open = expectPunct("{");
        newlineSignificant.push(true);
        List<Prop> props = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (is("}")) {
                break;
            }
            if (is("@")) {
                throw error(peek(), "decorated object properties are not read by BicepParser");
            }
            Token key = next();
            String name;
            Expr dynamicKey = null;
            if (key.type() == T.IDENT) {
                name = key.text();
            } else if (key.type() == T.STRING && key.parts().size() == 1) {
                name = key.parts().get(0);
            } else if (key.type() == T.STRING) {
                name = key.text();
                dynamicKey = string(key);
            } else {
                throw error(key, "expected a property name, found '" + key.text() + "'");
            }
            expectPunct(":");
            Expr value = expr();
            props.add(new Prop(name, value, key.line(), dynamicKey));
            Token after = peekRaw();
            if (!(after.type() == T.NEWLINE || (after.type() == T.PUNCT && (after.text().equals(",") || after.text().equals("}"))))) {
                throw error(after, "expected a new line, ',' or '}' after property " + name + ", found '" + after.text() + "'");
            }
        }
        newlineSignificant.pop();
        next();
        return new Obj(List.copyOf(props), open.line());
    }

    private Expr array() {
        Token open = expectPunct("[");
        newlineSignificant.push(true);
        skipSeparators();
        if (peek().type() == T.IDENT && peek().text().equals("for")) {
            next();
            String item;
            String index = null;
            newlineSignificant.push(false);
            if (is("(")) {
                next();
                item = ident();
                expectPunct(",");
                index = ident();
                expectPunct(")");
            } else {
                item = ident();
            }
            expectWord("in");
            Expr source = expr();
            expectPunct(":");
            newlineSignificant.pop();
            Expr body = peek().type() == T.IDENT && peek().text().equals("if") ? ifBody() : expr();
            skipSeparators();
            newlineSignificant.pop();
            expectPunct("]");
            return new ForExpr(item, index, source, body, open.line());
        }
        List<Expr> items = new ArrayList<>();
        while (true) {
            skipSeparators();
            if (is("]")) {
                break;
            }
            items.add(expr());
            Token after = peekRaw();
            if (!(after.type() == T.NEWLINE || (after.type() == T.PUNCT && (after.text().equals(",") || after.text().equals("]"))))) {
                throw error(after, "expected a new line, ',' or ']' after an array item, found '" + after.text() + "'");
            }
        }
        newlineSignificant.pop();
        next();
        return new Arr(List.copyOf(items), open.line());
    }

    private Expr string(Token t) {
        List<String> parts = t.parts();
        if (parts.size() == 1) {
            return new Str(parts.get(0), List.of(), t.line());
        }
        List<Expr> holes = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        for (int i = 0; i < parts.size(); i += 2) {
            segments.add(parts.get(i));
        }
        for (int i = 1; i < parts.size(); i += 2) {
            BicepParser inner = new BicepParser(path, parts.get(i), t.line());
            inner.newlineSignificant.push(false);
            Expr hole = inner.expr();
            inner.skipNewlines();
            inner.expect(T.EOF, null);
            holes.add(hole);
        }
        return new Str(null, List.copyOf(holes), t.line(), List.copyOf(segments));
    }

    private String stringLiteral(Expr e, String where) {
        if (e instanceof Str s && s.literal() != null) {
            return s.literal();
        }
        throw new BicepParseException(path + ":" + e.line() + ": " + where + " needs a plain string literal");
    }

    // ---- token helpers ----

    private Token peekRaw() {
        return tokens.get(pos);
    }

    /** The next token, looking past newlines where they do not separate; consumes nothing. */
    private Token peek() {
        return tokens.get(ahead());
    }

    private int ahead() {
        int i = pos;
        if (!newlineSignificant.peek()) {
            while (tokens.get(i).type() == T.NEWLINE) {
                i++;
            }
        }
        return i;
    }

    private Token next() {
        pos = ahead();
        Token t = tokens.get(pos);
        if (t.type() != T.EOF) {
            pos++;
        }
        return t;
    }

    private boolean is(String punct) {
        Token t = peek();
        return t.type() == T.PUNCT && t.text().equals(punct);
    }

    private void skipNewlines() {
        while (tokens.get(pos).type() == T.NEWLINE) {
            pos++;
        }
    }

    private void skipSeparators() {
        while (tokens.get(pos).type() == T.NEWLINE || (tokens.get(pos).type() == T.PUNCT && tokens.get(pos).text().equals(","))) {
            pos++;
        }
    }

    private Token expectPunct(String punct) {
        Token t = next();
        if (t.type() != T.PUNCT || !t.text().equals(punct)) {
            throw error(t, "expected '" + punct + "', found '" + t.text() + "'");
        }
        return t;
    }

    private void expectWord(String word) {
        Token t = next();
        if (t.type() != T.IDENT || !t.text().equals(word)) {
            throw error(t, "expected '" + word + "', found '" + t.text() + "'");
        }
    }

    private void expect(T type, String text) {
        Token t = next();
        if (t.type() != type || (text != null && !text.equals(t.text()))) {
            throw error(t, "unexpected '" + t.text() + "'");
        }
    }

    private String ident() {
        Token t = next();
        if (t.type() != T.IDENT) {
            throw error(t, "expected a name, found '" + t.text() + "'");
        }
        return t.text();
    }

    private BicepParseException error(Token t, String message) {
        return new BicepParseException(path + ":" + t.line() + ": " + message);
    }

    // ---- lexer ----

    private static final List<String> PUNCTS = List.of("=>", "==", "!=", "=~", "!~", "<=", ">=", "&&", "||", "??", ".?",
            "{", "}", "[", "]", "(", ")", ",", ":", ".", "?", "!", "=", "<", ">", "+", "-", "*", "/", "%", "@");

    private static List<Token> lex(String path, String s, int firstLine) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int line = firstLine;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                out.add(new Token(T.NEWLINE, "end of line", null, line, 0));
                line++;
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r') {
                i++;
            } else if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    throw new BicepParseException(path + ":" + line + ": unterminated /* comment");
                }
                line += count(s.substring(i, end), '\n');
                i = end + 2;
            } else if (c == '#' && atLineStart(s, i)) {
                // #disable-next-line and other compiler directives
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("'''", i)) {
                int end = s.indexOf("'''", i + 3);
                if (end < 0) {
                    throw new BicepParseException(path + ":" + line + ": unterminated ''' string");
                }
                String text = s.substring(i + 3, end);
                if (text.startsWith("\r\n")) {
                    text = text.substring(2);
                } else if (text.startsWith("\n")) {
                    text = text.substring(1);
                }
                out.add(new Token(T.STRING, "'''" + text + "'''", List.of(text), line, 0));
                line += count(s.substring(i, end), '\n');
                i = end + 3;
            } else if (c == '\'') {
                int[] cursor = {i + 1};
                List<String> parts = string(path, s, cursor, line);
                out.add(new Token(T.STRING, s.substring(i, cursor[0]), parts, line, 0));
                line += count(s.substring(i, cursor[0]), '\n');
                i = cursor[0];
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(T.NUMBER, s.substring(start, i), null, line, 0));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(T.IDENT, s.substring(start, i), null, line, 0));
            } else {
                String punct = null;
                for (String p : PUNCTS) {
                    if (s.startsWith(p, i)) {
                        punct = p;
                        break;
                    }
                }
                if (punct == null) {
                    throw new BicepParseException(path + ":" + line + ": unexpected character '" + c + "'");
                }
                out.add(new Token(T.PUNCT, punct, null, line, 0));
                i += punct.length();
            }
        }
        out.add(new Token(T.EOF, "end of file", null, line, 0));
        return out;
    }

    /** Reads a '...' string from just after its quote; literal text and raw ${...} sources alternate in the result. */
    private static List<String> string(String path, String s, int[] cursor, int line) {
        List<String> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = cursor[0];
        while (true) {
            if (i >= s.length() || s.charAt(i) == '\n') {
                throw new BicepParseException(path + ":" + line + ": unterminated string");
            }
            char c = s.charAt(i);
            if (c == '\'') {
                i++;
                break;
            }
            if (c == '\\') {
                if (i + 1 >= s.length()) {
                    throw new BicepParseException(path + ":" + line + ": dangling escape in a string");
                }
                char e = s.charAt(i + 1);
                switch (e) {
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case '\\', '\'', '$' -> text.append(e);
                    case 'u' -> {
                        int close = s.indexOf('}', i);
                        text.appendCodePoint(Integer.parseInt(s.substring(i + 3, close), 16));
                        i = close - 1;
                    }
                    default -> throw new BicepParseException(path + ":" + line + ": unknown escape \\" + e);
                }
                i += 2;
                continue;
            }
            if (c == '$' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                parts.add(text.toString());
                text.setLength(0);
                int depth = 1;
                int j = i + 2;
                while (depth > 0) {
                    if (j >= s.length()) {
                        throw new BicepParseException(path + ":" + line + ": unterminated ${ in a string");
                    }
                    char d = s.charAt(j);
                    if (d == '\'') {
                        int[] inner = {j + 1};
                        string(path, s, inner, line);
                        j = inner[0];
                        continue;
                    }
                    if (d == '{') {
                        depth++;
                    } else if (d == '}') {
                        depth--;
                    }
                    j++;
                }
                parts.add(s.substring(i + 2, j - 1));
                i = j;
                continue;
            }
            text.append(c);
            i++;
        }
        parts.add(text.toString());
        cursor[0] = i;
        return parts;
    }

    private static boolean atLineStart(String s, int i) {
        for (int j = i - 1; j >= 0; j--) {
            char c = s.charAt(j);
            if (c == '\n') {
                return true;
            }
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private static int count(String s, char c) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}
