package io.byokwatch.app.keyuse;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;
import io.byokwatch.rules.KeyOperations;
import io.byokwatch.rules.KeyRoles;
import io.byokwatch.rules.KeyUser;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Walks the links behind a key through the inventory: disk encryption set → vault → key (and the version named) →
 * role assignments at the key, with the definitions of roles byokwatch does not know by id. Each set (and each key a
 * consumer names itself) is walked once per instance, however many key uses go through it: one instance serves one
 * evaluation, whose reads must all see the same estate.
 */
final class KeyChains {
    /** The links behind a set, the same for every key use through it. */
    record SetChain(Lookup<DiskEncryptionSet> set, KeyLinks links) {
    }

    /** The links behind a key URL. {@code roleDefinitions} covers the principals they were resolved for. */
    record KeyLinks(Lookup<KeyVault> vault, Lookup<VaultKey> key, Lookup<VaultKey> used,
                    Lookup<List<RoleAssignment>> roles, Map<String, Lookup<RoleDefinition>> roleDefinitions) {
        static final KeyLinks NONE = new KeyLinks(null, null, null, null, Map.of());
    }

    private final Inventory inventory;
    private final Map<ResourceId, SetChain> sets = new HashMap<>();

    KeyChains(Inventory inventory) {
        this.inventory = inventory;
    }

    SetChain throughSet(ResourceId setId) {
        SetChain known = sets.get(setId);
        if (known == null) {
            known = walkSet(setId);
            sets.put(setId, known);
        }
        return known;
    }

    private SetChain walkSet(ResourceId setId) {
        Lookup<DiskEncryptionSet> set = inventory.diskEncryptionSet(setId);
        DiskEncryptionSet des = set.orNull();
        if (des == null || des.activeKey() == null) {
            return new SetChain(set, KeyLinks.NONE);
        }
        return new SetChain(set, keyLinks(des.activeKey(), List.of(new KeyUser("disk encryption set " + des.name(), des.id(),
                des.identity(), KeyOperations.WRAP_UNWRAP))));
    }

    /** The vault, key, version and grants behind a key URL, for the principals that must use it. */
    KeyLinks keyLinks(KeyRef ref, List<KeyUser> users) {
        Lookup<KeyVault> vault = inventory.vaultByHost(ref.vaultHost());
        if (vault instanceof Lookup.Absent<KeyVault> a) {
            return new KeyLinks(vault, Lookup.absent(a.evidence()), null, null, Map.of());
        }
        Lookup<VaultKey> key = inventory.key(ref.versionless());
        Lookup<VaultKey> used = usedVersion(ref, key);
        KeyVault kv = vault.orNull();
        if (kv == null || !kv.usesRbac()) {
            return new KeyLinks(vault, key, used, null, Map.of());
        }
        Lookup<List<RoleAssignment>> roles = kv.managedHsm() ? inventory.managedHsmRoleAssignments(kv)
                : inventory.roleAssignmentsAt(kv.id().child("keys", ref.name()));
        return new KeyLinks(vault, key, used, roles, definitions(roles, users, kv.managedHsm()));
    }

    /** The version the key URL names; a versionless URL (or the current version) is the key itself. */
    private Lookup<VaultKey> usedVersion(KeyRef ref, Lookup<VaultKey> key) {
        VaultKey current = key.orNull();
        if (ref.version() == null || current == null || ref.version().equalsIgnoreCase(current.currentVersion())) {
            return key;
        }
        return inventory.keyVersion(ref);
    }

    /** Definitions of the roles that could decide access: assigned to one of the users' identities or to a group. */
    private Map<String, Lookup<RoleDefinition>> definitions(Lookup<List<RoleAssignment>> roles, List<KeyUser> users,
                                                            boolean managedHsm) {
        List<RoleAssignment> assignments = roles.orNull();
        if (assignments == null) {
            return Map.of();
        }
        Set<String> principals = new HashSet<>();
        users.forEach(u -> u.identity().knownPrincipalIds().forEach(p -> principals.add(p.toLowerCase(Locale.ROOT))));
        Map<String, Lookup<RoleDefinition>> definitions = new LinkedHashMap<>();
        for (RoleAssignment a : assignments) {
            boolean relevant = (a.principalId() != null && principals.contains(a.principalId().toLowerCase(Locale.ROOT)))
                    || "group".equalsIgnoreCase(a.principalType()) || a.principalType() == null;
            String guid = a.roleDefinitionGuid() == null ? null : a.roleDefinitionGuid().toLowerCase(Locale.ROOT);
            if (!relevant || guid == null || definitions.containsKey(guid) || knownToEveryone(guid, managedHsm, users)) {
                continue;
            }
            definitions.put(guid, inventory.roleDefinition(a));
        }
        return definitions;
    }

    /** A built-in role byokwatch knows by id for every operation these users need: its definition decides nothing. */
    private static boolean knownToEveryone(String guid, boolean managedHsm, List<KeyUser> users) {
        return users.stream().allMatch(u -> KeyRoles.knownGrant(guid, managedHsm, u.needs()) != null);
    }
}
