package io.byokwatch.app.keyuse;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.Scan;
import io.byokwatch.app.ScanReport;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ManagedDisk;
import io.byokwatch.policy.Policy;
import io.byokwatch.policy.PolicyLoader;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.catalog.KeyAccessRule;
import io.byokwatch.rules.catalog.PvDiskPlatformKeyRule;
import io.byokwatch.rules.catalog.PvDiskSetNotAllowedRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Persistent-volume disks as key uses, through the example estate's aks-ehr (node disks on des-ehr; PVCs on the
 * platform key, on des-ehr and on des-claims, whose identity lacks access; a VolumeSnapshot on des-ehr; an orphan in
 * another group) and the payments subscription, whose export holds no disks.
 */
class DataDiskKeyUsesTest {
    private static final Path ESTATE = Path.of("examples/estate");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final String HEALTH = "a3d9e5f2-8c1b-4f6a-b2e7-9d4c3a1f5e02";
    private static final String POSTGRES = "pvc-4c1d9a7e-2b3f-4e8a-9d6c-1f0e2a3b4c5d";
    private static final String IMAGING = "pvc-2f8b6d03-9a1e-4c7b-b5d2-3e4f5a6b7c8d";
    private static final RuleCatalog CATALOG = RuleCatalog.standard();
    private static final SnapshotInventory INVENTORY = SnapshotInventory.load(ESTATE);

    private static Policy policy(String json) {
        return new PolicyLoader(CATALOG.ids()).parse(json, "policy.json");
    }

    private static ManagedCluster cluster(SnapshotInventory inv, String name) {
        return inv.clusters().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static ClusterVerdict verdict(SnapshotInventory inv, String name, Policy policy) {
        return new ClusterEvaluator(CATALOG).evaluate(cluster(inv, name), inv, policy, NOW);
    }

    private static List<Finding> findings(ClusterVerdict v, String ruleId) {
        return v.findings().stream().filter(f -> f.ruleId().equals(ruleId)).toList();
    }

    @Test
    void aPvcOnThePlatformKey_isAHighFindingOnTheDisk_namingNamespaceAndClaim() {
        ClusterVerdict v = verdict(INVENTORY, "aks-ehr", Policy.DEFAULT);
        assertEquals(ClusterStatus.NONCOMPLIANT, v.status());
        Finding f = findings(v, PvDiskPlatformKeyRule.ID).get(0);
        assertEquals(1, findings(v, PvDiskPlatformKeyRule.ID).size(), "the orphan in rg-ehr-archive is not guessed onto it");
        assertEquals(POSTGRES, f.resourceId().name());
        assertEquals("high", f.severity().label());
        assertEquals(List.of("data-disk"), f.keyUse());
        assertTrue(f.message().startsWith("Disk " + POSTGRES + " (ehr/data-ehr-postgres-0) of cluster aks-ehr is encrypted"
                + " with the platform-managed key"), f.message());
        assertEquals("ehr", f.evidence().get("namespace"));
        assertEquals("data-ehr-postgres-0", f.evidence().get("pvc"));
        assertEquals(List.of(POSTGRES), f.volumes().stream().map(KeyConsumer::name).toList());
        assertTrue(f.remediation().contains("diskEncryptionSetID: $DES_ID}"), f.remediation());
        assertTrue(f.remediation().contains("az disk-encryption-set show -g rg-phi-keys -n des-ehr"), "the cluster's own set");
        assertTrue(f.remediation().contains("--role Reader"), f.remediation());
        assertTrue(f.remediation().contains("NS=ehr"), f.remediation());
    }

    @Test
    void aPvcOnABrokenSet_isThatSetsFinding_forTheDataDiskKeyUse_namingTheVolume() {
        ClusterVerdict v = verdict(INVENTORY, "aks-ehr", Policy.DEFAULT);
        Finding access = findings(v, KeyAccessRule.ID).get(0);
        assertEquals("des-claims", access.resourceId().name());
        assertEquals(List.of("data-disk"), access.keyUse());
        assertEquals(List.of(IMAGING), access.volumes().stream().map(KeyConsumer::name).toList());
        assertTrue(findings(v, "des-key-unavailable").isEmpty(), "des-ehr's chain holds for the node disks, the"
                + " ehr-documents PVC and its VolumeSnapshot");
    }

    @Test
    void aSetBehindOneClustersNodesAndAnothersVolumes_isReportedOnce_withBothKeyUsesAndClusters() {
        ScanReport report = new Scan(new ClusterEvaluator(CATALOG), Clock.fixed(NOW, ZoneOffset.UTC))
                .run(INVENTORY, Policy.DEFAULT, List.of());
        ScanReport.SharedFinding access = report.findings().stream().filter(s -> s.finding().ruleId().equals(KeyAccessRule.ID)
                && s.finding().resourceId().name().equals("des-claims")).findFirst().orElseThrow();
        assertEquals(List.of("aks-claims", "aks-ehr"), access.clusterIds().stream().map(id -> id.name()).toList());
        assertEquals(List.of("os-disk", "data-disk"), access.finding().keyUse());
        assertEquals(List.of(IMAGING), access.finding().volumes().stream().map(KeyConsumer::name).toList());
        assertEquals(List.of("pvc-0a9e8d7c-6b5a-4f3e-9d2c-1b0a9f8e7d6c"),
                report.orphanDisks().stream().map(ManagedDisk::name).toList());
    }

    @Test
    void clustersWhoseDisksWereNotExported_keepTheirVerdicts_andTheReportSaysSoOnce() {
        ScanReport report = new Scan(new ClusterEvaluator(CATALOG), Clock.fixed(NOW, ZoneOffset.UTC))
                .run(INVENTORY, Policy.DEFAULT, List.of());
        ScanReport.Coverage note = report.coverage().stream()
                .filter(c -> c.ruleId().equals(PvDiskPlatformKeyRule.ID)).findFirst().orElseThrow();
        assertEquals("data-disk", note.keyUse());
        assertTrue(note.clusterIds().stream().noneMatch(id -> id.subscriptionId().equals(HEALTH)),
                "the health subscription's disks were exported: " + note.clusterIds());
        assertTrue(note.clusterIds().stream().anyMatch(id -> id.name().equals("aks-pay-prod")), note.clusterIds().toString());
        assertTrue(note.note().startsWith("Persistent-volume disks or their snapshots were not checked for "), note.note());
        assertTrue(note.reasons().stream().anyMatch(r -> r.contains("az disk list --subscription ")), note.reasons().toString());
        assertEquals(ClusterStatus.COMPLIANT, verdict(INVENTORY, "aks-pay-prod", Policy.DEFAULT).status());
        assertTrue(verdict(INVENTORY, "aks-pay-prod", Policy.DEFAULT).notEvaluated().isEmpty());
    }

    @Test
    void requireDataDiskEvidence_makesSuchClustersUnknown_sayingWhatToExport() {
        ClusterVerdict v = verdict(INVENTORY, "aks-pay-prod", policy("{\"requireDataDiskEvidence\": true}"));
        assertEquals(ClusterStatus.UNKNOWN, v.status());
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.ruleId().equals(PvDiskPlatformKeyRule.ID)
                && n.reason().contains("az disk list --subscription")), v.notEvaluated().toString());
    }

    @Test
    void allowedSets_restrictVolumes_perDisk_andByDefaultAnyHealthySetPasses() {
        assertTrue(findings(verdict(INVENTORY, "aks-ehr", Policy.DEFAULT), PvDiskSetNotAllowedRule.ID).isEmpty());
        String desEhr = "/subscriptions/" + HEALTH + "/resourceGroups/rg-phi-keys/providers/Microsoft.Compute"
                + "/diskEncryptionSets/des-ehr";
        ClusterVerdict v = verdict(INVENTORY, "aks-ehr", policy("{\"allowedDataDiskEncryptionSets\": [\"" + desEhr + "\"]}"));
        List<Finding> wrongSet = findings(v, PvDiskSetNotAllowedRule.ID);
        assertEquals(List.of(IMAGING), wrongSet.stream().map(f -> f.resourceId().name()).toList());
        assertTrue(wrongSet.get(0).message().contains("(ehr/imaging-cache)"), wrongSet.get(0).message());
        assertTrue(wrongSet.get(0).remediation().contains("-n des-ehr"), "moves it to the allowed set");
        ClusterVerdict byGroup = verdict(INVENTORY, "aks-ehr", policy("{\"allowedDataDiskEncryptionSets\": [\"/subscriptions/"
                + HEALTH + "/resourceGroups/rg-phi-keys\"]}"));
        assertTrue(findings(byGroup, PvDiskSetNotAllowedRule.ID).isEmpty(), "a group allows every set in it");
    }

    @Test
    void anEmptyAllowedList_orOneThatIsNotAnId_isRefusedWithWhatToWrite() {
        Exception empty = assertThrows(RuntimeException.class, () -> policy("{\"allowedDataDiskEncryptionSets\": []}"));
        assertTrue(empty.getMessage().contains("list at least one disk encryption set id"), empty.getMessage());
        Exception bad = assertThrows(RuntimeException.class, () -> policy("{\"allowedDataDiskEncryptionSets\": [\"des-ehr\"]}"));
        assertTrue(bad.getMessage().contains("is not an ARM id"), bad.getMessage());
    }

    @Test
    void anExemptionOnOneDisk_waivesThatDiskOnly() {
        String disk = "/subscriptions/" + HEALTH + "/resourceGroups/mc_rg-ehr_aks-ehr_westeurope/providers/Microsoft.Compute/disks/"
                + POSTGRES;
        ClusterVerdict v = verdict(INVENTORY, "aks-ehr", policy("{\"exemptions\": [{\"resourceId\": \"" + disk + "\", \"rules\":"
                + " [\"pv-disk-platform-key\"], \"reason\": \"migrating in sprint 12\", \"expires\": \"2027-01-31\","
                + " \"approvedBy\": \"ciso\"}]}"));
        assertTrue(findings(v, PvDiskPlatformKeyRule.ID).isEmpty());
        assertEquals(POSTGRES, v.exempted().get(0).finding().resourceId().name());
        assertEquals(ClusterStatus.NONCOMPLIANT, v.status(), "des-claims still lacks access");
    }

    @Test
    void aTagRuleOnTheDisk_decidesForThatDisk(@TempDir Path tmp) throws IOException {
        copyEstate(tmp);
        Path pv = tmp.resolve("health/pv-disks.graph.json");
        JsonObject doc = JsonParser.parseString(Files.readString(pv)).getAsJsonObject();
        doc.getAsJsonArray("data").get(0).getAsJsonObject().getAsJsonObject("tags").addProperty("data-classification", "public");
        Files.writeString(pv, doc.toString());
        SnapshotInventory inv = SnapshotInventory.load(tmp);
        Policy p = policy("{\"byokRequired\": {\"default\": true, \"tagRules\": [{\"tag\": \"data-classification\","
                + " \"values\": [\"public\"], \"required\": false}]}}");
        assertTrue(findings(verdict(inv, "aks-ehr", p), PvDiskPlatformKeyRule.ID).isEmpty());
    }

    @Test
    void aDiskRecordWithoutItsEncryption_isNotEvaluated_neverAFinding(@TempDir Path tmp) throws IOException {
        copyEstate(tmp);
        Path pv = tmp.resolve("health/pv-disks.graph.json");
        JsonObject doc = JsonParser.parseString(Files.readString(pv)).getAsJsonObject();
        JsonObject postgres = doc.getAsJsonArray("data").get(0).getAsJsonObject();
        postgres.remove("properties");
        Files.writeString(pv, doc.toString());
        ClusterVerdict v = verdict(SnapshotInventory.load(tmp), "aks-ehr", Policy.DEFAULT);
        assertTrue(findings(v, PvDiskPlatformKeyRule.ID).isEmpty(), v.findings().toString());
        assertTrue(v.notEvaluated().stream().anyMatch(n -> n.ruleId().equals(PvDiskPlatformKeyRule.ID)
                && n.resourceId().name().equals(POSTGRES) && n.reason().contains("az disk show --ids")), v.notEvaluated().toString());
    }

    private static void copyEstate(Path to) throws IOException {
        try (Stream<Path> files = Files.walk(ESTATE)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(ESTATE.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}
