package io.byokwatch.config;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads fields of a configuration file and collects every problem as "json.path: what is wrong", so that one run names
 * all of a file's mistakes instead of the first. A field that is wrong reads as its default (or null), and the caller
 * refuses the file when {@link #problems()} is not empty.
 */
public final class ConfigReader {
    private final List<String> problems = new ArrayList<>();

    public void problem(String at, String what) {
        problems.add(at + ": " + what);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    /** "file has 2 problems:" and one indented line each: the message every loader refuses a file with. */
    public String summary(String source) {
        return source + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + ":\n  "
                + String.join("\n  ", problems);
    }

    /**
     * Names each field of {@code o} that is not in {@code known}, with the ones that are.
     *
     * @param prefix the JSON path of {@code o} followed by a dot, or "" at the top
     * @param noun   what the file calls its fields ("setting", "field")
     */
    public void unknownFields(JsonObject o, Set<String> known, String prefix, String noun) {
        for (String k : o.keySet()) {
            if (!known.contains(k)) {
                problem(prefix + k, "unknown " + noun + "; expected one of " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** A required non-blank string, trimmed; null (and a problem) when missing or not one. */
    public String text(JsonObject o, String field, String at) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            problem(at, "missing");
            return null;
        }
        return nonBlank(e, at);
    }

    /** An optional non-blank string, trimmed; null when absent. */
    public String optionalText(JsonObject o, String field, String at) {
        JsonElement e = o.get(field);
        return e == null || e.isJsonNull() ? null : nonBlank(e, at);
    }

    private String nonBlank(JsonElement e, String at) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString() || e.getAsString().isBlank()) {
            problem(at, "expected a non-empty string, found " + found(e));
            return null;
        }
        return e.getAsString().trim();
    }

    public boolean bool(JsonObject o, String field, String at, boolean dflt) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return dflt;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return e.getAsBoolean();
        }
        problem(at, "expected true or false, found " + found(e));
        return dflt;
    }

    /** A whole number within [min, max]; {@code 30.0} counts as whole, {@code 30.5} and {@code "30"} do not. */
    public int integer(JsonObject o, String field, String at, int dflt, int min, int max) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return dflt;
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double d = e.getAsDouble();
            if (d == Math.rint(d) && d >= min && d <= max) {
                return (int) d;
            }
        }
        problem(at, "expected a whole number from " + min + " to " + max + ", found " + found(e));
        return dflt;
    }

    /** An optional object; null when absent or (with a problem) not an object. */
    public JsonObject object(JsonObject o, String field, String at) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonObject()) {
            problem(at, "expected an object, found " + found(e));
            return null;
        }
        return e.getAsJsonObject();
    }

    /**
     * An optional array of strings, each trimmed; empty when absent. A blank entry is a problem unless
     * {@code blankAllowed} (a tag's value may be empty in Azure).
     */
    public List<String> strings(JsonElement e, String at, boolean blankAllowed) {
        List<String> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (!e.isJsonArray()) {
            problem(at, "expected an array of strings, found " + found(e));
            return out;
        }
        for (JsonElement x : e.getAsJsonArray()) {
            if (x instanceof JsonPrimitive p && p.isString() && (blankAllowed || !p.getAsString().isBlank())) {
                out.add(p.getAsString().trim());
            } else {
                problem(at, "expected " + (blankAllowed ? "" : "non-empty ") + "strings only, found " + found(x));
            }
        }
        return out;
    }

    /**
     * What was found instead, for the message: short scalars as written, anything else by its kind and size, since a
     * misplaced webhook URL or secret must not be echoed into logs.
     */
    static String found(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return "null";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (!p.isString()) {
            String v = p.getAsString();
            return v.length() <= 24 ? v : "a number of " + v.length() + " digits";
        }
        String v = p.getAsString();
        return v.length() <= 24 && !v.contains("://") ? "\"" + v + "\"" : "a string of " + v.length() + " characters";
    }
}
