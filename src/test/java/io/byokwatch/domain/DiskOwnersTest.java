package io.byokwatch.domain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskOwnersTest {
    private static final String SUB = "/subscriptions/11111111-1111-4111-8111-111111111111";
    private static final String OTHER_SUB = "/subscriptions/22222222-2222-4222-8222-222222222222";
    private static final ManagedCluster PAY = cluster(SUB, "rg-pay", "aks-pay", "MC_rg-pay_aks-pay_westeurope");
    private static final ManagedCluster WEB = cluster(SUB, "rg-web", "aks-web", "MC_rg-web_aks-web_westeurope");
    private static final DiskOwners OWNERS = new DiskOwners(List.of(PAY, WEB));

    private static ManagedCluster cluster(String sub, String rg, String name, String nodeGroup) {
        return new ManagedCluster(ResourceId.parse(sub + "/resourceGroups/" + rg
                + "/providers/Microsoft.ContainerService/managedClusters/" + name), name, "westeurope", Tags.NONE,
                null, null, List.of(), "Succeeded", nodeGroup);
    }

    private static ManagedDisk disk(String sub, String rg, String name, String managedBy, ResourceId... extended) {
        return new ManagedDisk(ResourceId.parse(sub + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/disks/"
                + name), name, "westeurope", new Tags(Map.of(CsiTags.CREATED_BY, CsiTags.AZURE_DISK_DRIVER)),
                DiskEncryption.reported(DiskEncryption.PLATFORM_KEY, null), ResourceId.orNull(managedBy),
                List.of(extended), managedBy == null ? "Unattached" : "Attached", null);
    }

    private static String scaleSetVm(String sub, String rg) {
        return sub + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/virtualMachineScaleSets/aks-user-vmss"
                + "/virtualMachines/aks-user-vmss_1";
    }

    @Test
    void diskInTheNodeResourceGroup_belongsToTheCluster_ignoringCase() {
        assertEquals(List.of(PAY), OWNERS.owners(disk(SUB, "mc_RG-PAY_aks-pay_WESTEUROPE", "pvc-1", null)));
        assertTrue(DiskOwners.owns(PAY, disk(SUB, "mc_rg-pay_aks-pay_westeurope", "pvc-1", null)));
    }

    @Test
    void sameGroupNameInAnotherSubscription_isNotTheCluster() {
        assertEquals(List.of(), OWNERS.owners(disk(OTHER_SUB, "MC_rg-pay_aks-pay_westeurope", "pvc-1", null)));
    }

    @Test
    void diskElsewhere_attachedToAScaleSetVmInTheNodeGroup_belongsToTheCluster() {
        ManagedDisk d = disk(OTHER_SUB, "rg-storage", "pvc-2", scaleSetVm(SUB, "mc_rg-web_aks-web_westeurope"));
        assertEquals(List.of(WEB), OWNERS.owners(d));
    }

    @Test
    void diskElsewhere_attachedToAStandaloneVmInTheNodeGroup_belongsToTheCluster() {
        String vm = SUB + "/resourceGroups/MC_rg-web_aks-web_westeurope/providers/Microsoft.Compute/virtualMachines/aks-vm-1";
        assertEquals(List.of(WEB), OWNERS.owners(disk(SUB, "rg-storage", "pvc-3", vm)));
    }

    @Test
    void unattachedDiskElsewhere_belongsToNoCluster() {
        assertEquals(List.of(), OWNERS.owners(disk(SUB, "rg-storage", "pvc-4", null)));
    }

    @Test
    void diskAttachedToAPlainVmOutsideEveryNodeGroup_belongsToNoCluster() {
        String vm = SUB + "/resourceGroups/rg-vms/providers/Microsoft.Compute/virtualMachines/jumpbox";
        assertEquals(List.of(), OWNERS.owners(disk(SUB, "rg-storage", "pvc-5", vm)));
    }

    @Test
    void somethingOtherThanAMachineInTheNodeGroup_doesNotMakeTheDiskTheClusters() {
        String notAMachine = SUB + "/resourceGroups/MC_rg-web_aks-web_westeurope/providers/Microsoft.Compute/snapshots/s";
        assertEquals(List.of(), OWNERS.owners(disk(SUB, "rg-storage", "pvc-6", notAMachine)));
    }

    @Test
    void onlyAScaleSetVmOrAVm_isAMachine() {
        String group = SUB + "/resourceGroups/MC_rg-web_aks-web_westeurope/providers/Microsoft.Compute/";
        assertTrue(DiskOwners.isMachine(ResourceId.parse(group + "virtualMachineScaleSets/aks-user-vmss/virtualMachines/7")));
        assertTrue(DiskOwners.isMachine(ResourceId.parse(group + "virtualMachines/aks-vm-1")));
        assertFalse(DiskOwners.isMachine(ResourceId.parse(group + "virtualMachineScaleSets/aks-user-vmss")));
        assertFalse(DiskOwners.isMachine(ResourceId.parse(group + "virtualMachines/aks-vm-1/extensions/x")));
        assertFalse(DiskOwners.isMachine(ResourceId.parse(group + "virtualMachineScaleSets/vmss/virtualMachines/7/disks/d")));
        assertFalse(DiskOwners.isMachine(ResourceId.parse(SUB + "/resourceGroups/MC_x")));
    }

    @Test
    void sharedDisk_belongsToEveryClusterWhoseNodesMountIt() {
        ManagedDisk d = disk(SUB, "rg-storage", "shared", scaleSetVm(SUB, "MC_rg-pay_aks-pay_westeurope"),
                ResourceId.parse(scaleSetVm(SUB, "MC_rg-web_aks-web_westeurope")));
        assertEquals(List.of(PAY, WEB), OWNERS.owners(d));
    }

    @Test
    void clusterWithoutANodeGroup_ownsNothing() {
        ManagedCluster unknownGroup = cluster(SUB, "rg-x", "aks-x", null);
        DiskOwners owners = new DiskOwners(List.of(unknownGroup));
        assertEquals(List.of(), owners.owners(disk(SUB, "rg-x", "pvc-7", null)));
        assertFalse(DiskOwners.owns(unknownGroup, disk(SUB, "rg-x", "pvc-7", null)));
    }

    @Test
    void snapshot_belongsToTheClusterOfItsGroup_orOfTheDiskItCopies() {
        ManagedDisk source = disk(OTHER_SUB, "rg-storage", "pvc-8", scaleSetVm(SUB, "MC_rg-web_aks-web_westeurope"));
        DiskSnapshot inNodeGroup = snapshot(SUB, "MC_rg-pay_aks-pay_westeurope", null);
        DiskSnapshot ofWebDisk = snapshot(OTHER_SUB, "rg-backups", source.id());
        assertEquals(List.of(PAY), OWNERS.owners(inNodeGroup, id -> null));
        assertEquals(List.of(WEB), OWNERS.owners(ofWebDisk, id -> id.equals(source.id()) ? source : null));
        assertEquals(List.of(), OWNERS.owners(ofWebDisk, id -> null), "the source disk's machines are not known");
        DiskSnapshot ofDeletedNodeGroupDisk = snapshot(OTHER_SUB, "rg-backups", ResourceId.parse(SUB
                + "/resourceGroups/MC_rg-pay_aks-pay_westeurope/providers/Microsoft.Compute/disks/gone"));
        assertEquals(List.of(PAY), OWNERS.owners(ofDeletedNodeGroupDisk, id -> null));
    }

    private static DiskSnapshot snapshot(String sub, String rg, ResourceId source) {
        return new DiskSnapshot(ResourceId.parse(sub + "/resourceGroups/" + rg + "/providers/Microsoft.Compute/snapshots/snap"),
                "snap", "westeurope", Tags.NONE, DiskEncryption.PLATFORM_KEY_BY_DEFAULT, source, true, null);
    }
}
