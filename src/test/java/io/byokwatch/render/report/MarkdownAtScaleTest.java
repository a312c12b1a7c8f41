package io.byokwatch.render.report;

import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.Scan;
import io.byokwatch.app.ScanReport;
import io.byokwatch.bench.EstateGenerator;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ClusterVerdict;
import io.byokwatch.domain.Finding;
import io.byokwatch.domain.KeyConsumer;
import io.byokwatch.domain.PersistentVolumeClaimRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.render.SampleEstate;
import io.byokwatch.rules.catalog.KeyAccessRule;
import io.byokwatch.policy.Policy;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The Markdown report of a large estate (the benchmark's generator, 1,000 clusters): a rule with many findings is
 * one section with one worked example and a row per finding, so nothing is lost and nothing is said a thousand times.
 */
class MarkdownAtScaleTest {
    @Test
    void manyFindingsOfARule_areOneSection_withAnExampleAndARowEach(@TempDir Path dir) throws Exception {
        EstateGenerator.write(dir, 1000, 200, 50, 200, new Random(42));
        ScanReport report = new Scan(new ClusterEvaluator(RuleCatalog.standard()),
                Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC))
                .run(SnapshotInventory.load(dir), Policy.DEFAULT, List.of());
        String md = new MarkdownRenderer().render(report);
        // a rule's findings of one title are one run (its KMS findings apart from its disk findings)
        Map<String, Long> perRule = report.findings().stream().collect(Collectors.groupingBy(
                s -> s.finding().severity().label() + ": `" + s.finding().ruleId() + "`|" + s.finding().title(), TreeMap::new,
                Collectors.counting()));
        assertTrue(perRule.values().stream().anyMatch(n -> n > MarkdownRenderer.GROUP_ABOVE), perRule.toString());
        long bashBlocks = md.lines().filter(l -> l.equals("```bash")).count();
        long expectedBlocks = 0;
        for (Map.Entry<String, Long> rule : perRule.entrySet()) {
            if (rule.getValue() > MarkdownRenderer.GROUP_ABOVE) {
                String[] ruleAndTitle = rule.getKey().split("\\|", 2);
                assertTrue(md.contains("### " + ruleAndTitle[0] + " on " + rule.getValue() + " resources (")
                        && md.contains("**" + ruleAndTitle[1] + "**"), rule.getKey());
                expectedBlocks++;
            } else {
                expectedBlocks += rule.getValue();
            }
        }
        assertEquals(expectedBlocks, bashBlocks, "one remediation block per grouped rule, one per finding otherwise");
        for (ScanReport.SharedFinding s : report.findings()) {
            assertTrue(md.contains("| " + io.byokwatch.render.ResourceNames.describe(s.finding().resourceId()) + " | ")
                    || md.contains(s.finding().resourceId().toString()), "every finding is still listed: " + s.finding().key());
        }
        // the old layout spent about 2.3 kB per cluster on repeated findings
        assertTrue(md.length() < 1000 * 400, md.length() + " characters for 1,000 clusters");
    }

    @Test
    void aGroupedPvDiskRow_namesTheClaimPeopleFixItBy() {
        List<ClusterVerdict> verdicts = new ArrayList<>();
        ResourceId cluster = SampleEstate.cluster("00000000-0000-4000-8000-000000000001", "rg", "aks-db");
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i <= MarkdownRenderer.GROUP_ABOVE; i++) {
            ResourceId disk = ResourceId.parse("/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/mc_rg_aks-db"
                    + "/providers/Microsoft.Compute/disks/pvc-" + i);
            KeyConsumer volume = new KeyConsumer(disk, KeyConsumer.Kind.DISK, "pvc-" + i,
                    new PersistentVolumeClaimRef("pvc-" + i, "data-db-" + i, "payments"), null);
            findings.add(new Finding("pv-disk-platform-key", Severity.HIGH, disk, "Persistent volume is not encrypted with a"
                    + " customer-managed key", "Disk " + i + ".", "fix " + i, Map.of(), List.of(), List.of("data-disk"),
                    List.of(volume)));
        }
        verdicts.add(SampleEstate.verdict(cluster, "aks-db", ClusterStatus.NONCOMPLIANT, findings, List.of(), List.of()));
        String md = new MarkdownRenderer().render(Scan.report(Instant.parse("2026-12-01T00:00:00Z"), verdicts, List.of()));
        for (int i = 0; i <= MarkdownRenderer.GROUP_ABOVE; i++) {
            assertTrue(md.contains("| disks pvc-" + i + " (payments/data-db-" + i + ") | "), md);
        }
    }

    @Test
    void aRulesKmsFindings_areASectionOfTheirOwn_neverShownAsFixedLikeItsDiskFindings() {
        List<ClusterVerdict> verdicts = new ArrayList<>();
        for (int i = 0; i < 2 * (MarkdownRenderer.GROUP_ABOVE + 1); i++) {
            boolean kms = i % 2 == 0;
            ResourceId cluster = SampleEstate.cluster("00000000-0000-4000-8000-000000000001", "rg", "aks-" + i);
            ResourceId holder = kms ? cluster : ResourceId.parse("/subscriptions/00000000-0000-4000-8000-000000000001"
                    + "/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des-" + i);
            Finding f = new Finding(KeyAccessRule.ID, Severity.CRITICAL, holder,
                    kms ? "KMS identity cannot use its key" : "Disk encryption set cannot reach its key",
                    "Finding " + i + ".", (kms ? "grant encrypt decrypt " : "grant wrapKey unwrapKey ") + i, Map.of(), List.of(),
                    List.of(kms ? "kms-etcd" : "os-disk"), List.of());
            verdicts.add(SampleEstate.verdict(cluster, "aks-" + i, ClusterStatus.NONCOMPLIANT, List.of(f), List.of(),
                    List.of()));
        }
        String md = new MarkdownRenderer().render(Scan.report(Instant.parse("2026-12-01T00:00:00Z"), verdicts, List.of()));
        int kmsSection = md.indexOf("**KMS identity cannot use its key**");
        int diskSection = md.indexOf("**Disk encryption set cannot reach its key**");
        assertTrue(kmsSection > 0 && diskSection > 0, md);
        String kmsPart = md.substring(kmsSection, diskSection > kmsSection ? diskSection : md.length());
        assertTrue(kmsPart.contains("grant encrypt decrypt") && !kmsPart.contains("grant wrapKey"), kmsPart);
        assertEquals(2, md.lines().filter(l -> l.startsWith("### critical: `" + KeyAccessRule.ID + "` on "
                + (MarkdownRenderer.GROUP_ABOVE + 1) + " resources")).count(), md);
    }
}
