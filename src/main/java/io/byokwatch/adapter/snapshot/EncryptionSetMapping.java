package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;


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
                IdentityMapping.identity(root.object("identity")), body.text("federatedClientId"),
                body.text("provisioningState"));
    }
}
