package io.byokwatch.rules;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One cluster's encryption chain, already resolved: cluster → disk encryption set → vault → key (+ role assignments at
 * the key). A link is null when the link before it does not lead there (no set id, set not found, set without a key).
 *
 * @param key             the key as its current version describes it (existence, deletion, rotation policy)
 * @param usedKeyVersion  the version the set's key URL names, which is what its disks are wrapped with: judged for
 *                        enabled, validity window and type; the same answer as {@code key} when the set names the
 *                        current version
 * @param roleDefinitions definitions of the roles assigned at the key to the set's identity or to a group, by role
 *                        definition GUID (lower case), for roles byokwatch does not know by id
 */
public record Chain(ManagedCluster cluster, Lookup<DiskEncryptionSet> set, Lookup<KeyVault> vault,
                    Lookup<VaultKey> key, Lookup<List<RoleAssignment>> roleAssignments, Instant now,
                    RuleSettings settings, Lookup<VaultKey> usedKeyVersion,
                    Map<String, Lookup<RoleDefinition>> roleDefinitions) {

    public Chain {
        usedKeyVersion = usedKeyVersion == null ? key : usedKeyVersion;
        roleDefinitions = roleDefinitions == null ? Map.of() : Map.copyOf(roleDefinitions);
    }

    /** A chain whose set uses the key's current version and whose roles are all known by id. */
    public Chain(ManagedCluster cluster, Lookup<DiskEncryptionSet> set, Lookup<KeyVault> vault, Lookup<VaultKey> key,
                 Lookup<List<RoleAssignment>> roleAssignments, Instant now, RuleSettings settings) {
        this(cluster, set, vault, key, roleAssignments, now, settings, key, Map.of());
    }

    /** The set, when it was found. */
    public DiskEncryptionSet foundSet() {
        return set == null ? null : set.orNull();
    }

    public KeyVault foundVault() {
        return vault == null ? null : vault.orNull();
    }

    public VaultKey foundKey() {
        return key == null ? null : key.orNull();
    }

    /** The definition of a role by its GUID, or null when the chain did not resolve it. */
    public Lookup<RoleDefinition> roleDefinition(String guid) {
        return guid == null ? null : roleDefinitions.get(guid.toLowerCase(Locale.ROOT));
    }
}
