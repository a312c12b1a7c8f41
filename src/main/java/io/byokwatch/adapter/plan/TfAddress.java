package io.byokwatch.adapter.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * A Terraform resource instance address: {@code module.net["a"].module.aks[0].azurerm_kubernetes_cluster.this[1]}
 * or {@code data.azurerm_key_vault.shared}. Instance keys are kept in Terraform's own spelling ({@code 0},
 * {@code "a"}), so two addresses compare equal exactly when Terraform would print them the same.
 */
final class TfAddress {
    private final List<Step> modules;
    private final boolean data;
    private final String type;
    private final String name;
    private final String key;
    private final String moduleInstance;
    private final String resource;
    private final String text;
    private final List<String> moduleCalls;

    /** One {@code module.<name>[<key>]} step; {@code key} is null for a module called once. */
    record Step(String name, String key) {
        @Override
        public String toString() {
            return "module." + name + (key == null ? "" : "[" + key + "]");
        }
    }

    TfAddress(List<Step> modules, boolean data, String type, String name, String key) {
        this.modules = List.copyOf(modules);
        this.data = data;
        this.type = type;
        this.name = name;
        this.key = key;
        StringBuilder sb = new StringBuilder();
        for (Step s : this.modules) {
            sb.append(sb.length() == 0 ? "" : ".").append(s);
        }
        // addresses are looked up for every reference a plan holds, so their texts are built once
        this.moduleInstance = sb.toString();
        this.resource = (data ? "data." : "") + type + "." + name;
        this.text = (moduleInstance.isEmpty() ? "" : moduleInstance + ".") + resource + (key == null ? "" : "[" + key + "]");
        this.moduleCalls = this.modules.stream().map(Step::name).toList();
    }

    List<Step> modules() {
        return modules;
    }

    boolean data() {
        return data;
    }

    String type() {
        return type;
    }

    String name() {
        return name;
    }

    String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TfAddress other && text.equals(other.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Parses an address; throws {@link IllegalArgumentException} naming the text when it is not one. */
    static TfAddress parse(String text) {
        List<String> parts = split(text);
        List<Step> modules = new ArrayList<>();
        int i = 0;
        while (i + 1 < parts.size() && parts.get(i).equals("module")) {
            String[] nameKey = nameAndKey(parts.get(i + 1), text);
            modules.add(new Step(nameKey[0], nameKey[1]));
            i += 2;
        }
        boolean data = i < parts.size() && parts.get(i).equals("data");
        if (data) {
            i++;
        }
        if (parts.size() - i != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a Terraform resource address");
        }
        String[] nameKey = nameAndKey(parts.get(i + 1), text);
        return new TfAddress(modules, data, parts.get(i), nameKey[0], nameKey[1]);
    }

    /** The module instance the resource lives in ({@code module.a["x"]}), empty for the root module. */
    String moduleInstance() {
        return moduleInstance;
    }

    /** The module's configuration path: call names without instance keys ({@code aks.inner}). */
    List<String> moduleCalls() {
        return moduleCalls;
    }

    /** {@code type.name} or {@code data.type.name}, without module or key: the configuration block's address. */
    String resource() {
        return resource;
    }

    /** The same resource in another instance of it (another count index or for_each key). */
    TfAddress withKey(String newKey) {
        return new TfAddress(modules, data, type, name, newKey);
    }

    /** The same resource (same key) in another module instance. */
    TfAddress inModule(List<Step> moduleSteps) {
        return new TfAddress(moduleSteps, data, type, name, key);
    }

    @Override
    public String toString() {
        return text;
    }

    /** A key in Terraform's spelling from a plan's {@code index}: numbers bare, strings quoted and escaped. */
    static String keyOf(com.google.gson.JsonElement index) {
        if (index == null || index.isJsonNull()) {
            return null;
        }
        if (index.isJsonPrimitive() && index.getAsJsonPrimitive().isNumber()) {
            return index.getAsJsonPrimitive().getAsBigDecimal().stripTrailingZeros().toPlainString();
        }
        return quote(index.getAsString());
    }

    static String quote(String key) {
        return "\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** Splits on dots outside brackets and quotes. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                current.append(c);
                if (c == '\\' && i + 1 < text.length()) {
                    current.append(text.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
                continue;
            }
            if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
            } else if (c == '.' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
                continue;
            }
            current.append(c);
        }
        parts.add(current.toString());
        return parts;
    }

    private static String[] nameAndKey(String part, String whole) {
        int bracket = part.indexOf('[');
        if (bracket < 0) {
            return new String[] {part, null};
        }
        if (!part.endsWith("]") || bracket == 0) {
            throw new IllegalArgumentException("'" + whole + "' is not a Terraform resource address");
        }
        return new String[] {part.substring(0, bracket), part.substring(bracket + 1, part.length() - 1)};
    }
}
