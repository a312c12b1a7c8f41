package io.byokwatch.impact;

import io.byokwatch.domain.Actor;
import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.CsiTags;
import io.byokwatch.domain.DiskEncryption;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.KmsProfile;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ManagedIdentity;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builders for the small estates and events the router tests use. */
final class Estate {
    static final String RG = "/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-prod";
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");

    private Estate() {
    }

    static ResourceId clusterId(String name) {
        return ResourceId.parse(RG + "/providers/Microsoft.ContainerService/managedClusters/" + name);
    }

    static ResourceId setId(String name) {
        return ResourceId.parse(RG + "/providers/Microsoft.Compute/diskEncryptionSets/" + name);
    }

    static ResourceId vaultId(String name) {
        return ResourceId.parse(RG + "/providers/Microsoft.KeyVault/vaults/" + name);
    }

    static ResourceId hsmId(String name) {
        return ResourceId.parse(RG + "/providers/Microsoft.KeyVault/managedHSMs/" + name);
    }

    static ManagedCluster cluster(String name, String setName, String kmsKeyUrl) {
        KmsProfile kms = kmsKeyUrl == null ? KmsProfile.NONE
                : new KmsProfile(true, KeyRef.parse(kmsKeyUrl), "Public", null, null);
        return new ManagedCluster(clusterId(name), name, "westeurope", Tags.NONE,
                setName == null ? null : setId(setName), kms, List.of(), "Succeeded");
    }

    /** A cluster with a node resource group {@code MC_rg-prod_<name>_westeurope}. */
    static ManagedCluster clusterWithNodes(String name, String setName) {
        return new ManagedCluster(clusterId(name), name, "westeurope", Tags.NONE, setName == null ? null : setId(setName),
                KmsProfile.NONE, List.of(), "Succeeded", nodeGroupName(name));
    }

    static String nodeGroupName(String cluster) {
        return "MC_rg-prod_" + cluster + "_westeurope";
    }

    /** {@code /subscriptions/<same>/resourceGroups/<name>}. */
    static String group(String name) {
        return RG.substring(0, RG.indexOf("/resourceGroups/")) + "/resourceGroups/" + name;
    }

    static String scaleSetVm(String groupName) {
        return group(groupName) + "/providers/Microsoft.Compute/virtualMachineScaleSets/aks-data-vmss/virtualMachines/3";
    }

    static ResourceId diskId(String groupName, String name) {
        return ResourceId.parse(group(groupName) + "/providers/Microsoft.Compute/disks/" + name);
    }

    /** A PV disk the CSI driver created for claim {@code pvc} in namespace payments; {@code setName} null: platform key. */
    static ManagedDisk pvDisk(String groupName, String name, String pvc, String setName, String managedBy) {
        return new ManagedDisk(diskId(groupName, name), name, "westeurope", new Tags(Map.of(
                CsiTags.CREATED_BY, CsiTags.AZURE_DISK_DRIVER, CsiTags.PV_NAME, name, CsiTags.PVC_NAME, pvc,
                CsiTags.PVC_NAMESPACE, "payments")),
                setName == null ? DiskEncryption.reported(DiskEncryption.PLATFORM_KEY, null)
                        : DiskEncryption.reported(DiskEncryption.CUSTOMER_KEY, setId(setName)),
                ResourceId.orNull(managedBy), List.of(), managedBy == null ? "Unattached" : "Attached", T0);
    }

    static DiskSnapshot volumeSnapshot(String groupName, String name, ResourceId sourceDisk, String setName) {
        return new DiskSnapshot(ResourceId.parse(group(groupName) + "/providers/Microsoft.Compute/snapshots/" + name),
                name, "westeurope", new Tags(Map.of(CsiTags.CREATED_BY, CsiTags.AZURE_DISK_DRIVER,
                CsiTags.SNAPSHOT_NAME, name, CsiTags.SNAPSHOT_NAMESPACE, "payments")),
                setName == null ? DiskEncryption.reported(DiskEncryption.PLATFORM_KEY, null)
                        : DiskEncryption.reported(DiskEncryption.CUSTOMER_KEY, setId(setName)),
                sourceDisk, true, T0);
    }

    static DiskEncryptionSet set(String name, String keyUrl) {
        return new DiskEncryptionSet(setId(name), name, "westeurope", "EncryptionAtRestWithCustomerKey",
                KeyRef.parse(keyUrl), null, false, null, null, null, ManagedIdentity.NONE, null, "Succeeded");
    }

    static KeyVault vault(ResourceId id, String host) {
        return new KeyVault(id, id.name(), host, host.contains(".managedhsm."), true, true, 90, true, List.of(),
                "standard", "Enabled", "tenant");
    }

    static ChangeEvent resourceEvent(String eventType, ResourceId id, String operationName, String status) {
        return new ChangeEvent("id-" + id.name() + "-" + eventType.hashCode(), eventType, ChangeEvent.SCHEMA_EVENT_GRID,
                "/subscriptions/11111111-1111-1111-1111-111111111111", id.toString(), id, operationName, T0,
                Actor.UNKNOWN, status, null, null);
    }

    static ChangeEvent write(ResourceId id, String operationName) {
        return resourceEvent(EventTypes.RESOURCE_WRITE_SUCCESS, id, operationName, "Succeeded");
    }

    static ChangeEvent delete(ResourceId id, String operationName) {
        return resourceEvent(EventTypes.RESOURCE_DELETE_SUCCESS, id, operationName, "Succeeded");
    }

    static ChangeEvent vaultEvent(String eventType, ResourceId vault, String subject, String keyUrl) {
        return new ChangeEvent("kv-" + subject, eventType, ChangeEvent.SCHEMA_EVENT_GRID, vault.toString(), subject,
                vault, null, T0, Actor.UNKNOWN, null, KeyRef.orNull(keyUrl), vault);
    }
}
