package io.byokwatch.bootstrap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.access.AccessAnalyzer;
import io.byokwatch.config.ConfigReader;
import io.byokwatch.config.ConfigSyntaxException;
import io.byokwatch.config.StrictJson;
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
        return parse(text, file.toString());
    }

    public static Allowlist parse(String text, String source) {
        JsonElement root;
        try {
            root = StrictJson.parse(text);
        } catch (ConfigSyntaxException e) {
            throw new IllegalArgumentException(source + ": " + e.getMessage());
        }
        if (!root.isJsonObject() || !root.getAsJsonObject().has("allow") || !root.getAsJsonObject().get("allow").isJsonArray()) {
            throw new IllegalArgumentException(source + ": an allowlist is an object with an \"allow\" array, like"
                    + " {\"allow\": [{\"principal\": \"...\", \"reason\": \"...\", \"expires\": \"2027-03-31\"}]}");
        }
        ConfigReader reader = new ConfigReader();
        reader.unknownFields(root.getAsJsonObject(), TOP, "", "setting");
        JsonArray allow = root.getAsJsonObject().getAsJsonArray("allow");
        List<AllowlistEntry> entries = new ArrayList<>();
        for (int i = 0; i < allow.size(); i++) {
            String at = "allow[" + i + "]";
            if (!allow.get(i).isJsonObject()) {
                reader.problem(at, "expected an object");
                continue;
            }
            JsonObject e = allow.get(i).getAsJsonObject();
            reader.unknownFields(e, ENTRY, at + ".", "field");
            String principal = required(reader, e, "principal", at, "whom it covers (object id, application id or UPN)");
            String reason = required(reader, e, "reason", at, "why the access is fine");
            String expiresText = required(reader, e, "expires", at, "until when it holds (a date like 2027-03-31)");
            LocalDate expires = null;
            if (expiresText != null) {
                try {
                    expires = LocalDate.parse(expiresText);
                } catch (DateTimeParseException ex) {
                    reader.problem(at + ".expires", "'" + expiresText + "' is not a date like 2027-03-31");
                }
            }
            Set<String> detectors = new LinkedHashSet<>();
            for (String id : reader.strings(e.get("detectors"), at + ".detectors", false)) {
                if (!AccessAnalyzer.detectorIds().contains(id)) {
                    reader.problem(at + ".detectors", "'" + id + "' is not a detector; use "
                            + String.join(", ", AccessAnalyzer.detectorIds()));
                }
                detectors.add(id);
            }
            String vault = reader.optionalText(e, "vault", at + ".vault");
            String key = reader.optionalText(e, "key", at + ".key");
            String approvedBy = reader.optionalText(e, "approvedBy", at + ".approvedBy");
            if (principal != null && reason != null && expires != null) {
                entries.add(new AllowlistEntry(principal, detectors, vault, key, reason, expires, approvedBy));
            }
        }
        if (reader.hasProblems()) {
            throw new IllegalArgumentException(reader.summary(source));
        }
        return new Allowlist(entries);
    }

    /** A field every entry needs; when missing, the problem says what it is for. */
    private static String required(ConfigReader reader, JsonObject o, String name, String at, String purpose) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            reader.problem(at + "." + name, "missing; every entry says " + purpose);
            return null;
        }
        return reader.optionalText(o, name, at + "." + name);
    }
}
