package io.byokwatch.app;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.Chain;
import io.byokwatch.rules.KeyRoles;
import io.byokwatch.rules.RuleSettings;

import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Walks cluster → disk encryption set → vault → key (and the key version the set uses) → role assignments at the key,
 * with the definitions of roles byokwatch does not know by id, through the inventory.
 */
public final class ChainResolver {

    public Chain resolve(ManagedCluster cluster, Inventory inventory, Instant now, RuleSettings settings) {
        if (cluster.diskEncryptionSetId() == null) {
            return new Chain(cluster, null, null, null, null, now, settings);
        }
        Lookup<DiskEncryptionSet> set = inventory.diskEncryptionSet(cluster.diskEncryptionSetId());
        DiskEncryptionSet des = set.orNull();
        if (des == null || des.activeKey() == null) {
            return new Chain(cluster, set, null, null, null, now, settings);
        }
        KeyRef ref = des.activeKey();
        Lookup<KeyVault> vault = inventory.vaultByHost(ref.vaultHost());
        if (vault instanceof Lookup.Absent<KeyVault> a) {
            return new Chain(cluster, set, vault, Lookup.absent(a.evidence()), null, now, settings);
        }
        Lookup<VaultKey> key = inventory.key(ref.versionless());
        Lookup<VaultKey> used = usedVersion(ref, key, inventory);
        KeyVault kv = vault.orNull();
        if (kv == null || !kv.usesRbac()) {
            return new Chain(cluster, set, vault, key, null, now, settings, used, Map.of());
        }
        Lookup<List<RoleAssignment>> roles = kv.managedHsm() ? inventory.managedHsmRoleAssignments(kv)
                : inventory.roleAssignmentsAt(kv.id().child("keys", ref.name()));
        return new Chain(cluster, set, vault, key, roles, now, settings, used,
                definitions(roles, des, kv.managedHsm(), inventory));
    }

    /** The version the set's key URL names; a versionless URL (or the current version) is the key itself. */
    private static Lookup<VaultKey> usedVersion(KeyRef ref, Lookup<VaultKey> key, Inventory inventory) {
        VaultKey current = key.orNull();
        if (ref.version() == null || current == null || ref.version().equalsIgnoreCase(current.currentVersion())) {
            return key;
        }
        return inventory.keyVersion(ref);
    }

    /** Definitions of the roles that could decide access: assigned to the set's identities or to a group. */
    private static Map<String, Lookup<RoleDefinition>> definitions(Lookup<List<RoleAssignment>> roles,
                                                                   DiskEncryptionSet set, boolean managedHsm,
                                                                   Inventory inventory) {
        List<RoleAssignment> assignments = roles.orNull();
        if (assignments == null) {
            return Map.of();
        }
        Set<String> principals = new HashSet<>();
        set.identity().knownPrincipalIds().forEach(p -> principals.add(p.toLowerCase(Locale.ROOT)));
        Map<String, Lookup<RoleDefinition>> definitions = new LinkedHashMap<>();
        for (RoleAssignment a : assignments) {
            boolean relevant = (a.principalId() != null && principals.contains(a.principalId().toLowerCase(Locale.ROOT)))
                    || "group".equalsIgnoreCase(a.principalType()) || a.principalType() == null;
            String guid = a.roleDefinitionGuid() == null ? null : a.roleDefinitionGuid().toLowerCase(Locale.ROOT);
            if (!relevant || guid == null || KeyRoles.knownGrant(guid, managedHsm) != null || definitions.containsKey(guid)) {
                continue;
            }
            definitions.put(guid, inventory.roleDefinition(a));
        }
        return definitions;
    }
}
