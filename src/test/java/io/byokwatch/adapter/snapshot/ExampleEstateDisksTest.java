package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.DiskEncryption;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example estate's persistent-volume story, as the demo and README tell it: aks-ehr, compliant on its OS disks,
 * keeps its Postgres volume on the platform key, one volume on its own set and one on the claims team's set; a
 * retained volume sits unowned in rg-ehr-archive. Only the health subscription exported its disks.
 */
class ExampleEstateDisksTest {
    private static final SnapshotInventory ESTATE = SnapshotInventory.load(Path.of("examples/estate"));

    private static <T> T found(Lookup<T> lookup) {
        assertInstanceOf(Lookup.Found.class, lookup, () -> "expected found, got " + lookup);
        return lookup.orNull();
    }

    private static ManagedCluster cluster(String name) {
        return ESTATE.clusters().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aksEhr_hasAPlatformKeyVolume_oneOnItsSet_andOneOnAnotherSet() {
        List<ManagedDisk> disks = found(ESTATE.dataDisksOf(cluster("aks-ehr")));
        Map<String, String> keyByClaim = disks.stream().collect(Collectors.toMap(d -> d.claim().pvcName(),
                d -> d.encryption().platformKeyOnly() ? "platform"
                        : d.encryption().diskEncryptionSetId().name()));
        assertEquals(Map.of("data-ehr-postgres-0", "platform", "ehr-documents", "des-ehr", "imaging-cache",
                "des-claims"), keyByClaim);
        assertTrue(disks.stream().allMatch(d -> d.attached() && d.csiCreated()
                && d.encryption().evidence() == DiskEncryption.Evidence.REPORTED));
    }

    @Test
    void theRetainedVolumeInTheArchiveGroup_isAnOrphan() {
        List<ManagedDisk> orphans = found(ESTATE.orphanCsiDisks());
        assertEquals(List.of("data-ehr-postgres-legacy"), orphans.stream().map(d -> d.claim().pvcName()).toList());
    }

    @Test
    void theNightlyVolumeSnapshot_isAksEhrs() {
        List<DiskSnapshot> snaps = found(ESTATE.dataDiskSnapshotsOf(cluster("aks-ehr")));
        assertEquals(List.of("ehr-documents-nightly"), snaps.stream().map(s -> s.volumeSnapshot().name()).toList());
    }

    @Test
    void clustersOfSubscriptionsWithoutDiskExports_sayTheirDisksWereNotChecked() {
        String reason = assertInstanceOf(Lookup.Unknown.class, ESTATE.dataDisksOf(cluster("aks-pay-prod"))).reason();
        assertTrue(reason.contains("az disk list --subscription 6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01"), reason);
        assertEquals(List.of(), found(ESTATE.dataDisksOf(cluster("aks-claims"))),
                "exported for health, and aks-claims has none");
    }
}
