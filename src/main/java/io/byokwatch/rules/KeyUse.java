package io.byokwatch.rules;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.RoleDefinition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One way a cluster's data depends on a customer-managed key, resolved through the inventory: why ({@link #purpose}),
 * whose data ({@link #consumers}: the cluster, or the persistent-volume disks and snapshots that reach the key the
 * same way), through which disk encryption set (none for a key the cluster names itself, such as KMS), in which vault,
 * which key and which version of it, and who must be able to use it for what ({@link #users}).
 *
 * <p>A link is null when the link before it does not lead there (no set id, set not found or without a key), and a
 * {@link Lookup} otherwise: found, absent (a finding for the rule that judges existence) or unknown (a notEvaluated
 * with the reason). Volumes that reach the key through the same set are one key use with several consumers, so that
 * the chain is judged once and its findings name every volume.
 *
 * @param setId           the disk encryption set in between, or null when the consumer names the key itself
 * @param set             the set, or null when {@code setId} is
 * @param keyRef          the key URL the use reaches the key by (the set's active key, or the consumer's own), null
 *                        when the set is not known
 * @param key             the key as its current version describes it (existence, deletion, rotation policy)
 * @param usedKeyVersion  the version {@code keyRef} names, which is what the data is wrapped with: judged for enabled,
 *                        validity window and type; the same answer as {@code key} when it names the current version
 * @param roleAssignments assignments at the key's scope and above, for RBAC vaults and Managed HSMs; null otherwise
 * @param roleDefinitions definitions of roles assigned there to a user or a group, by role definition GUID (lower
 *                        case), for roles byokwatch does not know by id
 */
public record KeyUse(KeyPurpose purpose, ManagedCluster cluster, List<KeyConsumer> consumers, ResourceId setId,
                     Lookup<DiskEncryptionSet> set, KeyRef keyRef, Lookup<KeyVault> vault, Lookup<VaultKey> key,
                     Lookup<VaultKey> usedKeyVersion, List<KeyUser> users,
                     Lookup<List<RoleAssignment>> roleAssignments,
                     Map<String, Lookup<RoleDefinition>> roleDefinitions) {

    public KeyUse {
        consumers = List.copyOf(consumers);
        users = users == null ? List.of() : List.copyOf(users);
        usedKeyVersion = usedKeyVersion == null ? key : usedKeyVersion;
        roleDefinitions = roleDefinitions == null ? Map.of() : Map.copyOf(roleDefinitions);
    }

    /** Through a disk encryption set: the set's active key, and the set's identity needing wrap and unwrap. */
    public static KeyUse throughSet(KeyPurpose purpose, ManagedCluster cluster, List<KeyConsumer> consumers,
                                    ResourceId setId, Lookup<DiskEncryptionSet> set, Lookup<KeyVault> vault,
                                    Lookup<VaultKey> key, Lookup<VaultKey> usedKeyVersion,
                                    Lookup<List<RoleAssignment>> roleAssignments,
                                    Map<String, Lookup<RoleDefinition>> roleDefinitions) {
        DiskEncryptionSet found = set == null ? null : set.orNull();
        List<KeyUser> users = found == null ? List.of() : List.of(setUser(found));
        return new KeyUse(purpose, cluster, consumers, setId, set, found == null ? null : found.activeKey(), vault, key,
                usedKeyVersion, users, roleAssignments, roleDefinitions);
    }

    /** The user a disk encryption set is: its identity, needing get, wrapKey and unwrapKey. */
    public static KeyUser setUser(DiskEncryptionSet set) {
        return new KeyUser("disk encryption set " + set.name(), set.id(), set.identity(), KeyOperations.WRAP_UNWRAP);
    }

    /** Whether the key is reached through a disk encryption set. */
    public boolean throughSet() {
        return setId != null;
    }

    public DiskEncryptionSet foundSet() {
        return set == null ? null : set.orNull();
    }

    public KeyVault foundVault() {
        return vault == null ? null : vault.orNull();
    }

    public VaultKey foundKey() {
        return key == null ? null : key.orNull();
    }

    /**
     * The resource that names the key, where a key-side problem is reported and the re-pointing fix goes: the set, or
     * the cluster for a key it names itself.
     */
    public ResourceId holderId() {
        return setId != null ? setId : cluster.id();
    }

    /** Whether the use follows the key's newest version: the set's auto-rotation, or a versionless key URL. */
    public boolean followsLatestVersion() {
        DiskEncryptionSet s = foundSet();
        if (throughSet()) {
            return s != null && s.rotationToLatestKeyVersion();
        }
        return keyRef != null && keyRef.version() == null;
    }

    /** The persistent-volume disks and snapshots among the consumers. */
    public List<KeyConsumer> volumes() {
        return consumers.stream().filter(KeyConsumer::volume).toList();
    }

    /** The definition of a role by its GUID, or null when the use did not resolve it. */
    public Lookup<RoleDefinition> roleDefinition(String guid) {
        return guid == null ? null : roleDefinitions.get(guid.toLowerCase(Locale.ROOT));
    }
}
