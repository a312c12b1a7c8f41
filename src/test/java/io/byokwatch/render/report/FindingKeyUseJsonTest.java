package io.byokwatch.render.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.app.Scan;
import io.byokwatch.domain.Alert;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.PersistentVolumeClaimRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.VolumeSnapshotRef;
import io.byokwatch.render.NoticeSamples;
import io.byokwatch.render.SchemaCheck;
import io.byokwatch.render.alert.AlertJson;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Findings name the key uses they are about and the volumes they affect, additively in scan and alert JSON. */
class FindingKeyUseJsonTest {
    private static final String SUB = "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01";
    private static final ResourceId SET = ResourceId.parse("/subscriptions/" + SUB
            + "/resourceGroups/rg-keys/providers/Microsoft.Compute/diskEncryptionSets/des-shared");
    private static final ResourceId AKS_A = ResourceId.parse("/subscriptions/" + SUB
            + "/resourceGroups/rg-a/providers/Microsoft.ContainerService/managedClusters/aks-a");
    private static final ResourceId AKS_B = ResourceId.parse("/subscriptions/" + SUB
            + "/resourceGroups/rg-b/providers/Microsoft.ContainerService/managedClusters/aks-b");
    private static final ResourceId DISK = ResourceId.parse("/subscriptions/" + SUB
            + "/resourceGroups/MC_rg-b_aks-b_westeurope/providers/Microsoft.Compute/disks/pvc-6b1e");
    private static final ResourceId SNAPSHOT = ResourceId.parse("/subscriptions/" + SUB
            + "/resourceGroups/MC_rg-b_aks-b_westeurope/providers/Microsoft.Compute/snapshots/snapshot-77aa");
    private static final KeyConsumer PV = new KeyConsumer(DISK, KeyConsumer.Kind.DISK, "pvc-6b1e",
            new PersistentVolumeClaimRef("pvc-6b1e", "data-postgres-0", "ehr"), null);
    private static final KeyConsumer SNAP = new KeyConsumer(SNAPSHOT, KeyConsumer.Kind.SNAPSHOT, "snapshot-77aa", null,
            new VolumeSnapshotRef("nightly", "ehr"));

    private static Finding setFinding(List<String> keyUse, List<KeyConsumer> volumes) {
        return new Finding("des-key-unavailable", Severity.CRITICAL, SET, "Key unavailable",
                "Disk encryption set des-shared uses key k in vault kv, which is disabled.", "Enable the key.",
                Map.of("enabled", false), List.of("PCI DSS v4.0 3.6"), keyUse, volumes);
    }

    @Test
    void aSetBehindOneClustersNodeDisksAndAnothersVolumes_isOneFindingNamingBothKeyUsesAndTheVolumes() {
        ClusterVerdict a = new ClusterVerdict(AKS_A, "aks-a", SUB, ClusterStatus.NONCOMPLIANT,
                List.of(setFinding(List.of("os-disk"), List.of())), List.of(), List.of());
        ClusterVerdict b = new ClusterVerdict(AKS_B, "aks-b", SUB, ClusterStatus.NONCOMPLIANT,
                List.of(setFinding(List.of("data-disk"), List.of(PV, SNAP))), List.of(), List.of());
        String json = new JsonReportRenderer().render(Scan.report(Instant.parse("2026-12-01T00:00:00Z"), List.of(a, b), List.of()));
        assertEquals(List.of(), SchemaCheck.load(JsonReportRenderer.SCHEMA_RESOURCE).problems(json));
        JsonObject root = JsonParser.parseString(json).getAsJsonObject();
        assertEquals(1, root.get("schemaVersion").getAsInt());
        JsonObject shared = root.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertEquals("[\"os-disk\",\"data-disk\"]", shared.get("keyUse").toString());
        assertEquals(2, shared.getAsJsonArray("clusterIds").size());
        JsonArray volumes = shared.getAsJsonArray("volumes");
        assertEquals("{\"resourceId\":\"" + DISK + "\",\"kind\":\"disk\",\"name\":\"pvc-6b1e\",\"namespace\":\"ehr\","
                + "\"pvcName\":\"data-postgres-0\",\"pvName\":\"pvc-6b1e\"}", volumes.get(0).toString());
        assertEquals("{\"resourceId\":\"" + SNAPSHOT + "\",\"kind\":\"snapshot\",\"name\":\"snapshot-77aa\","
                + "\"namespace\":\"ehr\",\"volumeSnapshotName\":\"nightly\"}", volumes.get(1).toString());
        JsonObject clusterA = root.getAsJsonArray("clusters").get(0).getAsJsonObject().getAsJsonArray("findings").get(0)
                .getAsJsonObject();
        assertEquals("[\"os-disk\"]", clusterA.get("keyUse").toString());
        assertFalse(clusterA.has("volumes"), "a node-disk finding affects no volume");
    }

    @Test
    void aFindingAboutNoKeyUse_leavesBothFieldsOut() {
        Finding plain = new Finding("aks-no-host-encryption", Severity.LOW, AKS_A, "t", "Pool x does not encrypt at host.",
                "Fix.", Map.of(), List.of("FedRAMP"));
        JsonObject o = JsonReportRenderer.finding(plain, null);
        assertFalse(o.has("keyUse"));
        assertFalse(o.has("volumes"));
    }

    @Test
    void alertJson_carriesKeyUseAndVolumes_andReadsThemBack() {
        Alert a = NoticeSamples.opened();
        Alert withVolumes = new Alert(a.alertId(), a.kind(), a.clusterId(), a.clusterName(), a.subscriptionId(), a.status(),
                a.previousStatus(), List.of(setFinding(List.of("os-disk", "data-disk"), List.of(PV, SNAP))),
                a.resolvedFindingKeys(), a.trigger(), a.detectedAt(), a.openSince(), a.sequence(), a.clusterTags());
        AlertJson codec = new AlertJson();
        String json = codec.encode(withVolumes);
        assertEquals(List.of(), SchemaCheck.load(AlertJson.SCHEMA_RESOURCE).problems(json));
        Alert back = codec.decode(json);
        assertEquals(List.of("os-disk", "data-disk"), back.findings().get(0).keyUse());
        assertEquals(List.of(PV, SNAP), back.findings().get(0).volumes());
        assertEquals(json, codec.encode(back));
    }
}
