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
    /** A key as a whole, described by its current version (ARM {@code vaults/keys}, {@code az keyvault key show/list}). */
    VAULT_KEY,
    /** One version of a key ({@code az keyvault key list-versions}, ARM {@code vaults/keys/versions}). */
    KEY_VERSION,
    ROTATION_POLICY,
    ROLE_ASSIGNMENT,
    /** A Managed HSM local role assignment ({@code az keyvault role assignment list --hsm-name}). */
    HSM_ROLE_ASSIGNMENT,
    /** An Azure RBAC or Managed HSM local role definition ({@code az role definition list}). */
    ROLE_DEFINITION,
    UNKNOWN
}
