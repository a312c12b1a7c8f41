package io.byokwatch.impact;

import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides which clusters a change event obliges us to re-check. The answer depends only on the event and on what the
 * inventory says now, never on earlier events, so a redelivered or late event yields the same clusters as before.
 * Stateless: one instance can serve every request thread.
 */
public final class ImpactRouter {
    private final VaultHostSuffixes suffixes;

    public ImpactRouter() {
        this(VaultHostSuffixes.DEFAULT);
    }

    /** For clouds whose vault hosts end in other suffixes than {@link VaultHostSuffixes#DEFAULT}. */
    public ImpactRouter(VaultHostSuffixes suffixes) {
        this.suffixes = Objects.requireNonNull(suffixes, "suffixes");
    }

    public Impact route(ChangeEvent e, Inventory inv) {
        String type = e.eventType();
        if (EventTypes.isEventGridControl(type)) {
            return Impact.ignored(type + " is Event Grid's own subscription traffic, not an Azure change");
        }
        if (e.keyVaultEvent()) {
            return keyVaultEvent(e, inv);
        }
        if (EventTypes.isResourceEvent(type)) {
            return resourceEvent(e, inv);
        }
        return Impact.ignored("event type " + type + " does not describe a change to clusters, disks, disk encryption"
                + " sets, vaults, keys or role assignments");
    }

    private Impact resourceEvent(ChangeEvent e, Inventory inv) {
        String type = e.eventType();
        if (!EventTypes.isResourceSuccess(type)) {
            return Impact.ignored(EventTypes.shortName(type) + ": the operation did not take effect, so nothing"
                    + " changed");
        }
        if (e.status() != null && !e.status().equalsIgnoreCase("Succeeded")) {
            return Impact.ignored(EventTypes.shortName(type) + " with status " + e.status()
                    + ": the operation did not take effect, so nothing changed");
        }
        if (e.resourceId() == null) {
            return Impact.ignored(EventTypes.shortName(type) + " names no resource id");
        }
        String op = e.operationName();
        if (op != null && !RoutedOperations.contains(op)) {
            return Impact.ignored("operation " + op + " on " + ArmPath.displayType(e.resourceId())
                    + " cannot change how a cluster is encrypted");
        }
        if (op == null && type.equalsIgnoreCase(EventTypes.RESOURCE_ACTION_SUCCESS)) {
            return Impact.ignored("resource action on " + ArmPath.displayType(e.resourceId())
                    + " without an operationName; no routed operation is an action");
        }
        return byResource(e.resourceId(), inv);
    }

    private Impact byResource(ResourceId id, Inventory inv) {
        if (!ArmPath.complete(id)) {
            return Impact.ignored("resource id " + id + " has a resource type without a name");
        }
        return switch (id.type()) {
            case "microsoft.containerservice/managedclusters" ->
                    Impact.reaches(Set.of(id.topLevel()), "cluster " + id.topLevel().name());
            case "microsoft.containerservice/managedclusters/agentpools" ->
                    Impact.reaches(Set.of(id.topLevel()), "agent pool " + id.name() + " -> cluster "
                            + id.topLevel().name());
            case "microsoft.compute/diskencryptionsets" -> diskEncryptionSet(id.topLevel(), inv);
            case "microsoft.compute/disks" -> DataDiskReach.disk(id, inv);
            case "microsoft.compute/snapshots" -> DataDiskReach.snapshot(id, inv);
            case "microsoft.authorization/roleassignments" -> roleAssignment(id, inv);
            case "microsoft.managedidentity/userassignedidentities" -> KmsPathReach.identity(id.topLevel(), inv);
            case "microsoft.network/privateendpoints" -> KmsPathReach.privateEndpoint(id.topLevel(), inv);
            default -> keyVaultResourceOrIgnored(id, inv);
        };
    }

    private Impact keyVaultResourceOrIgnored(ResourceId id, Inventory inv) {
        VaultTarget target = VaultTarget.of(id);
        if (target != null) {
            return vaultResource(target, inv, "");
        }
        return Impact.ignored("resource type " + ArmPath.displayType(id) + " does not take part in cluster"
                + " encryption");
    }

    /** The clusters whose OS disks use the set, and those whose persistent-volume disks or snapshots do. */
    private static Impact diskEncryptionSet(ResourceId setId, Inventory inv) {
        Set<ResourceId> clusters = new TreeSet<>();
        inv.clustersUsingDiskEncryptionSets(List.of(setId)).forEach(c -> clusters.add(c.id()));
        Set<ResourceId> dataDiskClusters = DataDiskReach.clustersUsing(List.of(setId), inv);
        Set<ResourceId> all = new TreeSet<>(clusters);
        all.addAll(dataDiskClusters);
        return Impact.reaches(all, "disk encryption set " + setId.name() + " -> "
                + VaultReach.count(clusters.size(), "cluster") + VaultReach.dataDisks(dataDiskClusters));
    }

    private Impact roleAssignment(ResourceId assignment, Inventory inv) {
        ResourceId scope = ArmPath.roleAssignmentScope(assignment);
        if (scope == null) {
            return Impact.ignored("role assignment at the tenant root, not on a key vault or key");
        }
        VaultTarget target = VaultTarget.of(scope);
        if (target != null) {
            return vaultResource(target, inv, "role assignment on ");
        }
        if (!scope.type().isEmpty() || scope.subscriptionId() == null) {
            return Impact.ignored("role assignment on " + describeScope(scope) + ", not on a key vault or key, or a"
                    + " resource group or subscription above one");
        }
        return enclosingScope(scope, inv);
    }

    /**
     * An assignment at a resource group or subscription grants access to every vault below it, as the rule counts it
     * ({@code $filter=atScope()}): re-check the clusters behind each of those vaults.
     */
    private Impact enclosingScope(ResourceId scope, Inventory inv) {
        String label = "role assignment on " + describeScope(scope);
        Lookup<List<ResourceId>> vaults = inv.vaultsUnder(scope);
        if (!(vaults instanceof Lookup.Found<List<ResourceId>> found)) {
            Set<ResourceId> all = new TreeSet<>();
            inv.clusters().forEach(c -> all.add(c.id()));
            return Impact.reaches(all, label + ": the vaults under it cannot be listed ("
                    + ((Lookup.Unknown<List<ResourceId>>) vaults).reason() + "), so every cluster is re-checked");
        }
        Set<ResourceId> clusters = new TreeSet<>();
        for (ResourceId vaultId : found.value()) {
            VaultTarget vault = VaultTarget.of(vaultId);
            if (vault != null) {
                Impact one = VaultReach.reach(vault.label(), hosts(vault, inv), null, inv);
                clusters.addAll(one.clusters());
            }
        }
        return Impact.reaches(clusters, label + " -> " + VaultReach.count(found.value().size(), "vault") + " -> "
                + VaultReach.count(clusters.size(), "cluster"));
    }

    private Impact vaultResource(VaultTarget target, Inventory inv, String prefix) {
        if (target.privateEndpointConnection() && prefix.isEmpty()) {
            return KmsPathReach.vaultConnection(target, inv);
        }
        if (!target.bearsOnKeys()) {
            return Impact.ignored(target.child() + " of " + target.label() + " do not encrypt disks or etcd");
        }
        return VaultReach.reach(prefix + target.label(), hosts(target, inv), target.keyName(), inv);
    }

    private Impact keyVaultEvent(ChangeEvent e, Inventory inv) {
        String type = e.eventType();
        if (!e.keyRelated()) {
            return Impact.ignored(EventTypes.shortName(type) + " is not a key event: secrets and certificates do not"
                    + " encrypt disks or etcd");
        }
        if (EventTypes.isVaultAccessPolicyChanged(type)) {
            if (e.vaultId() == null) {
                return Impact.ignored("VaultAccessPolicyChanged without a vault id in its topic");
            }
            VaultTarget vault = VaultTarget.of(e.vaultId());
            if (vault == null) {
                return Impact.ignored("VaultAccessPolicyChanged for " + e.vaultId() + ", which is not a vault");
            }
            return VaultReach.reach("access policies of " + vault.label(), hosts(vault, inv), null, inv);
        }
        if (!EventTypes.isKeyEvent(type)) {
            return Impact.ignored(type + " is not a key event byokwatch acts on");
        }
        String what = EventTypes.shortName(type) + " of ";
        if (e.key() != null) {
            // The key URL names the host exactly; no need to guess the cloud from the vault's name.
            String label = what + "key " + e.key().vaultName() + "/" + e.key().name();
            return VaultReach.reach(label, List.of(e.key().vaultHost()), e.key().name(), inv);
        }
        String keyName = e.subject() == null ? null : e.subject().trim();
        if (e.vaultId() == null || keyName == null || keyName.isEmpty()) {
            return Impact.ignored(EventTypes.shortName(type) + " names neither a key URL nor a vault and key name");
        }
        VaultTarget vault = VaultTarget.of(e.vaultId());
        if (vault == null) {
            return Impact.ignored(EventTypes.shortName(type) + " for " + e.vaultId() + ", which is not a vault");
        }
        return VaultReach.reach(what + "key " + vault.vaultName() + "/" + keyName, hosts(vault, inv), keyName, inv);
    }

    /**
     * The data-plane hosts the vault may answer at. A host whose inventoried vault has another ARM id belongs to a
     * namesake in another cloud and is left out; a host the inventory does not know is kept, because the vault may be
     * gone (deleted) while sets still point at it.
     */
    private List<String> hosts(VaultTarget target, Inventory inv) {
        return suffixes.hostsFor(target.vaultName(), target.managedHsm()).stream()
                .filter(host -> {
                    Lookup<KeyVault> known = inv.vaultByHost(host);
                    KeyVault vault = known.orNull();
                    return vault == null || vault.id() == null || vault.id().equals(target.vaultId());
                })
                .toList();
    }

    private static String describeScope(ResourceId scope) {
        if (!scope.type().isEmpty()) {
            return ArmPath.displayType(scope) + " " + scope.name();
        }
        if (scope.resourceGroup() != null) {
            return "resource group " + scope.resourceGroup();
        }
        if (scope.subscriptionId() != null) {
            return "subscription " + scope.subscriptionId();
        }
        return "scope " + scope;
    }
}
