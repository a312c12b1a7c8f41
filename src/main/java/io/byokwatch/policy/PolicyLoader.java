package io.byokwatch.policy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.byokwatch.config.ConfigReader;
import io.byokwatch.config.ConfigSyntaxException;
import io.byokwatch.config.StrictJson;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a policy file strictly: unknown fields, wrong types, unknown rule ids and bad dates are errors naming the
 * JSON path, so a typo never silently weakens the policy. All problems are reported together.
 */
public final class PolicyLoader {
    private static final Set<String> TOP = Set.of("byokRequired", "exemptions", "keyExpiryWarningDays", "requireHsm",
            "disabledRules", "severity", "requireDataDiskEvidence", "allowedDataDiskEncryptionSets", "kmsRotationMaxAgeDays", "$schema",
            "description");
    private static final Set<String> EXEMPTION = Set.of("resourceId", "rules", "reason", "expires", "approvedBy");
    private final Set<String> knownRules;
    private final Set<String> judgingRules;
    private final boolean allowEmpty;
    private ConfigReader reader = new ConfigReader();

    public PolicyLoader(Set<String> knownRules) {
        this(knownRules, knownRules, false);
    }

    private PolicyLoader(Set<String> knownRules, Set<String> judgingRules, boolean allowEmpty) {
        this.knownRules = Set.copyOf(knownRules);
        this.judgingRules = Set.copyOf(judgingRules);
        this.allowEmpty = allowEmpty;
    }

    /**
     * A loader that accepts a policy disabling every rule ({@code --allow-empty-policy}); by default that is an error,
     * because every cluster would then show compliant without a single check.
     */
    public PolicyLoader allowingEmpty() {
        return new PolicyLoader(knownRules, judgingRules, true);
    }

    /**
     * The rules that decide what this command judges (a cluster's verdict: the catalog, not the plan-only rules a policy
     * may also name): a policy that disables all of them is the empty policy, refused unless {@link #allowingEmpty}.
     */
    public PolicyLoader judgedBy(Set<String> rules) {
        return new PolicyLoader(knownRules, rules, allowEmpty);
    }

    public Policy load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PolicyException("cannot read policy file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public Policy parse(String text, String sourceName) {
        reader = new ConfigReader();
        JsonElement root;
        try {
            root = StrictJson.parse(text);
        } catch (ConfigSyntaxException e) {
            throw new PolicyException(sourceName + ": " + e.getMessage());
        }
        if (!root.isJsonObject()) {
            throw new PolicyException(sourceName + ": the policy must be a JSON object, like {\"byokRequired\": {\"default\": true}}");
        }
        JsonObject o = root.getAsJsonObject();
        reader.unknownFields(o, TOP, "", "setting");
        boolean byDefault = true;
        List<TagRule> tagRules = new ArrayList<>();
        if (o.has("byokRequired")) {
            JsonElement b = o.get("byokRequired");
            if (b.isJsonPrimitive() && b.getAsJsonPrimitive().isBoolean()) {
                byDefault = b.getAsBoolean();
            } else if (b.isJsonObject()) {
                JsonObject bo = b.getAsJsonObject();
                for (String k : bo.keySet()) {
                    if (!Set.of("default", "tagRules").contains(k)) {
                        problem("byokRequired." + k, "unknown setting; expected default or tagRules");
                    }
                }
                byDefault = reader.bool(bo, "default", "byokRequired.default", true);
                tagRules = tagRules(bo.get("tagRules"));
            } else {
                problem("byokRequired", "expected true/false or {\"default\": true, \"tagRules\": [...]}");
            }
        }
        int warn = reader.integer(o, "keyExpiryWarningDays", "keyExpiryWarningDays", 30, 1, 3650);
        boolean hsm = reader.bool(o, "requireHsm", "requireHsm", false);
        Set<String> disabled = new HashSet<>();
        for (String id : reader.strings(o.get("disabledRules"), "disabledRules", false)) {
            if (checkRule(id, "disabledRules")) {
                disabled.add(id);
            }
        }
        if (!allowEmpty && !judgingRules.isEmpty() && disabled.containsAll(judgingRules)) {
            problem("disabledRules", "disables every rule, so every cluster would show compliant without a single check;"
                    + " enable at least one rule (pass --allow-empty-policy to scan if checking nothing is really meant)");
        }
        Map<String, Severity> severities = severities(o.get("severity"));
        List<Exemption> exemptions = exemptions(o.get("exemptions"));
        boolean diskEvidence = reader.bool(o, "requireDataDiskEvidence", "requireDataDiskEvidence", false);
        List<ResourceId> allowedSets = allowedSets(o.get("allowedDataDiskEncryptionSets"));
        int kmsAge = reader.integer(o, "kmsRotationMaxAgeDays", "kmsRotationMaxAgeDays", Policy.KMS_ROTATION_MAX_AGE_DAYS,
                1, 3650);
        if (reader.hasProblems()) {
            throw new PolicyException(reader.summary(sourceName));
        }
        return new Policy(byDefault, tagRules, exemptions, warn, hsm, disabled, severities, diskEvidence, allowedSets,
                kmsAge);
    }

    /** Set ids, or the group or subscription ids that hold them; an empty list is refused as it would allow nothing. */
    private List<ResourceId> allowedSets(JsonElement e) {
        List<ResourceId> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        String at = "allowedDataDiskEncryptionSets";
        List<String> values = reader.strings(e, at, false);
        if (e.isJsonArray() && e.getAsJsonArray().isEmpty()) {
            problem(at, "list at least one disk encryption set id (or a resource group or subscription holding them),"
                    + " or leave the setting out to allow any set whose chain holds");
        }
        for (int i = 0; i < values.size(); i++) {
            ResourceId id = ResourceId.orNull(values.get(i));
            if (id == null || id.subscriptionId() == null) {
                problem(at + "[" + i + "]", "'" + values.get(i) + "' is not an ARM id; use /subscriptions/<id>/resourceGroups/<rg>"
                        + "/providers/Microsoft.Compute/diskEncryptionSets/<name> (or a group or subscription prefix)");
            } else {
                out.add(id);
            }
        }
        return out;
    }

    private List<TagRule> tagRules(JsonElement e) {
        List<TagRule> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (!e.isJsonArray()) {
            problem("byokRequired.tagRules", "expected an array of {\"tag\": ..., \"values\": [...], \"required\": true|false}");
            return out;
        }
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            String at = "byokRequired.tagRules[" + i + "]";
            if (!a.get(i).isJsonObject()) {
                problem(at, "expected an object");
                continue;
            }
            JsonObject r = a.get(i).getAsJsonObject();
            String tag = reader.text(r, "tag", at + ".tag");
            List<String> values = reader.strings(r.get("values"), at + ".values", true);
            if (values.isEmpty()) {
                problem(at + ".values", "list at least one tag value, e.g. [\"public\"]");
            }
            if (!r.has("required")) {
                problem(at + ".required", "missing; say whether matching clusters require BYOK (true or false)");
            }
            boolean required = reader.bool(r, "required", at + ".required", true);
            if (tag != null) {
                out.add(new TagRule(tag, values, required));
            }
        }
        return out;
    }

    private Map<String, Severity> severities(JsonElement e) {
        Map<String, Severity> out = new LinkedHashMap<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (!e.isJsonObject()) {
            problem("severity", "expected an object of rule id to severity, e.g. {\"aks-no-host-encryption\": \"low\"}");
            return out;
        }
        for (Map.Entry<String, JsonElement> en : e.getAsJsonObject().entrySet()) {
            if (!checkRule(en.getKey(), "severity")) {
                continue;
            }
            try {
                out.put(en.getKey(), Severity.parse(en.getValue().isJsonPrimitive() ? en.getValue().getAsString() : null));
            } catch (IllegalArgumentException ex) {
                problem("severity." + en.getKey(), ex.getMessage());
            }
        }
        return out;
    }

    private List<Exemption> exemptions(JsonElement e) {
        List<Exemption> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (!e.isJsonArray()) {
            problem("exemptions", "expected an array of {\"resourceId\", \"rules\", \"reason\", \"expires\", \"approvedBy\"}");
            return out;
        }
        JsonArray a = e.getAsJsonArray();
        for (int i = 0; i < a.size(); i++) {
            String at = "exemptions[" + i + "]";
            if (!a.get(i).isJsonObject()) {
                problem(at, "expected an object");
                continue;
            }
            JsonObject x = a.get(i).getAsJsonObject();
            reader.unknownFields(x, EXEMPTION, at + ".", "field");
            String rid = reader.text(x, "resourceId", at + ".resourceId");
            ResourceId id = ResourceId.orNull(rid);
            if (rid != null && id == null) {
                problem(at + ".resourceId", "'" + rid + "' is not an ARM id or prefix, e.g. /subscriptions/<id>/resourceGroups/<rg>");
            }
            Set<String> rules = new HashSet<>();
            for (String r : reader.strings(x.get("rules"), at + ".rules", false)) {
                if (r.equals("*")) {
                    continue;
                }
                if (checkRule(r, at + ".rules")) {
                    rules.add(r);
                }
            }
            String reason = reader.text(x, "reason", at + ".reason");
            String approvedBy = reader.optionalText(x, "approvedBy", at + ".approvedBy");
            LocalDate expires = null;
            String exp = reader.text(x, "expires", at + ".expires");
            if (exp != null) {
                try {
                    expires = LocalDate.parse(exp.length() > 10 ? exp.substring(0, 10) : exp);
                } catch (DateTimeParseException ex) {
                    problem(at + ".expires", "'" + exp + "' is not a date; use YYYY-MM-DD, e.g. 2027-03-31");
                }
            }
            if (id != null && reason != null && expires != null) {
                out.add(new Exemption(id, rules, reason, expires, approvedBy));
            }
        }
        return out;
    }

    private boolean checkRule(String id, String at) {
        if (!knownRules.contains(id)) {
            problem(at, "unknown rule id '" + id + "'; known ids: " + String.join(", ", new java.util.TreeSet<>(knownRules)));
            return false;
        }
        return true;
    }

    private void problem(String at, String what) {
        reader.problem(at, what);
    }
}
