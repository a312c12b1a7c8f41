package io.byokwatch.adapter.storage;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Transition;
import io.byokwatch.port.TransitionHistory;
import io.byokwatch.testsupport.Histories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every {@link TransitionHistory} must do; each implementation's test extends this with a fresh, empty one. */
abstract class TransitionHistoryContract {
    static final ResourceId AKS = Histories.cluster("aks-pay-1");

    TransitionHistory history;

    abstract TransitionHistory newHistory();

    @BeforeEach
    void fresh() {
        history = newHistory();
    }

    @Test
    void anEntry_readsBackWhole() {
        Transition t = Histories.opened(AKS, "2026-11-30T09:14:11Z", "2026-11-30T09:14:09Z",
                new Transition.FindingRef("aks-no-byok|" + AKS.key(), "aks-no-byok", Severity.CRITICAL, AKS.toString(), "os-disk"));
        history.record(t);

        assertEquals(List.of(t), history.read(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
    }

    @Test
    void recordingOneIdTwice_keepsOneEntry() {
        Transition t = Histories.opened(AKS, "2026-11-30T09:14:11Z", "2026-11-30T09:14:09Z");
        history.record(t);
        history.record(t);

        assertEquals(1, history.read(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")).size());
    }

    @Test
    void aRange_readsOnlyItsEntries_acrossMonths_oldestFirst() {
        Transition oct = Histories.baseline(AKS, "2026-10-31T23:59:59Z", ClusterStatus.COMPLIANT);
        Transition nov = Histories.opened(AKS, "2026-11-02T10:00:00Z", null);
        Transition dec = Histories.resolved(AKS, "2026-12-01T00:00:00Z");
        history.record(dec);
        history.record(nov);
        history.record(oct);

        assertEquals(List.of(oct, nov), history.read(Instant.parse("2026-10-15T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
        assertEquals(List.of(nov, dec), history.read(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")));
    }

    @Test
    void purge_dropsEntriesBeforeTheCutoff_inWholeAndSplitMonths() {
        history.record(Histories.baseline(AKS, "2025-09-01T00:00:00Z", ClusterStatus.COMPLIANT));
        history.record(Histories.opened(AKS, "2025-10-10T00:00:00Z", null));
        Transition kept = Histories.resolved(AKS, "2025-10-20T00:00:00Z");
        history.record(kept);

        int dropped = history.purgeBefore(Instant.parse("2025-10-15T00:00:00Z"));

        assertEquals(2, dropped);
        assertEquals(List.of(kept), history.read(Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void concurrentWriters_loseNothing_andDoubleNothing() throws Exception {
        List<Transition> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(Histories.opened(Histories.cluster("aks-" + i), "2026-11-30T09:14:" + String.format("%02d", i) + "Z", null));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Transition t : all) {
                done.add(pool.submit(() -> history.record(t)));
                done.add(pool.submit(() -> history.record(t)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(all, history.read(Instant.parse("2026-11-30T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")));
    }
}
