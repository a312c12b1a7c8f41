package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import static io.byokwatch.adapter.snapshot.Fixtures.corpus;
import static io.byokwatch.adapter.snapshot.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disks and snapshots in a file inventory: which cluster owns which PV disk, what is an orphan, and "disks were not
 * exported" kept apart from "exported, and this cluster has none". The disks are the real AKS PV disks of
 * {@code snapshot/disks/} (node resource group {@code mc_horusrg_horusaks_westeurope}).
 */
class SnapshotInventoryDisksTest {
    private static final String DIR = "snapshot/disks/";
    private static final String SUB = "7d1c0f52-3b8e-4c6a-9f10-2b5e8a4d6c31";
    private static final String OTHER_SUB = "0c5a1e7d-2b9f-4e36-8d41-6f3a0b2c9e17";

    @TempDir
    Path dir;

    /** The corpus cluster, moved to the subscription of the fixture disks with their node resource group. */
    private static JsonObject horusCluster(String sub, String nodeResourceGroup) {
        JsonObject c = corpus("aks_managedcluster_get_with_des_2026-08-01.json");
        c.addProperty("id", "/subscriptions/" + sub + "/resourceGroups/HorusRG/providers/Microsoft.ContainerService"
                + "/managedClusters/HorusAks");
        c.addProperty("name", "HorusAks");
        if (nodeResourceGroup == null) {
            c.getAsJsonObject("properties").remove("nodeResourceGroup");
        } else {
            c.getAsJsonObject("properties").addProperty("nodeResourceGroup", nodeResourceGroup);
        }
        return c;
    }

    private void write(String name, Object json) throws IOException {
        Files.writeString(dir.resolve(name), json.toString());
    }

    private void copy(String fixture) throws IOException {
        Files.copy(Fixtures.path(DIR + fixture), dir.resolve(fixture));
    }

    private SnapshotInventory inventory() {
        return SnapshotInventory.load(dir);
    }

    private static <T> T found(Lookup<T> lookup) {
        assertInstanceOf(Lookup.Found.class, lookup, () -> "expected found, got " + lookup);
        return lookup.orNull();
    }

    private static String unknown(Lookup<?> lookup) {
        return assertInstanceOf(Lookup.Unknown.class, lookup, () -> "expected unknown, got " + lookup).reason();
    }

    private static List<String> names(List<ManagedDisk> disks) {
        return disks.stream().map(ManagedDisk::name).toList();
    }

    @Test
    void pvDisksInTheNodeResourceGroup_attachedOrNot_belongToTheCluster() throws IOException {
        write("cluster.json", horusCluster(SUB, "MC_HorusRG_HorusAks_westeurope"));
        copy("az_disk_show_csi_unattached_lrs.json");
        copy("az_disk_show_csi_attached_zrs.json");
        SnapshotInventory inv = inventory();
        ManagedCluster horus = inv.clusters().get(0);
        assertEquals(List.of("pvc-8d19543a-e725-4b80-b304-2150895e7559", "pvc-96c8f65f-2d4d-4156-b0a2-0d2aa9847e8e"),
                names(found(inv.dataDisksOf(horus))));
        assertEquals(List.of(), found(inv.orphanCsiDisks()));
        assertEquals(List.of(horus), inv.clustersWithNodeResourceGroups(List.of(ResourceId.parse(
                "/subscriptions/" + SUB + "/resourceGroups/mc_horusrg_horusaks_westeurope"))));
    }

    @Test
    void noDisksExported_isUnknown_sayingWhatToAdd() throws IOException {
        write("cluster.json", horusCluster(SUB, "MC_HorusRG_HorusAks_westeurope"));
        SnapshotInventory inv = inventory();
        String reason = unknown(inv.dataDisksOf(inv.clusters().get(0)));
        assertEquals("no managed disks from subscription " + SUB + " are in the inventory, so the persistent-volume"
                + " disks of cluster HorusAks were not checked; add the output of az disk list --subscription " + SUB
                + " (or the Resource Graph query in the README)", reason);
        assertTrue(unknown(inv.orphanCsiDisks()).startsWith("no managed disks are in the inventory"));
        assertTrue(unknown(inv.dataDisksUsingDiskEncryptionSets(List.of())).startsWith("no managed disks"));
        assertTrue(unknown(inv.dataDiskSnapshotsOf(inv.clusters().get(0))).startsWith("no disk snapshots from"));
    }

    @Test
    void disksExportedForTheSubscription_butNoneOfTheClusters_isAnEmptyAnswer() throws IOException {
        write("cluster.json", horusCluster(SUB, "MC_HorusRG_OtherAks_westeurope"));
        copy("az_disk_show_csi_unattached_lrs.json");
        SnapshotInventory inv = inventory();
        assertEquals(List.of(), found(inv.dataDisksOf(inv.clusters().get(0))));
        assertEquals(List.of("pvc-96c8f65f-2d4d-4156-b0a2-0d2aa9847e8e"), names(found(inv.orphanCsiDisks())),
                "an unattached CSI disk no cluster owns is an orphan, not guessed onto the only cluster");
    }

    @Test
    void disksOfAnotherSubscriptionOnly_leaveTheClustersDisksUnknown() throws IOException {
        write("cluster.json", horusCluster(OTHER_SUB, "MC_HorusRG_HorusAks_westeurope"));
        copy("az_disk_show_csi_unattached_lrs.json");
        SnapshotInventory inv = inventory();
        assertTrue(unknown(inv.dataDisksOf(inv.clusters().get(0))).startsWith("no managed disks from subscription "
                + OTHER_SUB));
    }

    @Test
    void clusterRecordWithoutNodeResourceGroup_cannotBeToldItsDisks() throws IOException {
        write("cluster.json", horusCluster(SUB, null));
        copy("az_disk_show_csi_unattached_lrs.json");
        SnapshotInventory inv = inventory();
        assertTrue(unknown(inv.dataDisksOf(inv.clusters().get(0))).contains("its record has no nodeResourceGroup"));
    }

    @Test
    void diskPointRead_absentOnlyWhenItsSubscriptionsDisksWereExported() throws IOException {
        copy("az_disk_show_csi_unattached_lrs.json");
        SnapshotInventory inv = inventory();
        ManagedDisk lrs = found(inv.disk(ResourceId.parse(inv.snapshot().disks().get(0).id().toString().toUpperCase())));
        assertEquals("pvc-96c8f65f-2d4d-4156-b0a2-0d2aa9847e8e", lrs.name());
        Lookup<ManagedDisk> gone = inv.disk(ResourceId.parse("/subscriptions/" + SUB
                + "/resourceGroups/mc_horusrg_horusaks_westeurope/providers/Microsoft.Compute/disks/pvc-gone"));
        assertEquals("managed disk pvc-gone is not among the 1 managed disk exported for subscription " + SUB,
                assertInstanceOf(Lookup.Absent.class, gone).evidence());
        assertTrue(unknown(inv.disk(ResourceId.parse("/subscriptions/" + OTHER_SUB
                + "/resourceGroups/rg/providers/Microsoft.Compute/disks/d"))).contains("az disk list --subscription"));
    }

    @Test
    void stubAndFullRecordOfOneDisk_keepTheFullOne_whicheverFileComesLater() throws IOException {
        copy("az_disk_show_csi_unattached_lrs.json");
        Files.copy(Fixtures.path(DIR + "az_resource_list_disk_stub.json"), dir.resolve("zz-resources.json"));
        SnapshotInventory inv = inventory();
        assertEquals(2, inv.snapshot().disks().size());
        ManagedDisk merged = found(inv.disk(inv.snapshot().disks().get(0).id()));
        assertTrue(merged.encryption().known(), "the stub sorts later but knows less");
    }

    @Test
    void setUsers_arePvDisksOnTheSet_notOtherDisks() throws IOException {
        copy("arm_disk_list_cmk_pmk_2020-09-30.json");
        ResourceId set = ResourceId.parse("/subscriptions/5c0b9d2e-7f41-4a8e-b6d3-91e2f0a7c845/resourceGroups"
                + "/jamison-policy-testing/providers/Microsoft.Compute/diskEncryptionSets/cmkencryptionset");
        JsonObject pv = json(DIR + "az_disk_show_csi_unattached_lrs.json");
        JsonObject encryption = new JsonObject();
        encryption.addProperty("type", "EncryptionAtRestWithCustomerKey");
        encryption.addProperty("diskEncryptionSetId", set.toString().toUpperCase(Locale.ROOT));
        pv.add("encryption", encryption);
        write("pv.json", pv);
        SnapshotInventory inv = inventory();
        assertEquals(List.of("pvc-96c8f65f-2d4d-4156-b0a2-0d2aa9847e8e"),
                names(found(inv.dataDisksUsingDiskEncryptionSets(List.of(set)))),
                "the VM disks on the set are no persistent volumes");
        assertEquals(List.of("pvc-96c8f65f-2d4d-4156-b0a2-0d2aa9847e8e"), names(found(inv.orphanCsiDisks())));
    }

    @Test
    void volumeSnapshots_belongToTheClusterOfTheirDisk() throws IOException {
        write("cluster.json", horusCluster(SUB, "MC_HorusRG_HorusAks_westeurope"));
        copy("az_disk_show_csi_attached_zrs.json");
        copy("az_snapshot_show_csi_volumesnapshot.json");
        JsonObject elsewhere = json(DIR + "az_snapshot_show_csi_volumesnapshot.json");
        elsewhere.addProperty("id", "/subscriptions/" + OTHER_SUB + "/resourceGroups/rg-backups/providers/Microsoft"
                + ".Compute/snapshots/copied-elsewhere");
        elsewhere.addProperty("name", "copied-elsewhere");
        JsonArray list = new JsonArray();
        list.add(elsewhere);
        write("snapshots-elsewhere.json", list);
        SnapshotInventory inv = inventory();
        List<DiskSnapshot> snaps = found(inv.dataDiskSnapshotsOf(inv.clusters().get(0)));
        assertEquals(Set.of("snapshot-6e1b2f0c-4a7d-4c3e-9b51-0d8f2a6c7e19", "copied-elsewhere"),
                snaps.stream().map(DiskSnapshot::name).collect(Collectors.toSet()),
                "the one in another group belongs through the disk it copies");
        assertEquals(List.of(), found(inv.dataDiskSnapshotsUsingDiskEncryptionSets(List.of())), "both are on the platform key");
    }
}
