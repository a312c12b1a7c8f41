package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;

import java.util.LinkedHashMap;
import java.util.Map;

/** Disk encryption sets and the managed identity they reach their key with. */
final class EncryptionSetMapping {
    private EncryptionSetMapping() {
    }

    static DiskEncryptionSet diskEncryptionSet(JsonView root) {
        ResourceId id = root.requiredResourceId("id");
        JsonView body = root.body();
        JsonView activeKey = body.object("activeKey");
        KeyRef key = activeKey == null ? null : activeKey.keyUrl("keyUrl");
        JsonView sourceVault = activeKey == null ? null : activeKey.object("sourceVault");
        ResourceId vaultId = sourceVault == null ? null : sourceVault.resourceId("id");
        JsonView error = body.object("autoKeyRotationError");
        return new DiskEncryptionSet(id, ArmMapper.nameOf(root, id), root.text("location"), body.text("encryptionType"),
                key, vaultId, Boolean.TRUE.equals(body.bool("rotationToLatestKeyVersionEnabled")),
                body.instant("lastKeyRotationTimestamp"),
                error == null ? null : error.text("code"), error == null ? null : error.text("message"),
                identity(root.object("identity")), body.text("federatedClientId"), body.text("provisioningState"));
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
