package io.byokwatch.render.report;

import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.app.ClusterEvaluator;
import io.byokwatch.app.Scan;
import io.byokwatch.app.ScanReport;
import io.byokwatch.bench.EstateGenerator;
import io.byokwatch.policy.Policy;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
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
        Map<String, Long> perRule = report.findings().stream().collect(Collectors.groupingBy(
                s -> s.finding().severity().label() + ": `" + s.finding().ruleId() + "`", TreeMap::new, Collectors.counting()));
        assertTrue(perRule.values().stream().anyMatch(n -> n > MarkdownRenderer.GROUP_ABOVE), perRule.toString());
        long bashBlocks = md.lines().filter(l -> l.equals("```bash")).count();
        long expectedBlocks = 0;
        for (Map.Entry<String, Long> rule : perRule.entrySet()) {
            if (rule.getValue() > MarkdownRenderer.GROUP_ABOVE) {
                assertTrue(md.contains("### " + rule.getKey() + " on " + rule.getValue() + " resources ("), rule.getKey());
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
}
