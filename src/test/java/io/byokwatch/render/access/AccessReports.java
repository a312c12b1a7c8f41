package io.byokwatch.render.access;

import io.byokwatch.access.AccessReport;
import io.byokwatch.access.AllowlistEntry;
import io.byokwatch.access.Anomaly;
import io.byokwatch.access.ChartPoint;
import io.byokwatch.domain.Caller;
import io.byokwatch.domain.Severity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-built access reports for renderer tests: every optional part present in one anomaly, absent in another. */
public final class AccessReports {
    static final Instant START = Instant.parse("2026-11-30T02:00:00Z");
    static final Instant END = Instant.parse("2026-12-01T02:00:00Z");

    private AccessReports() {
    }

    static List<ChartPoint> chart(int spikeHour, long spike) {
        List<ChartPoint> points = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            points.add(new ChartPoint(START.plusSeconds(3600L * h), h == spikeHour ? spike : 0, 0, 0, 0.5));
        }
        return points;
    }

    static Anomaly person() {
        return new Anomaly("unexpected-caller", Severity.CRITICAL, 94.3, "kv-pay-prod", "aks-disk", "KeyUnwrap",
                new Caller("3d1f6b9e-7a42-4c8e-9b15-6e0a2c4d8f71", null, "alex_*admin*@contoso.example"), "198.51.100.23", 8, 0,
                Instant.parse("2026-11-30T23:13:35Z"), Instant.parse("2026-11-30T23:42:58Z"),
                "User <alex> unwrapped disk key kv-pay-prod/aks-disk | which only des-pay-prod should use.",
                "let vaultName = \"kv-pay-prod\";\nAZKVAuditLogs\n| where Vault == vaultName", chart(21, 8));
    }

    static Anomaly silent() {
        return new Anomaly("silent-key", Severity.MEDIUM, 40, "kv-pay-prod", "archive-disk", "KeyUnwrap", Caller.ANONYMOUS,
                null, 0, 0, START, END, "No disk encryption set unwrapped kv-pay-prod/archive-disk in the last 24 hours.",
                "AZKVAuditLogs", chart(-1, 0), new Anomaly.Evidence(java.util.Map.of(401, 12L, 404, 3L),
                        java.util.Map.of("6b1f0e2a-90c4-4d1e-a7b2-3c5d9e8f0a14", "des-archive"), null));
    }

    static Anomaly vaultChange() {
        return new Anomaly("sensitive-operation", Severity.LOW, 25, "kv-pay-prod", null, "VaultPut",
                new Caller(null, "0f4a3b2c-1d5e-4f60-8a9b-7c6d5e4f3a21", null), "40.1.2.3", 1, 1, START.plusSeconds(3600),
                START.plusSeconds(3600), "Application 0f4a3b2c ran VaultPut once on vault kv-pay-prod.", "AZKVAuditLogs", chart(1, 1));
    }

    static AccessReport report(List<Anomaly> anomalies, List<AccessReport.Suppressed> suppressed, List<String> notes) {
        Map<String, Long> ops = new LinkedHashMap<>();
        ops.put("KeyUnwrap", 195L);
        ops.put("KeyGet", 28L);
        return new AccessReport(START, END, 14, 14, 3495, 5, 9, 252, ops, anomalies, suppressed, notes,
                "examples/logs/keyvault-audit.json", true);
    }

    static AccessReport full() {
        AllowlistEntry entry = new AllowlistEntry("backup-agent", Set.of(), null, null, "nightly backup reads keys",
                LocalDate.parse("2027-03-31"), "sec-team");
        return report(List.of(person(), silent(), vaultChange()),
                List.of(new AccessReport.Suppressed(vaultChange(), entry)), List.of("A page of logs came back partial."));
    }

    static AccessReport quiet() {
        return report(List.of(), List.of(), List.of());
    }
}
