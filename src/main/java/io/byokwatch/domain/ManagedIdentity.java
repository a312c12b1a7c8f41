package io.byokwatch.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The identity a disk encryption set, or an AKS cluster (its KMS plugin), uses to reach its key. {@code userAssigned}
 * maps each user-assigned identity's resource id to its principal id, or to null when the payload did not include it
 * (ARM examples show {@code {}}).
 */
public record ManagedIdentity(String type, String principalId, String tenantId, Map<ResourceId, String> userAssigned) {
    public static final ManagedIdentity NONE = new ManagedIdentity("None", null, null, Map.of());

    public ManagedIdentity {
        type = type == null || type.isBlank() ? "None" : type;
        userAssigned = Collections.unmodifiableMap(new LinkedHashMap<>(userAssigned));
    }

    /** False for type None (or absent): the set (or cluster) then has no managed identity to reach a key with. */
    public boolean present() {
        String t = type.toLowerCase(Locale.ROOT);
        return !t.equals("none") && (t.contains("systemassigned") || t.contains("userassigned"));
    }

    /** The type names a user-assigned identity ({@code UserAssigned}, {@code SystemAssigned, UserAssigned}). */
    public boolean userAssignedType() {
        return type.toLowerCase(Locale.ROOT).contains("userassigned");
    }

    public boolean systemAssigned() {
        return type.toLowerCase(Locale.ROOT).contains("systemassigned");
    }

    /** The principal ids the payload revealed. */
    public List<String> knownPrincipalIds() {
        List<String> ids = new ArrayList<>();
        if (systemAssigned() && principalId != null) {
            ids.add(principalId);
        }
        userAssigned.values().stream().filter(v -> v != null && !v.isBlank()).forEach(ids::add);
        return ids;
    }

    /** Identities whose principal id the payload did not include, described for a notEvaluated reason. */
    public List<String> unknownPrincipals() {
        List<String> missing = new ArrayList<>();
        if (systemAssigned() && (principalId == null || principalId.isBlank())) {
            missing.add("system-assigned identity");
        }
        userAssigned.forEach((id, pid) -> {
            if (pid == null || pid.isBlank()) {
                missing.add("user-assigned identity " + id.name());
            }
        });
        return missing;
    }
}
