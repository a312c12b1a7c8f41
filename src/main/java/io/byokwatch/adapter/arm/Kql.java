package io.byokwatch.adapter.arm;

import io.byokwatch.domain.ResourceId;

import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Resource Graph queries, in one place. Resource Graph returns {@code properties} as ARM does, so the rows go
 * through the same mapper as point reads. Key URLs are compared lower-cased and bounded by {@code /} or {@code :}
 * after the host, because ARM writes {@code :443} into some of them and a bare prefix would let {@code kv} match
 * {@code kv2}.
 */
final class Kql {
    static final String CLUSTER_TYPE = "microsoft.containerservice/managedclusters";
    static final String DISK_TYPE = "microsoft.compute/disks";
    static final String SNAPSHOT_TYPE = "microsoft.compute/snapshots";
    private static final String CSI_TAGGED = "tolower(tostring(tags)) contains '\"kubernetes-azure-dd\"'";
    /** A VolumeSnapshot's snapshot may carry only its name tag, not the driver's created-by value. */
    private static final String SNAPSHOT_TAGGED =
            "tolower(tostring(tags)) contains '\"kubernetes.io-created-for-snapshot-name\"'";
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");

    private Kql() {
    }

    static String clusters() {
        return "resources | where type =~ '" + CLUSTER_TYPE + "'";
    }

    static String setsUsingVault(String host) {
        String active = "tolower(tostring(properties.activeKey.keyUrl))";
        String previous = "tolower(tostring(properties.previousKeys))";
        String h = requireHost(host);
        return "resources | where type =~ 'microsoft.compute/diskencryptionsets'"
                + " | where " + active + " startswith " + quote("https://" + h + "/")
                + " or " + active + " startswith " + quote("https://" + h + ":")
                + " or " + previous + " contains " + quote("\"https://" + h + "/")
                + " or " + previous + " contains " + quote("\"https://" + h + ":");
    }

    static String clustersUsingSets(Collection<ResourceId> setIds) {
        return clusters() + " | where tolower(tostring(properties.diskEncryptionSetID)) in~ (" + quoted(setIds) + ")";
    }

    static String clustersWithKmsKeyIn(String host) {
        String keyId = "tolower(tostring(properties.securityProfile.azureKeyVaultKms.keyId))";
        String h = requireHost(host);
        return clusters() + " | where " + keyId + " startswith " + quote("https://" + h + "/")
                + " or " + keyId + " startswith " + quote("https://" + h + ":");
    }

    /**
     * Disks the Azure Disk CSI driver (or the legacy in-tree provisioner) created. Tag names are case-insensitive in
     * Azure but not in {@code tags['...']}, so the query looks for the driver's tag value in the tags' JSON text and
     * the mapper checks which tag holds it.
     */
    static String csiDisks() {
        return "resources | where type =~ '" + DISK_TYPE + "' | where " + CSI_TAGGED;
    }

    /** Snapshots the CSI driver took for VolumeSnapshots: its created-by value, or a VolumeSnapshot name tag. */
    static String csiSnapshots() {
        return "resources | where type =~ '" + SNAPSHOT_TYPE + "' | where " + CSI_TAGGED + " or " + SNAPSHOT_TAGGED;
    }

    /**
     * The CSI disks and snapshots of one node resource group in one query, for a cluster evaluated on its own: its
     * disks and its snapshots are always asked together, and Resource Graph allows 15 queries per 5 s, so one query
     * instead of two doubles how many such clusters a second can be evaluated. Each type with its own tags, as its
     * own query would ask: disks in the group or attached to a machine there; snapshots in the group or of a disk there.
     * Callers keep each type's own rows.
     */
    static String csiDisksAndSnapshotsOf(ResourceId nodeGroup) {
        String source = "tolower(tostring(properties.creationData.sourceResourceId))";
        return "resources | where type in~ ('" + DISK_TYPE + "', '" + SNAPSHOT_TYPE + "')"
                + " | where (type =~ '" + DISK_TYPE + "' and " + CSI_TAGGED + ") or (type =~ '" + SNAPSHOT_TYPE + "' and ("
                + CSI_TAGGED + " or " + SNAPSHOT_TAGGED + "))"
                + " | where " + inGroup(nodeGroup)
                + " or (type =~ '" + DISK_TYPE + "' and tolower(tostring(managedBy)) startswith "
                + quote(nodeGroup.key() + "/providers/microsoft.compute/virtualmachine") + ")"
                + " or (type =~ '" + SNAPSHOT_TYPE + "' and " + source + " startswith " + quote(nodeGroup.key() + "/") + ")";
    }

    /** CSI snapshots of the given disks (a cluster's disks outside its node resource group), wherever they are. */
    static String csiSnapshotsOfDisks(Collection<ResourceId> diskIds) {
        return csiSnapshots() + " | where tolower(tostring(properties.creationData.sourceResourceId)) in~ ("
                + quoted(diskIds) + ")";
    }

    static String clustersWithNodeResourceGroups(Collection<String> groupNames) {
        return clusters() + " | where tolower(tostring(properties.nodeResourceGroup)) in~ ("
                + groupNames.stream().map(n -> quote(n.toLowerCase(Locale.ROOT))).collect(Collectors.joining(", "))
                + ")";
    }

    /**
     * CSI disks and snapshots whose encryption names one of the sets, in one query: a set or key change asks for
     * both, and one page serves them.
     */
    static String csiDisksAndSnapshotsWithSets(Collection<ResourceId> setIds) {
        return "resources | where type in~ ('" + DISK_TYPE + "', '" + SNAPSHOT_TYPE + "') | where " + CSI_TAGGED
                + " or " + SNAPSHOT_TAGGED
                + " | where tolower(tostring(properties.encryption.diskEncryptionSetId)) in~ (" + quoted(setIds) + ")";
    }

    static String vaultsNamed(String name) {
        return "resources | where type in~ ('microsoft.keyvault/vaults', 'microsoft.keyvault/managedhsms')"
                + " | where name =~ " + quote(name);
    }

    /** Vaults and Managed HSMs at or below a resource group or subscription. */
    static String vaultsUnder(ResourceId scope) {
        return "resources | where type in~ ('microsoft.keyvault/vaults', 'microsoft.keyvault/managedhsms')"
                + " | where tolower(id) startswith " + quote(scope.key() + "/");
    }

    static String subscriptions() {
        return "resourcecontainers | where type =~ 'microsoft.resources/subscriptions'";
    }

    /** The one subscription, if byokwatch's identity can read it: Resource Graph lists only readable ones. */
    static String subscriptionNamed(String subscriptionId) {
        return subscriptions() + " | where subscriptionId =~ " + quote(subscriptionId);
    }

    /**
     * Clusters whose identity map names the user-assigned identity: its id is a key of that map, so it appears quoted
     * in the map's JSON text (the quotes keep {@code .../mi} from matching {@code .../mi2}); the mapper confirms.
     */
    static String clustersUsingIdentity(ResourceId identity) {
        return clusters() + " | where " + identityMapNames(identity);
    }

    static String setsUsingIdentity(ResourceId identity) {
        return "resources | where type =~ 'microsoft.compute/diskencryptionsets' | where " + identityMapNames(identity);
    }

    /**
     * Clusters whose legacy KMS reaches the vault privately: {@code keyVaultResourceId} is the vault, or the key's
     * host is the vault's ({@code https://<name>.vault.} in any cloud); the mapper confirms which one applies.
     */
    static String clustersWithPrivateKmsVault(ResourceId vault) {
        String kms = "properties.securityProfile.azureKeyVaultKms";
        return clusters() + " | where tolower(tostring(" + kms + ".keyVaultNetworkAccess)) =~ 'private'"
                + " | where tolower(tostring(" + kms + ".keyVaultResourceId)) =~ " + quote(vault.key())
                + " or tolower(tostring(" + kms + ".keyId)) startswith "
                + quote("https://" + vault.name().toLowerCase(Locale.ROOT) + ".vault.");
    }

    /** Vaults with a private endpoint connection to the endpoint, whose id appears quoted in the connections' JSON. */
    static String vaultsConnectedTo(ResourceId privateEndpoint) {
        return "resources | where type =~ 'microsoft.keyvault/vaults'"
                + " | where tolower(tostring(properties.privateEndpointConnections)) contains "
                + quote("\"" + privateEndpoint.key() + "\"");
    }

    private static String identityMapNames(ResourceId identity) {
        return "tolower(tostring(identity.userAssignedIdentities)) contains " + quote("\"" + identity.key() + "\"");
    }

    /** A vault host as callers may spell it: any case, maybe with a port or a trailing dot. */
    static String normaliseHost(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.indexOf(':');
        h = colon < 0 ? h : h.substring(0, colon);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    static boolean isHost(String normalisedHost) {
        return HOST.matcher(normalisedHost).matches();
    }

    private static String inGroup(ResourceId group) {
        return "(subscriptionId =~ " + quote(group.subscriptionId()) + " and resourceGroup =~ "
                + quote(group.resourceGroup()) + ")";
    }

    private static String quoted(Collection<ResourceId> ids) {
        return ids.stream().map(id -> quote(id.key())).collect(Collectors.joining(", "));
    }

    /** A single-quoted KQL string literal; backslash and quote are the characters KQL escapes there. */
    static String quote(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a line break cannot be part of a Resource Graph query value");
        }
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static String requireHost(String host) {
        String h = normaliseHost(host);
        if (!isHost(h)) {
            throw new IllegalArgumentException("'" + host + "' is not a vault host such as kv-prod.vault.azure.net");
        }
        return h;
    }
}
