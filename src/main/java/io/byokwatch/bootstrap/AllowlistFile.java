package io.byokwatch.bootstrap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.byokwatch.access.AccessAnalyzer;
import io.byokwatch.access.Allowlist;
import io.byokwatch.access.AllowlistEntry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the access-report allowlist strictly, like the policy file: unknown fields, unknown detectors, a missing reason
 * or expiry are errors naming the JSON path, reported together, so that a typo never hides more than intended.
 *
 * <pre>{"allow": [{"principal": "object id, app id or UPN", "detectors": ["unexpected-caller"], "vault": "kv-pay-prod",
 *   "key": "aks-disk", "reason": "backup agent reads keys", "expires": "2027-03-31", "approvedBy": "sec-team"}]}</pre>
 */
public final class AllowlistFile {
    private static final Set<String> TOP = Set.of("allow", "$schema", "description");
    private static final Set<String> ENTRY = Set.of("principal", "detectors", "vault", "key", "reason", "expires", "approvedBy");

    private AllowlistFile() {
    }

    /** @throws IllegalArgumentException with every problem, each naming its JSON path */
    public static Allowlist load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read allowlist " + file + ": " + e.getMessage());
        }
        return parse(text.startsWith("\uFEFF") ? text.substring(1) : text, file.toString());
    }

    public static Allowlist parse(String text, String source) {
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(source + ": not valid JSON (" + e.getMessage() + ")");
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("allow") || !root.getAsJsonObject().get("allow").isJsonArray()) {
            throw new IllegalArgumentException(source + ": an allowlist is an object with an \"allow\" array, like"
                    + " {\"allow\": [{\"principal\": \"...\", \"reason\": \"...\", \"expires\": \"2027-03-31\"}]}");
        }
        List<String> problems = new ArrayList<>();
        root.getAsJsonObject().keySet().stream().filter(k -> !TOP.contains(k))
                .forEach(k -> problems.add(k + ": unknown setting; expected allow"));
        JsonArray allow = root.getAsJsonObject().getAsJsonArray("allow");
        List<AllowlistEntry> entries = new ArrayList<>();
        for (int i = 0; i < allow.size(); i++) {
            String at = "allow[" + i + "]";
            if (!allow.get(i).isJsonObject()) {
                problems.add(at + ": expected an object");
                continue;
            }
            JsonObject e = allow.get(i).getAsJsonObject();
            e.keySet().stream().filter(k -> !ENTRY.contains(k))
                    .forEach(k -> problems.add(at + "." + k + ": unknown field; expected one of " + String.join(", ", ENTRY)));
            String principal = text(e, "principal", at, true, problems);
            String reason = text(e, "reason", at, true, problems);
            String expiresText = text(e, "expires", at, true, problems);
            LocalDate expires = null;
            if (expiresText != null) {
                try {
                    expires = LocalDate.parse(expiresText);
                } catch (DateTimeParseException ex) {
                    problems.add(at + ".expires: '" + expiresText + "' is not a date like 2027-03-31");
                }
            }
            Set<String> detectors = new LinkedHashSet<>();
            if (e.has("detectors")) {
                if (!e.get("detectors").isJsonArray()) {
                    problems.add(at + ".detectors: expected an array of detector ids");
                } else {
                    for (JsonElement d : e.getAsJsonArray("detectors")) {
                        String id = d.isJsonPrimitive() ? d.getAsString() : String.valueOf(d);
                        if (!AccessAnalyzer.detectorIds().contains(id)) {
                            problems.add(at + ".detectors: '" + id + "' is not a detector; use "
                                    + String.join(", ", AccessAnalyzer.detectorIds()));
                        }
                        detectors.add(id);
                    }
                }
            }
            String vault = text(e, "vault", at, false, problems);
            String key = text(e, "key", at, false, problems);
            String approvedBy = text(e, "approvedBy", at, false, problems);
            if (principal != null && reason != null && expires != null) {
                entries.add(new AllowlistEntry(principal, detectors, vault, key, reason, expires, approvedBy));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(source + " has " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s")
                    + ":\n  " + String.join("\n  ", problems));
        }
        return new Allowlist(entries);
    }

    private static String text(JsonObject o, String name, String at, boolean required, List<String> problems) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            if (required) {
                problems.add(at + "." + name + ": missing; every entry says " + switch (name) {
                    case "principal" -> "whom it covers (object id, application id or UPN)";
                    case "reason" -> "why the access is fine";
                    default -> "until when it holds (a date like 2027-03-31)";
                });
            }
            return null;
        }
        if (!e.isJsonPrimitive() || e.getAsString().isBlank()) {
            problems.add(at + "." + name + ": expected non-empty text");
            return null;
        }
        return e.getAsString().trim();
    }
}
