package io.byokwatch.impact;

import io.byokwatch.domain.ChangeEvent;
import io.byokwatch.domain.ResourceId;
import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.TreeSet;

import static io.byokwatch.impact.Estate.clusterId;
import static io.byokwatch.impact.Estate.clusterWithNodes;
import static io.byokwatch.impact.Estate.delete;
import static io.byokwatch.impact.Estate.diskId;
import static io.byokwatch.impact.Estate.nodeGroupName;
import static io.byokwatch.impact.Estate.pvDisk;
import static io.byokwatch.impact.Estate.scaleSetVm;
import static io.byokwatch.impact.Estate.set;
import static io.byokwatch.impact.Estate.vault;
import static io.byokwatch.impact.Estate.vaultEvent;
import static io.byokwatch.impact.Estate.vaultId;
import static io.byokwatch.impact.Estate.volumeSnapshot;
import static io.byokwatch.impact.Estate.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disk and snapshot events reach the cluster that owns the disk; a set or key change reaches the clusters whose
 * persistent-volume disks use it. The estate: aks-pay (OS disks on des-os) keeps pvc-db in its node resource group on
 * des-data and pvc-logs in rg-storage attached to one of its nodes; aks-web has nothing on des-data; pvc-old sits
 * unattached in rg-storage.
 */
class DataDiskRoutingTest {
    private static final String DISK_WRITE = "Microsoft.Compute/disks/write";
    private static final String SNAPSHOT_WRITE = "Microsoft.Compute/snapshots/write";
    private static final String KEYS = "https://kv-data.vault.azure.net/keys/";

    private final ImpactRouter router = new ImpactRouter();
    private final InMemoryInventory inv = new InMemoryInventory()
            .add(vault(vaultId("kv-data"), "kv-data.vault.azure.net"))
            .add(set("des-os", KEYS + "os-key/1"))
            .add(set("des-data", KEYS + "data-key/1"))
            .add(clusterWithNodes("aks-pay", "des-os"))
            .add(clusterWithNodes("aks-web", "des-os"))
            .add(pvDisk(nodeGroupName("aks-pay"), "pvc-db", "data-db-0", "des-data", null))
            .add(pvDisk("rg-storage", "pvc-logs", "logs-0", "des-data", scaleSetVm(nodeGroupName("aks-pay"))))
            .add(pvDisk("rg-storage", "pvc-old", "old-0", "des-data", null));

    private static Set<ResourceId> clusters(String... names) {
        Set<ResourceId> ids = new TreeSet<>();
        for (String n : names) {
            ids.add(clusterId(n));
        }
        return ids;
    }

    @Test
    void pvDiskWrite_inTheNodeResourceGroup_reachesTheCluster_namingTheClaim() {
        Impact impact = router.route(write(diskId(nodeGroupName("aks-pay"), "pvc-db"), DISK_WRITE), inv);
        assertEquals(clusters("aks-pay"), impact.clusters());
        assertEquals("disk pvc-db (payments/data-db-0) -> 1 cluster", impact.route());
    }

    @Test
    void pvDiskWrite_elsewhere_reachesTheClusterWhoseNodeItIsAttachedTo() {
        Impact impact = router.route(write(diskId("rg-storage", "pvc-logs"), DISK_WRITE), inv);
        assertEquals(clusters("aks-pay"), impact.clusters());
    }

    @Test
    void unattachedDiskElsewhere_reachesNoCluster_andSaysWhy_butIsNotIgnored() {
        Impact impact = router.route(write(diskId("rg-storage", "pvc-old"), DISK_WRITE), inv);
        assertFalse(impact.ignored());
        assertEquals(Set.of(), impact.clusters());
        assertTrue(impact.route().startsWith("disk pvc-old (payments/old-0) -> 0 clusters (no watched cluster's node"),
                impact.route());
    }

    @Test
    void deletedDisk_reachesTheClusterWhoseNodeResourceGroupItSatIn() {
        Impact impact = router.route(delete(diskId(nodeGroupName("aks-web"), "pvc-gone"), "Microsoft.Compute/disks/delete"),
                inv);
        assertEquals(clusters("aks-web"), impact.clusters());
        assertEquals("disk pvc-gone (deleted) -> 1 cluster", impact.route());
    }

    @Test
    void diskThatCannotBeReadForNow_failsTheEvent_forItToBeRedelivered() {
        inv.disksUnavailable("ARM returned 503 Service Unavailable");
        ChangeEvent e = write(diskId("rg-storage", "pvc-logs"), DISK_WRITE);
        RoutingUnavailableException ex = assertThrows(RoutingUnavailableException.class, () -> router.route(e, inv));
        assertTrue(ex.getMessage().contains("the event is retried"), ex.getMessage());
    }

    @Test
    void volumeSnapshotInABackupGroup_reachesTheClusterOfTheDiskItCopies() {
        inv.add(volumeSnapshot("rg-backups", "db-nightly", diskId("rg-storage", "pvc-logs"), null));
        Impact impact = router.route(write(ResourceId.parse(Estate.group("rg-backups")
                + "/providers/Microsoft.Compute/snapshots/db-nightly"), SNAPSHOT_WRITE), inv);
        assertEquals(clusters("aks-pay"), impact.clusters());
        assertEquals("snapshot db-nightly (VolumeSnapshot payments/db-nightly) -> 1 cluster", impact.route());
    }

    @Test
    void setWrite_reachesTheClustersWhosePvDisksUseIt() {
        Impact impact = router.route(write(Estate.setId("des-data"), "Microsoft.Compute/diskEncryptionSets/write"), inv);
        assertEquals(clusters("aks-pay"), impact.clusters());
        assertEquals("disk encryption set des-data -> 0 clusters; PV disks -> 1 cluster", impact.route());
    }

    @Test
    void keyEvent_reachesOsDiskClusters_andPvDiskClusters() {
        Impact impact = router.route(vaultEvent("Microsoft.KeyVault.KeyNearExpiry", vaultId("kv-data"), "data-key",
                KEYS + "data-key/1"), inv);
        assertEquals(clusters("aks-pay"), impact.clusters());
        Impact vaultWide = router.route(write(vaultId("kv-data"), "Microsoft.KeyVault/vaults/write"), inv);
        assertEquals(clusters("aks-pay", "aks-web"), vaultWide.clusters());
        assertEquals("vault kv-data -> 2 disk encryption sets -> 2 clusters; PV disks -> 1 cluster", vaultWide.route());
    }

    @Test
    void setWrite_withoutPvDisksOnIt_keepsTheRouteItAlwaysHad() {
        Impact impact = router.route(write(Estate.setId("des-os"), "Microsoft.Compute/diskEncryptionSets/write"), inv);
        assertEquals("disk encryption set des-os -> 2 clusters", impact.route());
    }
}
