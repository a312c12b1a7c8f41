package io.byokwatch.adapter.storage;

import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Notice;
import io.byokwatch.port.AlertProgress;
import io.byokwatch.port.ClusterNotices;
import io.byokwatch.port.DeliveryLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.*;

/** What every {@link DeliveryLog} must do; each implementation's test extends this with a fresh, empty one. */
abstract class DeliveryLogContract {
    static final String CLUSTER = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourcegroups/rg-pay/providers/microsoft.containerservice/managedclusters/aks-pay-1";
    static final Instant AT = Instant.parse("2026-12-01T09:30:00Z");

    DeliveryLog log;

    abstract DeliveryLog newLog();

    /** Overwrites what is stored for the alert with text that is not a record. */
    abstract void damageProgress(String alertId);

    @BeforeEach
    void fresh() {
        log = newLog();
    }

    @Test
    void progress_isSavedWhole_readBack_andForgotten() {
        AlertProgress p = AlertProgress.start("alert-1", CLUSTER, List.of("team-slack", "siem"))
                .with("siem", new AlertProgress.Channel(AlertProgress.State.DELIVERED, 1, null))
                .with("team-slack", new AlertProgress.Channel(AlertProgress.State.PENDING, 2, "slack channel team-slack answered HTTP 503"))
                .presented(AlertProgress.Presentation.HELD, AT.plusSeconds(3600),
                        List.of(new Notice.Transition(Alert.Kind.OPENED, AT), new Notice.Transition(Alert.Kind.RESOLVED, AT.plusSeconds(60))));
        log.saveProgress(p);
        assertEquals(Optional.of(p), log.progress("alert-1"));
        assertEquals(List.of("team-slack", "siem"), List.copyOf(log.progress("alert-1").orElseThrow().channels().keySet()),
                "routing order survives");

        AlertProgress later = p.with("team-slack", new AlertProgress.Channel(AlertProgress.State.DELIVERED, 3, null));
        log.saveProgress(later);
        assertEquals(Optional.of(later), log.progress("alert-1"));

        log.forgetProgress("alert-1");
        assertEquals(Optional.empty(), log.progress("alert-1"));
        assertDoesNotThrow(() -> log.forgetProgress("alert-1"), "forgetting twice is fine");
    }

    @Test
    void notices_areWrittenWithCompareAndSet_soOnlyOneOfTwoWritersWins() {
        ClusterNotices first = new ClusterNotices(CLUSTER, 10, "alert-1", List.of(new Notice.Transition(Alert.Kind.OPENED, AT)), null, null, null);
        assertTrue(log.saveNotices(first));
        assertFalse(log.saveNotices(first), "a second create loses");
        ClusterNotices stored = log.notices(CLUSTER).orElseThrow();
        assertEquals(10, stored.lastSequence());
        assertEquals("alert-1", stored.lastAlertId());
        assertEquals(first.recent(), stored.recent());

        ClusterNotices a = new ClusterNotices(CLUSTER, 11, "alert-2", stored.recent(), "alert-2", null, stored.version());
        ClusterNotices b = new ClusterNotices(CLUSTER, 12, "alert-3", stored.recent(), null, AT, stored.version());
        assertTrue(log.saveNotices(a));
        assertFalse(log.saveNotices(b), "b read the same version as a, and a wrote first");
        ClusterNotices now = log.notices(CLUSTER).orElseThrow();
        assertEquals(11, now.lastSequence());
        assertEquals("alert-2", now.heldAlertId());
        assertNotEquals(stored.version(), now.version());
    }

    @Test
    void aDamagedRecord_readsAsAbsent_ratherThanStoppingDelivery() {
        log.saveProgress(AlertProgress.start("alert-9", CLUSTER, List.of("siem")));
        damageProgress("alert-9");
        assertEquals(Optional.empty(), log.progress("alert-9"));
        log.saveProgress(AlertProgress.start("alert-9", CLUSTER, List.of("siem")));
        assertTrue(log.progress("alert-9").isPresent(), "and the next write replaces it");
    }
}
