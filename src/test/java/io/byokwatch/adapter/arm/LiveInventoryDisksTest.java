package io.byokwatch.adapter.arm;

import com.google.gson.JsonObject;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.DiskSnapshot;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.policy.Policy;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.catalog.DesNotFoundRule;
import io.byokwatch.rules.catalog.PvDiskPlatformKeyRule;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static io.byokwatch.adapter.arm.Harness.SUB_B;
import static io.byokwatch.adapter.arm.Harness.SUB_C;
import static io.byokwatch.adapter.arm.Harness.clusterId;
import static io.byokwatch.adapter.arm.Harness.groupId;
import static io.byokwatch.adapter.arm.Harness.scaleSetVm;
import static io.byokwatch.adapter.arm.Harness.setId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Persistent-volume disks through the live inventory against the fake ARM: Resource Graph across the watched
 * subscriptions for CSI-tagged disks, attribution by node resource group and by the machine a disk is attached to,
 * fresh ARM reads of the disk an event is about, and one query for all clusters in a sweep.
 */
class LiveInventoryDisksTest extends OnFakeArm {
    private static final ResourceId PAY = clusterId(SUB_A, "aks-pay");
    private static final ResourceId NODES = groupId(SUB_A, Harness.nodeResourceGroup(PAY));
    private static final ResourceId STORAGE = groupId(SUB_B, "rg-storage");
    private static final ResourceId SET = setId(SUB_A, "des-data");

    private static ResourceId diskId(ResourceId group, String name) {
        return ResourceId.parse(group + "/providers/Microsoft.Compute/disks/" + name);
    }

    private static <T> T found(Lookup<T> lookup) {
        assertInstanceOf(Lookup.Found.class, lookup, () -> "expected found, got " + lookup);
        return lookup.orNull();
    }

    private static List<String> names(List<ManagedDisk> disks) {
        return disks.stream().map(ManagedDisk::name).toList();
    }

    /** aks-pay with: a PV disk in its node group, one elsewhere attached to its node, and disks that are not its. */
    private ManagedCluster payEstate() {
        fake.put(Harness.cluster(PAY, null));
        fake.put(Harness.disk(NODES, "pvc-in-nodes", null, null, "data-db-0"));
        fake.put(Harness.disk(STORAGE, "pvc-attached", SET, scaleSetVm(NODES, 1), "data-db-1"));
        fake.put(Harness.disk(STORAGE, "pvc-orphan", SET, null, "old-claim"));
        fake.put(Harness.disk(NODES, "aks-user-27342081-vmss_1_OsDisk", null, scaleSetVm(NODES, 1), null));
        fake.put(Harness.disk(groupId(SUB_B, Harness.nodeResourceGroup(PAY)), "pvc-namesake", null, null, "x"));
        return h.inventory().cluster(PAY).orNull();
    }

    @Test
    void clustersPvDisks_byNodeGroupAndByAttachment_notOsDisksNorNamesakes_inOnePageSharedByLaterAsks() {
        ManagedCluster pay = payEstate();
        LiveInventory inventory = h.inventory();
        int getsBefore = fake.armGets().size();

        List<ManagedDisk> disks = found(inventory.dataDisksOf(pay));
        found(inventory.dataDisksOf(pay));

        assertEquals(Set.of("pvc-in-nodes", "pvc-attached"), Set.copyOf(names(disks)));
        assertEquals("data-db-1", disks.stream().filter(d -> d.name().equals("pvc-attached")).findFirst().orElseThrow()
                .claim().pvcName());
        assertEquals(1, fake.graphRequests().size(), "one page for the cluster, the second ask from the cache");
        String query = fake.graphRequests().get(0).json().get("query").getAsString();
        assertTrue(query.contains("microsoft.compute/disks") && query.contains("kubernetes-azure-dd"), query);
        assertEquals(List.of(SUB_A, SUB_B), List.of(fake.graphRequests().get(0).json().getAsJsonArray("subscriptions")
                .get(0).getAsString(), fake.graphRequests().get(0).json().getAsJsonArray("subscriptions").get(1)
                .getAsString()), "across the watched subscriptions, as a StorageClass may put disks in either");
        assertEquals(getsBefore, fake.armGets().size(), "the listing reads no disk from ARM");
    }

    @Test
    void clusterWithoutAPvDisk_isAnEmptyAnswer_notUnknown() {
        fake.put(Harness.cluster(PAY, null));
        assertEquals(List.of(), found(h.inventory().dataDisksOf(h.inventory().cluster(PAY).orNull())));
    }

    @Test
    void theDiskAnEventIsAbout_isReadFromArm_whateverTheLaggingGraphListingSays() {
        ManagedCluster pay = payEstate();
        LiveInventory inventory = h.inventory();
        found(inventory.dataDisksOf(pay));
        // a PV created after the (cached) listing, one deleted, one re-keyed: Resource Graph has not caught up
        JsonObject created = fake.put(Harness.disk(NODES, "pvc-new", null, null, "data-db-2"));
        fake.remove(diskId(NODES, "pvc-in-nodes"));
        fake.put(Harness.disk(STORAGE, "pvc-attached", null, scaleSetVm(NODES, 1), "data-db-1"));
        h.clock.advance(Duration.ofSeconds(1));
        int graphBefore = fake.graphRequests().size();
        int getsBefore = fake.armGets().size();

        Inventory view = inventory.freshFor(ResourceId.parse(created.get("id").getAsString()), h.clock.instant())
                .freshFor(diskId(NODES, "pvc-in-nodes"), h.clock.instant())
                .freshFor(diskId(STORAGE, "pvc-attached"), h.clock.instant());
        List<ManagedDisk> disks = found(view.dataDisksOf(pay));

        assertEquals(Set.of("pvc-new", "pvc-attached"), Set.copyOf(names(disks)));
        assertTrue(disks.stream().filter(d -> d.name().equals("pvc-attached")).findFirst().orElseThrow().encryption()
                .platformKeyOnly(), "the re-keyed disk as ARM has it now");
        assertEquals(graphBefore, fake.graphRequests().size(), "the listing came from the cache");
        assertEquals(getsBefore + 3, fake.armGets().size(), "one ARM read per changed disk");
        found(view.dataDisksOf(pay));
        assertEquals(getsBefore + 3, fake.armGets().size(), "the view answers its changed disks once");
    }

    @Test
    void aSweep_readsEveryClustersDisksInOneQuery() {
        for (int i = 0; i < 5; i++) {
            ResourceId c = clusterId(i % 2 == 0 ? SUB_A : SUB_B, "aks-" + i);
            fake.put(Harness.cluster(c, null));
            ResourceId nodes = groupId(c.subscriptionId(), Harness.nodeResourceGroup(c));
            fake.put(Harness.disk(nodes, "pvc-" + i, null, null, "claim-" + i));
        }
        LiveInventory inventory = h.inventory();

        List<ManagedCluster> clusters = inventory.clusters();
        for (ManagedCluster c : clusters) {
            assertEquals(List.of("pvc-" + c.name().substring(4)), names(found(inventory.dataDisksOf(c))));
        }

        assertEquals(2, fake.graphRequests().size(), "clusters, then every CSI disk at once");
    }

    @Test
    void orphans_areCsiDisksNoWatchedClusterOwns() {
        payEstate();
        List<ManagedDisk> orphans = found(h.inventory().orphanCsiDisks());
        assertEquals(List.of("pvc-namesake", "pvc-orphan"), names(orphans).stream().sorted().toList(),
                "the namesake sits in a group of that name in another subscription, which is no cluster's");
    }

    @Test
    void pvDisksAndSnapshotsBehindASet_areFoundWhateverTheIdsCase_notOtherDisksOnIt() {
        payEstate();
        fake.put(Harness.volumeSnapshot(STORAGE, "snap-1", diskId(STORAGE, "pvc-attached"), SET));
        fake.put(Harness.disk(STORAGE, "vm-data-disk", SET, null, null));
        ResourceId upper = ResourceId.parse(SET.toString().toUpperCase(Locale.ROOT));
        LiveInventory inventory = h.inventory();
        assertEquals(List.of("pvc-attached", "pvc-orphan"),
                names(found(inventory.dataDisksUsingDiskEncryptionSets(List.of(upper)))));
        assertEquals(List.of("snap-1"), found(inventory.dataDiskSnapshotsUsingDiskEncryptionSets(List.of(upper)))
                .stream().map(DiskSnapshot::name).toList());
        assertEquals(1, fake.graphRequests().size(), "one query answers both");
    }

    @Test
    void clustersByNodeResourceGroup_matchTheSubscriptionToo() {
        payEstate();
        fake.put(Harness.cluster(clusterId(SUB_B, "aks-pay"), null));
        List<ManagedCluster> owners = h.inventory().clustersWithNodeResourceGroups(List.of(
                groupId(SUB_A, Harness.nodeResourceGroup(PAY).toUpperCase(Locale.ROOT))));
        assertEquals(List.of(PAY), owners.stream().map(ManagedCluster::id).toList());
    }

    @Test
    void volumeSnapshots_ofTheClustersDisks_inTheNodeGroupOrElsewhere() {
        ManagedCluster pay = payEstate();
        fake.put(Harness.volumeSnapshot(NODES, "snap-in-nodes", diskId(NODES, "pvc-in-nodes"), null));
        fake.put(Harness.volumeSnapshot(groupId(SUB_B, "rg-backups"), "snap-of-attached", diskId(STORAGE, "pvc-attached"),
                SET));
        fake.put(Harness.volumeSnapshot(groupId(SUB_B, "rg-backups"), "snap-of-orphan", diskId(STORAGE, "pvc-orphan"),
                SET));
        List<DiskSnapshot> snaps = found(h.inventory().dataDiskSnapshotsOf(pay));
        assertEquals(List.of("snap-in-nodes", "snap-of-attached"), snaps.stream().map(DiskSnapshot::name).sorted().toList());
    }

    @Test
    void aLoneClustersDisksAndItsNodeGroupsSnapshots_costOneQuery_withNoRowsOfOneTypeTakenForTheOther() {
        ManagedCluster pay = payEstate();
        fake.put(Harness.volumeSnapshot(NODES, "snap-in-nodes", diskId(NODES, "pvc-in-nodes"), null));
        LiveInventory inventory = h.inventory();
        List<ManagedDisk> disks = found(inventory.dataDisksOf(pay));
        List<DiskSnapshot> snaps = found(inventory.dataDiskSnapshotsOf(pay));
        assertTrue(disks.stream().noneMatch(d -> d.name().startsWith("snap-")), disks.toString());
        assertEquals(List.of("snap-in-nodes"), snaps.stream().map(DiskSnapshot::name).toList());
        // the one disk outside the node group asks for its own snapshots: 2 queries, where disks and snapshots took 3
        assertEquals(2, fake.graphRequests().size(), fake.graphRequests().toString());
    }

    @Test
    void diskPointReads_foundAbsentOrUnknownWithThePermissionToGrant() {
        payEstate();
        LiveInventory inventory = h.inventory();
        assertEquals("pvc-in-nodes", found(inventory.disk(diskId(NODES, "pvc-in-nodes"))).name());
        assertInstanceOf(Lookup.Absent.class, inventory.disk(diskId(NODES, "pvc-gone")));
        fake.forbid(diskId(STORAGE, "pvc-orphan"));
        String reason = assertInstanceOf(Lookup.Unknown.class, inventory.disk(diskId(STORAGE, "pvc-orphan"))).reason();
        assertTrue(reason.contains("Microsoft.Compute/disks/read"), reason);
        assertTrue(fake.armGets().stream().filter(r -> r.path().contains("/disks/"))
                .allMatch(r -> r.query().get("api-version").equals(ApiVersions.DISKS)));
    }

    @Test
    void graphThatCannotAnswer_leavesTheDisksUnavailable_forTheEventToBeRetried() {
        ManagedCluster pay = payEstate();
        fake.scriptGraph(FakeArm.Reply.status(400, "BadRequest"));
        Lookup<List<ManagedDisk>> answer = h.inventory().dataDisksOf(pay);
        Lookup.Unknown<?> u = assertInstanceOf(Lookup.Unknown.class, answer);
        assertTrue(u.retryable(), u.reason());
    }

    @Test
    void anUnreadableDiskOfTheCluster_makesItsDisksUnknown_notShorter() {
        ManagedCluster pay = payEstate();
        JsonObject broken = Harness.disk(NODES, "pvc-broken", null, null, "data-db-9");
        broken.addProperty("managedBy", "not an id");
        fake.put(broken);
        String reason = assertInstanceOf(Lookup.Unknown.class, h.inventory().dataDisksOf(pay)).reason();
        assertTrue(reason.contains("pvc-broken"), reason);
    }

    @Test
    void watchedScopesOnly_aDiskInAnUnwatchedSubscriptionIsNotListed() {
        ManagedCluster pay = payEstate();
        fake.put(Harness.disk(groupId(SUB_C, "rg-far"), "pvc-far", null, scaleSetVm(NODES, 2), "far"));
        assertEquals(2, found(h.inventory().dataDisksOf(pay)).size());
    }
    @Test
    void liveEvaluation_aPlatformKeyPvc_isAFinding_andAPvcOnAMissingSet_failsThatSetsDataDiskChain() {
        ManagedCluster pay = payEstate();
        ClusterVerdict v = new ClusterEvaluator(RuleCatalog.standard()).evaluate(pay, h.inventory(), Policy.DEFAULT,
                h.clock.instant());
        Finding platform = v.findings().stream().filter(f -> f.ruleId().equals(PvDiskPlatformKeyRule.ID)).findFirst()
                .orElseThrow(() -> new AssertionError(v.findings().toString()));
        assertEquals("pvc-in-nodes", platform.resourceId().name());
        assertTrue(platform.message().contains("data-db-0"), platform.message());
        Finding missingSet = v.findings().stream().filter(f -> f.ruleId().equals(DesNotFoundRule.ID)).findFirst()
                .orElseThrow(() -> new AssertionError(v.findings().toString()));
        assertEquals(SET, missingSet.resourceId());
        assertEquals(List.of("data-disk"), missingSet.keyUse());
        assertEquals(List.of("pvc-attached"), missingSet.volumes().stream().map(KeyConsumer::name).toList());
        assertTrue(v.findings().stream().noneMatch(f -> f.resourceId().name().equals("pvc-orphan")),
                "an orphan is never guessed onto the cluster");
    }

}
