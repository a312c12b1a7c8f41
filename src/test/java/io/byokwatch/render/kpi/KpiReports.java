package io.byokwatch.render.kpi;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RotationPolicy;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Transition;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.kpi.Grouping;
import io.byokwatch.kpi.KeyInUse;
import io.byokwatch.kpi.KpiReport;
import io.byokwatch.kpi.Kpis;
import io.byokwatch.kpi.OperationCount;
import io.byokwatch.kpi.PriceTable;
import io.byokwatch.testsupport.Histories;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/** KPI reports to render: a busy estate with names that need escaping, and an empty one. */
public final class KpiReports {
    public static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    public static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    public static final PriceTable PRICES = new PriceTable(LocalDate.of(2026, 11, 1), "test prices", "USD", 0.03, 0.15, 0.03,
            0.15, 1.0, 5.0, 1.0);
    /** A cluster name an attacker could choose: it must come out as text, never markup. */
    public static final String HOSTILE = "aks-<b onmouseover=x>|y";

    private KpiReports() {
    }

    /** 30 days; 12 clusters, 4 of them failing for a while; keys with and without versions; a month of operations. */
    public static KpiReport busy() {
        List<Transition> h = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ResourceId c = Histories.cluster(i % 2 == 0 ? Histories.SUB_A : Histories.SUB_B, "aks-" + i);
            h.add(Histories.entry("b" + i, Transition.Kind.BASELINE, c, Histories.tags("owner", i < 6 ? "payments" : "health"),
                    ClusterStatus.COMPLIANT, null, "2026-10-20T00:00:00Z", null, false, List.of()));
            if (i < 4) {
                String opened = "2026-11-" + String.format("%02d", 3 + i * 5) + "T10:00:00Z";
                h.add(Histories.opened(c, opened, opened.replace("10:00:00", "09:59:30"),
                        Histories.finding(c, i % 2 == 0 ? "aks-no-byok" : "key-no-rotation", Severity.values()[i])));
                if (i < 2) {
                    h.add(Histories.resolved(c, "2026-11-" + String.format("%02d", 4 + i * 5) + "T16:00:00Z"));
                }
            }
        }
        // Azure ids cannot carry markup, names in payloads can
        h.replaceAll(t -> t.clusterId().name().equals("aks-3") ? named(t, HOSTILE) : t);
        String disk = "https://kv-pay-prod.vault.azure.net/keys/aks-disk";
        VaultKey key = new VaultKey(null, KeyRef.parse(disk), "v2", true, null, null, "RSA-HSM", 3072, "Recoverable",
                new RotationPolicy(List.of(new RotationPolicy.LifetimeAction("rotate", "P180D", null)), "P1Y"), true, null);
        KeyInUse used = new KeyInUse(KeyRef.parse(disk), key, null,
                List.of(version(disk, "v1", "2025-01-01T00:00:00Z"), version(disk, "v2", "2026-07-01T00:00:00Z")),
                null, List.of(new KeyInUse.Consumer(KeyInUse.Consumer.DISK_ENCRYPTION_SET, ResourceId.parse(
                        "/subscriptions/" + Histories.SUB_A + "/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des-pay"),
                        "des-pay", "v1", false, null, null, List.of("aks-0", "aks-2"))), 1L);
        String legacy = "https://kv-legacy.vault.azure.net/keys/disk-shared";
        KeyInUse unversioned = new KeyInUse(KeyRef.parse(legacy), null, "no keys from vault kv-legacy are in the inventory",
                null, "the versions are not in the inventory", List.of(), null);
        List<OperationCount> ops = List.of(new OperationCount("kv-pay-prod", "aks-disk", YearMonth.of(2026, 11), "KeyUnwrap", 42_000),
                new OperationCount("kv-pay-prod", "aks-disk", YearMonth.of(2026, 11), "KeyRotateIfDue", 1));
        return Kpis.compute(new Kpis.Inputs(TO, FROM, TO, Grouping.parse("tag:owner"), h, "estate/", List.of(used, unversioned),
                ops, "audit-logs", PRICES, 365, List.of("a note with <b>markup</b>")));
    }

    private static VaultKey version(String key, String version, String created) {
        return new VaultKey(null, KeyRef.parse(key), version, true, null, null, "RSA-HSM", 3072, null, null, false, null,
                Instant.parse(created));
    }

    private static Transition named(Transition t, String name) {
        return new Transition(t.id(), t.kind(), t.clusterId(), name, t.subscriptionId(), t.tags(), t.status(), t.previousStatus(),
                t.findings(), t.resolvedKeys(), t.detectedAt(), t.eventTime(), t.fromEvent(), t.eventType(), t.actor());
    }

    /** No history, no keys, no logs: every figure that cannot be known is left out. */
    public static KpiReport empty() {
        return Kpis.compute(new Kpis.Inputs(TO, FROM, TO, Grouping.NONE, List.of(), null, List.of(), null, null, PRICES, 365,
                List.of()));
    }
}
