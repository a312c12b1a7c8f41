package io.byokwatch.adapter.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * One entry of an expression's {@code references} in a plan's configuration, split into what it names and the
 * attribute path after it. Terraform lists a traversal once per step ({@code a.b.identity[0].principal_id},
 * {@code a.b.identity[0]}, ..., {@code a.b}); the longest entry for a subject says the most.
 *
 * @param kind    what the reference names
 * @param subject the named object without the path: {@code azurerm_x.y[0]}, {@code data.azurerm_x.y},
 *                {@code var.v}, {@code local.l}, {@code module.m["k"].output}
 * @param address for resources, the address relative to the module ({@code key} null when the reference has none)
 * @param name    for variables, locals and module outputs, the variable, local or output name
 * @param module  for module outputs, the call step ({@code key} null when the reference has none)
 * @param path    the attribute path after the subject: names, and list indexes as {@link Integer} or map keys as text
 */
record TfReference(Kind kind, String subject, TfAddress address, String name, TfAddress.Step module, List<Object> path) {

    enum Kind { RESOURCE, VARIABLE, LOCAL, MODULE_OUTPUT, COUNT_INDEX, EACH_KEY, EACH_VALUE, OTHER }

    TfReference {
        path = List.copyOf(path);
    }

    static TfReference parse(String text) {
        List<String> parts = TfAddress.split(text);
        String head = parts.get(0);
        switch (head) {
            case "count" -> {
                return new TfReference(Kind.COUNT_INDEX, text, null, null, null, List.of());
            }
            case "each" -> {
                boolean key = parts.size() > 1 && parts.get(1).equals("key");
                return new TfReference(key ? Kind.EACH_KEY : Kind.EACH_VALUE, text, null, null, null,
                        steps(parts, 2));
            }
            case "var", "local" -> {
                if (parts.size() < 2) {
                    return other(text);
                }
                Name n = name(parts.get(1));
                List<Object> path = new ArrayList<>(n.indexes);
                path.addAll(steps(parts, 2));
                return new TfReference(head.equals("var") ? Kind.VARIABLE : Kind.LOCAL, head + "." + n.name, null,
                        n.name, null, path);
            }
            case "module" -> {
                if (parts.size() < 3) {
                    return other(text);
                }
                Name call = name(parts.get(1));
                String key = call.rawKey;
                Name output = name(parts.get(2));
                List<Object> path = new ArrayList<>(output.indexes);
                path.addAll(steps(parts, 3));
                TfAddress.Step step = new TfAddress.Step(call.name, key);
                return new TfReference(Kind.MODULE_OUTPUT, step + "." + output.name, null, output.name, step, path);
            }
            case "path", "terraform", "self" -> {
                return other(text);
            }
            default -> {
                boolean data = head.equals("data");
                int at = data ? 1 : 0;
                if (parts.size() < at + 2) {
                    return other(text);
                }
                Name resource = name(parts.get(at + 1));
                TfAddress address = new TfAddress(List.of(), data, parts.get(at), resource.name, resource.rawKey);
                return new TfReference(Kind.RESOURCE, address.toString(), address, null, null, steps(parts, at + 2));
            }
        }
    }

    private static TfReference other(String text) {
        return new TfReference(Kind.OTHER, text, null, null, null, List.of());
    }

    /** The attribute path as Terraform prints it: {@code identity[0].principal_id}. */
    static String pathText(List<Object> path) {
        StringBuilder sb = new StringBuilder();
        for (Object step : path) {
            if (step instanceof Integer i) {
                sb.append('[').append(i).append(']');
            } else if (step instanceof Key k) {
                sb.append('[').append(TfAddress.quote(k.value())).append(']');
            } else {
                sb.append(sb.length() == 0 ? "" : ".").append(step);
            }
        }
        return sb.toString();
    }

    /** A map key in a path, told apart from an attribute name. */
    record Key(String value) {
    }

    private record Name(String name, String rawKey, List<Object> indexes) {
    }

    /** {@code name[0]["k"]}: the name, the first bracket as written (an instance key), every bracket as a step. */
    private static Name name(String part) {
        int bracket = part.indexOf('[');
        if (bracket < 0) {
            return new Name(part, null, List.of());
        }
        List<Object> indexes = new ArrayList<>();
        String firstRaw = null;
        int i = bracket;
        while (i < part.length() && part.charAt(i) == '[') {
            int end = closing(part, i);
            String raw = part.substring(i + 1, end);
            if (firstRaw == null) {
                firstRaw = raw;
            }
            indexes.add(index(raw));
            i = end + 1;
        }
        return new Name(part.substring(0, bracket), firstRaw, indexes);
    }

    private static List<Object> steps(List<String> parts, int from) {
        List<Object> steps = new ArrayList<>();
        for (int i = from; i < parts.size(); i++) {
            Name n = name(parts.get(i));
            steps.add(n.name);
            steps.addAll(n.indexes);
        }
        return steps;
    }

    private static Object index(String raw) {
        if (raw.startsWith("\"") && raw.endsWith("\"") && raw.length() >= 2) {
            return new Key(raw.substring(1, raw.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\"));
        }
        try {
            return Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            return new Key(raw);
        }
    }

    private static int closing(String s, int open) {
        boolean quoted = false;
        for (int i = open + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ']') {
                return i;
            }
        }
        return s.length() - 1;
    }
}
