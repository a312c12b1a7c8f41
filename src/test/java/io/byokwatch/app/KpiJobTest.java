package io.byokwatch.app;

import io.byokwatch.adapter.snapshot.SnapshotInventory;
import io.byokwatch.adapter.storage.FileOutbox;
import io.byokwatch.adapter.storage.FileTransitionHistory;
import io.byokwatch.adapter.storage.FileVerdictStore;
import io.byokwatch.impact.ImpactRouter;
import io.byokwatch.kpi.Grouping;
import io.byokwatch.kpi.KpiReport;
import io.byokwatch.kpi.PriceTable;
import io.byokwatch.policy.Policy;
import io.byokwatch.port.TransitionHistory;
import io.byokwatch.render.alert.AlertJson;
import io.byokwatch.rules.RuleCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The KPI job on real file stores: what it does with verdicts that predate the history. */
class KpiJobTest {
    private static final Instant SWEPT = Instant.parse("2026-11-20T08:00:00Z");
    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final PriceTable PRICES = new PriceTable(LocalDate.of(2026, 11, 1), "test", "USD", 0.03, 0.15, 0.03, 0.15,
            1, 5, 1);

    @TempDir
    Path state;

    @Test
    void verdictsStoredBeforeTheHistoryExisted_standInAsBaselines_andTheNotesSaySo() {
        FileVerdictStore verdicts = new FileVerdictStore(state.resolve("verdicts"));
        // an older byokwatch: verdicts and alerts, no history
        new DriftDetector(SnapshotInventory.load(Path.of("examples/estate")), new ImpactRouter(),
                new ClusterEvaluator(RuleCatalog.standard()), () -> Policy.DEFAULT, verdicts,
                new FileOutbox(state.resolve("outbox"), Clock.fixed(SWEPT, ZoneOffset.UTC)), new AlertJson(),
                Clock.fixed(SWEPT, ZoneOffset.UTC), 1, TransitionHistory.NONE).reconcile("byokwatch.Reconcile");
        int judged = verdicts.all().size();

        KpiReport r = new KpiJob(new FileTransitionHistory(state.resolve("history")), verdicts, new AlertJson(), null, null,
                null, null, PRICES, 365, TransitionHistory.DEFAULT_RETENTION)
                .run(NOW, Instant.parse("2026-11-01T00:00:00Z"), NOW, Grouping.NONE);

        var today = r.compliance().latest();
        assertEquals(judged, today.inScope() + today.notRequired(), "every stored verdict counts");
        assertEquals(0, r.compliance().days().get(0).inScope(), "nothing is known before the verdicts' last change");
        assertTrue(r.notes().stream().anyMatch(n -> n.contains(judged + " clusters were judged before the history was kept")),
                r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("No inventory was given")), r.notes().toString());
    }
}
