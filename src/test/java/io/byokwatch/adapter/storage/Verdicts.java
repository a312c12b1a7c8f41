package io.byokwatch.adapter.storage;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.StoredVerdict;

import java.time.Instant;
import java.util.List;

/** Builds stored verdicts for storage tests. */
final class Verdicts {
    static final Instant SINCE = Instant.parse("2026-03-01T08:15:30.123456Z");
    static final Instant EVALUATED = Instant.parse("2026-03-02T09:00:00.654321Z");

    private Verdicts() {
    }

    static ResourceId clusterId(String subscription, String name) {
        return ResourceId.parse("/subscriptions/" + subscription + "/resourceGroups/rg-aks/providers/"
                + "Microsoft.ContainerService/managedClusters/" + name);
    }

    static ResourceId clusterId(String name) {
        return clusterId("11111111-2222-3333-4444-555555555555", name);
    }

    static StoredVerdict noncompliant(ResourceId id) {
        return new StoredVerdict(id, id.name(), id.subscriptionId(), "noncompliant",
                List.of("BW-KEY-002|" + id.key(), "BW-DES-001|" + id.key()),
                "{\"cluster\":\"" + id.name() + "\",\"status\":\"noncompliant\"}", SINCE, EVALUATED,
                null, null, null);
    }

    static StoredVerdict withDetail(StoredVerdict v, String detail) {
        return new StoredVerdict(v.clusterId(), v.clusterName(), v.subscriptionId(), v.status(), v.findingKeys(),
                detail, v.since(), v.evaluatedAt(), v.lastAlertAt(), v.lastAlertKind(), v.version());
    }

    static StoredVerdict compliantAfterAlert(StoredVerdict read, Instant alertAt) {
        return new StoredVerdict(read.clusterId(), read.clusterName(), read.subscriptionId(), "compliant", List.of(),
                "{\"status\":\"compliant\"}", alertAt, alertAt, alertAt, "became-compliant", read.version());
    }
}
