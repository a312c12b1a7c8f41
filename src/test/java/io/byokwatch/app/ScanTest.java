package io.byokwatch.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.bench.EstateGenerator;
import io.byokwatch.policy.Policy;
import io.byokwatch.render.report.JsonReportRenderer;
import io.byokwatch.rules.RuleCatalog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Judging clusters on several threads must change nothing but the time it takes. */
class ScanTest {
    @Test
    void judgingOnSeveralThreads_givesTheReportOfOneThread_byteForByte(@TempDir Path dir) throws Exception {
        EstateGenerator.write(dir, 600, 120, 30, 120, 6_000, new Random(11));
        SnapshotInventory inventory = SnapshotInventory.load(dir);
        Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
        RuleCatalog catalog = RuleCatalog.standard();

        ScanReport alone = new Scan(new ClusterEvaluator(catalog), clock, 1).run(inventory, Policy.DEFAULT, List.of());
        ScanReport together = new Scan(new ClusterEvaluator(catalog), clock, 4).run(inventory, Policy.DEFAULT, List.of());

        assertTrue(alone.findings().size() > 100, "an estate with findings to merge: " + alone.findings().size());
        assertEquals(new JsonReportRenderer().render(alone), new JsonReportRenderer().render(together));
    }
}
