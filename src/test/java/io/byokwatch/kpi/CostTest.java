package io.byokwatch.kpi;

import io.byokwatch.domain.KeyRef;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

import static io.byokwatch.kpi.KeysInUse.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CostTest {
    static final PriceTable PRICES = new PriceTable(LocalDate.of(2026, 11, 1), "test", "USD", 0.03, 0.15, 0.03, 0.15, 1.0,
            5.0, 1.0);
    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-01T00:00:00Z");
    private static final YearMonth NOV = YearMonth.of(2026, 11);

    private static KeyInUse inUse(String url, String type, int size) {
        return new KeyInUse(KeyRef.parse(url), key(url + "/v1", type, size, true), null, List.of(), null, List.of(), null);
    }

    private static final KeyInUse HSM_3072 = inUse("https://kv-pay.vault.azure.net/keys/aks-disk", "RSA-HSM", 3072);
    private static final KeyInUse SOFT_2048 = inUse("https://kv-dev.vault.azure.net/keys/dev-disk", "RSA", 2048);

    @Test
    void operations_hsmKeyMonths_andScheduledRotations_arePricedPerKeyKind() {
        CostFigures c = Cost.compute(List.of(HSM_3072, SOFT_2048), List.of(
                new OperationCount("kv-pay", "aks-disk", NOV, "KeyUnwrap", 20_000),
                new OperationCount("kv-pay", "aks-disk", NOV, "KeyWrap", 5_000),
                new OperationCount("kv-pay", "aks-disk", NOV, "KeyRotateIfDue", 1),
                new OperationCount("kv-dev", "dev-disk", NOV, "KeyUnwrap", 10_000)), "audit-logs", PRICES, FROM, TO);

        CostFigures.Line pay = c.lines().stream().filter(l -> l.vault().equals("kv-pay")).findFirst().orElseThrow();
        assertEquals(25_000, pay.operations());
        assertEquals(0.375, pay.operationsCost(), 1e-9, "advanced HSM key: 2.5 x 0.15");
        assertEquals(5.0, pay.keyCost(), 1e-9, "a whole month of an advanced HSM key");
        assertEquals(1.0, pay.rotationsCost(), 1e-9);
        assertEquals(6.375 + 0.03, c.total(), 1e-9);
        assertEquals(List.of("kv-pay", "kv-dev"), List.copyOf(c.byVault().keySet()));
    }

    @Test
    void partOfAMonth_isChargedProRata() {
        CostFigures c = Cost.compute(List.of(HSM_3072), List.of(), "audit-logs", PRICES,
                Instant.parse("2026-11-16T00:00:00Z"), TO);

        assertEquals(2.5, c.total(), 1e-9, "15 of 30 days of $5");
    }

    @Test
    void vaultWideMetricCounts_arePricedAtTheDearestKeyThere_andSaySo() {
        CostFigures c = Cost.compute(List.of(HSM_3072), List.of(new OperationCount("kv-pay", null, NOV, "ServiceApiHit", 10_000)),
                "metrics", PRICES, FROM, TO);

        CostFigures.Line vaultWide = c.lines().stream().filter(l -> l.key() == null).findFirst().orElseThrow();
        assertEquals(0.15, vaultWide.operationsCost(), 1e-9);
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("ServiceApiHit")));
    }

    @Test
    void withoutLogs_onlyKeyChargesAreShown_andTheNotesSayWhatToAdd() {
        CostFigures c = Cost.compute(List.of(HSM_3072, SOFT_2048), null, null, PRICES, FROM, TO);

        assertEquals("none", c.source());
        assertEquals(5.0, c.total(), 1e-9);
        assertTrue(c.notes().stream().anyMatch(n -> n.contains("--logs")));
        assertTrue(c.notes().get(0).startsWith("An estimate"));
    }
}
