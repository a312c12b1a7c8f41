package io.byokwatch.adapter.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * The ARM template expression language, parsed: {@code [concat(parameters('prefix'), '-des')]},
 * {@code [reference(resourceId('Microsoft.Compute/diskEncryptionSets', 'des'), '2023-04-02', 'Full').identity.principalId]}.
 * A string is an expression when it starts with {@code [} and ends with {@code ]}; {@code [[} escapes a literal bracket.
 */
sealed interface TemplateExpression {

    record Literal(Object value) implements TemplateExpression {
    }

    /** A function call, {@code name} possibly qualified by a user-defined namespace ({@code ns.fn}). */
    record Call(String name, List<TemplateExpression> args) implements TemplateExpression {
    }

    /** {@code .property} on a value. */
    record Property(TemplateExpression target, String name) implements TemplateExpression {
    }

    /** {@code [index]} on a value. */
    record Index(TemplateExpression target, TemplateExpression index) implements TemplateExpression {
    }

    /** True when the JSON string is an expression rather than a literal. */
    static boolean isExpression(String s) {
        return s.length() >= 2 && s.startsWith("[") && s.endsWith("]") && !s.startsWith("[[");
    }

    /** A JSON string as written: an expression, or a literal (with a {@code [[} escape undone). */
    static TemplateExpression ofString(String s) {
        if (isExpression(s)) {
            return parse(s.substring(1, s.length() - 1));
        }
        return new Literal(s.startsWith("[[") ? s.substring(1) : s);
    }

    static TemplateExpression parse(String text) {
        Parser p = new Parser(text);
        TemplateExpression e = p.expression();
        p.skipSpace();
        if (p.pos < text.length()) {
            throw p.error("unexpected '" + text.charAt(p.pos) + "'");
        }
        return e;
    }

    /** Thrown for text that is not an expression; the message quotes it and says where. */
    final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message);
        }
    }

    final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        TemplateExpression expression() {
            skipSpace();
            TemplateExpression e = primary();
            while (true) {
                skipSpace();
                if (peek('.')) {
                    pos++;
                    e = new Property(e, identifier());
                } else if (peek('[')) {
                    pos++;
                    TemplateExpression index = expression();
                    skipSpace();
                    expect(']');
                    e = new Index(e, index);
                } else {
                    return e;
                }
            }
        }

        private TemplateExpression primary() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("an expression ends too early");
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                return new Literal(string());
            }
            if (c == '-' || Character.isDigit(c)) {
                int start = pos++;
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                    pos++;
                }
                return new Literal(Long.parseLong(text.substring(start, pos)));
            }
            String name = identifier();
            while (peek('.') && pos + 1 < text.length() && Character.isLetter(text.charAt(pos + 1))
                    && text.indexOf('(', pos) > 0 && nextIsCall()) {
                pos++;
                name = name + "." + identifier();
            }
            skipSpace();
            if (!peek('(')) {
                if (name.equalsIgnoreCase("true") || name.equalsIgnoreCase("false")) {
                    return new Literal(Boolean.parseBoolean(name));
                }
                if (name.equalsIgnoreCase("null")) {
                    return new Literal(null);
                }
                throw error("'" + name + "' is not a function call");
            }
            pos++;
            List<TemplateExpression> args = new ArrayList<>();
            skipSpace();
            if (peek(')')) {
                pos++;
                return new Call(name, args);
            }
            while (true) {
                args.add(expression());
                skipSpace();
                if (peek(',')) {
                    pos++;
                } else {
                    expect(')');
                    return new Call(name, args);
                }
            }
        }

        /** {@code ns.fn(}: a namespaced user function, as opposed to {@code fn().prop}. */
        private boolean nextIsCall() {
            int i = pos + 1;
            while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            return i < text.length() && text.charAt(i) == '(';
        }

        private String identifier() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                    || text.charAt(pos) == '$')) {
                pos++;
            }
            if (start == pos) {
                throw error(pos < text.length() ? "unexpected '" + text.charAt(pos) + "'" : "a name is missing at the end");
            }
            return text.substring(start, pos);
        }

        private String string() {
            StringBuilder sb = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\'') {
                    if (peek('\'')) {
                        sb.append('\'');
                        pos++;
                        continue;
                    }
                    return sb.toString();
                }
                sb.append(c);
            }
            throw error("a string is not closed");
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private boolean peek(char c) {
            return pos < text.length() && text.charAt(pos) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        SyntaxError error(String what) {
            return new SyntaxError("[" + text + "]: " + what + " at character " + (pos + 1));
        }
    }
}
