package io.byokwatch.functions;

import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.bootstrap.AccessRuntime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The nightly AccessReport function as the host invokes it, over the example estate and its exported audit logs. */
class AccessReportFunctionTest {
    @Test
    void theNightlyRun_logsTheHeadlineAndEachAnomaly_andWritesEveryFormat(@TempDir Path reports) throws IOException {
        AccessRuntime runtime = AccessRuntime.build(Map.of("BYOKWATCH_ACCESS_LOG_FILES", "examples/logs",
                        "BYOKWATCH_ACCESS_REPORT_DIR", reports.toString()), SnapshotInventory.load(Path.of("examples/estate")),
                "AzureCloud", Clock.fixed(Instant.parse("2026-12-01T02:00:07Z"), ZoneOffset.UTC));
        TestContext ctx = new TestContext("AccessReport");
        new AccessReport(() -> runtime).run("{}", ctx);
        String log = ctx.log();
        assertTrue(log.contains("INFO access report 2026-11-30T02:00:00Z to 2026-12-01T02:00:00Z: 2 anomalies: 1 critical, 1 medium."), log);
        assertTrue(log.contains("WARNING critical unexpected-caller kv-pay-prod/aks-disk: User alex.ruiz@contoso.example"), log);
        try (Stream<Path> files = Files.list(reports)) {
            assertEquals(List.of("access-report-20261201T0200Z.html", "access-report-20261201T0200Z.json", "access-report-20261201T0200Z.md"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void inAzure_theReportIsKeptInTheStorageAccount_andTheDigestPointsAtTheBlob() {
        String container = "byokwatch-reports-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        AccessRuntime runtime = AccessRuntime.build(Map.of("BYOKWATCH_ACCESS_LOG_FILES", "examples/logs",
                        "BYOKWATCH_ACCESS_REPORT_CONTAINER", container,
                        "AzureWebJobsStorage", io.byokwatch.testsupport.Azurite.get().connectionString()),
                SnapshotInventory.load(Path.of("examples/estate")), "AzureCloud",
                Clock.fixed(Instant.parse("2026-12-01T02:00:07Z"), ZoneOffset.UTC));

        AccessRuntime.Outcome o = runtime.run();

        assertEquals(3, o.saved().size(), o.saved().toString());
        assertEquals(List.of(), o.problems());
        assertTrue(o.fullReport().endsWith("/" + container + "/access-report-20261201T0200Z.html"), o.fullReport());
        TestContext ctx = new TestContext("AccessReport");
        new AccessReport(() -> runtime).run("{}", ctx);
        assertTrue(ctx.log().contains("INFO kept " + o.fullReport()), ctx.log());
    }
}
