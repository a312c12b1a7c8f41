package io.byokwatch.adapter.snapshot;

/** What an inventory JSON object describes, as far as byokwatch cares. */
public enum ResourceKind {
    MANAGED_CLUSTER,
    AGENT_POOL,
    DISK_ENCRYPTION_SET,
    MANAGED_DISK,
    DISK_SNAPSHOT,
    KEY_VAULT,
    MANAGED_HSM,
    VAULT_KEY,
    /** One version of a key: ARM {@code vaults/keys/versions}, {@code az keyvault key list-versions}. */
    KEY_VERSION,
    ROTATION_POLICY,
    ROLE_ASSIGNMENT,
    UNKNOWN
}
