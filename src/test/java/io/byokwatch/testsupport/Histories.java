package io.byokwatch.testsupport;

import io.byokwatch.domain.Actor;
import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Severity;
import io.byokwatch.domain.Tags;
import io.byokwatch.domain.Transition;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** History entries for tests: clusters that open and resolve at times the test chooses, so KPI answers are known. */
public final class Histories {
    public static final String SUB_A = "11111111-1111-1111-1111-111111111111";
    public static final String SUB_B = "22222222-2222-2222-2222-222222222222";

    private Histories() {
    }

    public static ResourceId cluster(String sub, String name) {
        return ResourceId.parse("/subscriptions/" + sub + "/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/" + name);
    }

    public static ResourceId cluster(String name) {
        return cluster(SUB_A, name);
    }

    public static Transition.FindingRef finding(ResourceId cluster, String rule, Severity severity) {
        return new Transition.FindingRef(rule + "|" + cluster.key(), rule, severity, cluster.toString(), null);
    }

    public static Transition baseline(ResourceId cluster, String at, ClusterStatus status, Transition.FindingRef... findings) {
        return entry("b-" + cluster.name() + "-" + at, Transition.Kind.BASELINE, cluster, Tags.NONE, status, null, at, null,
                false, List.of(findings));
    }

    public static Transition opened(ResourceId cluster, String at, String eventTime, Transition.FindingRef... findings) {
        return entry("o-" + cluster.name() + "-" + at, Transition.Kind.OPENED, cluster, Tags.NONE, ClusterStatus.NONCOMPLIANT,
                ClusterStatus.COMPLIANT, at, eventTime, eventTime != null, List.of(findings));
    }

    public static Transition resolved(ResourceId cluster, String at) {
        return entry("r-" + cluster.name() + "-" + at, Transition.Kind.RESOLVED, cluster, Tags.NONE, ClusterStatus.COMPLIANT,
                ClusterStatus.NONCOMPLIANT, at, at, true, List.of());
    }

    public static Transition status(ResourceId cluster, String at, ClusterStatus status, ClusterStatus before) {
        return entry("s-" + cluster.name() + "-" + at, Transition.Kind.STATUS, cluster, Tags.NONE, status, before, at, at,
                true, List.of());
    }

    public static Transition deleted(ResourceId cluster, String at, ClusterStatus before) {
        return entry("d-" + cluster.name() + "-" + at, Transition.Kind.DELETED, cluster, Tags.NONE, null, before, at, at,
                true, List.of());
    }

    public static Transition entry(String id, Transition.Kind kind, ResourceId cluster, Tags tags, ClusterStatus status,
                                   ClusterStatus before, String at, String eventTime, boolean fromEvent,
                                   List<Transition.FindingRef> findings) {
        return new Transition(id, kind, cluster, cluster.name(), cluster.subscriptionId(), tags, status, before, findings,
                List.of(), Instant.parse(at), eventTime == null ? Instant.parse(at) : Instant.parse(eventTime), fromEvent,
                fromEvent ? "Microsoft.Resources.ResourceWriteSuccess" : "byokwatch.Reconcile",
                new Actor("alex.ruiz@contoso.com", null, null, null));
    }

    public static Tags tags(String name, String value) {
        return new Tags(Map.of(name, value));
    }
}
