package io.byokwatch.adapter.plan;

import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.util.Collection;
import java.util.List;

/**
 * The base when a plan is judged on its own: nothing outside the plan is known, and each look-up says how to make
 * it known (an export for {@code --inventory}, or {@code --live}).
 */
public final class NoInventory implements Inventory {
    private static final String HOW = "; to judge it, pass --inventory with ";
    private static final String OR_LIVE = " output, or --live";

    @Override
    public List<ManagedCluster> clusters() {
        return List.of();
    }

    @Override
    public Lookup<ManagedCluster> cluster(ResourceId id) {
        return Lookup.unknown("cluster " + id.name() + " is not created or changed by the plan" + HOW + "az aks show --ids "
                + ShellWords.quote(id.toString()) + OR_LIVE);
    }

    @Override
    public Lookup<DiskEncryptionSet> diskEncryptionSet(ResourceId id) {
        return Lookup.unknown("disk encryption set " + id.name() + " is not created or changed by the plan" + HOW
                + "az disk-encryption-set show --ids " + ShellWords.quote(id.toString()) + OR_LIVE);
    }

    @Override
    public Lookup<KeyVault> vaultByHost(String host) {
        String name = host.contains(".") ? host.substring(0, host.indexOf('.')) : host;
        return Lookup.unknown("vault " + name + " is not created or changed by the plan" + HOW + "az keyvault show --name "
                + ShellWords.quote(name) + OR_LIVE);
    }

    @Override
    public Lookup<VaultKey> key(KeyRef ref) {
        return Lookup.unknown("key " + ref.name() + " in vault " + ref.vaultName() + " is not created or changed by the plan" + HOW
                + "az keyvault key show --vault-name " + ShellWords.quote(ref.vaultName()) + " --name "
                + ShellWords.quote(ref.name()) + OR_LIVE);
    }

    @Override
    public Lookup<List<RoleAssignment>> roleAssignmentsAt(ResourceId scope) {
        return Lookup.unknown("role assignments at " + scope.topLevel().name() + " outside the plan are not known" + HOW
                + "az role assignment list --all --include-inherited --scope " + ShellWords.quote(scope.topLevel().toString())
                + OR_LIVE);
    }

    @Override
    public List<DiskEncryptionSet> diskEncryptionSetsUsingVault(String vaultHost) {
        return List.of();
    }

    @Override
    public List<ManagedCluster> clustersUsingDiskEncryptionSets(Collection<ResourceId> setIds) {
        return List.of();
    }

    @Override
    public List<ManagedCluster> clustersWithKmsKeyIn(String vaultHost) {
        return List.of();
    }
}
