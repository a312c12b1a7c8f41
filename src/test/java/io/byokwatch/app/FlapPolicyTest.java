package io.byokwatch.app;

import io.byokwatch.domain.Alert;
import io.byokwatch.domain.Notice;
import io.byokwatch.port.AlertProgress.Presentation;
import io.byokwatch.port.ClusterNotices;
import io.byokwatch.render.NoticeSamples;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class FlapPolicyTest {
    private static final Duration HOUR = Duration.ofMinutes(60);
    private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

    private static Alert alert(Alert.Kind kind, Instant at) {
        Alert a = NoticeSamples.claimsOpened();
        return new Alert(kind.label() + "-" + at.getEpochSecond(), kind, a.clusterId(), a.clusterName(), a.subscriptionId(),
                a.status(), a.previousStatus(), a.findings(), a.resolvedFindingKeys(), a.trigger(), at, at, at.toEpochMilli(),
                a.clusterTags());
    }

    /** Feeds alerts through one cluster's notice state, as delivery would, and returns each presentation. */
    private static List<Presentation> run(FlapPolicy policy, Alert... alerts) {
        ClusterNotices n = ClusterNotices.none(NoticeSamples.CLAIMS.key());
        Presentation[] out = new Presentation[alerts.length];
        for (int i = 0; i < alerts.length; i++) {
            FlapPolicy.Decision d = policy.decide(n, alerts[i]);
            out[i] = d.presentation();
            n = d.next();
        }
        return List.of(out);
    }

    @Test
    void holding_aResolutionSoonAfterOpening_isHeld_andTheReopeningIsToldAsFlapping() {
        FlapPolicy p = new FlapPolicy(HOUR, true);
        ClusterNotices n = ClusterNotices.none("c");
        n = p.decide(n, alert(Alert.Kind.OPENED, T0)).next();
        FlapPolicy.Decision resolved = p.decide(n, alert(Alert.Kind.RESOLVED, T0.plusSeconds(600)));
        assertEquals(Presentation.HELD, resolved.presentation());
        assertEquals(T0.plusSeconds(600).plus(HOUR), resolved.heldUntil());
        FlapPolicy.Decision reopened = p.decide(resolved.next(), alert(Alert.Kind.OPENED, T0.plusSeconds(1200)));
        assertEquals(Presentation.FLAPPING, reopened.presentation());
        assertEquals(List.of(Alert.Kind.OPENED, Alert.Kind.RESOLVED, Alert.Kind.OPENED),
                reopened.recent().stream().map(Notice.Transition::kind).toList());
        assertNull(reopened.next().heldAlertId(), "the held resolution is folded into the flapping notice");
        assertEquals(Presentation.ABSORBED, p.release(reopened.next(), alert(Alert.Kind.RESOLVED, T0.plusSeconds(600))).presentation());
    }

    @Test
    void holding_furtherCyclesInsideTheWindow_areAbsorbed_andTheLastResolutionIsToldWhenDue() {
        FlapPolicy p = new FlapPolicy(HOUR, true);
        Alert lastResolve = alert(Alert.Kind.RESOLVED, T0.plusSeconds(2400));
        assertEquals(List.of(Presentation.AS_IS, Presentation.HELD, Presentation.FLAPPING, Presentation.HELD,
                        Presentation.ABSORBED, Presentation.HELD),
                run(p, alert(Alert.Kind.OPENED, T0), alert(Alert.Kind.RESOLVED, T0.plusSeconds(600)),
                        alert(Alert.Kind.OPENED, T0.plusSeconds(1200)), alert(Alert.Kind.RESOLVED, T0.plusSeconds(1800)),
                        alert(Alert.Kind.OPENED, T0.plusSeconds(2100)), lastResolve));
        ClusterNotices n = ClusterNotices.none("c");
        for (Alert a : List.of(alert(Alert.Kind.OPENED, T0), alert(Alert.Kind.RESOLVED, T0.plusSeconds(600)),
                alert(Alert.Kind.OPENED, T0.plusSeconds(1200)), alert(Alert.Kind.RESOLVED, T0.plusSeconds(1800)),
                alert(Alert.Kind.OPENED, T0.plusSeconds(2100)), lastResolve)) {
            n = p.decide(n, a).next();
        }
        FlapPolicy.Decision due = p.release(n, lastResolve);
        assertEquals(Presentation.RELEASED, due.presentation(), "the cluster stayed fixed: people hear it, late");
        assertNull(due.next().heldAlertId());
    }

    @Test
    void holding_aResolutionLongAfterOpening_isToldAtOnce() {
        assertEquals(List.of(Presentation.AS_IS, Presentation.AS_IS),
                run(new FlapPolicy(HOUR, true), alert(Alert.Kind.OPENED, T0), alert(Alert.Kind.RESOLVED, T0.plus(Duration.ofHours(3)))));
    }

    @Test
    void withoutHolding_aCycleInsideTheWindow_isStillToldAsFlapping_andNothingIsFolded() {
        assertEquals(List.of(Presentation.AS_IS, Presentation.AS_IS, Presentation.FLAPPING, Presentation.AS_IS, Presentation.FLAPPING),
                run(new FlapPolicy(HOUR, false), alert(Alert.Kind.OPENED, T0), alert(Alert.Kind.RESOLVED, T0.plusSeconds(600)),
                        alert(Alert.Kind.OPENED, T0.plusSeconds(1200)), alert(Alert.Kind.RESOLVED, T0.plusSeconds(1500)),
                        alert(Alert.Kind.OPENED, T0.plusSeconds(1800))));
        assertEquals(List.of(Presentation.AS_IS, Presentation.AS_IS, Presentation.AS_IS),
                run(new FlapPolicy(HOUR, false), alert(Alert.Kind.OPENED, T0), alert(Alert.Kind.RESOLVED, T0.plusSeconds(600)),
                        alert(Alert.Kind.OPENED, T0.plus(Duration.ofHours(2)))), "re-opened after the window: an ordinary opening");
    }

    @Test
    void anAlertOlderThanTheNewestDecided_isStale_whateverTheWindow() {
        for (FlapPolicy p : List.of(new FlapPolicy(HOUR, true), new FlapPolicy(Duration.ZERO, false))) {
            assertEquals(List.of(Presentation.AS_IS, Presentation.STALE, Presentation.STALE),
                    run(p, alert(Alert.Kind.OPENED, T0.plusSeconds(60)), alert(Alert.Kind.RESOLVED, T0),
                            alert(Alert.Kind.OPENED, T0.plusSeconds(60))));
        }
    }

    @Test
    void theSameAlertAgain_isARepeat_butAnotherAlertWithAnEqualSequence_isNews() {
        Alert opened = alert(Alert.Kind.OPENED, T0);
        Alert changedSameInstant = new Alert("changed-pinned", Alert.Kind.CHANGED, opened.clusterId(), opened.clusterName(),
                opened.subscriptionId(), opened.status(), opened.status(), opened.findings(), List.of(), opened.trigger(), T0, T0,
                opened.sequence(), opened.clusterTags());
        assertEquals(List.of(Presentation.AS_IS, Presentation.STALE, Presentation.AS_IS),
                run(new FlapPolicy(HOUR, true), opened, opened, changedSameInstant),
                "replays with a pinned --now give every alert the same sequence; they are still told");
    }

    @Test
    void aZeroWindow_turnsFlapDetectionOff() {
        assertEquals(List.of(Presentation.AS_IS, Presentation.AS_IS, Presentation.AS_IS),
                run(new FlapPolicy(Duration.ZERO, true), alert(Alert.Kind.OPENED, T0), alert(Alert.Kind.RESOLVED, T0.plusSeconds(1)),
                        alert(Alert.Kind.OPENED, T0.plusSeconds(2))));
    }
}
