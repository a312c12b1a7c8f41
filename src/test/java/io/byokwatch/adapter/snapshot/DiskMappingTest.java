package io.byokwatch.adapter.snapshot;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.domain.DiskEncryption;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.PersistentVolumeClaimRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.VolumeSnapshotRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static io.byokwatch.adapter.snapshot.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Managed disks and snapshots from every shape byokwatch reads, on real payloads (sources in
 * {@code src/test/resources/snapshot/disks/README.md}): az output of real AKS PV disks, the REST spec's
 * {@code Disk_Create_WithDiskEncryptionSet}, ARM list recordings from cloud-custodian's cassettes, Resource Graph rows
 * and generic stubs.
 */
class DiskMappingTest {
    private static final String DIR = "snapshot/disks/";
    private static final String ZR_SUB = "7d1c0f52-3b8e-4c6a-9f10-2b5e8a4d6c31";

    private static ManagedDisk disk(String file) {
        return ArmMapper.disk(json(DIR + file));
    }

    private static List<JsonObject> items(String file, String wrapper) {
        JsonArray array = json(DIR + file).getAsJsonArray(wrapper);
        return StreamSupport.stream(array.spliterator(), false).map(e -> e.getAsJsonObject()).toList();
    }

    private static Map<String, ManagedDisk> byName(String file, String wrapper) {
        return items(file, wrapper).stream().map(ArmMapper::disk)
                .collect(Collectors.toMap(ManagedDisk::name, Function.identity()));
    }

    @Test
    void azDiskShow_unattachedAksPvDisk_carriesItsClaimAndThePlatformKey() {
        ManagedDisk d = disk("az_disk_show_csi_unattached_lrs.json");
        assertEquals("pvc-96c8f65f-2d4d-4156-b0a2-0d2aa9847e8e", d.name());
        assertEquals("mc_horusrg_horusaks_westeurope", d.resourceGroup());
        assertEquals(ZR_SUB, d.subscriptionId());
        assertEquals("westeurope", d.location());
        assertTrue(d.csiCreated());
        assertEquals(new PersistentVolumeClaimRef("pvc-96c8f65f-2d4d-4156-b0a2-0d2aa9847e8e", "lrs-pvc-azure-disk",
                "disk-test"), d.claim());
        assertEquals(DiskEncryption.reported("EncryptionAtRestWithPlatformKey", null), d.encryption());
        assertTrue(d.encryption().platformKeyOnly());
        assertFalse(d.attached());
        assertNull(d.managedBy());
        assertEquals("Unattached", d.diskState());
        assertEquals(Instant.parse("2024-01-16T13:41:42.9555129Z"), d.timeCreated());
        assertEquals("Paolo Salvatori", d.tags().get("supportedBy"), "user tags merged in by the driver stay");
        assertEquals("disk pvc-96c8f65f-2d4d-4156-b0a2-0d2aa9847e8e (disk-test/lrs-pvc-azure-disk)", d.describe());
    }

    @Test
    void azDiskShow_attachedAksPvDisk_namesTheScaleSetVmItIsAttachedTo() {
        ManagedDisk d = disk("az_disk_show_csi_attached_zrs.json");
        assertTrue(d.attached());
        assertEquals(ResourceId.parse("/subscriptions/" + ZR_SUB + "/resourceGroups/mc_horusrg_horusaks_westeurope"
                + "/providers/Microsoft.Compute/virtualMachineScaleSets/aks-user-27342081-vmss/virtualMachines"
                + "/aks-user-27342081-vmss_1"), d.managedBy(), "ids compare case-insensitively");
        assertEquals(List.of(d.managedBy()), d.attachedTo());
        assertEquals("Attached", d.diskState());
        assertEquals("zrs-pvc-azure-disk", d.claim().pvcName());
    }

    @Test
    void resourceGraphRow_mapsToTheSameDiskAsAzDiskShow() {
        ManagedDisk graph = ArmMapper.disk(items("graph_disk_csi_attached_zrs.json", "data").get(0));
        assertEquals(disk("az_disk_show_csi_attached_zrs.json"), graph);
        assertEquals(ResourceKind.MANAGED_DISK, ArmMapper.kindOf(items("graph_disk_csi_attached_zrs.json", "data").get(0)));
    }

    @Test
    void restDiskCreatedWithASet_withoutAType_isACustomerKeyThroughThatSet() {
        ManagedDisk d = disk("rest_disk_create_with_des_200_2025-01-02.json");
        assertEquals(DiskEncryption.Evidence.REPORTED, d.encryption().evidence());
        assertNull(d.encryption().type(), "the spec example sends the set without a type");
        assertEquals(DiskEncryption.KeyKind.CUSTOMER, d.encryption().keyKind());
        assertTrue(d.encryption().usesCustomerKey());
        assertEquals("{existing-diskEncryptionSet-name}", d.encryption().diskEncryptionSetId().name());
        assertFalse(d.csiCreated(), "no CSI tag");
        assertNull(d.claim());
        assertEquals("disk myDisk", d.describe());
    }

    @Test
    void restDiskStillProvisioning_withoutAnEncryptionBlock_isNotTakenForAPlatformKey() {
        ManagedDisk d = disk("rest_disk_create_with_des_202_2025-01-02.json");
        assertFalse(d.encryption().known(), "the 202 body omits the block the request asked for");
        assertEquals(DiskEncryption.KeyKind.NOT_KNOWN, d.encryption().keyKind());
    }

    @Test
    void armDiskList2020_customerKeyDisks_platformKeyDisks_andTheirAttachments() {
        Map<String, ManagedDisk> disks = byName("arm_disk_list_cmk_pmk_2020-09-30.json", "value");
        assertEquals(10, disks.size());
        ManagedDisk cmk = disks.get("JamisonsCMKDisk");
        assertEquals(DiskEncryption.KeyKind.CUSTOMER, cmk.encryption().keyKind());
        assertEquals("CMKEncryptionSet", cmk.encryption().diskEncryptionSetId().name());
        assertFalse(cmk.attached());
        ManagedDisk os = disks.get("JamisonTestVM_OsDisk_1_0217b3db61cb4bf6bbfbe1bbddadf4d4");
        assertTrue(os.attached(), "Reserved: attached to a deallocated VM");
        assertEquals("Reserved", os.diskState());
        assertTrue(os.managedBy().isType("Microsoft.Compute/virtualMachines"));
        assertEquals(cmk.encryption().diskEncryptionSetId(), os.encryption().diskEncryptionSetId());
        ManagedDisk pmk = disks.get("UnattachedDiskExample2");
        assertTrue(pmk.encryption().platformKeyOnly());
        assertEquals(DiskEncryption.Evidence.REPORTED, pmk.encryption().evidence());
        assertTrue(disks.get("kirill-ubuntu_OsDisk_1_4ae3b459e62c43d18a2051a92ab91c41").tags().values().isEmpty(),
                "a disk without tags has none, not an error");
        assertTrue(disks.values().stream().noneMatch(ManagedDisk::csiCreated));
    }

    @Test
    void armDiskList2018_fullBodiesWithoutAnEncryptionBlock_getThePlatformKeyByDefault_andSaySo() {
        Map<String, ManagedDisk> disks = byName("arm_disk_list_without_encryption_2018-09-30.json", "value");
        for (ManagedDisk d : disks.values()) {
            assertEquals(DiskEncryption.PLATFORM_KEY_BY_DEFAULT, d.encryption(), d.name());
            assertEquals(DiskEncryption.Evidence.FULL_RECORD_WITHOUT_BLOCK, d.encryption().evidence());
            assertTrue(d.encryption().platformKeyOnly());
        }
        assertTrue(disks.get("cctestvm_disk2_977a393608a8458f960a28f8000151d7").attached());
    }

    @Test
    void azResourceListStub_knowsTheDiskAndItsClaim_butNotItsEncryption() {
        List<JsonObject> rows = StreamSupport.stream(Fixtures.parse("{\"a\":" + Fixtures.text(DIR
                + "az_resource_list_disk_stub.json") + "}").getAsJsonArray("a").spliterator(), false)
                .map(e -> e.getAsJsonObject()).toList();
        ManagedDisk stub = ArmMapper.disk(rows.get(0));
        assertEquals(DiskEncryption.NOT_IN_RECORD, stub.encryption());
        assertFalse(stub.encryption().known());
        assertFalse(stub.encryption().platformKeyOnly(), "a stub is never read as a platform-key disk");
        assertFalse(stub.encryption().usesCustomerKey());
        assertTrue(stub.csiCreated());
        assertEquals("lrs-pvc-azure-disk", stub.claim().pvcName());
        assertNull(stub.diskState());
        assertEquals(disk("az_disk_show_csi_unattached_lrs.json").id(), stub.id());
    }

    @Test
    void restIncrementalSnapshot_namesTheDiskItCopies() {
        DiskSnapshot s = ArmMapper.diskSnapshot(json(DIR + "rest_snapshot_get_incremental_2025-01-02.json"));
        assertEquals("myIncrementalSnapshot", s.name());
        assertEquals("myDisk", s.sourceResourceId().name());
        assertEquals(s.sourceResourceId(), s.sourceDiskId());
        assertEquals(Boolean.TRUE, s.incremental());
        assertTrue(s.encryption().platformKeyOnly());
        assertFalse(s.csiCreated());
        assertNull(s.volumeSnapshot());
        assertEquals(Instant.parse("2016-12-28T04:41:35.079872Z"), s.timeCreated());
    }

    @Test
    void azSnapshotShow_ofAVolumeSnapshot_carriesItsNameNamespaceAndSourceDisk() {
        JsonObject o = json(DIR + "az_snapshot_show_csi_volumesnapshot.json");
        assertEquals(ResourceKind.DISK_SNAPSHOT, ArmMapper.kindOf(o));
        DiskSnapshot s = ArmMapper.diskSnapshot(o);
        assertTrue(s.csiCreated());
        assertEquals(new VolumeSnapshotRef("zrs-nightly", "disk-test"), s.volumeSnapshot());
        assertEquals(disk("az_disk_show_csi_attached_zrs.json").id(), s.sourceDiskId());
        assertEquals(DiskEncryption.reported("EncryptionAtRestWithPlatformKey", null), s.encryption(),
                "az prints diskEncryptionSetId: null, which is no set");
        assertEquals("snapshot snapshot-6e1b2f0c-4a7d-4c3e-9b51-0d8f2a6c7e19 (VolumeSnapshot disk-test/zrs-nightly)",
                s.describe());
    }

    @Test
    void snapshotWithoutCreationData_findsItsDiskInTheDriversSourceVolumeTag() {
        JsonObject o = json(DIR + "az_snapshot_show_csi_volumesnapshot.json");
        o.remove("creationData");
        DiskSnapshot s = ArmMapper.diskSnapshot(o);
        assertNull(s.sourceResourceId());
        assertEquals(disk("az_disk_show_csi_attached_zrs.json").id(), s.sourceDiskId());
    }

    @Test
    void legacyInTreeCreatedByTag_andAnyTagNameCase_countAsCsiCreated() {
        JsonObject legacy = json(DIR + "az_disk_show_csi_unattached_lrs.json");
        JsonObject tags = legacy.getAsJsonObject("tags");
        tags.remove("k8s-azure-created-by");
        tags.addProperty("created-by", "kubernetes-azure-dd");
        assertTrue(ArmMapper.disk(legacy).csiCreated());
        JsonObject cased = json(DIR + "az_disk_show_csi_unattached_lrs.json");
        cased.getAsJsonObject("tags").remove("k8s-azure-created-by");
        cased.getAsJsonObject("tags").addProperty("K8S-Azure-Created-By", "Kubernetes-Azure-DD");
        assertTrue(ArmMapper.disk(cased).csiCreated());
        JsonObject other = json(DIR + "az_disk_show_csi_unattached_lrs.json");
        other.getAsJsonObject("tags").addProperty("k8s-azure-created-by", "kubernetes-azure-file");
        assertFalse(ArmMapper.disk(other).csiCreated(), "Azure Files' tag value is not a disk driver's");
    }

    @Test
    void sharedDisk_isAttachedToEveryMachineInManagedByExtended() {
        JsonObject o = json(DIR + "az_disk_show_csi_attached_zrs.json");
        JsonArray extended = new JsonArray();
        extended.add(o.get("managedBy").getAsString());
        extended.add(o.get("managedBy").getAsString().replace("vmss_1", "vmss_2"));
        o.add("managedByExtended", extended);
        ManagedDisk d = ArmMapper.disk(o);
        assertEquals(2, d.attachedTo().size(), "managedBy is listed once");
    }

    @Test
    void unreadableValues_nameTheField() {
        JsonObject badOwner = json(DIR + "az_disk_show_csi_attached_zrs.json");
        badOwner.addProperty("managedBy", "aks-user-27342081-vmss_1");
        assertEquals("managedBy: expected an Azure resource id (/subscriptions/...), got \"aks-user-27342081-vmss_1\"",
                assertThrows(SnapshotFormatException.class, () -> ArmMapper.disk(badOwner)).getMessage());
        JsonObject badBlock = json(DIR + "rest_disk_create_with_des_200_2025-01-02.json");
        badBlock.getAsJsonObject("properties").addProperty("encryption", "EncryptionAtRestWithCustomerKey");
        assertTrue(assertThrows(SnapshotFormatException.class, () -> ArmMapper.disk(badBlock)).getMessage()
                .startsWith("properties.encryption: expected a JSON object"));
        JsonObject notADisk = json(DIR + "az_disk_show_csi_attached_zrs.json");
        notADisk.addProperty("id", "/subscriptions/" + ZR_SUB + "/resourceGroups/rg/providers/Microsoft.Compute/snapshots/s");
        assertTrue(assertThrows(SnapshotFormatException.class, () -> ArmMapper.disk(notADisk)).getMessage()
                .startsWith("id: expected a Microsoft.Compute/disks id"));
    }

    @Test
    void loader_readsEveryDiskShape_withoutProblems() {
        Snapshot s = SnapshotLoader.load(Fixtures.path(DIR));
        assertEquals(List.of(), s.problems());
        assertEquals(1 + 1 + 1 + 1 + 10 + 2 + 1 + 1, s.disks().size());
        assertEquals(2, s.diskSnapshots().size());
        assertFalse(s.skippedTypes().containsKey("microsoft.compute/disks"));
    }
}
