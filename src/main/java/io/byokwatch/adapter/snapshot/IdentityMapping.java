package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code identity} block of disk encryption sets and AKS clusters: ARM bodies, {@code az ... show} output and
 * Resource Graph rows all keep it at the top level in the same shape.
 */
final class IdentityMapping {
    private IdentityMapping() {
    }

    /** ARM examples give user-assigned identities as {@code {}}: their principal ids are then unknown, not absent. */
    static ManagedIdentity identity(JsonView identity) {
        if (identity == null) {
            return ManagedIdentity.NONE;
        }
        Map<ResourceId, String> userAssigned = new LinkedHashMap<>();
        for (Map.Entry<String, JsonView> entry : identity.members("userAssignedIdentities").entrySet()) {
            ResourceId identityId = ResourceId.orNull(entry.getKey());
            if (identityId == null) {
                throw new SnapshotFormatException(identity.where("userAssignedIdentities")
                        + ": expected user-assigned identity resource ids as keys, got \"" + entry.getKey() + "\"");
            }
            userAssigned.put(identityId, entry.getValue().text("principalId"));
        }
        return new ManagedIdentity(identity.text("type"), identity.text("principalId"), identity.text("tenantId"),
                userAssigned);
    }
}
